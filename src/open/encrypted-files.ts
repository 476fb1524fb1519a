/**
 * A plain mail carrying encrypted files (report.txt.asc, poc.py.gpg): the files that
 * encrypted-attachments.ts recognises are decrypted here, one by one. Input is hostile:
 * a file that does not open stays as it came, marked not encrypted, and the mail's own
 * body, never encrypted, is kept apart from the report's text (Efail).
 */
import { SectriageError } from '../errors.js';
import { htmlToPlainText } from '../parse/html-text.js';
import type { Address, ParsedMail } from '../parse/parse.js';
import { assemble } from './assemble.js';
import type { Decrypted } from './decrypt.js';
import { decryptedName, isReportText } from './encrypted-attachments.js';
import { asPgpError, toAttachment, undecryptable, type Attachment, type OpenContext, type OpenedMessage } from './opened.js';
import { decryptWithKnown } from './sender-keys.js';
import type { SignatureResult } from './signatures.js';

export type EncryptedFile = { part: ParsedMail['attachments'][number]; payload: string | Uint8Array };

/**
 * A plain mail carrying encrypted files (report.txt.asc, poc.py.gpg). The files are
 * decrypted and kept as encrypted attachments; a decrypted text file is the report's
 * text. The mail's own body was not encrypted: it is kept apart (Efail) and the
 * message is "partial" unless that body is empty. Held as undecryptable only when no
 * file opens: one file for someone else (evidence the reporter forwards) must not
 * cost the rest of the report.
 */
export async function openEncryptedAttachments(
  outer: ParsedMail,
  from: Address | undefined,
  attached: EncryptedFile[],
  ctx: OpenContext,
): Promise<OpenedMessage> {
  const f = await decryptFiles(attached, from, ctx);
  if (f.decrypted.length === 0) return undecryptable(outer, from, f.failure ?? new SectriageError('PGP_CORRUPT', 'no encrypted file could be read'));
  const others = outer.attachments.filter((a) => !attached.some((x) => x.part === a)).map((a) => toAttachment(a, false));
  const body = (outer.text ?? (typeof outer.html === 'string' ? htmlToPlainText(outer.html, ctx.limits.maxHtmlBytesToParse) : '')).trim();
  return assemble(outer, from, ctx, {
    texts: f.texts,
    decrypted: f.decrypted,
    plainAttachments: [...others, ...f.unopened],
    perPayload: f.perPayload,
    hashes: f.hashes,
    unencrypted: body,
    onlyPayload: f.onlyPayload,
  });
}

/** Decrypts encrypted files; the ones that do not open stay as they came, marked not encrypted. */
export async function decryptFiles(attached: EncryptedFile[], from: Address | undefined, ctx: OpenContext) {
  const texts: string[] = [];
  const decrypted: Attachment[] = [];
  const unopened: Attachment[] = [];
  const perPayload: SignatureResult[][] = [];
  const hashes: string[] = [];
  let failure: SectriageError | undefined;
  let opened: string | Uint8Array | undefined;
  for (const { part, payload } of attached) {
    let dec: Decrypted;
    try {
      dec = await decryptWithKnown(payload, from, ctx, []);
    } catch (e) {
      failure ??= asPgpError(e);
      unopened.push(toAttachment(part, false));
      continue;
    }
    opened = payload;
    const name = decryptedName(toAttachment(part, false));
    const content = Buffer.from(dec.data.buffer, dec.data.byteOffset, dec.data.byteLength);
    const isText = isReportText(name, dec.data);
    if (isText) texts.push(content.toString('utf8'));
    decrypted.push({ filename: name, contentType: isText ? 'text/plain' : 'application/octet-stream', content, encrypted: true });
    perPayload.push(dec.signatures);
    hashes.push(dec.payloadHash);
  }
  return { texts, decrypted, unopened, perPayload, hashes, failure, onlyPayload: decrypted.length === 1 ? opened : undefined };
}
