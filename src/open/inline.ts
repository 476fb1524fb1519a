/**
 * Inline PGP: armored -----BEGIN PGP MESSAGE----- blocks in a text/plain body (or in
 * the text of an HTML one), with any encrypted files beside them (Enigmail's and
 * Thunderbird's inline mode). Input is hostile: every block must open or the message
 * is undecryptable, and the text around the blocks is kept apart, never merged in.
 */
import { parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import { armorCharset, decodeText } from '../parse/text-charset.js';
import { textOutside, type findArmorBlocks } from './armor.js';
import { assemble } from './assemble.js';
import type { Decrypted } from './decrypt.js';
import { decryptFiles, type EncryptedFile } from './encrypted-files.js';
import { asPgpError, toAttachment, undecryptable, type Attachment, type OpenContext, type OpenedMessage } from './opened.js';
import { decryptWithKnown } from './sender-keys.js';
import type { SignatureResult } from './signatures.js';

export async function openInline(
  outer: ParsedMail,
  from: Address | undefined,
  source: string,
  blocks: ReturnType<typeof findArmorBlocks>,
  attached: EncryptedFile[],
  ctx: OpenContext,
): Promise<OpenedMessage> {
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  const perPayload: SignatureResult[][] = [];
  const hashes: string[] = [];
  for (const block of blocks) {
    let dec: Decrypted;
    try {
      dec = await decryptWithKnown(block.text, from, ctx, []);
    } catch (e) {
      return undecryptable(outer, from, asPgpError(e));
    }
    const plaintext = Buffer.from(dec.data);
    // Some clients encrypt a whole MIME entity inline; treat it as PGP/MIME's inner part.
    if (/^(content-type|mime-version):/i.test(plaintext.subarray(0, 200).toString('latin1'))) {
      const inner = await parseMail(plaintext, ctx.limits);
      texts.push(inner.text ?? '');
      attachments.push(...inner.attachments.map((a) => toAttachment(a, true)));
    } else {
      // KMail and GnuPG 1.x encrypted the text in the part's charset (Latin-1, -15, KOI8...).
      texts.push(decodeText(plaintext, [armorCharset(block.text), ctx.textCharset]));
    }
    perPayload.push(dec.signatures);
    hashes.push(dec.payloadHash);
  }
  // Encrypted files beside the inline blocks (Enigmail's and Thunderbird's inline mode).
  const files = await decryptFiles(attached, from, ctx);
  const others = outer.attachments.filter((a) => !attached.some((x) => x.part === a)).map((a) => toAttachment(a, false));
  const outside = textOutside(source, blocks).trim();
  return assemble(outer, from, ctx, {
    texts: [...texts, ...files.texts],
    decrypted: [...attachments, ...files.decrypted],
    plainAttachments: [...others, ...files.unopened],
    perPayload: [...perPayload, ...files.perPayload],
    hashes: [...hashes, ...files.hashes],
    unencrypted: outside,
    onlyPayload: blocks.length === 1 && files.decrypted.length === 0 ? blocks[0]!.text : undefined,
  });
}
