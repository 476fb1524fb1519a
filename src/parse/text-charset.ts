/**
 * Charsets of report text that is not UTF-8 (KMail, Outlook and mutt sent ISO-8859-x,
 * windows-125x and KOI8 for years): which one the text part declares, decoding bytes we
 * decrypted from it, and encoding a text back to the bytes its sender signed. Pure.
 * Input: hostile header values and bytes; an unknown charset name decodes as
 * windows-1252 (every byte maps to something) and encodes to nothing.
 */
import iconv from 'iconv-lite';
import { multipartParts, rawContentType } from './mime-raw.js';

/** How deep in nested multiparts the text part is looked for (a list footer adds one). */
const MAX_DEPTH = 4;

/** The declared charset of the message's text: the top-level text part, or the first text/plain part of a multipart. */
export function textCharset(raw: Buffer, depth = 0): string | undefined {
  const ct = rawContentType(raw);
  if (ct.value.startsWith('text/')) return normalise(ct.params.charset);
  if (!ct.value.startsWith('multipart/') || depth >= MAX_DEPTH) return undefined;
  for (const part of multipartParts(raw, 20)) {
    const pct = rawContentType(part);
    if (pct.value === 'text/plain' || pct.value.startsWith('multipart/')) {
      const found = textCharset(part, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** A charset label, lower-cased; undefined for none or UTF-8's own names (no conversion needed). */
function normalise(label: string | undefined): string | undefined {
  const c = label?.trim().replace(/^"|"$/g, '').toLowerCase();
  // A charset name is a token (RFC 2978); anything else is not one, and is never passed on.
  if (!c || !/^[a-z0-9._:+-]{1,40}$/.test(c)) return undefined;
  return c !== 'utf-8' && c !== 'utf8' && c !== 'us-ascii' ? c : undefined;
}

/** The charset of an armored block's `Charset:` header (GnuPG 1.x, Enigmail), if it names one other than UTF-8. */
export function armorCharset(armored: string): string | undefined {
  const head = armored.split(/\r?\n\r?\n/, 1)[0] ?? '';
  return normalise(/^Charset:[ \t]*(\S+)/im.exec(head)?.[1]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decrypted text bytes as a string: UTF-8 when they are valid UTF-8 (what every current
 * client writes, whatever the part says), else in the first charset declared for them
 * (the armor's, then the part's), else windows-1252.
 */
export function decodeText(bytes: Uint8Array, declared: Array<string | undefined>): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const charset = declared.find((c) => c && iconv.encodingExists(c)) ?? 'windows-1252';
    return iconv.decode(Buffer.from(bytes), charset);
  }
}

/** The text in a legacy charset's bytes, or undefined when the charset is unknown or cannot hold the text. */
export function encodeText(text: string, charset: string): Buffer | undefined {
  if (!iconv.encodingExists(charset)) return undefined;
  const bytes = iconv.encode(text, charset);
  // A character the charset lacks becomes "?": then these are not the bytes anyone signed.
  return iconv.decode(bytes, charset) === text ? bytes : undefined;
}
