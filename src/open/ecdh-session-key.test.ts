// Curve25519 session keys through node:crypto (issue 11): the same session key as openpgp.js
// for every gpg- and sq-made message to a cv25519 key in the fixture table, the same key for
// PKESKs crafted here with each of the KDF variants old encoders used, and nothing opened
// (openpgp.js's path decides, and fails the same way) for a tampered or hostile PKESK.
// Fixtures: test/fixtures/pgp/ (scripts/make-pgp-fixtures.mjs, gpg 2.2 and sq 0.27).
import { createCipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { classifyPgpError, decryptPgp } from './decrypt.js';
import { ecdhPrivateOf, ecdhSessionKey, type EcdhKeyPacket, type EcdhPkesk } from './ecdh-session-key.js';
import { pgpConfig } from './pgp-config.js';
import { fastSessionKeys } from './session-keys.js';

const DIR = path.join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pgp');
const manifest = JSON.parse(readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as {
  fixtures: Array<{ file: string; keyType: string | null; teamKey: string }>;
};
const config = pgpConfig(LIMITS);
const ARMOR = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/g;
/** Every armored message to a gpg- or sq-made cv25519 team key, with the key's file. */
const blocks = manifest.fixtures
  .filter((f) => f.keyType === 'cv25519' && /^messages\/(gpg|sq)-/.test(f.file) && !f.file.includes('hidden'))
  .flatMap((f) =>
    (readFileSync(path.join(DIR, f.file), 'utf8').replace(/\r\n/g, '\n').match(ARMOR) ?? []).map((armored, i) => ({
      name: `${f.file} #${i + 1}`,
      armored,
      keyFile: f.teamKey,
    })),
  );
const keys = new Map<string, openpgp.PrivateKey>();

beforeAll(async () => {
  for (const f of new Set(blocks.map((b) => b.keyFile))) keys.set(f, await openpgp.readPrivateKey({ armoredKey: readFileSync(path.join(DIR, f), 'utf8') }));
});

const message = (armored: string) => openpgp.readMessage({ armoredMessage: armored, config });

/** openpgp.js's own path: plaintext, or the code decrypt.ts would give its error. */
async function openpgpAlone(armored: string, key: openpgp.PrivateKey): Promise<string> {
  try {
    return Buffer.from((await openpgp.decrypt({ message: await message(armored), decryptionKeys: key, format: 'binary', config })).data as Uint8Array).toString(
      'hex',
    );
  } catch (e) {
    return classifyPgpError(e, 'PGP_CORRUPT').code;
  }
}

describe('gpg- and sq-made messages to Curve25519 keys', () => {
  it('the fixture table holds such messages from both tools', () => {
    expect(blocks.filter((b) => b.name.startsWith('messages/gpg-')).length).toBeGreaterThan(5);
    expect(blocks.filter((b) => b.name.startsWith('messages/sq-')).length).toBeGreaterThan(5);
  });

  it.each(blocks)('$name: the fast path gives the session key openpgp.js gives, and it opens the message', async ({ armored, keyFile }) => {
    const key = keys.get(keyFile)!;
    const fast = await fastSessionKeys(await message(armored), [key], config);
    expect(fast, 'the fast path takes this message').toBeDefined();
    const theirs = await openpgp.decryptSessionKeys({ message: await message(armored), decryptionKeys: key, config });
    expect(fast!.map((s) => [Buffer.from(s.data).toString('hex'), s.algorithm])).toEqual(theirs.map((s) => [Buffer.from(s.data).toString('hex'), s.algorithm]));
    const opened = await decryptPgp(armored, { keys: [key], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(opened.data).toString('hex')).toBe(await openpgpAlone(armored, key));
  });

  it('a hidden recipient is left to openpgp.js (which tries every key) and still opens', async () => {
    const f = manifest.fixtures.find((x) => x.file === 'messages/gpg-cv25519-hidden-recipients.eml')!;
    const armored = readFileSync(path.join(DIR, f.file), 'utf8').replace(/\r\n/g, '\n').match(ARMOR)![0]!;
    const key = keys.get(f.teamKey)!;
    expect(await fastSessionKeys(await message(armored), [key], config)).toBeUndefined();
    const opened = await decryptPgp(armored, { keys: [key], verificationKeys: [], limits: LIMITS });
    expect(Buffer.from(opened.data).toString()).toContain('Marker: gpg-cv25519-hidden-recipients');
  });

  it('builds the KeyObject once per key packet, and takes no signing or RSA key', () => {
    const key = keys.values().next().value!;
    const packet = key.subkeys[0]!.keyPacket as unknown as EcdhKeyPacket;
    const first = ecdhPrivateOf(packet);
    expect(first).not.toBeNull();
    expect(ecdhPrivateOf(packet)).toBe(first);
    expect(ecdhPrivateOf(key.keyPacket as unknown as EcdhKeyPacket)).toBeNull(); // the Ed25519 primary
  });
});

// ---- PKESKs made here: RFC 6637 by hand, the way an encoder (old or new) would ----------------
type Variant = 'as is' | 'leading zeros dropped (old Go)' | 'trailing zeros dropped (old openpgp.js)';

interface Crafted {
  pkesk: EcdhPkesk & { decrypt(key: unknown): Promise<void>; sessionKey: Uint8Array | null; sessionKeyAlgorithm: number | null };
  packet: EcdhKeyPacket;
  sessionKey: Buffer;
}

/** A fresh ephemeral key whose shared secret with Q starts (or ends) with a zero octet, when the variant needs one. */
function ephemeralFor(Q: Uint8Array, variant: Variant) {
  const recipient = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(Q.subarray(1)).toString('base64url') }, format: 'jwk' });
  for (;;) {
    const { privateKey, publicKey } = generateKeyPairSync('x25519');
    const shared = diffieHellman({ privateKey, publicKey: recipient });
    const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    if (variant === 'as is') return { x, secret: shared };
    if (variant.startsWith('leading') && shared[0] === 0) return { x, secret: shared.subarray(shared.findIndex((b) => b !== 0)) };
    if (variant.startsWith('trailing') && shared[31] === 0) {
      let end = 32;
      while (shared[end - 1] === 0) end--;
      return { x, secret: shared.subarray(0, end) };
    }
  }
}

