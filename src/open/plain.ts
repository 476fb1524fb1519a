/**
 * A message with nothing to decrypt or verify: its text and parts as they came,
 * unsigned, with the keys it offers (a first report often brings the reporter's key).
 * Input is hostile parsed mail; nothing in it is taken as signed or encrypted.
 */
import type { Address, ParsedMail } from '../parse/parse.js';
import { checkAttachmentCount, toAttachment, type OpenContext, type OpenedMessage } from './opened.js';
import { offeredFor } from './sender-keys.js';

export async function plain(outer: ParsedMail, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const attachments = outer.attachments.map((a) => toAttachment(a, false));
  checkAttachmentCount(attachments, ctx.limits);
  return {
    outer,
    encryption: 'none',
    text: outer.text ?? '',
    unencryptedText: '',
    signedPartly: false,
    attachments,
    signatures: [],
    signature: { status: 'none' },
    subject: outer.subject ?? '',
    from,
    offeredKeys: await offeredFor(outer, outer.text ?? '', attachments, from),
    payloadHashes: [],
  };
}
