// A large PGP/MIME message is opened in bounded memory (issue 11), and must open exactly
// as the ordinary path opens it: every top-level PGP/MIME fixture made by gpg, sq and
// openpgp.js is opened both ways and compared field by field. Then what the streamed
// decryption must never do: hand out (or keep on disk) plaintext whose integrity check
// failed, or leave a spill file or a descriptor behind on any failure.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { innerMime, pgpMimeEncrypted } from '../../test/helpers/mail.js';
import { LIMITS, MiB, type Limits } from '../limits.js';
import { rawContentType } from '../parse/mime-raw.js';
import { openMessage, type OpenContext, type OpenedMessage } from './open-message.js';
import { closeSpilled } from './opened.js';

const FIXTURES = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pgp');
interface Fixture {
  file: string;
  teamKey: string | null;
  reporterKey: string;
}
const manifest = JSON.parse(readFileSync(path.join(FIXTURES, 'manifest.json'), 'utf8')) as { fixtures: Fixture[] };
const read = (f: string): string => readFileSync(path.join(FIXTURES, f), 'utf8');
const topLevelPgpMime = manifest.fixtures.filter((f) => rawContentType(readFileSync(path.join(FIXTURES, f.file))).value === 'multipart/encrypted');

let spillDir: string;
let team: openpgp.PrivateKey;
beforeAll(async () => {
  spillDir = path.join(mkdtempSync(path.join(tmpdir(), 'large-pgp-mime-')), 'spill');
  team = await openpgp.readPrivateKey({ armoredKey: read('keys/team-gpg-cv25519.sec.asc') });
});
afterAll(() => rmSync(path.join(spillDir, '..'), { recursive: true, force: true }));

const openFds = (): number => readdirSync('/proc/self/fd').length;
const spillFiles = (): string[] => (readdirSync(path.join(spillDir, '..')).includes('spill') ? readdirSync(spillDir) : []);

function ctx(keys: openpgp.PrivateKey[], o: { spill?: boolean; limits?: Partial<Limits>; known?: openpgp.PublicKey[] } = {}): OpenContext {
  return {
    teamKeys: keys,
    limits: { ...LIMITS, ...o.limits },
    knownKeys: async () => o.known ?? [],
    ...(o.spill ? { spill: { dir: spillDir, aboveBytes: 0 } } : {}),
  };
}

/** What a recorded case takes from an opened message; the outer headers only (the large path parses no more of it). */
function recorded(m: OpenedMessage) {
  return {
    encryption: m.encryption,
    failure: m.failure && { code: m.failure.code, message: m.failure.message },
    text: m.text,
    unencryptedText: m.unencryptedText,
    signedPartly: m.signedPartly,
    subject: m.subject,
    from: m.from,
    protectedFrom: m.protectedFrom,
    signatures: m.signatures,
    signature: m.signature,
    payloadHashes: m.payloadHashes,
    offeredKeys: m.offeredKeys.map((k) => k.getFingerprint()),
    attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, encrypted: a.encrypted, sha256: sha(a) })),
    outer: { subject: m.outer.subject, messageId: m.outer.messageId, from: m.outer.from?.text, autocrypt: m.outer.headers.get('autocrypt') },
  };
}

function sha(a: OpenedMessage['attachments'][number]): string {
  return a.spilled ? a.spilled.sha256 : createHash('sha256').update(a.content).digest('hex');
}

describe('a large PGP/MIME message opens as the ordinary path opens it', () => {
  it('covers the PGP/MIME fixtures of every tool', () => {
    expect(topLevelPgpMime.length).toBeGreaterThanOrEqual(30);
  });

  it.each(topLevelPgpMime.map((f) => [f.file, f] as const))('%s', async (_name, f) => {
    const raw = readFileSync(path.join(FIXTURES, f.file));
    const keys = f.teamKey ? await openpgp.readPrivateKeys({ armoredKeys: read(f.teamKey) }) : [];
    const reporter = await openpgp.readKey({ armoredKey: read(f.reporterKey) });
    for (const known of [[], [reporter]]) {
      const ordinary = await openMessage(raw, ctx(keys, { known }));
      const large = await openMessage(raw, ctx(keys, { known, spill: true }));
      expect(recorded(large)).toEqual(recorded(ordinary));
      // It did take the large path: the outer body (the ciphertext) was never parsed.
      expect(large.outer.attachments).toEqual([]);
      expect(ordinary.outer.attachments.length).toBeGreaterThan(0);
    }
    expect(spillFiles()).toEqual([]);
  });
});

