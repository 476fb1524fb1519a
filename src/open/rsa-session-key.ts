/**
 * RSA session keys through OpenSSL's raw RSA instead of openpgp.js's BigInt RSA. Node >=
 * 20.11.1 refuses PKCS#1 v1.5 privateDecrypt (the Marvin fix), so openpgp.js decrypts RSA in
 * JavaScript BigInt, about 10x slower, three times per PKESK in its constant-time mode.
 * Here c^d mod n comes from node:crypto with RSA_NO_PADDING (a KeyObject built once per key
 * packet), the PKCS#1 v1.5 padding comes off with implicit rejection (draft-irtf-cfrg-rsa-
 * guidance, as OpenSSL >= 3.2 does it: bad padding yields a synthetic message derived from
 * the private key and the ciphertext, never an error), and the OpenPGP session key (algorithm
 * octet for v3, key, 2-octet checksum) is read the way openpgp.js reads it in its constant-
 * time mode: one candidate per cipher it would try, the real key where everything checks out,
 * a key derived like the synthetic message where it does not.
 *
 * Trust: the PKESK is hostile ciphertext from anyone. Our key packets are trusted. Nothing
 * below branches, indexes or throws on decrypted data: the padding check, the synthetic
 * message's length, the algorithm octet and the checksum are folded into 0/1 masks with
 * integer arithmetic (ct* helpers), and every read is at a position fixed by the key size and
 * the cipher, not by the plaintext. What may branch is public: the packet's shape, whether c
 * is below n, which of our keys the key ID names; and decryptPkcs1Implicit's final slice, the
 * draft's own output (used for its test vectors, not on the OpenPGP path). The JWK's CRT values
 * come from BigInt arithmetic on d once per key, not per message. A JIT gives no hard
 * constant-time guarantee; this is the standard openpgp.js keeps in its own PKCS#1 code.
 */
import { constants, createHash, createHmac, createPrivateKey, privateDecrypt, type KeyObject } from 'node:crypto';
import * as openpgp from 'openpgp';
import { CIPHER_KEY_SIZE } from './cipher-key-sizes.js';

/** What we read of an openpgp.js PKESK packet. */
export interface Pkesk {
  version: number;
  publicKeyID: openpgp.KeyID;
  publicKeyAlgorithm: number;
  encrypted: { c?: Uint8Array } | null;
}

/** What we read of an unlocked openpgp.js RSA key packet. */
export interface RsaKeyPacket {
  algorithm: number;
  publicParams: { n: Uint8Array; e: Uint8Array };
  privateParams: { d: Uint8Array; p: Uint8Array; q: Uint8Array; u: Uint8Array } | null;
  isDecrypted(): boolean | null;
}

/** One RSA private key ready for the raw operation: modulus length k, KeyObject, SHA-256 of I2OSP(d, k). */
export interface RsaPrivate {
  k: number;
  n: Buffer;
  key: KeyObject;
  dHash: Buffer;
}

const RSA = new Set<number>([openpgp.enums.publicKey.rsaEncrypt, openpgp.enums.publicKey.rsaEncryptSign]);
const { symmetric } = openpgp.enums;

// ---- constant-time helpers: operands are integers in [0, 2^31); results are 0 or 1 ----------
const ctIsZero = (x: number): number => (x - 1) >>> 31;
const ctEq = (a: number, b: number): number => ctIsZero(a ^ b);
const ctLt = (a: number, b: number): number => (a - b) >>> 31;
/** `bit ? a : b` without a branch. */
const ctSelect = (bit: number, a: number, b: number): number => b ^ ((a ^ b) & -bit);

// ---- keys --------------------------------------------------------------------------------
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const toBigInt = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const fromBigInt = (v: bigint) => {
  const hex = v.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
};
const leftPad = (bytes: Uint8Array, k: number) => Buffer.concat([Buffer.alloc(Math.max(0, k - bytes.length)), bytes]);

/** An RSA private key from a JWK (n, e, d, p, q, dp, dq, qi); also how the draft's PEM test keys come in. */
export function rsaPrivateFromJwk(jwk: { n: string; d: string }, key: KeyObject): RsaPrivate {
  const n = Buffer.from(jwk.n, 'base64url');
  const stripped = n.subarray(n.findIndex((b) => b !== 0));
  const k = stripped.length;
  return {
    k,
    n: leftPad(stripped, k),
    key,
    dHash: createHash('sha256')
      .update(leftPad(Buffer.from(jwk.d, 'base64url'), k))
      .digest(),
  };
}

