// RSA session keys through OpenSSL's raw RSA with implicit rejection (issue 11): the same
// plaintext as openpgp.js for gpg's messages, the same failure for every kind of bad padding
// or session-key framing (no error that tells them apart, and a synthetic key that is
// deterministic per ciphertext), and the draft's own implicit-rejection test vectors.
// Fixtures: test/fixtures/pgp/rsa-raw/ (scripts/make-rsa-raw-fixtures.mjs); no gpg runs here.
import { constants, createPrivateKey, createPublicKey, publicEncrypt, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { classifyPgpError, decryptPgp, encryptedDataOffset } from './decrypt.js';
import { pgpConfig } from './pgp-config.js';
import { decryptPkcs1Implicit, rsaPrivateFromJwk, rsaPrivateOf, rsaSessionKeyCandidates } from './rsa-session-key.js';
import { fastSessionKeys } from './session-keys.js';

const DIR = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pgp', 'rsa-raw');
const read = (f: string) => readFileSync(path.join(DIR, f), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as { messages: Array<{ file: string; key: string; plaintext: string; note: string }> };
const config = pgpConfig(LIMITS);
const AES = [openpgp.enums.symmetric.aes128, openpgp.enums.symmetric.aes192, openpgp.enums.symmetric.aes256];
const keys: Record<string, openpgp.PrivateKey> = {};

beforeAll(async () => {
  for (const name of ['rsa2048', 'rsa3072', 'rsa4096', 'rsa3072-v6']) keys[name] = await openpgp.readPrivateKey({ armoredKey: read(`${name}.sec.asc`) });
});

/** openpgp.js's own path (decryptionKeys), as decrypt.ts ran before the fast path: plaintext or the error code. */
async function openpgpAlone(armored: string, key: openpgp.PrivateKey): Promise<string> {
  const message = await openpgp.readMessage({ armoredMessage: armored, config });
  try {
    const r = await openpgp.decrypt({ message, decryptionKeys: key, format: 'binary', config });
    return Buffer.from(r.data as Uint8Array).toString();
  } catch (e) {
    return classifyPgpError(e, 'PGP_CORRUPT').code;
  }
}

async function refusal(armored: string, key: openpgp.PrivateKey): Promise<SectriageError> {
  try {
    await decryptPgp(armored, { keys: [key], verificationKeys: [], limits: LIMITS });
  } catch (e) {
    return e as SectriageError;
  }
  throw new Error('opened a message that must not open');
}

/** `armored` with its one PKESK's c replaced: a new-format tag-1 packet, then the encrypted data packet as it was. */
async function replaceCiphertext(armored: string, c: Uint8Array) {
  const binary = Buffer.from((await openpgp.unarmor(armored)).data as Uint8Array);
  const pkesk = (await openpgp.readMessage({ binaryMessage: binary })).packets[0] as unknown as { encrypted: { c: Uint8Array }; write(): Uint8Array };
  pkesk.encrypted.c = c;
  const body = pkesk.write();
  const len = body.length - 192; // two-octet length: 192..8383 octets
  const packet = Buffer.concat([Buffer.from([0xc1, (len >> 8) + 192, len & 0xff]), body, binary.subarray(encryptedDataOffset(binary))]);
  return { armored: openpgp.armor(openpgp.enums.armor.message, packet), pkesk: pkesk as unknown as Parameters<typeof rsaSessionKeyCandidates>[0] };
}

describe('gpg-made messages to RSA keys', () => {
  const opening = manifest.messages.filter((m) => !/cast5|hidden|v6/.test(m.file));

  it.each(opening)('$file ($note) opens to the same plaintext through the fast path as through openpgp.js alone', async (m) => {
    const key = keys[m.key]!;
    const armored = read(m.file);
    const sessionKeys = await fastSessionKeys(await openpgp.readMessage({ armoredMessage: armored }), [key], config);
    expect(sessionKeys, 'the fast path takes this message').toBeDefined();
    // The fast path's keys alone open it, so the plaintext below did not come from openpgp.js's RSA.
    const viaKeys = await openpgp.decrypt({
      message: await openpgp.readMessage({ armoredMessage: armored }),
      sessionKeys: sessionKeys!,
      format: 'binary',
      config,
    });
    expect(Buffer.from(viaKeys.data as Uint8Array).toString()).toBe(m.plaintext);
    const fast = await decryptPgp(armored, { keys: [key], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(fast.data).toString()).toBe(m.plaintext);
    expect(await openpgpAlone(armored, key)).toBe(m.plaintext);
  });

  it("a v6 PKESK to a v6 RSA key (SEIPDv2) opens through the fast path; openpgp.js 6.3's constant-time mode never opens one", async () => {
    const m = manifest.messages.find((x) => x.file.includes('v6'))!;
    const fast = await decryptPgp(read(m.file), { keys: [keys[m.key]!], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(fast.data).toString()).toBe(m.plaintext);
    // It compares the v6 payload's absent cipher octet with the SEIPDv2 cipher, so its real key is always discarded.
    expect(await openpgpAlone(read(m.file), keys[m.key]!)).toBe('PGP_UNSUPPORTED');
    const { armored: broken } = await replaceCiphertext(read(m.file), Object.assign(randomBytes(384), { 0: 0 })); // below n
    expect(await fastSessionKeys(await openpgp.readMessage({ armoredMessage: broken }), [keys[m.key]!], config)).toHaveLength(1);
    expect((await refusal(broken, keys[m.key]!)).code).toBe(await openpgpAlone(broken, keys[m.key]!));
  });

  it('a message to two of our RSA keys gives one real key among synthetic ones per PKESK, and a stranger PKESK is skipped', async () => {
    const armored = read('gpg-rsa4096-and-rsa2048.asc');
    const both = await fastSessionKeys(await openpgp.readMessage({ armoredMessage: armored }), [keys.rsa4096!, keys.rsa2048!], config);
    const real = (await openpgp.decryptSessionKeys({ message: await openpgp.readMessage({ armoredMessage: armored }), decryptionKeys: keys.rsa2048! }))[0]!;
    expect(both).toHaveLength(6); // two PKESKs x AES-128/192/256
    expect(both!.filter((s) => Buffer.from(s.data).equals(real.data))).toHaveLength(2);
    const onlyOne = await fastSessionKeys(await openpgp.readMessage({ armoredMessage: armored }), [keys.rsa4096!], config);
    expect(onlyOne).toHaveLength(3);
  });

  it('a hidden recipient is left to openpgp.js (which tries every key) and still opens', async () => {
    const armored = read('gpg-rsa2048-hidden.asc');
    expect(await fastSessionKeys(await openpgp.readMessage({ armoredMessage: armored }), [keys.rsa2048!], config)).toBeUndefined();
    const d = await decryptPgp(armored, { keys: [keys.rsa2048!], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(d.data).toString()).toContain('fixture gpg-rsa2048-hidden');
  });

  it("CAST5 under RSA fails the same way on both paths (openpgp.js's constant-time PKCS#1 mode takes only AES)", async () => {
    const armored = read('gpg-rsa2048-cast5.asc');
    expect(await fastSessionKeys(await openpgp.readMessage({ armoredMessage: armored }), [keys.rsa2048!], config)).toHaveLength(3);
    const e = await refusal(armored, keys.rsa2048!);
    expect(e.code).toBe(await openpgpAlone(armored, keys.rsa2048!));
    expect(e.code).toBe('PGP_INTEGRITY');
  });

  it('builds the KeyObject once per key packet', () => {
    const packet = keys.rsa2048!.subkeys[0]!.keyPacket as unknown as Parameters<typeof rsaPrivateOf>[0];
    const first = rsaPrivateOf(packet);
    expect(first).not.toBeNull();
    expect(rsaPrivateOf(packet)).toBe(first);
  });
});

// ---- crafted ciphertexts: c = m'^e mod n with m' framed right or wrong ------------------------
type Frame = (k: number, payload: Buffer) => Buffer;
const nonZero = (n: number) => Buffer.from(randomBytes(n).map((b) => b | 1));
const pkcs1: Frame = (k, payload) => Buffer.concat([Buffer.from([0, 2]), nonZero(k - 3 - payload.length), Buffer.from([0]), payload]);
const sessionPayload = (algo: number, key: Uint8Array, checksumDelta = 0) => {
  const sum = (key.reduce((s, b) => s + b, 0) + checksumDelta) & 0xffff;
  return Buffer.concat([Buffer.from([algo]), key, Buffer.from([sum >> 8, sum & 0xff])]);
};
const BAD_FRAMES: Array<[string, Frame]> = [
  ['first octet not 0', (k, p) => Object.assign(pkcs1(k, p), { 0: 1 })],
  ['block type 1, not 2', (k, p) => Object.assign(pkcs1(k, p), { 1: 1 })],
  ['no zero separator at all', (k) => Buffer.concat([Buffer.from([0, 2]), nonZero(k - 2)])],
  ['separator after 7 octets of padding', (k) => Buffer.concat([Buffer.from([0, 2]), nonZero(7), Buffer.from([0]), nonZero(k - 10)])],
  ['separator after 0 octets of padding', (k) => Buffer.concat([Buffer.from([0, 2, 0]), nonZero(k - 3)])],
];

describe('bad padding or session-key framing in an RSA PKESK (Bleichenbacher / Marvin)', () => {
  const armored = read('gpg-rsa2048.asc');
  let packet: Parameters<typeof rsaPrivateOf>[0];
  let real: { data: Uint8Array; algorithm: string };
  let k: number;
  const withCiphertext = (c: Uint8Array) => replaceCiphertext(armored, c);
  const encryptRaw = (m: Buffer) => {
    const { n, e } = packet.publicParams;
    const pub = createPublicKey({ key: { kty: 'RSA', n: Buffer.from(n).toString('base64url'), e: Buffer.from(e).toString('base64url') }, format: 'jwk' });
    return new Uint8Array(publicEncrypt({ key: pub, padding: constants.RSA_NO_PADDING }, m));
  };
  beforeAll(async () => {
    packet = keys.rsa2048!.subkeys[0]!.keyPacket as unknown as typeof packet;
    k = packet.publicParams.n.length;
    real = (
      await openpgp.decryptSessionKeys({ message: await openpgp.readMessage({ armoredMessage: armored }), decryptionKeys: keys.rsa2048! })
    )[0]! as typeof real;
  });

  it('control: the real session key, framed right and encrypted here, opens on both paths', async () => {
    const { armored: crafted } = await withCiphertext(encryptRaw(pkcs1(k, sessionPayload(openpgp.enums.symmetric.aes256, real.data))));
    const d = await decryptPgp(crafted, { keys: [keys.rsa2048!], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(d.data).toString()).toContain('fixture gpg-rsa2048.');
    expect(await openpgpAlone(crafted, keys.rsa2048!)).toContain('fixture gpg-rsa2048.');
  });

  const kinds: Array<[string, () => Buffer]> = [
    ...BAD_FRAMES.map(([name, frame]): [string, () => Buffer] => [name, () => frame(k, sessionPayload(openpgp.enums.symmetric.aes256, real.data))]),
    ['checksum off by one', () => pkcs1(k, sessionPayload(openpgp.enums.symmetric.aes256, real.data, 1))],
    ['algorithm octet AES-128 before a 32-octet key', () => pkcs1(k, sessionPayload(openpgp.enums.symmetric.aes128, real.data))],
    ['session key one octet short', () => pkcs1(k, sessionPayload(openpgp.enums.symmetric.aes256, real.data.subarray(1)))],
    ['one octet too many after the key', () => pkcs1(k, Buffer.concat([sessionPayload(openpgp.enums.symmetric.aes256, real.data), Buffer.from([0x42])]))],
  ];

  it.each(kinds)('%s: a synthetic session key, the same for the same ciphertext and another for another', async (_name, make) => {
    const a = await withCiphertext(encryptRaw(make()));
    const b = await withCiphertext(encryptRaw(make())); // same kind, fresh random padding: another ciphertext
    const first = rsaSessionKeyCandidates(a.pkesk, packet, AES)!;
    expect(first.map((s) => s.data.length)).toEqual([16, 24, 32]);
    expect(first.some((s) => Buffer.from(s.data).equals(real.data))).toBe(false);
    expect(rsaSessionKeyCandidates(a.pkesk, packet, AES)).toEqual(first);
    const other = rsaSessionKeyCandidates(b.pkesk, packet, AES)!;
    expect(other.map((s) => Buffer.from(s.data).toString('hex'))).not.toEqual(first.map((s) => Buffer.from(s.data).toString('hex')));
  });

  it('every kind fails in decrypt() with the code openpgp.js alone gives, and with one and the same message', async () => {
    const messages = new Set<string>();
    for (const [name, make] of kinds) {
      const { armored: crafted } = await withCiphertext(encryptRaw(make()));
      const e = await refusal(crafted, keys.rsa2048!);
      expect(e, name).toBeInstanceOf(SectriageError);
      expect(e.code, name).toBe(await openpgpAlone(crafted, keys.rsa2048!));
      messages.add(`${e.code}: ${e.message}`);
    }
    expect([...messages]).toEqual([
      'PGP_INTEGRITY: the ciphertext is not integrity-protected or was modified (Error decrypting message: Modification detected.)',
    ]);
  });

  it('a ciphertext not below the modulus (a public fact) is left to openpgp.js, with the same outcome', async () => {
    const { armored: crafted, pkesk } = await withCiphertext(new Uint8Array(packet.publicParams.n));
    expect(rsaSessionKeyCandidates(pkesk, packet, AES)).toBeNull();
    expect((await refusal(crafted, keys.rsa2048!)).code).toBe(await openpgpAlone(crafted, keys.rsa2048!));
  });
});

describe('draft-irtf-cfrg-rsa-guidance Appendix B implicit-rejection vectors', () => {
  const vectors = JSON.parse(read('draft-vectors/vectors.json')) as {
    sections: Array<{ section: string; key: string; cases: Array<{ title: string; ciphertext: string; message: string }> }>;
  };

  it.each(vectors.sections)('$section: every ciphertext decrypts to its listed message, synthetic ones included', ({ key, cases }) => {
    const keyObject = createPrivateKey(read(`draft-vectors/${key}`));
    const rsa = rsaPrivateFromJwk(keyObject.export({ format: 'jwk' }) as { n: string; d: string }, keyObject);
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const c of cases) expect(Buffer.from(decryptPkcs1Implicit(rsa, Buffer.from(c.ciphertext, 'hex'))!).toString('hex'), c.title).toBe(c.message);
  });
});