describe('RSA fast-path ciphertexts (gpg: AES-128/192/256, CAST5, hidden and two recipients; openpgp.js v6 SEIPDv2) in PGP/MIME', () => {
  const RSA = path.join(FIXTURES, 'rsa-raw');
  const rsa = JSON.parse(readFileSync(path.join(RSA, 'manifest.json'), 'utf8')) as { messages: Array<{ file: string; key: string; plaintext: string }> };

  it.each(rsa.messages.map((m) => [m.file, m] as const))('%s opens the same both ways', async (_name, m) => {
    const key = await openpgp.readPrivateKey({ armoredKey: readFileSync(path.join(RSA, `${m.key}.sec.asc`), 'utf8') });
    const raw = pgpMimeEncrypted({
      from: 'Rita <rita@example.net>',
      to: 'security@example.com',
      armoredCiphertext: readFileSync(path.join(RSA, m.file), 'utf8'),
    });
    const ordinary = await openMessage(raw, ctx([key]));
    const large = await openMessage(raw, ctx([key], { spill: true }));
    expect(recorded(large)).toEqual(recorded(ordinary));
    // gpg-rsa2048-cast5: not opened either way (constant-time RSA takes AES session keys only).
    if (!m.file.includes('cast5')) expect(large.text.replace(/\r\n/g, '\n')).toContain(m.plaintext.split('\n')[2]);
  });
});

describe('a cipher the integrity pass cannot run (not AES)', () => {
  it.each(['cast5', 'twofish'] as const)('%s: decrypted buffered, checked by openpgp.js, with the same result', async (algo) => {
    const armored = (await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: Buffer.from('Content-Type: text/plain\r\n\r\nReport sealed with an old cipher.\r\n') }),
      encryptionKeys: team.toPublic(),
      config: { preferredSymmetricAlgorithm: openpgp.enums.symmetric[algo] },
    })) as string;
    const raw = pgpMimeEncrypted({ from: 'Rita <rita@example.net>', to: 'security@example.com', armoredCiphertext: armored });
    const large = await openMessage(raw, ctx([team], { spill: true }));
    expect(large.text).toContain('old cipher');
    expect(recorded(large)).toEqual(recorded(await openMessage(raw, ctx([team]))));
  });
});

async function bigReport(o: { attachment: Buffer; compress?: boolean }): Promise<{ raw: Buffer; armored: string }> {
  const inner = innerMime({
    from: 'Rita <rita@example.net>',
    to: 'security@example.com',
    subject: 'RCE in the upload handler',
    body: 'The upload handler runs what it is given. PoC attached.\n',
    attachments: [{ filename: 'poc.bin', contentType: 'application/octet-stream', content: o.attachment }],
  });
  const armored = (await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: inner }),
    encryptionKeys: team.toPublic(),
    config: { preferredCompressionAlgorithm: o.compress ? openpgp.enums.compression.zlib : openpgp.enums.compression.uncompressed },
  })) as string;
  return { raw: pgpMimeEncrypted({ from: 'Rita <rita@example.net>', to: 'security@example.com', armoredCiphertext: armored }), armored };
}

/** The same message with one byte of its encrypted data changed, re-armored. */
async function tampered(armored: string, at: number): Promise<Buffer> {
  const { data } = await openpgp.unarmor(armored);
  const bytes = Buffer.from(data as Uint8Array);
  bytes[Math.floor(bytes.length * at)]! ^= 0x01;
  return pgpMimeEncrypted({
    from: 'Rita <rita@example.net>',
    to: 'security@example.com',
    armoredCiphertext: openpgp.armor(openpgp.enums.armor.message, bytes),
  });
}

