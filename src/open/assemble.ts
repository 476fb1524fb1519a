/**
 * One result for inline blocks and encrypted files alike: the decrypted text and
 * files, with whatever came outside the encryption kept apart, and the signatures of
 * every payload. Input is what the decryption returned from hostile ciphertext; the
 * message counts as encrypted only when nothing came beside it.
 */
import type { Address, ParsedMail } from '../parse/parse.js';
import { checkAttachmentCount, type Attachment, type OpenContext, type OpenedMessage } from './opened.js';
import { offeredFor, reverifyWithOffered } from './sender-keys.js';
import { summarise, type SignatureResult } from './signatures.js';

/** What the openers decrypted, and what came beside it unencrypted. */
export interface Payloads {
  texts: string[];
  decrypted: Attachment[];
  plainAttachments: Attachment[];
  perPayload: SignatureResult[][];
  hashes: string[];
  unencrypted: string;
  onlyPayload: string | Uint8Array | undefined;
}

/**
 * The result of inline blocks or encrypted files: decrypted text and files, with what
 * came outside the encryption kept apart; "partial" when there is any. A signature by
 * a key the message itself offers can only be checked after decrypting once, so a
 * single payload is verified again with the offered keys.
 */
export async function assemble(outer: ParsedMail, from: Address | undefined, ctx: OpenContext, r: Payloads): Promise<OpenedMessage> {
  const all = [...r.decrypted, ...r.plainAttachments];
  checkAttachmentCount(all, ctx.limits);
  const text = r.texts.join('\n\n');
  // A key attached beside the encrypted data is as much the sender's offer as one inside
  // it: either is trusted only on first contact, and only with the sender's address on it.
  const keys = await offeredFor(outer, text, all, from);
  let perPayload = r.perPayload;
  const only = perPayload.length === 1 ? perPayload[0]! : [];
  if (keys.length && only.some((s) => s.status === 'unknown_key') && r.onlyPayload !== undefined) {
    perPayload = [
      (await reverifyWithOffered(r.onlyPayload, { data: new Uint8Array(), signatures: only, recipientKeyIds: [], payloadHash: '' }, from, ctx, keys))
        .signatures,
    ];
  }
  const sigs = perPayload.flat();
  const signature = summarise(sigs);
  const partial = Boolean(r.unencrypted || r.plainAttachments.length);
  return {
    outer,
    encryption: partial ? 'partial' : 'encrypted',
    text,
    unencryptedText: r.unencrypted,
    signedPartly: signature.status === 'valid' && (partial || perPayload.some((p) => !p.some((x) => x.status === 'valid'))),
    attachments: all,
    signatures: sigs,
    signature,
    subject: outer.subject ?? '',
    from,
    offeredKeys: keys,
    payloadHashes: r.hashes,
  };
}
