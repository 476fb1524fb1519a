/**
 * Decrypts one OpenPGP message (armored or binary) with the team keys and checks
 * every signature in it. Input is hostile: ciphertext from anyone. Sizes are
 * bounded by pgpConfig; unauthenticated ciphertext is refused (Efail); every failure
 * becomes a SectriageError whose code says why (no key, corrupt, integrity, limit,
 * unsupported), so the case can tell the reporter exactly what to do. A large message
 * (decryptPgpToFile) is decrypted as a stream into a spill file (../util/spill-file.ts),
 * only after its integrity was checked on its own (./mdc.ts), and the file is handed over
 * only once the whole stream has been read without error.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import { SectriageError, type ErrorCode } from '../errors.js';
import type { Limits } from '../limits.js';
import { streamingKeys } from './mdc.js';
import { armoredPayloadHash } from './payload-hash.js';
import { pgpConfig } from './pgp-config.js';
import { fastSessionKeys } from './session-keys.js';
import { checkSignatures, type SignatureResult } from './signatures.js';
import { spillStream, type SpillFile } from '../util/spill-file.js';

export interface Decrypted {
  data: Uint8Array;
  signatures: SignatureResult[];
  /** Key IDs the message was encrypted to (0000000000000000 for hidden recipients). */
  recipientKeyIds: string[];
  /** sha256 of the message's binary packets, whatever its armor: replay detection. */
  payloadHash: string;
}

/** Armored text still in the bytes it came in (a large PGP/MIME part): read in pieces, never made one string. */
export interface ArmoredBytes {
  armored: Buffer;
}

/** A large message's plaintext in a spill file (close it when done), instead of `data`. */
export type SpilledDecrypted = Omit<Decrypted, 'data'> & { file: SpillFile };

export interface DecryptOptions {
  keys: openpgp.PrivateKey[];
  verificationKeys: openpgp.PublicKey[];
  limits: Limits;
  fromAddress?: string | undefined;
  /** Session keys this message may still make us try, shared by all its blocks and retries. */
  budget?: { left: number };
}

export async function decryptPgp(input: string | Uint8Array, opts: DecryptOptions): Promise<Decrypted> {
  const { data, file, ...rest } = await decryptAny(input, opts, undefined);
  file?.close();
  return { ...rest, data: data ?? new Uint8Array() };
}

/**
 * Decrypts a large message as a stream into a spill file in `spillDir`, so that neither
 * its ciphertext nor its plaintext is held in memory. SEIPD v1 data is first checked on
 * its own (./mdc.ts): openpgp.js streams it only by handing out plaintext before its MDC
 * is checked (allowUnauthenticatedStream), which is then set for data already known to be
 * intact. The file is returned only after the stream ended without error (the MDC is
 * checked again at its end); on any failure it is closed, and so gone, before the error
 * goes on (Efail: nothing unauthenticated is ever used). AEAD data is authenticated chunk
 * by chunk and at its end.
 */
export async function decryptPgpToFile(input: Uint8Array | ArmoredBytes, opts: DecryptOptions & { spillDir: string }): Promise<SpilledDecrypted> {
  const { file, data: _none, ...rest } = await decryptAny(input, opts, opts.spillDir);
  if (!file) throw new Error('decryptPgpToFile: no spill file');
  return { ...rest, file };
}