describe('a large message with a large attachment', () => {
  const attachment = randomBytes(3 * MiB);

  it('keeps the attachment in a spill file, byte for byte, not in memory', async () => {
    const { raw } = await bigReport({ attachment, compress: true });
    const before = openFds();
    const opened = await openMessage(raw, ctx([team], { spill: true }));
    expect(opened.encryption).toBe('encrypted');
    expect(opened.text).toContain('PoC attached');
    const [a] = opened.attachments;
    expect(a?.filename).toBe('poc.bin');
    expect(a?.content.length).toBe(0);
    expect(a?.spilled?.sha256).toBe(createHash('sha256').update(attachment).digest('hex'));
    expect(a?.spilled?.file.readAll().equals(attachment)).toBe(true);
    expect(openFds()).toBe(before + 1); // the attachment's file, and nothing else
    expect(spillFiles()).toEqual([]); // unlinked: nothing to find on disk
    closeSpilled(opened.attachments);
    expect(openFds()).toBe(before);
  });

  it.each([
    ['compressed', true, 0.5],
    ['compressed, near the end', true, 0.98],
    ['uncompressed', false, 0.5],
    ['uncompressed, near the start', false, 0.05],
  ])('tampered ciphertext (%s) is undecryptable (PGP_INTEGRITY): no text, no attachment, no file, no descriptor', async (_n, compress, at) => {
    const { armored } = await bigReport({ attachment, compress });
    const raw = await tampered(armored, at);
    const before = openFds();
    const opened = await openMessage(raw, ctx([team], { spill: true }));
    expect(opened.encryption).toBe('undecryptable');
    expect(opened.failure?.code).toBe('PGP_INTEGRITY');
    expect([opened.text, opened.attachments]).toEqual(['', []]);
    expect(openFds()).toBe(before);
    expect(spillFiles()).toEqual([]);
    // The ordinary path says the same.
    expect((await openMessage(raw, ctx([team]))).failure?.code).toBe('PGP_INTEGRITY');
  });

  it('more plaintext than limits.maxDecryptedBytes is refused (PGP_LIMIT) and its spill file is gone', async () => {
    const { raw } = await bigReport({ attachment, compress: false });
    const before = openFds();
    const opened = await openMessage(raw, ctx([team], { spill: true, limits: { maxDecryptedBytes: 2 * MiB } }));
    expect(opened.failure?.code).toBe('PGP_LIMIT');
    expect(openFds()).toBe(before);
    expect(spillFiles()).toEqual([]);
  });

  it('a zlib bomb over limits.maxDecryptedBytes is refused (PGP_LIMIT) without inflating it all', async () => {
    const { raw } = await bigReport({ attachment: Buffer.alloc(64 * MiB), compress: true });
    const opened = await openMessage(raw, ctx([team], { spill: true, limits: { maxDecryptedBytes: 8 * MiB } }));
    expect(opened.failure?.code).toBe('PGP_LIMIT');
    expect(spillFiles()).toEqual([]);
  });

  it('too many attachments is refused (MESSAGE_UNPARSEABLE) and the spilled ones are freed', async () => {
    const { raw } = await bigReport({ attachment, compress: true });
    const before = openFds();
    await expect(openMessage(raw, ctx([team], { spill: true, limits: { maxAttachments: 0 } }))).rejects.toMatchObject({ code: 'MESSAGE_UNPARSEABLE' });
    expect(openFds()).toBe(before);
  });

  it('an octet-stream part in base64 is opened the ordinary way, with the same result', async () => {
    const { raw } = await bigReport({ attachment: randomBytes(64 * 1024) });
    const s = raw.toString('latin1');
    const start = s.indexOf('-----BEGIN PGP MESSAGE-----');
    const end = s.indexOf('-----END PGP MESSAGE-----') + '-----END PGP MESSAGE-----'.length;
    const b64 = Buffer.from(s.slice(start, end), 'latin1').toString('base64').replace(/.{76}/g, '$&\r\n');
    const encoded = Buffer.from(
      s.slice(0, start).replace('Content-Disposition: inline; filename="encrypted.asc"', 'Content-Transfer-Encoding: base64') + b64 + s.slice(end),
      'latin1',
    );
    const large = await openMessage(encoded, ctx([team], { spill: true }));
    expect(large.encryption).toBe('encrypted');
    expect(recorded(large)).toEqual(recorded(await openMessage(encoded, ctx([team]))));
  });
});
