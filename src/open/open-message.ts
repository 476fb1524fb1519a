/**
 * The "open" stage: takes the raw bytes of one message and returns what it says,
 * decrypted where it was encrypted, with the signatures checked and the parts that
 * were NOT encrypted kept apart (Efail: an unencrypted part never passes for an
 * encrypted one). Input is hostile. A message we cannot decrypt is not an error
 * here: it comes back as encryption 'undecryptable' with the reason, so the caller
 * can hold it and tell the sender.
 *
 * Shapes handled: PGP/MIME (RFC 3156 multipart/encrypted), also when wrapped in one
 * signature layer (multipart/signed around it) or mangled by MS Exchange into
 * multipart/mixed; inside it, signed-then-encrypted (RFC 3156 §6.1, a multipart/signed
 * verified over its raw bytes) or signed-and-encrypted (§6.2); protected headers
 * (RFC 9788); PGP/MIME signed cleartext (§5); inline armored blocks in text/plain or
 * in an HTML body; clear-signed text and signed-only armored messages (gpg --sign
 * --armor); encrypted files (.asc/.pgp/.gpg) attached to a
 * plain mail. Whatever came outside the encryption (text around an inline block, the
 * body of a mail carrying an encrypted file, other parts) is returned apart, as
 * unencryptedText, and the message is 'partial': never merged into the report text.
 * A multipart/encrypted nested inside multipart/mixed is NOT opened as the message.
 *
 * This module only tells the shapes apart; each is opened by its own module:
 * pgp-mime.ts (a large one, with a spill folder, in bounded memory: pgp-mime-large.ts),
 * signed.ts (PGP/MIME signed, clear-signed), inline.ts, encrypted-files.ts, plain.ts;
 * what they return is described in opened.ts.
 */
import { firstAddress, parseMail } from '../parse/parse.js';
import { findArmorBlocks } from './armor.js';
import { htmlToPlainText } from '../parse/html-text.js';
import { rawContentType, someLineMatches, splitEntity } from '../parse/mime-raw.js';
import { textCharset } from '../parse/text-charset.js';
import { encryptedPayload } from './encrypted-attachments.js';
import { openEncryptedAttachments, type EncryptedFile } from './encrypted-files.js';
import { openInline } from './inline.js';
import { toAttachment, type OpenContext, type OpenedMessage } from './opened.js';
import { encryptedEntity, openPgpMime } from './pgp-mime.js';
import { isLargePgpMime, openLargePgpMime } from './pgp-mime-large.js';
import { nestedPgpPart, openNestedPgpMime } from './nested-pgp-mime.js';
import { plain } from './plain.js';
import { isSignedOnly, openClearSigned, openSignedCleartext } from './signed.js';

// The types stay importable from here, where the stage's callers have always found them.
export type { Attachment, Encryption, OpenContext, OpenedMessage } from './opened.js';

export async function openMessage(raw: Buffer, context: OpenContext): Promise<OpenedMessage> {
  return noteLeftOut(raw, await openShape(raw, context));
}

/**
 * Never silent (issue 16): OpenPGP content the message holds that did not become its
 * encryption or signature status (a forwarded or nested message, a signature layer over
 * ciphertext) is named in `leftOut`, which the case shows the team.
 */
function noteLeftOut(raw: Buffer, o: OpenedMessage): OpenedMessage {
  if (o.leftOut || o.encryption === 'undecryptable') return o;
  if (o.encryption === 'none' && someLineMatches(raw, /^content-type:[ \t]*multipart\/encrypted/im)) return { ...o, leftOut: NESTED_UNOPENED };
  if (o.signature.status === 'none' && someLineMatches(raw, /^content-type:[ \t]*application\/pgp-signature|^-----BEGIN PGP SIGNATURE-----/im)) {
    return { ...o, leftOut: SIGNATURE_UNUSED };
  }
  if (o.signature.status === 'none' && rawContentType(raw).value === 'multipart/signed') return { ...o, leftOut: SIGNATURE_MISSING };
  return o;
}

