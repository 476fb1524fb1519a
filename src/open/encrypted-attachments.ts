/**
 * Recognises encrypted files attached to an otherwise plain mail (report.txt.asc,
 * poc.py.gpg, notes.pgp; armored or binary) and names what they decrypt to. Input is
 * hostile: recognition looks only at the name, the declared type and the first bytes,
 * never trusts them to be what they claim, and leaves decryption to decrypt.ts.
 */
import type { Part } from './offered-keys.js';

const ENCRYPTED_EXT = /\.(asc|pgp|gpg)$/i;
const TEXT_EXT = /\.(txt|text|md|markdown|eml)$/i;

/** The OpenPGP message inside the part, armored or binary, if it looks like one. */
export function encryptedPayload(p: Part): string | Uint8Array | undefined {
  const named = ENCRYPTED_EXT.test(p.filename ?? '');
  const typed = ['application/pgp-encrypted', 'application/pgp'].includes(p.contentType.toLowerCase());
  if (!named && !typed) return undefined;
  const head = p.content.subarray(0, 4096).toString('latin1');
  if (head.includes('-----BEGIN PGP MESSAGE-----')) return p.content.toString('latin1');
  if (head.includes('-----BEGIN PGP')) return undefined; // a key or a signature, not a message
  // Binary: an OpenPGP message starts with a session key packet (tag 1 PKESK or 3 SKESK),
  // old format (0b10ttttll) or new format (0b11tttttt).
  const b = p.content[0];
  if (b === undefined || (b & 0x80) === 0) return undefined;
  const tag = b & 0x40 ? b & 0x3f : (b >> 2) & 0x0f;
  return tag === 1 || tag === 3 ? new Uint8Array(p.content) : undefined;
}

/** "report.txt.asc" → "report.txt"; a nameless part gets a neutral name. */
export function decryptedName(p: Part): string {
  const name = (p.filename ?? '').replace(ENCRYPTED_EXT, '');
  return name || 'decrypted.bin';
}

/** Whether the decrypted file is the report's text rather than a file that comes with it. */
export function isReportText(name: string, data: Uint8Array): boolean {
  if (!TEXT_EXT.test(name)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}
