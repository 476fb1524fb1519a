/**
 * PGP/MIME (RFC 3156 multipart/encrypted): finds the encrypted entity that is the
 * message (also under one multipart/signed layer, or in MS Exchange's multipart/mixed
 * rewrite), decrypts it and opens what is inside: signed-then-encrypted (§6.1, checked
 * over the inner part's raw bytes), signed-and-encrypted (§6.2), protected headers
 * (RFC 9788). Input is hostile: an entity of any other shape is not opened, and the
 * inner From is recorded, never taken as the sender.
 */
import { SectriageError } from '../errors.js';
import { htmlToPlainText } from '../parse/html-text.js';
import { multipartParts, rawContentType, splitEntity } from '../parse/mime-raw.js';
import { firstAddress, parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import type * as openpgp from 'openpgp';
import type { Decrypted } from './decrypt.js';
import { asPgpError, checkAttachmentCount, toAttachment, undecryptable, type OpenContext, type OpenedMessage } from './opened.js';
import { pgpConfig } from './pgp-config.js';
import { decryptWithKnown, offeredFor, reverifyWithOffered, verificationKeys } from './sender-keys.js';
import { summarise, verifyDetached, type SignatureResult } from './signatures.js';

export interface EncryptedEntity {
  raw: Buffer;
  exchange: boolean;
  top: boolean;
}

/**
 * The PGP/MIME entity that IS the message, if there is one: the message itself, the
 * first part of one multipart/signed layer around it, or Exchange's multipart/mixed
 * rewrite (an empty text part, the Version part and the ciphertext, nothing else).
 */
export function encryptedEntity(raw: Buffer, outer: ParsedMail): EncryptedEntity | undefined {
  const ct = rawContentType(raw);
  if (ct.value === 'multipart/encrypted') return { raw, exchange: false, top: true };
  if (ct.value === 'multipart/signed') {
    const first = multipartParts(raw, 3)[0];
    if (first && rawContentType(first).value === 'multipart/encrypted') return { raw: first, exchange: false, top: false };
  }
  if (ct.value === 'multipart/mixed') {
    // Exchange's rewrite has exactly these direct children; anything else (an HTML
    // part beside a nested multipart/encrypted, say) is a partly encrypted message.
    const types = multipartParts(raw, 4).map((p) => rawContentType(p).value);
    const shape = types.length === 3 && types[0] === 'text/plain' && types[1] === 'application/pgp-encrypted' && types[2] === 'application/octet-stream';
    const version = outer.attachments.find((a) => a.contentType.toLowerCase() === 'application/pgp-encrypted');
    const data = outer.attachments.find((a) => a.contentType.toLowerCase() === 'application/octet-stream');
    if (
      shape &&
      version &&
      data &&
      /Version:\s*1/.test(version.content.toString('latin1')) &&
      !(outer.text ?? '').trim() &&
      (data.content.toString('latin1').includes('-----BEGIN PGP MESSAGE-----') || startsWithSessionKeyPacket(data.content))
    ) {
      return { raw, exchange: true, top: true };
    }
  }
  return undefined;
}

/** Binary OpenPGP data that begins as an encrypted message does: a public-key or symmetric session key packet (RFC 9580 §4.2). */
function startsWithSessionKeyPacket(data: Buffer): boolean {
  const b = data[0];
  if (b === undefined || (b & 0x80) === 0) return false;
  const tag = b & 0x40 ? b & 0x3f : (b >> 2) & 0x0f;
  return tag === 1 || tag === 3;
}

export async function openPgpMime(outer: ParsedMail, entity: EncryptedEntity, outerFrom: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const mime = entity.top ? outer : await parseMail(entity.raw, ctx.limits);
  const params = rawContentType(entity.raw).params;
  const encryptedPart = mime.attachments.find((a) => a.contentType.toLowerCase() === 'application/octet-stream');
  const hasVersionPart = mime.attachments.some((a) => a.contentType.toLowerCase() === 'application/pgp-encrypted');
  const protocolOk = entity.exchange || (params.protocol ?? '').toLowerCase() === 'application/pgp-encrypted';
  if (!protocolOk || !encryptedPart || !hasVersionPart) {
    return undecryptable(outer, outerFrom, notRfc3156());
  }
  const content = encryptedPart.content;
  const input = content.toString('latin1').includes('-----BEGIN PGP MESSAGE-----') ? content.toString('latin1') : new Uint8Array(content);
  let dec: Decrypted;
  try {
    dec = await decryptWithKnown(input, outerFrom, ctx, []);
  } catch (e) {
    return undecryptable(outer, outerFrom, asPgpError(e));
  }
  const { inner, signedPart } = await innerEntity(Buffer.from(dec.data.buffer, dec.data.byteOffset, dec.data.byteLength), ctx);
  return openedFromInside(outer, outerFrom, ctx, {
    dec,
    inner,
    signedPart,
    reverify: async (keys) => (await reverifyWithOffered(input, dec, outerFrom, ctx, keys)).signatures,
  });
}

/** What came out of a PGP/MIME decryption, however it was held (in memory, or a large one's spill file: ./pgp-mime-large.ts). */
/** multipart/encrypted without the parts RFC 3156 requires: nothing to decrypt, and the reporter is told why. */
export function notRfc3156(): SectriageError {
  return new SectriageError(
    'PGP_UNSUPPORTED',
    'multipart/encrypted without the RFC 3156 parts (protocol application/pgp-encrypted, a Version part and an octet-stream part)',
  );
}

export interface Inside {
  dec: Pick<Decrypted, 'signatures' | 'payloadHash'>;
  inner: ParsedMail;
  /** RFC 3156 §6.1: the signed part's exact bytes and its detached signature. */
  signedPart?: SignedPart | undefined;
  /** The signatures once more, checked also with keys the message itself offered. */
  reverify(keys: openpgp.PublicKey[]): Promise<SignatureResult[]>;
}

export interface SignedPart {
  signed: Buffer;
  signature: Buffer;
}

/**
 * Whether decrypted data is a MIME entity, as RFC 3156 says it must be, or bare text that
 * some clients encrypt into a PGP/MIME envelope. Parsed as an entity, bare text lost its
 * first line to the headers ("Summary: XSS in login" is a well-formed header line), so an
 * entity must begin with a header line and name its type among its headers.
 */
export function isMimeEntity(data: Buffer): boolean {
  const head = splitEntity(data.subarray(0, MIME_HEAD_SCAN)).headers.toString('latin1');
  return /^[!-9;-~]+:/.test(head) && /^(content-type|mime-version):/im.test(head);
}

/** Header bytes looked at to tell an entity from bare text: far more than any real header block. */
export const MIME_HEAD_SCAN = 64 * 1024;

/**
 * The header that makes bare decrypted text the text/plain entity it stands for, in the
 * charset its bytes are in (judged on `sample`, the data or, for a large one, its start).
 */
export function textEntityHeader(sample: Buffer, whole: boolean, ctx: OpenContext): Buffer {
  let charset = 'utf-8';
  try {
    // A prefix may end inside a character: leave its last three bytes out of the test.
    new TextDecoder('utf-8', { fatal: true }).decode(whole ? sample : sample.subarray(0, Math.max(0, sample.length - 3)));
  } catch {
    charset = ctx.textCharset ?? 'windows-1252';
  }
  return Buffer.from(`Content-Type: text/plain; charset=${charset}\r\n\r\n`);
}

function asTextEntity(data: Buffer, ctx: OpenContext): Buffer {
  return Buffer.concat([textEntityHeader(data, true, ctx), data]);
}

/** The decrypted entity parsed; for RFC 3156 §6.1 (signed, then encrypted), the signed part and its signature apart. */
export async function innerEntity(decrypted: Buffer, ctx: OpenContext): Promise<{ inner: ParsedMail; signedPart?: SignedPart }> {
  const innerRaw = isMimeEntity(decrypted) ? decrypted : asTextEntity(decrypted, ctx);
  // The signature covers the first part's raw bytes.
  if (isSignedEntity(innerRaw)) {
    const [signed, sigPart] = multipartParts(innerRaw, 3);
    if (signed && sigPart) {
      const signature = (await parseMail(sigPart, ctx.limits)).attachments[0]?.content ?? splitEntity(sigPart).body;
      return { inner: await parseMail(signed, ctx.limits), signedPart: { signed, signature } };
    }
  }
  return { inner: await parseMail(innerRaw, ctx.limits) };
}

/** Whether the entity (its header block is enough) is RFC 3156 multipart/signed. */
export function isSignedEntity(raw: Buffer): boolean {
  const type = rawContentType(raw);
  return type.value === 'multipart/signed' && (type.params.protocol ?? '').toLowerCase() === 'application/pgp-signature';
}

/** The opened message from what the decryption gave. */
export async function openedFromInside(outer: ParsedMail, outerFrom: Address | undefined, ctx: OpenContext, inside: Inside): Promise<OpenedMessage> {
  const { dec, inner, signedPart } = inside;
  // RFC 9788: the inner Subject is the real one (the outer may be "..."). The inner From
  // is NOT taken as the sender: unsigned, it is as forgeable as the outer one, and the
  // outer one is what the mail system saw. A different inner From is recorded instead.
  const from = outerFrom;
  const innerFrom = firstAddress(inner.from);
  const attachments = inner.attachments.map((a) => toAttachment(a, true));
  const keys = await offeredFor(outer, inner.text ?? '', attachments, from);
  const trusted = await verificationKeys(from, ctx, keys);
  let signatures: SignatureResult[];
  if (signedPart) {
    signatures = [...dec.signatures, ...(await verifyDetached(signedPart.signed, signedPart.signature, trusted, from?.address, pgpConfig(ctx.limits)))];
  } else {
    signatures = await inside.reverify(keys);
  }
  checkAttachmentCount(attachments, ctx.limits);
  return {
    outer,
    encryption: 'encrypted',
    text: inner.text ?? (typeof inner.html === 'string' ? htmlToPlainText(inner.html, ctx.limits.maxHtmlBytesToParse) : ''),
    unencryptedText: '',
    signedPartly: false,
    attachments,
    signatures,
    signature: summarise(signatures),
    subject: inner.headers.has('subject') ? (inner.subject ?? '') : (outer.subject ?? ''),
    from,
    ...(innerFrom && innerFrom.address !== from?.address ? { protectedFrom: innerFrom.address } : {}),
    offeredKeys: keys,
    payloadHashes: [dec.payloadHash],
  };
}
