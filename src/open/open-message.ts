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
 * in an HTML body; clear-signed text; encrypted files (.asc/.pgp/.gpg) attached to a
 * plain mail. Whatever came outside the encryption (text around an inline block, the
 * body of a mail carrying an encrypted file, other parts) is returned apart, as
 * unencryptedText, and the message is 'partial': never merged into the report text.
 * A multipart/encrypted nested inside multipart/mixed is NOT opened as the message.
 */
import * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';
import type { Limits } from '../limits.js';
import { firstAddress, parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import { findArmorBlocks, textOutside } from './armor.js';
import { htmlToPlainText } from '../parse/html-text.js';
import { multipartParts, rawContentType, splitEntity } from '../parse/mime-raw.js';
import { pgpConfig } from './pgp-config.js';
import { decryptPgp, type Decrypted } from './decrypt.js';
import { autocryptKeydata, offeredKeys, type Part } from './offered-keys.js';
import { checkSignatures, summarise, verifyDetached, type SignatureResult } from './signatures.js';
import { decryptedName, encryptedPayload, isReportText } from './encrypted-attachments.js';

export type Encryption = 'encrypted' | 'partial' | 'none' | 'undecryptable';

export interface Attachment extends Part {
  filename?: string | undefined;
  /** True only for parts that came out of the decryption. */
  encrypted: boolean;
}

export interface OpenedMessage {
  outer: ParsedMail;
  encryption: Encryption;
  failure?: SectriageError;
  /** Text of the report: decrypted text when encrypted; '' when undecryptable. */
  text: string;
  /** Text that came with the message outside the encryption (or, for clear-signed
   *  text, outside the signature), kept apart: never part of `text`. */
  unencryptedText: string;
  /** A valid signature covers only part of what came: other payloads, or text or parts
   *  beside it, are unsigned. Nothing may act on such a message as if it were signed. */
  signedPartly: boolean;
  attachments: Attachment[];
  signatures: SignatureResult[];
  signature: ReturnType<typeof summarise>;
  /** Subject and From: the protected (inner) ones when the message carries them. */
  subject: string;
  from: Address | undefined;
  /** Public keys offered in the message whose UID matches the sender. */
  offeredKeys: openpgp.PublicKey[];
  /** The protected (inner) From, when it differs from the outer From that we go by. */
  protectedFrom?: string;
  /** sha256 of each OpenPGP message as binary packets: the same ciphertext sent again has the same hash. */
  payloadHashes: string[];
}

export interface OpenContext {
  teamKeys: openpgp.PrivateKey[];
  limits: Limits;
  /** Keys we already hold for an address (pinned reporter keys). */
  knownKeys(address: string): Promise<openpgp.PublicKey[]>;
  /** Set by openMessage: the session keys one message may make us try, over all its blocks. */
  budget?: { left: number };
}

export async function openMessage(raw: Buffer, context: OpenContext): Promise<OpenedMessage> {
  const ctx: OpenContext = { ...context, budget: { left: context.limits.maxPgpRecipients } };
  const outer = await parseMail(raw, ctx.limits);
  const outerFrom = firstAddress(outer.from);
  const encrypted = encryptedEntity(raw, outer);
  if (encrypted) return openPgpMime(outer, encrypted, outerFrom, ctx);
  const ct = rawContentType(raw);
  if (ct.value === 'multipart/signed' && (ct.params.protocol ?? '').toLowerCase() === 'application/pgp-signature') {
    return openSignedCleartext(outer, raw, outerFrom, ctx);
  }
  // A PGP/MIME structure nested in a mixed message is someone's ciphertext wrapped in
  // another mail (Efail's direct exfiltration), not a file the sender attached: it is
  // not opened as part of this message. (Attaching the armor as a file instead is
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
    if (messages.length > 0) return openInline(outer, outerFrom, source, messages, attached, ctx);
  }
  if (attached.length > 0) return openEncryptedAttachments(outer, outerFrom, attached, ctx);
  for (const { source, blocks } of sources) {
    const clear = blocks.filter((b) => b.kind === 'SIGNED MESSAGE');
    if (clear.length > 0) return openClearSigned(outer, outerFrom, source, clear, ctx);
  }
  return plain(outer, outerFrom, ctx);
}

type EncryptedFile = { part: ParsedMail['attachments'][number]; payload: string | Uint8Array };

/**
 * PGP/MIME signed, not encrypted (RFC 3156 §5): the signature covers the raw bytes of
 * the first part exactly as they came, so they are cut from the raw message, never
 * rebuilt from a parsed (decoded, re-encoded) copy.
 */
