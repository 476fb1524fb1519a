/**
 * Messages signed but not encrypted: PGP/MIME signed (RFC 3156 §5) and clear-signed
 * text (-----BEGIN PGP SIGNED MESSAGE-----). Input is hostile: a signature is checked
 * over the bytes exactly as they came, and only what it covers may count as signed;
 * anything around or beside it is kept apart or flags the message as signed partly.
 */
import * as openpgp from 'openpgp';
import { htmlToPlainText } from '../parse/html-text.js';
import { armorCharset, decodeText, encodeText } from '../parse/text-charset.js';
import { multipartParts, splitEntity } from '../parse/mime-raw.js';
import { parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import { textOutside, type findArmorBlocks } from './armor.js';
import { checkAttachmentCount, toAttachment, type OpenContext, type OpenedMessage } from './opened.js';
import { pgpConfig } from './pgp-config.js';
import { plain } from './plain.js';
import { offeredFor, verificationKeys } from './sender-keys.js';
import { checkSignatures, summarise, unsupportedSignatures, verifyDetached, type SignatureResult } from './signatures.js';

/**
 * PGP/MIME signed, not encrypted (RFC 3156 §5): the signature covers the raw bytes of
 * the first part exactly as they came, so they are cut from the raw message, never
 * rebuilt from a parsed (decoded, re-encoded) copy.
 */
export async function openSignedCleartext(outer: ParsedMail, raw: Buffer, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const [signed, sigPart] = multipartParts(raw, 3);
  if (!signed || !sigPart) return plain(outer, from, ctx);
  const inner = await parseMail(signed, ctx.limits);
  const signature = (await parseMail(sigPart, ctx.limits)).attachments[0]?.content ?? splitEntity(sigPart).body;
  const attachments = inner.attachments.map((a) => toAttachment(a, false));
  checkAttachmentCount(attachments, ctx.limits);
  const text = inner.text ?? (typeof inner.html === 'string' ? htmlToPlainText(inner.html, ctx.limits.maxHtmlBytesToParse) : '');
  const keys = await offeredFor(outer, text, attachments, from);
  const signatures = await verifyDetached(signed, signature, await verificationKeys(from, ctx, keys), from?.address, pgpConfig(ctx.limits));
  return {
    outer,
    encryption: 'none',
    text,
    unencryptedText: '',
    signedPartly: false,
    attachments,
    signatures,
    signature: summarise(signatures),
    subject: outer.subject ?? '',
    from,
    offeredKeys: keys,
    payloadHashes: [],
  };
}

/**
 * Whether an armored -----BEGIN PGP MESSAGE----- block is signed but not encrypted (what
 * `gpg --sign --armor` makes, pasted into a body): no session key packet, a literal data
 * packet (perhaps compressed) with its signature. Unreadable data is not: it goes on to
 * the decryption path, which says why it cannot be opened.
 */
export async function isSignedOnly(armored: string, ctx: OpenContext): Promise<boolean> {
  try {
    const message = await openpgp.readMessage({ armoredMessage: armored, config: pgpConfig(ctx.limits) });
    const tags = new Set(message.packets.map((p) => (p.constructor as { tag?: number }).tag));
    const { packet } = openpgp.enums;
    const encrypted = [packet.publicKeyEncryptedSessionKey, packet.symEncryptedSessionKey, packet.symEncryptedIntegrityProtectedData, packet.aeadEncryptedData];
    if (encrypted.some((t) => tags.has(t))) return false;
    return tags.has(packet.literalData) || tags.has(packet.compressedData);
  } catch {
    return false;
  }
}

/** One clear-signed block, or one signed-only armored message: its signed text and signatures. */
async function verifyBlock(
  kind: 'SIGNED MESSAGE' | 'MESSAGE',
  text: string,
  trusted: openpgp.PublicKey[],
  from: Address | undefined,
  ctx: OpenContext,
): Promise<{ text: string; signatures: SignatureResult[] }> {
  const config = pgpConfig(ctx.limits);
  if (kind === 'SIGNED MESSAGE') {
    const message = await openpgp.readCleartextMessage({ cleartextMessage: text, config });
    const res = await openpgp.verify({ message, verificationKeys: trusted, config });
    const armoredSignature = text.slice(text.indexOf('-----BEGIN PGP SIGNATURE-----'));
    const signatures = [
      ...(await checkSignatures(res.signatures, trusted, from?.address)),
      ...unsupportedSignatures((await openpgp.readSignature({ armoredSignature, config })).packets),
    ];
    // openpgp.js hashes the text as UTF-8; a KMail or mutt user in ISO-8859-x signed its
    // bytes in that charset. Checked again over those bytes, a good signature is good.
    const charset = ctx.textCharset;
    const inCharset = charset && !signatures.some((s) => s.status === 'valid' || s.status === 'weak') ? encodeText(message.getText(), charset) : undefined;
    if (inCharset) {
      const again = await openpgp.verify({
        message: await openpgp.createMessage({ binary: new Uint8Array(inCharset) }),
        signature: await openpgp.readSignature({ armoredSignature, config }),
        verificationKeys: trusted,
        config,
      });
      const checked = await checkSignatures(again.signatures, trusted, from?.address);
      if (checked.some((s) => s.status === 'valid' || s.status === 'weak')) return { text: message.getText(), signatures: checked };
    }
    return { text: message.getText(), signatures };
  }
  // Decompressed within maxDecompressedMessageSize (pgpConfig): a signed zlib bomb stops there.
  const message = await openpgp.readMessage({ armoredMessage: text, config });
  const res = await openpgp.verify({ message, verificationKeys: trusted, format: 'binary', config });
  const signatures = [...(await checkSignatures(res.signatures, trusted, from?.address)), ...unsupportedSignatures(message.packets)];
  // A literal packet holds bytes: UTF-8 today, the part's charset from older clients.
  const data = decodeText(res.data as Uint8Array, [armorCharset(text), ctx.textCharset]);
  return { text: data, signatures: signatures.length ? signatures : [noSignature()] };
}

/** Signed-only data whose signature packets are missing: it vouches for nothing. */
const noSignature = (): SignatureResult => ({ status: 'invalid', keyId: '0000000000000000', error: 'an OpenPGP message with no signature in it' });

/**
 * Clear-signed text (-----BEGIN PGP SIGNED MESSAGE-----), or a signed-only armored
 * message (-----BEGIN PGP MESSAGE----- holding no encryption): verified, then shown
 * without the armor. Only the signed text is the message's text; anything around the
 * block (a quoting reply's new lines, text someone added) is kept apart, since a
 * signature on one part must not lend its status to the rest ("partial signing").
 */
export async function openClearSigned(
  outer: ParsedMail,
  from: Address | undefined,
  source: string,
  blocks: ReturnType<typeof findArmorBlocks>,
  ctx: OpenContext,
): Promise<OpenedMessage> {
  const attachments = outer.attachments.map((a) => toAttachment(a, false));
  checkAttachmentCount(attachments, ctx.limits);
  const keys = await offeredFor(outer, source, attachments, from);
  const trusted = await verificationKeys(from, ctx, keys);
  const signatures: SignatureResult[] = [];
  const texts: string[] = [];
  let unsignedPayloads = 0;
  for (const block of blocks) {
    try {
      const checked = await verifyBlock(block.kind === 'MESSAGE' ? 'MESSAGE' : 'SIGNED MESSAGE', block.text, trusted, from, ctx);
      if (!checked.signatures.some((c) => c.status === 'valid')) unsignedPayloads++;
      signatures.push(...checked.signatures);
      texts.push(checked.text);
    } catch (e) {
      unsignedPayloads++;
      signatures.push({
        status: 'invalid',
        keyId: '0000000000000000',
        error: `unreadable ${block.kind === 'MESSAGE' ? 'signed' : 'clear-signed'} message: ${e instanceof Error ? e.message : String(e)}`,
      });
      texts.push(block.text);
    }
  }
  const outside = textOutside(source, blocks).trim();
  const signature = summarise(signatures);
  return {
    outer,
    encryption: 'none',
    text: texts.join('\n\n'),
    unencryptedText: outside,
    signedPartly: signature.status === 'valid' && (unsignedPayloads > 0 || outside !== '' || attachments.length > 0),
    attachments,
    signatures,
    signature,
    subject: outer.subject ?? '',
    from,
    offeredKeys: keys,
    payloadHashes: [],
  };
}
