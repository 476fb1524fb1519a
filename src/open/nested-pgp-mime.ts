/**
 * PGP/MIME as one part of a multipart/mixed: a list or Google Group that added a footer
 * part, or KMail's encrypted text with an unencrypted attachment beside it. Input is
 * hostile, and this is also the shape of Efail's direct exfiltration (someone else's
 * ciphertext wrapped beside the wrapper's own parts), so the rule is:
 * - only a direct part of a top-level multipart/mixed is looked at (deeper nesting and
 *   forwarded messages stay unopened, and the message says so in `leftOut`);
 * - an encrypted part is the sender's own when what it holds is validly signed by a key
 *   whose user ID is the From address; then it is the message, and everything beside it
 *   is kept apart as unencrypted (the message is `partial`). Otherwise its plaintext is
 *   dropped unused (never stored, never in `text`), and `leftOut` says why;
 * - one it cannot decrypt is undecryptable, as a top-level one is (the sender is asked);
 * - a signed (not encrypted) part is verified over its exact bytes; what is beside it
 *   is kept apart and the message is signed only partly.
 */
import { multipartParts, rawContentType } from '../parse/mime-raw.js';
import { parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import { toAttachment, type Attachment, type OpenContext, type OpenedMessage } from './opened.js';
import { openPgpMime } from './pgp-mime.js';
import { plain } from './plain.js';
import { openSignedCleartext } from './signed.js';

/** A direct part of a top-level multipart/mixed that is PGP/MIME, encrypted or signed: at most one. */
export interface NestedPart {
  kind: 'encrypted' | 'signed';
  raw: Buffer;
}

export function nestedPgpPart(raw: Buffer): NestedPart | undefined {
  if (rawContentType(raw).value !== 'multipart/mixed') return undefined;
  const found = multipartParts(raw, 20).flatMap((part): NestedPart[] => {
    const ct = rawContentType(part);
    const protocol = (ct.params.protocol ?? '').toLowerCase();
    if (ct.value === 'multipart/encrypted') return [{ kind: 'encrypted', raw: part }];
    if (ct.value === 'multipart/signed' && protocol === 'application/pgp-signature') return [{ kind: 'signed', raw: part }];
    return [];
  });
  // Two or more: not one sender's message with a footer; left as they are.
  return found.length === 1 ? found[0] : undefined;
}

export async function openNestedPgpMime(outer: ParsedMail, raw: Buffer, part: NestedPart, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const inside =
    part.kind === 'encrypted'
      ? await openPgpMime(outer, { raw: part.raw, exchange: false, top: false }, from, ctx)
      : await openSignedCleartext(outer, part.raw, from, ctx);
  if (inside.encryption === 'undecryptable') return inside;
  const own = inside.signatures.some((s) => s.status === 'valid' && s.uidMatchesFrom === true);
  if (part.kind === 'encrypted' && !own) {
    return {
      ...(await plain(outer, from, ctx)),
      leftOut: 'an encrypted part beside other parts, not signed by the sender: someone else’s ciphertext, perhaps',
    };
  }
  // What came beside the PGP/MIME part (a footer's text, an attachment), each part parsed alone.
  const beside = await besideParts(multipartParts(raw, 20), part.raw, ctx);
  const apart = beside.text !== '' || beside.attachments.length > 0;
  return {
    ...inside,
    encryption: inside.encryption === 'encrypted' && apart ? 'partial' : inside.encryption,
    unencryptedText: [inside.unencryptedText, beside.text].filter((t) => t !== '').join('\n\n'),
    attachments: [...inside.attachments, ...beside.attachments],
    signedPartly: inside.signedPartly || (inside.signature.status === 'valid' && apart),
  };
}

async function besideParts(parts: Buffer[], pgp: Buffer, ctx: OpenContext): Promise<{ text: string; attachments: Attachment[] }> {
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  for (const p of parts) {
    if (p.equals(pgp)) continue;
    const parsed = await parseMail(p, ctx.limits);
    if (parsed.text?.trim()) texts.push(parsed.text.trim());
    attachments.push(...parsed.attachments.map((a) => toAttachment(a, false)));
  }
  return { text: texts.join('\n\n'), attachments };
}