async function openShape(raw: Buffer, context: OpenContext): Promise<OpenedMessage> {
  const ctx: OpenContext = { ...context, budget: { left: context.limits.maxPgpRecipients } };
  if (isLargePgpMime(raw, ctx)) {
    // Only the headers are parsed: the body is the ciphertext, read from `raw` in pieces.
    const head = await parseMail(Buffer.concat([splitEntity(raw).headers, Buffer.from('\r\n')]), ctx.limits);
    const opened = await openLargePgpMime(raw, head, firstAddress(head.from), ctx);
    if (opened) return opened;
  }
  const outer = await parseMail(raw, ctx.limits);
  const outerFrom = firstAddress(outer.from);
  ctx.textCharset = textCharset(raw);
  const encrypted = encryptedEntity(raw, outer);
  if (encrypted) return openPgpMime(outer, encrypted, outerFrom, ctx);
  const ct = rawContentType(raw);
  if (ct.value === 'multipart/signed' && (ct.params.protocol ?? '').toLowerCase() === 'application/pgp-signature') {
    return openSignedCleartext(outer, raw, outerFrom, ctx);
  }
  // PGP/MIME as a part of a mixed message: the sender's own beside a footer or an
  // attachment is opened; someone else's ciphertext is not (nested-pgp-mime.ts).
  const nested = nestedPgpPart(raw);
  if (nested) return openNestedPgpMime(outer, raw, nested, outerFrom, ctx);
  // Deeper (a forwarded message, under a signature and a mixed layer): someone's
  // ciphertext wrapped in another mail (Efail's direct exfiltration), not a file the
  // sender attached: not opened, and said so. (Attaching the armor as a file instead is
  // caught, like any ciphertext seen before, by the replay check on its payload hash.)
  const nestedPgpMime = /^content-type:[ \t]*multipart\/encrypted/im.test(raw.toString('latin1'));
  const attached: EncryptedFile[] = nestedPgpMime
    ? []
    : outer.attachments
        .map((a) => ({ part: a, payload: encryptedPayload(toAttachment(a, false)) }))
        .filter((x): x is EncryptedFile => x.payload !== undefined)
        .slice(0, ctx.limits.maxPgpBlocks);
  // Webmail wraps the armor in markup; look at the HTML's text as well.
  const htmlText = typeof outer.html === 'string' ? htmlToPlainText(outer.html, ctx.limits.maxHtmlBytesToParse) : '';
  const sources = [outer.text ?? '', htmlText].map((source) => ({ source, blocks: findArmorBlocks(source, ctx.limits.maxPgpBlocks) }));
  for (const { source, blocks } of sources) {
    const messages = blocks.filter((b) => b.kind === 'MESSAGE');
    // `gpg --sign --armor` pasted in a body is a signed message, not a broken encrypted one.
    const signedOnly = messages.length > 0 && attached.length === 0 && (await everyAsync(messages, (b) => isSignedOnly(b.text, ctx)));
    if (messages.length > 0 && !signedOnly) return openInline(outer, outerFrom, source, messages, attached, ctx);
  }
  if (attached.length > 0) return openEncryptedAttachments(outer, outerFrom, attached, ctx);
  for (const { source, blocks } of sources) {
    const signed = blocks.filter((b) => b.kind === 'SIGNED MESSAGE' || b.kind === 'MESSAGE');
    if (signed.length > 0) return openClearSigned(outer, outerFrom, source, signed, ctx);
  }
  return plain(outer, outerFrom, ctx);
}

/** What the case says of a PGP/MIME message found deeper in this one (item 10 of issue 16). */
const NESTED_UNOPENED = 'an encrypted message inside it (forwarded, or nested under other parts) is not opened as the sender’s report';
/** ... and of a signature that is not the sender's over this message's text. */
const SIGNATURE_UNUSED = 'a signature in it (on a forwarded or nested message, or over ciphertext) is not taken as the sender’s';
/** ... and of a multipart/signed message that lost its signature on the way. */
const SIGNATURE_MISSING = 'it says it is signed (multipart/signed) but carries no signature part: it counts as not signed';

async function everyAsync<T>(items: T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (!(await test(item))) return false;
  return true;
}