const cache = new WeakMap<object, RsaPrivate | null>();

/**
 * The RsaPrivate of an unlocked OpenPGP RSA key packet, built once and kept as long as the
 * packet lives; null for a key Node will not take (then openpgp.js's own path decides).
 * OpenPGP's u is p^-1 mod q, JWK's qi is q^-1 mod p: p and q swap, as openpgp.js does.
 */
export function rsaPrivateOf(packet: RsaKeyPacket): RsaPrivate | null {
  const known = cache.get(packet);
  if (known !== undefined) return known;
  let made: RsaPrivate | null = null;
  try {
    const { n, e } = packet.publicParams;
    const { d, p, q, u } = packet.privateParams!;
    const [dN, pN, qN] = [toBigInt(d), toBigInt(p), toBigInt(q)];
    const jwk = {
      kty: 'RSA',
      n: b64(n),
      e: b64(e),
      d: b64(d),
      p: b64(q),
      q: b64(p),
      dp: b64(fromBigInt(dN % (qN - 1n))),
      dq: b64(fromBigInt(dN % (pN - 1n))),
      qi: b64(u),
    };
    made = rsaPrivateFromJwk(jwk, createPrivateKey({ key: jwk, format: 'jwk' }));
    // The PRF below writes the output length in bits into two octets; RSA up to 65535 bits fits.
    if (made.k < 64 || made.k * 8 > 0xffff) made = null;
  } catch {
    made = null;
  }
  cache.set(packet, made);
  return made;
}

// ---- PKCS#1 v1.5 decryption with implicit rejection (draft-irtf-cfrg-rsa-guidance) -------------

