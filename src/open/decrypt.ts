/**
 * Decrypts one OpenPGP message (armored or binary) with the team keys and checks
 * every signature in it. Input is hostile: ciphertext from anyone. Sizes are
 * bounded by pgpConfig; unauthenticated ciphertext is refused (Efail); every failure
 * becomes a SectriageError whose code says why (no key, corrupt, integrity, limit,
 * unsupported), so the case can tell the reporter exactly what to do.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { SectriageError, type ErrorCode } from '../errors.js';
import type { Limits } from '../limits.js';
import { pgpConfig } from './pgp-config.js';
import { rsaSessionKeys } from './rsa-session-key.js';
import { checkSignatures, type SignatureResult } from './signatures.js';

export interface Decrypted {
  data: Uint8Array;
  signatures: SignatureResult[];
  /** Key IDs the message was encrypted to (0000000000000000 for hidden recipients). */
  recipientKeyIds: string[];
  /** sha256 of the message's binary packets, whatever its armor: replay detection. */
  payloadHash: string;
}

export async function decryptPgp(
  input: string | Uint8Array,
  opts: {
    keys: openpgp.PrivateKey[];
    verificationKeys: openpgp.PublicKey[];
    limits: Limits;
    fromAddress?: string | undefined;
    /** Session keys this message may still make us try, shared by all its blocks and retries. */
    budget?: { left: number };
  },
): Promise<Decrypted> {
  const config = pgpConfig(opts.limits);
  let message: openpgp.Message<Uint8Array> | openpgp.Message<string>;
  try {
    message =
      typeof input === 'string' ? await openpgp.readMessage({ armoredMessage: input, config }) : await openpgp.readMessage({ binaryMessage: input, config });
  } catch (cause) {
    throw classifyPgpError(cause, 'PGP_CORRUPT');
  }
  const recipientKeyIds = message.getEncryptionKeyIDs().map((k) => k.toHex().toUpperCase());
  const packets = typeof input === 'string' ? dearmor(input) : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let offset = 0;
  try {
    offset = encryptedDataOffset(packets);
  } catch {
    offset = 0; // a truncated header: hash everything
  }
  const payloadHash = createHash('sha256').update(packets.subarray(offset)).digest('hex');
  const hidden = recipientKeyIds.filter((id) => /^0+$/.test(id)).length;
  const repeats = Math.max(0, ...Object.values(countBy(recipientKeyIds.filter((id) => !/^0+$/.test(id)))));
  if (opts.budget) opts.budget.left -= recipientKeyIds.length;
  if (repeats > 2) throw new SectriageError('PGP_LIMIT', `the same recipient key is named ${repeats} times: a real client names each key once`);
  if (recipientKeyIds.length > opts.limits.maxPgpRecipients || hidden > opts.limits.maxPgpHiddenRecipients || (opts.budget && opts.budget.left < 0)) {
    throw new SectriageError(
      'PGP_LIMIT',
      `encrypted to ${recipientKeyIds.length} recipients (${hidden} hidden); a message may make us try at most limits.maxPgpRecipients (${opts.limits.maxPgpRecipients}) session keys in all its blocks, and limits.maxPgpHiddenRecipients (${opts.limits.maxPgpHiddenRecipients}) hidden ones`,
    );
  }
  if (recipientKeyIds.length === 0 && !message.packets.findPacket(openpgp.enums.packet.symEncryptedSessionKey)) {
    throw new SectriageError('PGP_CORRUPT', 'the OpenPGP data holds no encrypted session key: it is not an encrypted message');
  }
  let result: openpgp.DecryptMessageResult & { data: Uint8Array };
  try {
    // Fast RSA (issue 11): when every PKESK that may be ours is RSA to a named key of ours, its
    // session key comes from OpenSSL's raw RSA with implicit rejection (./rsa-session-key.ts):
    // a bad one is a synthetic key that fails below exactly as openpgp.js's own random one does.
    // undefined (Curve25519, ElGamal, hidden recipients, not ours) keeps openpgp.js's own path.
    const sessionKeys = await rsaSessionKeys(message, opts.keys, config);
    result = (await openpgp.decrypt({
      message: message as openpgp.Message<Uint8Array>,
      ...(sessionKeys ? { sessionKeys } : { decryptionKeys: opts.keys }),
      verificationKeys: opts.verificationKeys,
      format: 'binary',
      config,
    })) as openpgp.DecryptMessageResult & { data: Uint8Array };
  } catch (cause) {
    const err = classifyPgpError(cause, 'PGP_CORRUPT');
    if (err.code === 'PGP_LIMIT' || err.code === 'PGP_INTEGRITY' || err.code === 'PGP_UNSUPPORTED') throw err;
    // Which key the sender used decides what we tell them, so check the recipients
    // before trusting the library's wording (hidden recipients give "Decryption error").
    const ours = new Set(opts.keys.flatMap((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase())));
    const named = recipientKeyIds.filter((id) => !/^0+$/.test(id));
    const hidden = named.length < recipientKeyIds.length;
    if (recipientKeyIds.length > 0 && !named.some((id) => ours.has(id))) {
      throw new SectriageError(
        'PGP_NO_KEY',
        hidden && named.length === 0
          ? 'encrypted to a hidden recipient, and none of our keys can decrypt it'
          : `encrypted to key(s) ${named.join(', ')}${hidden ? ' and hidden recipients' : ''}, none of which we can decrypt with`,
        { cause },
      );
    }
    throw err;
  }
  const signatures = await checkSignatures(result.signatures, opts.verificationKeys, opts.fromAddress);
  return { data: result.data, signatures, recipientKeyIds, payloadHash };
}