/** A v3 PKESK to the key's ECDH subkey carrying an AES-256 session key, wrapped per RFC 6637 §8 with the KEK of `variant`. */
async function craft(key: openpgp.PrivateKey, variant: Variant, tamper: (m: { V: Uint8Array; C: Buffer }) => void = () => {}): Promise<Crafted> {
  const sub = key.subkeys[0]!.keyPacket as unknown as EcdhKeyPacket & { getKeyID(): openpgp.KeyID };
  const { oid, Q, kdfParams } = sub.publicParams as Required<EcdhKeyPacket['publicParams']>;
  const { x, secret } = ephemeralFor(Q, variant);
  const param = Buffer.concat([oid.write(), Buffer.from([sub.algorithm]), kdfParams.write(), Buffer.from('Anonymous Sender    '), sub.getFingerprintBytes()!]);
  const hash = { [openpgp.enums.hash.sha256]: 'sha256', [openpgp.enums.hash.sha384]: 'sha384', [openpgp.enums.hash.sha512]: 'sha512' }[kdfParams.hash!]!;
  const size = { [openpgp.enums.symmetric.aes128]: 16, [openpgp.enums.symmetric.aes192]: 24, [openpgp.enums.symmetric.aes256]: 32 }[kdfParams.cipher!]!;
  const kek = createHash(hash)
    .update(Buffer.from([0, 0, 0, 1]))
    .update(secret)
    .update(param)
    .digest()
    .subarray(0, size);
  const sessionKey = randomBytes(32);
  const sum = sessionKey.reduce((s, b) => (s + b) & 0xffff, 0);
  const m = Buffer.concat([Buffer.from([openpgp.enums.symmetric.aes256]), sessionKey, Buffer.from([sum >> 8, sum & 0xff])]);
  const pad = 8 - (m.length % 8);
  const w = createCipheriv(`id-aes${size * 8}-wrap`, kek, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
  const parts = { V: Uint8Array.from([0x40, ...x]), C: Buffer.concat([w.update(Buffer.concat([m, Buffer.alloc(pad, pad)])), w.final()]) };
  tamper(parts);
  const pkesk = new openpgp.PublicKeyEncryptedSessionKeyPacket() as unknown as Crafted['pkesk'] & { publicKeyID: openpgp.KeyID };
  Object.assign(pkesk, { version: 3, publicKeyID: sub.getKeyID(), publicKeyAlgorithm: sub.algorithm, encrypted: { V: parts.V, C: { data: parts.C } } });
  return { pkesk, packet: sub, sessionKey };
}

/** openpgp.js's own reading of the same PKESK: the session key, or null when it refuses it. */
async function theirs(c: Crafted): Promise<Uint8Array | null> {
  try {
    await c.pkesk.decrypt(c.packet);
    return c.pkesk.sessionKey;
  } catch {
    return null;
  }
}

describe('PKESKs crafted here', () => {
  const key = () => keys.get(blocks[0]!.keyFile)!;

  it.each<Variant>(['as is', 'leading zeros dropped (old Go)', 'trailing zeros dropped (old openpgp.js)'])(
    'KEK from the shared secret %s: opened, to the key openpgp.js reads',
    async (variant) => {
      const c = await craft(key(), variant);
      const fast = ecdhSessionKey(c.pkesk, c.packet);
      expect(fast && Buffer.from(fast.data)).toEqual(c.sessionKey);
      expect(fast?.algorithm).toBe('aes256');
      expect(Buffer.from((await theirs(c))!)).toEqual(c.sessionKey);
    },
  );

  const hostile: Array<[string, (m: { V: Uint8Array; C: Buffer }) => void]> = [
    ['a flipped bit in the wrapped key (the unwrap integrity check)', (m) => void (m.C[5]! ^= 1)],
    ['a wrapped key cut short', (m) => void (m.C = m.C.subarray(0, 16))],
    ['an ephemeral point of small order (all-zero shared secret)', (m) => void (m.V = Uint8Array.from([0x40, ...Buffer.alloc(32)]))],
    ['an ephemeral point without the 0x40 prefix', (m) => void (m.V = Uint8Array.from([0x04, ...m.V.subarray(1)]))],
    ['an ephemeral point of 31 octets', (m) => void (m.V = m.V.subarray(0, 32))],
  ];
  it.each(hostile)('%s: nothing from the fast path, and openpgp.js refuses it too', async (_name, tamper) => {
    const c = await craft(key(), 'as is', tamper);
    expect(ecdhSessionKey(c.pkesk, c.packet)).toBeNull();
    expect(await theirs(c)).toBeNull();
  });

  it('a wrong checksum or cipher octet under a good wrap: nothing from the fast path, and openpgp.js refuses it too', async () => {
    // A checksum off by one; a cipher octet no cipher has (one that names another cipher of the
    // same key size passes both paths here and fails later, at the data's integrity check).
    for (const [at, to] of [
      [33, 1],
      [0, 99],
    ] as const) {
      const c = await craft(key(), 'as is');
      // Rewrap with one octet of the plaintext changed: the KEK is the fast path's own, read back out.
      const ours = ecdhPrivateOf(c.packet)!;
      const secret = diffieHellman({
        privateKey: ours.key,
        publicKey: createPublicKey({
          key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(c.pkesk.encrypted!.V!.subarray(1)).toString('base64url') },
          format: 'jwk',
        }),
      });
      const kek = createHash(ours.hash)
        .update(Buffer.from([0, 0, 0, 1]))
        .update(secret)
        .update(ours.param)
        .digest()
        .subarray(0, ours.wrap[1]);
      const sum = c.sessionKey.reduce((s, b) => (s + b) & 0xffff, 0);
      const m = Buffer.concat([Buffer.from([openpgp.enums.symmetric.aes256]), c.sessionKey, Buffer.from([sum >> 8, sum & 0xff]), Buffer.alloc(5, 5)]);
      m[at] = at === 0 ? to : (m[at]! + to) & 0xff;
      const w = createCipheriv(ours.wrap[0], kek, Buffer.from('a6a6a6a6a6a6a6a6', 'hex'));
      c.pkesk.encrypted!.C = { data: Buffer.concat([w.update(m), w.final()]) };
      expect(ecdhSessionKey(c.pkesk, c.packet)).toBeNull();
      expect(await theirs(c)).toBeNull();
    }
  });

  it('a key that is not ours gives nothing (the unwrap fails), without an error', async () => {
    const other = (await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'o@example.org' }], format: 'object' })).privateKey;
    const otherPacket = other.subkeys[0]!.keyPacket as unknown as EcdhKeyPacket;
    expect(ecdhPrivateOf(otherPacket)).not.toBeNull(); // a key this path takes: the unwrap is what refuses
    const c = await craft(key(), 'as is');
    expect(ecdhSessionKey(c.pkesk, otherPacket)).toBeNull();
  });
});

