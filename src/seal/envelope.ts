/**
 * The sealed form of one stored value (AES-256-GCM from node:crypto): a 4-byte mark,
 * a random 96-bit nonce, the ciphertext and the 16-byte tag. The associated data names
 * where the value belongs (its scope and column), so a sealed value copied into another
 * case or column does not open. Pure: keys and bytes in, bytes out; the input to open()
 * is whatever the database holds, so anything that is not a whole, authentic envelope
 * is an error (SEAL_INVALID), never a guess.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SectriageError } from '../errors.js';

/** "\0SK" and a format version: a sealed value starts with it; plain text never does (it has no NUL). */
export const SEAL_MARK = Buffer.from([0x00, 0x53, 0x4b, 0x01]);
const NONCE = 12;
const TAG = 16;
/** Bytes a sealed value adds to its plaintext. */
export const SEAL_OVERHEAD = SEAL_MARK.length + NONCE + TAG;
export const KEY_BYTES = 32;

export function isSealed(v: unknown): v is Buffer {
  // Byte by byte, not subarray().equals(): a list of 10,000 cases asks this of every cell.
  return Buffer.isBuffer(v) && v.length >= SEAL_OVERHEAD && v[0] === 0x00 && v[1] === 0x53 && v[2] === 0x4b && v[3] === 0x01;
}

// Nonces are cut from a pool of random bytes refilled 4 KiB at a time: one randomBytes
// call per value cost more than the AES-GCM of a short field, and a report seals ~25
// values (issue 11). Each nonce is used once and the pool is never rewound; nonces are
// public (they are stored beside the ciphertext), so holding the next ones is no secret.
const NONCE_POOL_BYTES = NONCE * 341;
let noncePool = Buffer.alloc(0);
let nonceAt = 0;

function nextNonce(): Buffer {
  if (nonceAt + NONCE > noncePool.length) {
    noncePool = randomBytes(NONCE_POOL_BYTES);
    nonceAt = 0;
  }
  nonceAt += NONCE;
  return noncePool.subarray(nonceAt - NONCE, nonceAt);
}

export function seal(key: Buffer, aad: string, plain: Buffer): Buffer {
  const nonce = nextNonce();
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = cipher.update(plain);
  const rest = cipher.final();
  return Buffer.concat([SEAL_MARK, nonce, body, rest, cipher.getAuthTag()]);
}

export function open(key: Buffer, aad: string, sealed: Buffer): Buffer {
  if (!isSealed(sealed)) throw new SectriageError('SEAL_INVALID', `a value of ${aad} is not sealed where it must be`);
  const at = SEAL_MARK.length;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(at, at + NONCE));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG));
  try {
    const plain = decipher.update(sealed.subarray(at + NONCE, sealed.length - TAG));
    // GCM holds nothing back: final() only checks the tag, and returns no bytes to join.
    const rest = decipher.final();
    return rest.length === 0 ? plain : Buffer.concat([plain, rest]);
  } catch (cause) {
    throw new SectriageError('SEAL_INVALID', `a sealed value of ${aad} does not open: wrong key, or it was altered or moved`, { cause });
  }
}

/** A data key wrapped by a key-encryption key, bound to its scope. */
export function wrapKey(kek: Buffer, scope: string, dek: Buffer): Buffer {
  return seal(kek, `data-key\n${scope}`, dek);
}

export function unwrapKey(kek: Buffer, scope: string, wrapped: Buffer): Buffer {
  const dek = open(kek, `data-key\n${scope}`, wrapped);
  if (dek.length !== KEY_BYTES) throw new SectriageError('SEAL_INVALID', `the data key of ${scope} has ${dek.length} bytes, not ${KEY_BYTES}`);
  return dek;
}

export function newKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