/**
 * The binary packets inside ASCII armor, ignoring armor headers, line lengths and the
 * checksum, so the same ciphertext re-armored differently still hashes the same.
 * (message.write() would do it too, but it consumes the packet streams decrypt needs.)
 */
function dearmor(armored: string): Buffer {
  const lines = armored.split(/\r?\n/).map((l) => l.trim());
  const begin = lines.findIndex((l) => l.startsWith('-----BEGIN PGP'));
  let i = begin + 1;
  while (i < lines.length && lines[i] !== '') i++; // armor headers end at the first empty line
  const body: string[] = [];
  for (i++; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.startsWith('-----END PGP') || (l.startsWith('=') && l.length === 5)) break;
    body.push(l);
  }
  return Buffer.from(body.join(''), 'base64');
}

function countBy(items: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[i] = (out[i] ?? 0) + 1;
  return out;
}

/**
 * Where the encrypted data packet starts (SEIPD, AEAD or legacy SED), skipping the
 * session-key and marker packets before it. Replay detection hashes from there: a
 * replayer can add, drop or reorder recipients and markers, but not change the
 * ciphertext without breaking it. Falls back to 0 on anything unexpected.
 */
export function encryptedDataOffset(b: Buffer): number {
  let at = 0;
  for (let n = 0; n < 1000 && at < b.length; n++) {
    const first = b[at] as number;
    if ((first & 0x80) === 0) return 0;
    let tag: number;
    let len: number;
    let head: number;
    if (first & 0x40) {
      tag = first & 0x3f;
      const l0 = b[at + 1] ?? 0;
      if (l0 < 192) [len, head] = [l0, 2];
      else if (l0 < 224) [len, head] = [((l0 - 192) << 8) + (b[at + 2] ?? 0) + 192, 3];
      else if (l0 === 255) [len, head] = [b.readUInt32BE(at + 2), 6];
      else return tag === 9 || tag === 18 || tag === 20 ? at : 0; // partial length: only data packets stream
    } else {
      tag = (first >> 2) & 0x0f;
      const type = first & 3;
      if (type === 0) [len, head] = [b[at + 1] ?? 0, 2];
      else if (type === 1) [len, head] = [b.readUInt16BE(at + 1), 3];
      else if (type === 2) [len, head] = [b.readUInt32BE(at + 1), 5];
      else return tag === 9 || tag === 18 || tag === 20 ? at : 0;
    }
    if (tag === 9 || tag === 18 || tag === 20) return at;
    at += head + len;
  }
  return 0;
}

const PATTERNS: Array<[RegExp, ErrorCode, string]> = [
  [/maximum decompressed message size/i, 'PGP_LIMIT', 'the decrypted data is larger than limits.maxDecryptedBytes'],
  [/modification detected|authentication tag|mdc|not authenticated|integrity/i, 'PGP_INTEGRITY', 'the ciphertext is not integrity-protected or was modified'],
  [/session key decryption failed|no decryption key|decryption key.*not found|no.*secret key/i, 'PGP_NO_KEY', 'none of our keys can decrypt it'],
  [/unsupported|unknown.*(algorithm|packet|version)|not supported/i, 'PGP_UNSUPPORTED', 'it uses an OpenPGP feature or algorithm we do not support'],
  [/armor|misformed|crc|unexpected|malformed|packet/i, 'PGP_CORRUPT', 'the OpenPGP data is damaged'],
];

export function classifyPgpError(cause: unknown, fallback: ErrorCode): SectriageError {
  if (cause instanceof SectriageError) return cause;
  const text = cause instanceof Error ? cause.message : String(cause);
  for (const [re, code, explanation] of PATTERNS) {
    if (re.test(text)) return new SectriageError(code, `${explanation} (${text})`, { cause });
  }
  return new SectriageError(fallback, `cannot decrypt: ${text}`, { cause });
}