async function decryptAny(
  input: string | Uint8Array | ArmoredBytes,
  opts: DecryptOptions,
  spillDir: string | undefined,
): Promise<Omit<Decrypted, 'data'> & { data?: Uint8Array; file?: SpillFile }> {
  const config = pgpConfig(opts.limits);
  let message: openpgp.Message<Uint8Array> | openpgp.Message<string>;
  try {
    message = await readInput(input, config, spillDir !== undefined);
  } catch (cause) {
    throw classifyPgpError(cause, 'PGP_CORRUPT');
  }
  const recipientKeyIds = message.getEncryptionKeyIDs().map((k) => k.toHex().toUpperCase());
  const payloadHash = payloadHashOf(input);
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
  let file: SpillFile | undefined;
  try {
    // Fast session keys (issue 11, ./session-keys.ts): when every PKESK that may be ours is RSA or
    // Curve25519 to a named key of ours, its session key comes from OpenSSL (raw RSA with implicit
    // rejection: a bad one is a synthetic key that fails below exactly as openpgp.js's own random
    // one does; X25519 with the key built once). undefined (ElGamal, X25519 keys of algorithm 25, hidden
    // recipients, an ECDH key that does not open, not ours) keeps openpgp.js's own path.
    const sessionKeys = await fastSessionKeys(message, opts.keys, config);
    // Streamed (a large message): SEIPD v1 only after its integrity check passed on its own (./mdc.ts).
    const how = spillDir
      ? await streamingKeys(message, () => readInput(input, config, true), sessionKeys, opts.keys, config)
      : { keys: sessionKeys ? { sessionKeys } : { decryptionKeys: opts.keys }, config };
    result = (await openpgp.decrypt({
      message: message as openpgp.Message<Uint8Array>,
      ...how.keys,
      verificationKeys: opts.verificationKeys,
      format: 'binary',
      config: how.config,
    })) as openpgp.DecryptMessageResult & { data: Uint8Array };
    // Streamed: the integrity check (and a decompression limit) fails here, at the end of the data.
    if (spillDir) {
      const max = opts.limits.maxDecryptedBytes;
      const tooLarge = (): Error => new SectriageError('PGP_LIMIT', `the decrypted data is larger than limits.maxDecryptedBytes (${max} bytes)`);
      file = await spillStream(result.data as unknown as ReadableStream<Uint8Array>, spillDir, max, tooLarge);
    }
  } catch (cause) {
    const err = classifyPgpError(cause, 'PGP_CORRUPT');
    if (err.code === 'PGP_LIMIT' || err.code === 'PGP_INTEGRITY' || err.code === 'PGP_UNSUPPORTED') throw err;
    // A failure of ours (the spill folder's disk) is not the sender's: never "no key".
    if (!err.code.startsWith('PGP_')) throw err;
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
  let signatures: SignatureResult[];
  try {
    signatures = await checkSignatures(result.signatures, opts.verificationKeys, opts.fromAddress);
  } catch (e) {
    file?.close();
    throw e;
  }
  return file ? { file, signatures, recipientKeyIds, payloadHash } : { data: result.data, signatures, recipientKeyIds, payloadHash };
}

function payloadHashOf(input: string | Uint8Array | ArmoredBytes): string {
  if (isArmoredBytes(input)) return armoredPayloadHash(input.armored);
  const packets = typeof input === 'string' ? dearmor(input) : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  let offset = 0;
  try {
    offset = encryptedDataOffset(packets);
  } catch {
    offset = 0; // a truncated header: hash everything
  }
  return createHash('sha256').update(packets.subarray(offset)).digest('hex');
}

function isArmoredBytes(input: string | Uint8Array | ArmoredBytes): input is ArmoredBytes {
  return typeof input === 'object' && 'armored' in input;
}

/** Pieces of a Buffer as a stream, so that openpgp.js reads (and decrypts) as it goes. */
function piecesOf<T>(b: Buffer, piece: (from: number, to: number) => T): ReadableStream<T> {
  let at = 0;
  return new ReadableStream<T>(
    {
      pull(controller) {
        if (at >= b.length) return controller.close();
        const to = Math.min(b.length, at + 64 * 1024);
        controller.enqueue(piece(at, to));
        at = to;
      },
    },
    { highWaterMark: 0 },
  );
}

function readInput(
  input: string | Uint8Array | ArmoredBytes,
  config: openpgp.PartialConfig,
  streaming: boolean,
): Promise<openpgp.Message<Uint8Array> | openpgp.Message<string>> {
  if (typeof input === 'string') return openpgp.readMessage({ armoredMessage: input, config });
  if (isArmoredBytes(input)) {
    const b = input.armored;
    return openpgp.readMessage({ armoredMessage: piecesOf(b, (from, to) => b.toString('latin1', from, to)), config });
  }
  if (!streaming) return openpgp.readMessage({ binaryMessage: input, config });
  const b = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  return openpgp.readMessage({ binaryMessage: piecesOf(b, (from, to) => new Uint8Array(b.buffer, b.byteOffset + from, to - from)), config });
}

/**
 * The binary packets inside ASCII armor, ignoring armor headers, line lengths and the
 * checksum, so the same ciphertext re-armored differently still hashes the same.
 * (message.write() would do it too, but it consumes the packet streams decrypt needs.)
 */
export function dearmor(armored: string): Buffer {
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