async function openSignedCleartext(outer: ParsedMail, raw: Buffer, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
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
 * Clear-signed text (-----BEGIN PGP SIGNED MESSAGE-----): verified, then shown without
 * the armor. Only the signed text is the message's text; anything around the block
 * (a quoting reply's new lines, text someone added) is kept apart, since a signature
 * on one part must not lend its status to the rest ("partial signing").
 */
async function openClearSigned(
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
      const message = await openpgp.readCleartextMessage({ cleartextMessage: block.text, config: pgpConfig(ctx.limits) });
      const res = await openpgp.verify({ message, verificationKeys: trusted, config: pgpConfig(ctx.limits) });
      const checked = await checkSignatures(res.signatures, trusted, from?.address);
      if (!checked.some((c) => c.status === 'valid')) unsignedPayloads++;
      signatures.push(...checked);
      texts.push(message.getText());
    } catch (e) {
      unsignedPayloads++;
      signatures.push({ status: 'invalid', keyId: '0000000000000000', error: `unreadable clear-signed message: ${e instanceof Error ? e.message : String(e)}` });
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

/**
 * A plain mail carrying encrypted files (report.txt.asc, poc.py.gpg). The files are
 * decrypted and kept as encrypted attachments; a decrypted text file is the report's
 * text. The mail's own body was not encrypted: it is kept apart (Efail) and the
 * message is "partial" unless that body is empty. Held as undecryptable only when no
 * file opens: one file for someone else (evidence the reporter forwards) must not
 * cost the rest of the report.
 */
async function openEncryptedAttachments(outer: ParsedMail, from: Address | undefined, attached: EncryptedFile[], ctx: OpenContext): Promise<OpenedMessage> {
  const f = await decryptFiles(attached, from, ctx);
  if (f.decrypted.length === 0) return undecryptable(outer, from, f.failure ?? new SectriageError('PGP_CORRUPT', 'no encrypted file could be read'));
  const others = outer.attachments.filter((a) => !attached.some((x) => x.part === a)).map((a) => toAttachment(a, false));
  const body = (outer.text ?? (typeof outer.html === 'string' ? htmlToPlainText(outer.html, ctx.limits.maxHtmlBytesToParse) : '')).trim();
  return assemble(outer, from, ctx, { texts: f.texts, decrypted: f.decrypted, plainAttachments: [...others, ...f.unopened], perPayload: f.perPayload, hashes: f.hashes, unencrypted: body, onlyPayload: f.onlyPayload });
}

/** Decrypts encrypted files; the ones that do not open stay as they came, marked not encrypted. */
async function decryptFiles(attached: EncryptedFile[], from: Address | undefined, ctx: OpenContext) {
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

/**
 * The result of inline blocks or encrypted files: decrypted text and files, with what
 * came outside the encryption kept apart; "partial" when there is any. A signature by
 * a key the message itself offers can only be checked after decrypting once, so a
 * single payload is verified again with the offered keys.
 */
async function assemble(
  outer: ParsedMail,
  from: Address | undefined,
  ctx: OpenContext,
  r: { texts: string[]; decrypted: Attachment[]; plainAttachments: Attachment[]; perPayload: SignatureResult[][]; hashes: string[]; unencrypted: string; onlyPayload: string | Uint8Array | undefined },
): Promise<OpenedMessage> {
  const all = [...r.decrypted, ...r.plainAttachments];
  checkAttachmentCount(all, ctx.limits);
  const text = r.texts.join('\n\n');
  // A key attached beside the encrypted data is as much the sender's offer as one inside
  // it: either is trusted only on first contact, and only with the sender's address on it.
  const keys = await offeredFor(outer, text, all, from);
  let perPayload = r.perPayload;
  const only = perPayload.length === 1 ? perPayload[0]! : [];
  if (keys.length && only.some((s) => s.status === 'unknown_key') && r.onlyPayload !== undefined) {
    perPayload = [(await reverifyWithOffered(r.onlyPayload, { data: new Uint8Array(), signatures: only, recipientKeyIds: [], payloadHash: '' }, from, ctx, keys)).signatures];
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

/**
 * The PGP/MIME entity that IS the message, if there is one: the message itself, the
 * first part of one multipart/signed layer around it, or Exchange's multipart/mixed
 * rewrite (an empty text part, the Version part and the ciphertext, nothing else).
 */
function encryptedEntity(raw: Buffer, outer: ParsedMail): { raw: Buffer; exchange: boolean; top: boolean } | undefined {
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
    if (shape && version && data && /Version:\s*1/.test(version.content.toString('latin1')) && !(outer.text ?? '').trim() && data.content.toString('latin1').includes('-----BEGIN PGP MESSAGE-----')) {
      return { raw, exchange: true, top: true };
    }
  }
  return undefined;
}

async function plain(outer: ParsedMail, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
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

async function openPgpMime(outer: ParsedMail, entity: { raw: Buffer; exchange: boolean; top: boolean }, outerFrom: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const mime = entity.top ? outer : await parseMail(entity.raw, ctx.limits);
  const params = rawContentType(entity.raw).params;
  const encryptedPart = mime.attachments.find((a) => a.contentType.toLowerCase() === 'application/octet-stream');
  const hasVersionPart = mime.attachments.some((a) => a.contentType.toLowerCase() === 'application/pgp-encrypted');
  const protocolOk = entity.exchange || (params.protocol ?? '').toLowerCase() === 'application/pgp-encrypted';
  if (!protocolOk || !encryptedPart || !hasVersionPart) {
    return undecryptable(outer, outerFrom, new SectriageError('PGP_UNSUPPORTED', 'multipart/encrypted without the RFC 3156 parts (protocol application/pgp-encrypted, a Version part and an octet-stream part)'));
  }
  const content = encryptedPart.content;
  const input = content.toString('latin1').includes('-----BEGIN PGP MESSAGE-----') ? content.toString('latin1') : new Uint8Array(content);
  let dec: Decrypted;
  try {
    dec = await decryptWithKnown(input, outerFrom, ctx, []);
  } catch (e) {
    return undecryptable(outer, outerFrom, asPgpError(e));
  }
  let innerRaw = Buffer.from(dec.data.buffer, dec.data.byteOffset, dec.data.byteLength);
  let signedPart: { signed: Buffer; signature: Buffer } | undefined;
  // RFC 3156 §6.1: signed, then encrypted. The signature covers the first part's raw bytes.
  const innerType = rawContentType(innerRaw);
  if (innerType.value === 'multipart/signed' && (innerType.params.protocol ?? '').toLowerCase() === 'application/pgp-signature') {
    const [signed, sigPart] = multipartParts(innerRaw, 3);
    if (signed && sigPart) {
      signedPart = { signed, signature: (await parseMail(sigPart, ctx.limits)).attachments[0]?.content ?? splitEntity(sigPart).body };
      innerRaw = signed;
    }
  }
  const inner = await parseMail(innerRaw, ctx.limits);
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
    signatures = (await reverifyWithOffered(input, dec, from, ctx, keys)).signatures;
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

async function openInline(
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
      texts.push(plaintext.toString('utf8'));
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

async function decryptWithKnown(
  input: string | Uint8Array,
  from: Address | undefined,
  ctx: OpenContext,
  extra: openpgp.PublicKey[],
): Promise<Decrypted> {
  const known = from ? await ctx.knownKeys(from.address) : [];
  return decryptPgp(input, {
    keys: ctx.teamKeys,
    verificationKeys: [...known, ...extra],
    limits: ctx.limits,
    fromAddress: from?.address,
    ...(ctx.budget ? { budget: ctx.budget } : {}),
  });
}

/**
 * The keys a signature may be checked against: the sender's pinned key; or, on first
 * contact only (nothing pinned yet), the keys offered in this very message (trust on
 * first use). Once a key is pinned, a signature by some other key the message brings
 * along stays "unknown key": anyone can make a key with the reporter's address on it.
 */
async function verificationKeys(from: Address | undefined, ctx: OpenContext, offered: openpgp.PublicKey[]): Promise<openpgp.PublicKey[]> {
  const known = from ? await ctx.knownKeys(from.address) : [];
  return known.length > 0 ? known : offered;
}

/** A signature by a key the reporter attached can only be checked after decrypting once. */
async function reverifyWithOffered(
  input: string | Uint8Array,
  dec: Decrypted,
  from: Address | undefined,
  ctx: OpenContext,
  keys: openpgp.PublicKey[],
): Promise<Decrypted> {
  const usable = (await verificationKeys(from, ctx, keys)).filter((k) => keys.includes(k));
  const ids = new Set(usable.flatMap((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase())));
  if (!dec.signatures.some((s) => s.status === 'unknown_key' && ids.has(s.keyId))) return dec;
  return decryptWithKnown(input, from, ctx, usable);
}

/** Keys offered in the text and parts, plus the outer Autocrypt header's key. */
function offeredFor(outer: ParsedMail, text: string, parts: Part[], from: Address | undefined): Promise<openpgp.PublicKey[]> {
  const h = outer.headers.get('autocrypt');
  const header = typeof h === 'string' ? h : undefined;
  return offeredKeys(text, parts, from?.address, autocryptKeydata(header, from?.address));
}

function undecryptable(outer: ParsedMail, from: Address | undefined, failure: SectriageError): OpenedMessage {
  return {
    outer,
    encryption: 'undecryptable',
    failure,
    text: '',
    unencryptedText: '',
    signedPartly: false,
    attachments: [],
    signatures: [],
    signature: { status: 'none' },
    subject: outer.subject ?? '',
    from,
    offeredKeys: [],
    payloadHashes: [],
  };
}

function asPgpError(e: unknown): SectriageError {
  if (e instanceof SectriageError) return e;
  return new SectriageError('PGP_CORRUPT', e instanceof Error ? e.message : String(e), { cause: e });
}

function checkAttachmentCount(attachments: Attachment[], limits: Limits): void {
  if (attachments.length > limits.maxAttachments) {
    throw new SectriageError('MESSAGE_UNPARSEABLE', `${attachments.length} attachments, more than limits.maxAttachments (${limits.maxAttachments})`);
  }
}

function toAttachment(a: ParsedMail['attachments'][number], encrypted: boolean): Attachment {
  return { filename: a.filename, contentType: a.contentType, content: a.content, encrypted };
}
