/**
 * Curve25519 (legacy ECDH, RFC 6637 / RFC 9580 §5.1.6, the cv25519 keys gpg and sq make)
 * session keys through node:crypto's X25519 with the team key's KeyObject built once,
 * instead of openpgp.js's path, which imports the private key into WebCrypto again for every
 * message and awaits three WebCrypto calls (a tenth of an open worker's time on a backlog,
 * issue 11). The rest is RFC 6637's: the KDF over the shared secret (with openpgp.js's two
 * workarounds for old Go and old openpgp.js encoders), AES key unwrap (RFC 3394, whose
 * integrity check rejects a wrong key), PKCS#5 padding, the cipher octet and the checksum.
 *
 * Trust: the PKESK is hostile ciphertext from anyone; our key packets are trusted. Unlike
 * RSA PKCS#1 v1.5 there is no padding oracle to hide: the unwrap authenticates the wrapped
 * key before anything of it is read, so a failure may simply fall back. Anything this path
 * does not take or cannot open gives null, and openpgp.js's own path then decides (and fails
 * the way it always did): the fast path only ever opens what openpgp.js would open.
 */
import { createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import * as openpgp from 'openpgp';
import { CIPHER_KEY_SIZE } from './cipher-key-sizes.js';

/** What we read of an openpgp.js PKESK packet to an ECDH key. */
export interface EcdhPkesk {
  version: number;
  publicKeyAlgorithm: number;
  encrypted: { V?: Uint8Array; C?: { data?: Uint8Array } } | null;
}

/** What we read of an unlocked openpgp.js ECDH key packet. */
export interface EcdhKeyPacket {
  algorithm: number;
  version: number;
  publicParams: {
    oid?: { write(): Uint8Array; toHex(): string };
    Q?: Uint8Array;
    kdfParams?: { hash: number | null; cipher: number | null; write(): Uint8Array };
  };
  privateParams: { d?: Uint8Array } | null;
  isDecrypted(): boolean | null;
  getFingerprintBytes(): Uint8Array | null;
}

/** The Curve25519 (legacy) OID, 1.3.6.1.4.1.3029.1.5.1, as openpgp.js's OID.toHex() gives it. */
const CURVE25519_LEGACY = '2b060104019755010501';
const { hash: H, symmetric: S } = openpgp.enums;
/** The KDF hashes RFC 6637 allows, by OpenPGP id. */
const HASH = new Map<number, string>([
  [H.sha256, 'sha256'],
  [H.sha384, 'sha384'],
  [H.sha512, 'sha512'],
]);
/** The key-wrap ciphers RFC 6637 allows, by OpenPGP id: node's cipher name and key size in octets. */
const WRAP = new Map<number, [string, number]>([
  [S.aes128, ['id-aes128-wrap', 16]],
  [S.aes192, ['id-aes192-wrap', 24]],
  [S.aes256, ['id-aes256-wrap', 32]],
]);

/** The DER an X25519 private key is wrapped in before its 32 octets (PKCS#8, RFC 8410). */
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
/** RFC 3394's default initial value. */
const KW_IV = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');

/** One ECDH private key ready for use: its X25519 KeyObject and the KDF's parameter block. */
export interface EcdhPrivate {
  key: KeyObject;
  param: Buffer;
  hash: string;
  wrap: [string, number];
}

const cache = new WeakMap<object, EcdhPrivate | null>();

/** The EcdhPrivate of an unlocked Curve25519 key packet, built once per packet; null for anything else. */
export function ecdhPrivateOf(packet: EcdhKeyPacket): EcdhPrivate | null {
  const known = cache.get(packet);
  if (known !== undefined) return known;
  let made: EcdhPrivate | null = null;
  try {
    const { oid, Q, kdfParams } = packet.publicParams;
    const d = packet.privateParams?.d;
    const fingerprint = packet.getFingerprintBytes();
    const hash = kdfParams?.hash != null ? HASH.get(kdfParams.hash) : undefined;
    const wrap = kdfParams?.cipher != null ? WRAP.get(kdfParams.cipher) : undefined;
    // v4 keys only: a v5 key's fingerprint is cut to 20 octets here, and v6 keys use X25519 (algorithm 25) instead.
    if (
      oid &&
      Q &&
      d &&
      kdfParams &&
      fingerprint &&
      hash &&
      wrap &&
      packet.version === 4 &&
      oid.toHex() === CURVE25519_LEGACY &&
      Q.length === 33 &&
      Q[0] === 0x40 &&
      d.length <= 32
    ) {
      // The secret is stored big-endian (an MPI); X25519 wants it little-endian, left-padded first.
      // As PKCS#8 DER in a Buffer, zeroed after (a JWK's base64 string could not be).
      const der = Buffer.concat([PKCS8_X25519, Buffer.alloc(32)]);
      const scalar = der.subarray(PKCS8_X25519.length);
      scalar.set(d, 32 - d.length);
      scalar.reverse();
      const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      der.fill(0);
      made = {
        key,
        // RFC 6637 §8: curve OID, public-key algorithm, KDF parameters, "Anonymous Sender    ", fingerprint.
        param: Buffer.concat([oid.write(), Buffer.from([packet.algorithm]), kdfParams.write(), Buffer.from('Anonymous Sender    ', 'latin1'), fingerprint]),
        hash,
        wrap,
      };
    }
  } catch {
    made = null;
  }
  cache.set(packet, made);
  return made;
}

/** RFC 3394 unwrap, or null when its integrity check fails (the wrong key). */
function unwrap(cipher: string, kek: Buffer, wrapped: Uint8Array): Buffer | null {
  try {
    const d = createDecipheriv(cipher, kek, KW_IV);
    return Buffer.concat([d.update(wrapped), d.final()]);
  } catch {
    return null;
  }
}

/** PKCS#5 padding off, then [cipher octet] key checksum, as openpgp.js decodes it; null when any of it is wrong. */
function sessionKeyOf(padded: Buffer): openpgp.SessionKey | null {
  const pad = padded[padded.length - 1] ?? 0;
  if (pad < 1 || pad > padded.length || !padded.subarray(padded.length - pad).every((b) => b === pad)) return null;
  const m = padded.subarray(0, padded.length - pad);
  const cipher = m[0] as number;
  const key = m.subarray(1, m.length - 2);
  if (m.length < 3 || CIPHER_KEY_SIZE.get(cipher) !== key.length) return null;
  let sum = 0;
  for (const b of key) sum = (sum + b) & 0xffff;
  if (sum !== (((m[m.length - 2] as number) << 8) | (m[m.length - 1] as number))) return null;
  return { data: Uint8Array.from(key), algorithm: openpgp.enums.read(S, cipher) as openpgp.enums.symmetricNames };
}

/**
 * The session key of a v3 PKESK to our Curve25519 key packet, or null when this path does
 * not take the PKESK (another algorithm, a v6 PKESK, a point that is not one) or cannot open
 * it: then openpgp.js's own path decides.
 */
export function ecdhSessionKey(pkesk: EcdhPkesk, packet: EcdhKeyPacket): openpgp.SessionKey | null {
  if (
    pkesk.publicKeyAlgorithm !== openpgp.enums.publicKey.ecdh ||
    packet.algorithm !== pkesk.publicKeyAlgorithm ||
    pkesk.version !== 3 ||
    !packet.isDecrypted()
  )
    return null;
  const V = pkesk.encrypted?.V;
  const C = pkesk.encrypted?.C?.data;
  if (!(V instanceof Uint8Array) || V.length !== 33 || V[0] !== 0x40 || !(C instanceof Uint8Array) || C.length < 24 || C.length % 8 !== 0) return null;
  const ours = ecdhPrivateOf(packet);
  if (!ours) return null;
  let shared: Buffer;
  try {
    // The sender's ephemeral key as a JWK: OpenSSL 3 imports it raw, while SPKI DER goes
    // through its decoder framework, about 0.08 ms against 0.007 ms a message (issue 11).
    const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(V.subarray(1)).toString('base64url') }, format: 'jwk' });
    // OpenSSL refuses an all-zero result (a point of small order), as openpgp.js does.
    shared = diffieHellman({ privateKey: ours.key, publicKey });
  } catch {
    return null;
  }
  const [cipher, size] = ours.wrap;
  // openpgp.js tries the secret as it is, then without leading zeros (old Go), then without trailing ones (old openpgp.js).
  let lead = 0;
  while (lead < shared.length && shared[lead] === 0) lead++;
  let trail = shared.length;
  while (trail > 0 && shared[trail - 1] === 0) trail--;
  const variants = [shared, ...(lead > 0 ? [shared.subarray(lead)] : []), ...(trail < shared.length ? [shared.subarray(0, trail)] : [])];
  for (const x of variants) {
    const digest = createHash(ours.hash)
      .update(Buffer.from([0, 0, 0, 1]))
      .update(x)
      .update(ours.param)
      .digest();
    const padded = unwrap(cipher, digest.subarray(0, size), C);
    digest.fill(0);
    if (!padded) continue;
    const found = sessionKeyOf(padded);
    padded.fill(0);
    shared.fill(0);
    return found;
  }
  shared.fill(0);
  return null;
}
