/**
 * The integrity check of a SEIPD v1 packet (RFC 9580 §5.13.1: a SHA-1 "MDC" over the
 * decrypted data) done on its own, as a first streamed pass over a large message's
 * ciphertext, before openpgp.js decrypts it a second time for use. openpgp.js streams
 * SEIPD v1 plaintext only by handing it out before that check (allowUnauthenticatedStream),
 * so without this pass it would decompress and parse unauthenticated data, and its errors
 * would come before the integrity failure the buffered path reports: a format oracle
 * (Efail). With it, a large message is refused for exactly the reasons, in exactly the
 * order, a small one is. Input is hostile ciphertext: only decrypted and hashed here;
 * nothing of the plaintext is kept. AEAD packets (SEIPD v2) are authenticated chunk by
 * chunk by openpgp.js itself and need no such pass.
 */
import { createDecipheriv, createHash, timingSafeEqual } from 'node:crypto';
import * as openpgp from 'openpgp';

type AnyMessage = openpgp.Message<Uint8Array> | openpgp.Message<string>;

/** The SEIPD packet of a message read as a stream, as openpgp.js holds it. */
interface SeipdFields {
  version: number;
  encrypted: ReadableStream<Uint8Array> | Uint8Array | null;
}

const AES_CFB: Partial<Record<string, string>> = { aes128: 'aes-128-cfb', aes192: 'aes-192-cfb', aes256: 'aes-256-cfb' };

/** Whether the message's encrypted data is a SEIPD v1 packet (the one with an MDC). */
export function isSeipdV1(message: AnyMessage): boolean {
  const packet = message.packets.findPacket(openpgp.enums.packet.symEncryptedIntegrityProtectedData) as unknown as SeipdFields | undefined;
  return packet?.version === 1;
}

/**
 * Of the candidate session keys, the first under which the message's SEIPD v1 data passes
 * its integrity check; undefined when none does. 'unsupported' when a candidate's cipher is
 * not AES (OpenSSL has no CAST5 or Twofish here): the caller decrypts buffered instead.
 * `fresh` reads the message anew for each pass (each consumes its ciphertext stream).
 */
export async function intactSessionKey(
  fresh: () => Promise<AnyMessage>,
  candidates: openpgp.DecryptedSessionKey[],
): Promise<openpgp.SessionKey | undefined | 'unsupported'> {
  for (const c of candidates) if (!c.algorithm || !AES_CFB[c.algorithm]) return 'unsupported';
  for (const c of candidates) {
    const packet = (await fresh()).packets.findPacket(openpgp.enums.packet.symEncryptedIntegrityProtectedData) as unknown as SeipdFields | undefined;
    if (!packet?.encrypted) return undefined;
    if (await mdcHolds(packet.encrypted, c.data, AES_CFB[c.algorithm as string] as string))
      return { data: c.data, algorithm: c.algorithm as openpgp.enums.symmetricNames };
  }
  return undefined;
}

/**
 * Decrypts the packet's body (CFB, zero IV, as openpgp.js does) and checks that its last
 * 20 bytes are the SHA-1 of everything before them (random prefix, data, MDC header).
 * A wrong key (a random one, after RSA implicit rejection) fails here like a modified text.
 */
async function mdcHolds(encrypted: ReadableStream<Uint8Array> | Uint8Array, key: Uint8Array, cipher: string): Promise<boolean> {
  const decipher = createDecipheriv(cipher, key, Buffer.alloc(16));
  const sha1 = createHash('sha1');
  let tail = Buffer.alloc(0);
  const feed = (plain: Buffer): void => {
    const both = tail.length ? Buffer.concat([tail, plain]) : plain;
    const keep = Math.min(20, both.length);
    sha1.update(both.subarray(0, both.length - keep));
    tail = Buffer.from(both.subarray(both.length - keep));
  };
  const pieces = encrypted instanceof Uint8Array ? [encrypted] : (encrypted as unknown as AsyncIterable<Uint8Array>);
  for await (const piece of pieces) feed(decipher.update(piece));
  feed(decipher.final());
  return tail.length === 20 && timingSafeEqual(sha1.digest(), tail);
}

/**
 * How to decrypt a large message as a stream: AEAD data as it is; SEIPD v1 data only with
 * the session key whose integrity check passed in a first pass (else the error
 * openpgp.js gives, so it is classified and worded as for a small message), and
 * only then with allowUnauthenticatedStream. A cipher the first pass cannot run is
 * decrypted buffered, checked by openpgp.js before anything is handed out.
 */
export async function streamingKeys(
  message: AnyMessage,
  fresh: () => Promise<AnyMessage>,
  sessionKeys: openpgp.SessionKey[] | undefined,
  decryptionKeys: openpgp.PrivateKey[],
  config: openpgp.PartialConfig,
): Promise<{ keys: { sessionKeys: openpgp.SessionKey[] } | { decryptionKeys: openpgp.PrivateKey[] }; config: openpgp.PartialConfig }> {
  const streaming = { ...config, allowUnauthenticatedStream: true };
  if (!isSeipdV1(message)) return { keys: sessionKeys ? { sessionKeys } : { decryptionKeys }, config: streaming };
  const candidates = sessionKeys ?? (await openpgp.decryptSessionKeys({ message, decryptionKeys, config }));
  const intact = await intactSessionKey(fresh, candidates);
  if (intact === 'unsupported') return { keys: { sessionKeys: candidates as openpgp.SessionKey[] }, config: { ...config, allowUnauthenticatedStream: false } };
  if (!intact) throw new Error('Error decrypting message: Modification detected.'); // openpgp.js's own words, as the buffered path gives them
  return { keys: { sessionKeys: [intact] }, config: streaming };
}