/** The draft's IRPRF: HMAC-SHA256(KDK, I2OSP(i, 2) || label || I2OSP(bits, 2)) for i = 0, 1, ..., cut to `length` octets. */
function irprf(kdk: Buffer, label: string, length: number): Buffer {
  const blocks: Buffer[] = [];
  const tail = Buffer.from([(length * 8) >> 8, (length * 8) & 0xff]);
  for (let i = 0; i * 32 < length; i++) {
    blocks.push(
      createHmac('sha256', kdk)
        .update(Buffer.from([i >> 8, i & 0xff]))
        .update(label)
        .update(tail)
        .digest(),
    );
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** KDK = HMAC-SHA256(SHA256(I2OSP(d, k)), C) with C as k octets: one per key and ciphertext. */
const keyDerivationKey = (rsa: RsaPrivate, c: Buffer) => createHmac('sha256', rsa.dHash).update(c).digest();

/** m = c^d mod n as k octets through OpenSSL (RSA_NO_PADDING); c must be k octets and below n. */
function rawDecrypt(rsa: RsaPrivate, c: Buffer): Buffer {
  return privateDecrypt({ key: rsa.key, padding: constants.RSA_NO_PADDING }, c);
}

/**
 * EME-PKCS1-v1_5 decoding with implicit rejection, as OpenSSL's
 * ossl_rsa_padding_check_PKCS1_type_2: `block` holds the k octets of the padded message when
 * the padding is good and the synthetic message when it is not, and the result is
 * block[start..k]. Both come out of masks, with no branch or secret index on the way.
 */
function unpadImplicit(em: Buffer, kdk: Buffer): { block: Uint8Array; start: number } {
  const k = em.length;
  const synthetic = irprf(kdk, 'message', k);
  const lengths = irprf(kdk, 'length', 256);
  // The synthetic length: the last of 128 candidates, masked to the bit length of k - 10, below k - 10.
  const maxSep = k - 10;
  let mask = maxSep;
  mask |= mask >> 1;
  mask |= mask >> 2;
  mask |= mask >> 4;
  mask |= mask >> 8;
  let syntheticLength = 0;
  for (let i = 0; i < 256; i += 2) {
    const candidate = (((lengths[i] as number) << 8) | (lengths[i + 1] as number)) & mask;
    syntheticLength = ctSelect(ctLt(candidate, maxSep), candidate, syntheticLength);
  }
  // 0x00 0x02, at least 8 padding octets, then the first 0x00 separates the message.
  let found = 0;
  let zeroIndex = 0;
  for (let i = 2; i < k; i++) {
    const isZero = ctIsZero(em[i] as number);
    zeroIndex = ctSelect(isZero & (found ^ 1), i, zeroIndex);
    found |= isZero;
  }
  const good = ctIsZero(em[0] as number) & ctEq(em[1] as number, 2) & (ctLt(zeroIndex, 10) ^ 1);
  const block = new Uint8Array(k);
  for (let i = 0; i < k; i++) block[i] = ctSelect(good, em[i] as number, synthetic[i] as number);
  return { block, start: ctSelect(good, zeroIndex + 1, k - syntheticLength) };
}

/** c as k octets, or null when it cannot be an RSA ciphertext for this key (longer than k, or not below n): public facts. */
function ciphertextOf(rsa: RsaPrivate, c: Uint8Array): Buffer | null {
  const first = c.findIndex((b) => b !== 0);
  const stripped = first < 0 ? Buffer.alloc(0) : Buffer.from(c.subarray(first));
  if (stripped.length > rsa.k) return null;
  const padded = leftPad(stripped, rsa.k);
  return Buffer.compare(padded, rsa.n) < 0 ? padded : null;
}

/**
 * RSAES-PKCS1-v1_5 decryption with implicit rejection, the draft's whole algorithm: the
 * message, or the synthetic message for bad padding (no error either way). Its length is the
 * one thing that depends on the plaintext, which the draft allows (a synthetic message's
 * length is as unpredictable as a real one's). For the draft's test vectors; the OpenPGP path
 * below never slices at the secret start.
 */
export function decryptPkcs1Implicit(rsa: RsaPrivate, ciphertext: Uint8Array): Uint8Array | null {
  const c = ciphertextOf(rsa, ciphertext);
  if (!c) return null;
  const { block, start } = unpadImplicit(rawDecrypt(rsa, c), keyDerivationKey(rsa, c));
  return block.subarray(start);
}

// ---- OpenPGP session keys -------------------------------------------------------------------

/**
 * One session key per cipher in `ciphers` (openpgp.js's constant-time set, or the one cipher
 * an SEIPDv2 / AEAD packet names), each the decrypted key when the unpadded message is exactly
 * [algorithm octet (v3) =] cipher, key of the cipher's size, checksum, and a synthetic key
 * otherwise. null when the PKESK is not something this path handles (then openpgp.js decides).
 */
export function rsaSessionKeyCandidates(pkesk: Pkesk, packet: RsaKeyPacket, ciphers: number[]): openpgp.SessionKey[] | null {
  if (!RSA.has(pkesk.publicKeyAlgorithm) || pkesk.publicKeyAlgorithm !== packet.algorithm || !packet.isDecrypted()) return null;
  if ((pkesk.version !== 3 && pkesk.version !== 6) || !(pkesk.encrypted?.c instanceof Uint8Array)) return null;
  const rsa = rsaPrivateOf(packet);
  const c = rsa && ciphertextOf(rsa, pkesk.encrypted.c);
  if (!rsa || !c || ciphers.some((a) => !CIPHER_KEY_SIZE.has(a))) return null;
  let em: Buffer;
  try {
    em = rawDecrypt(rsa, c);
  } catch {
    return null; // OpenSSL refused the operation itself (the key), which does not depend on c's plaintext
  }
  const kdk = keyDerivationKey(rsa, c);
  const { block, start } = unpadImplicit(em, kdk);
  const fallback = irprf(kdk, 'OpenPGP session key', 32);
  const candidates = ciphers.map((cipher) => ({
    data: sessionKeyAt(block, start, pkesk.version === 3 ? cipher : null, CIPHER_KEY_SIZE.get(cipher)!, fallback),
    algorithm: openpgp.enums.read(symmetric, cipher) as openpgp.enums.symmetricNames,
  }));
  em.fill(0);
  block.fill(0);
  return candidates;
}

/**
 * The key of `size` octets if block[start..] is exactly [cipher octet] key checksum, else the
 * fallback's first `size` octets. All reads are at positions fixed by k and size.
 */
function sessionKeyAt(block: Uint8Array, start: number, cipher: number | null, size: number, fallback: Buffer): Uint8Array {
  const k = block.length;
  const keyAt = k - 2 - size;
  const from = cipher === null ? keyAt : keyAt - 1;
  let sum = 0;
  for (let i = 0; i < size; i++) sum = (sum + (block[keyAt + i] as number)) & 0xffff;
  const checksum = ((block[k - 2] as number) << 8) | (block[k - 1] as number);
  const valid = ctEq(start, from) & ctEq(sum, checksum) & (cipher === null ? 1 : ctEq(block[from] as number, cipher));
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[i] = ctSelect(valid, block[keyAt + i] as number, fallback[i] as number);
  return out;
}