describe('whole messages made here with openpgp.js', () => {
  const gpgKey = () => keys.get(blocks.find((b) => b.name.startsWith('messages/gpg-'))!.keyFile)!;
  const sqKey = () => keys.get(blocks.find((b) => b.name.startsWith('messages/sq-'))!.keyFile)!;
  const to = async (recipients: openpgp.PrivateKey[], algorithm?: openpgp.enums.symmetricNames) =>
    (await openpgp.encrypt({
      message: await openpgp.createMessage({ text: 'Marker: made here' }),
      encryptionKeys: recipients.map((k) => k.toPublic()),
      ...(algorithm ? { sessionKey: { data: randomBytes(algorithm === 'aes192' ? 24 : algorithm === 'aes128' ? 16 : 32), algorithm } } : {}),
    })) as string;

  it.each<[string, () => openpgp.PrivateKey, openpgp.enums.symmetricNames]>([
    ['Twofish to the gpg key', gpgKey, 'twofish'],
    ['AES-192 to the sq key, which prefers only AES-256 and AES-128', sqKey, 'aes192'],
  ])('a cipher openpgp.js refuses as not preferred (%s) is left to it, and refused the same way', async (_name, which, algorithm) => {
    const armored = await to([which()], algorithm);
    expect(await fastSessionKeys(await message(armored), [which()], config)).toBeUndefined();
    const alone = await openpgpAlone(armored, which());
    expect(alone).toMatch(/^PGP_/);
    await expect(decryptPgp(armored, { keys: [which()], verificationKeys: [], limits: LIMITS })).rejects.toMatchObject({ code: alone });
  });

  it('a preferred cipher opens through the fast path', async () => {
    const armored = await to([sqKey()], 'aes128');
    expect(await fastSessionKeys(await message(armored), [sqKey()], config)).toHaveLength(1);
    expect(Buffer.from((await decryptPgp(armored, { keys: [sqKey()], verificationKeys: [], limits: LIMITS })).data).toString()).toBe('Marker: made here');
  });

  it('a message to an RSA and a Curve25519 key of ours takes both fast paths and opens', async () => {
    const rsa = await openpgp.readPrivateKey({ armoredKey: readFileSync(path.join(DIR, 'keys', 'team-gpg-rsa2048.sec.asc'), 'utf8') });
    const armored = await to([rsa, gpgKey()]);
    const fast = await fastSessionKeys(await message(armored), [rsa, gpgKey()], config);
    expect(fast!.length).toBeGreaterThan(1); // RSA's candidates (one per cipher) and the X25519 key
    expect(Buffer.from((await decryptPgp(armored, { keys: [rsa, gpgKey()], verificationKeys: [], limits: LIMITS })).data).toString()).toBe('Marker: made here');
  });

  it('a v4 key with an X25519 subkey (algorithm 25, not legacy ECDH) is left to openpgp.js and opens', async () => {
    const x25519 = (await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email: 'x@example.org' }], format: 'object' })).privateKey;
    const armored = await to([x25519]);
    expect(await fastSessionKeys(await message(armored), [x25519], config)).toBeUndefined();
    expect(Buffer.from((await decryptPgp(armored, { keys: [x25519], verificationKeys: [], limits: LIMITS })).data).toString()).toBe('Marker: made here');
  });
});
