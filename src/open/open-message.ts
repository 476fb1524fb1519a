/**
 * The "open" stage: takes the raw bytes of one message and returns what it says,
 * decrypted where it was encrypted, with the signatures checked and the parts that
 * were NOT encrypted kept apart (Efail: an unencrypted part never passes for an
 * encrypted one). Input is hostile. A message we cannot decrypt is not an error
 * here: it comes back as encryption 'undecryptable' with the reason, so the caller
 * can hold it and tell the sender.
 *
 * Shapes handled: PGP/MIME (RFC 3156 multipart/encrypted, including protected
 * headers per RFC 9788) and inline armored blocks in text/plain.
 */
import type * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';
import type { Limits } from '../limits.js';
import { contentType, firstAddress, parseMail, type Address, type ParsedMail } from '../parse/parse.js';
import { findArmorBlocks, textOutside } from './armor.js';
import { decryptPgp, type Decrypted } from './decrypt.js';
import { offeredKeys, type Part } from './offered-keys.js';
import { summarise, type SignatureResult } from './signatures.js';

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
  /** Text that came with the message outside the encryption, kept apart. */
  unencryptedText: string;
  attachments: Attachment[];
  signatures: SignatureResult[];
  signature: ReturnType<typeof summarise>;
  /** Subject and From: the protected (inner) ones when the message carries them. */
  subject: string;
  from: Address | undefined;
  /** Public keys offered in the message whose UID matches the sender. */
  offeredKeys: openpgp.PublicKey[];
}

export interface OpenContext {
  teamKeys: openpgp.PrivateKey[];
  limits: Limits;
  /** Keys we already hold for an address (pinned reporter keys). */
  knownKeys(address: string): Promise<openpgp.PublicKey[]>;
}

export async function openMessage(raw: Buffer, ctx: OpenContext): Promise<OpenedMessage> {
  const outer = await parseMail(raw, ctx.limits);
  const outerFrom = firstAddress(outer.from);
  const ct = contentType(outer);
  if (ct.value === 'multipart/encrypted') return openPgpMime(outer, outerFrom, ctx);
  const blocks = findArmorBlocks(outer.text ?? '', ctx.limits.maxPgpBlocks).filter((b) => b.kind === 'MESSAGE');
  if (blocks.length > 0) return openInline(outer, outerFrom, blocks, ctx);
  return plain(outer, outerFrom, ctx);
}

async function plain(outer: ParsedMail, from: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const attachments = outer.attachments.map((a) => toAttachment(a, false));
  return {
    outer,
    encryption: 'none',
    text: outer.text ?? '',
    unencryptedText: '',
    attachments,
    signatures: [],
    signature: { status: 'none' },
    subject: outer.subject ?? '',
    from,
    offeredKeys: await offeredKeys(outer.text ?? '', attachments, from?.address),
  };
}

async function openPgpMime(outer: ParsedMail, outerFrom: Address | undefined, ctx: OpenContext): Promise<OpenedMessage> {
  const params = contentType(outer).params;
  const encryptedPart = outer.attachments.find((a) => a.contentType.toLowerCase() === 'application/octet-stream');
  const hasVersionPart = outer.attachments.some((a) => a.contentType.toLowerCase() === 'application/pgp-encrypted');
  if ((params.protocol ?? '').toLowerCase() !== 'application/pgp-encrypted' || !encryptedPart || !hasVersionPart) {
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
  const inner = await parseMail(dec.data, ctx.limits);
  // RFC 9788: the inner From/Subject are the real ones; the outer Subject may be "...".
  const from = firstAddress(inner.from) ?? outerFrom;
  const attachments = inner.attachments.map((a) => toAttachment(a, true));
  const keys = await offeredKeys(inner.text ?? '', attachments, from?.address);
  dec = await reverifyWithOffered(input, dec, from, ctx, keys);
  checkAttachmentCount(attachments, ctx.limits);
  return {
    outer,
    encryption: 'encrypted',
    text: inner.text ?? '',
    unencryptedText: '',
    attachments,
    signatures: dec.signatures,
    signature: summarise(dec.signatures),
    subject: inner.headers.has('subject') ? (inner.subject ?? '') : (outer.subject ?? ''),
    from,
    offeredKeys: keys,
  };
}

async function openInline(
  outer: ParsedMail,
  from: Address | undefined,
  blocks: ReturnType<typeof findArmorBlocks>,
  ctx: OpenContext,
): Promise<OpenedMessage> {
  const texts: string[] = [];
  const attachments: Attachment[] = [];
  const signatures: SignatureResult[] = [];
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
    signatures.push(...dec.signatures);
  }
  const text = texts.join('\n\n');
  const plainAttachments = outer.attachments.map((a) => toAttachment(a, false));
  const outside = textOutside(outer.text ?? '', blocks).trim();
  const all = [...attachments, ...plainAttachments];
  checkAttachmentCount(all, ctx.limits);
  const keys = await offeredKeys(text, attachments, from?.address);
  let sigs = signatures;
  if (keys.length && signatures.some((s) => s.status === 'unknown_key') && blocks.length === 1) {
    sigs = (await reverifyWithOffered(blocks[0]!.text, { data: new Uint8Array(), signatures, recipientKeyIds: [] }, from, ctx, keys)).signatures;
  }
  return {
    outer,
    encryption: outside || plainAttachments.length ? 'partial' : 'encrypted',
    text,
    unencryptedText: outside,
    attachments: all,
    signatures: sigs,
    signature: summarise(sigs),
    subject: outer.subject ?? '',
    from,
    offeredKeys: keys,
  };
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
  });
}

/** A signature by a key the reporter attached can only be checked after decrypting once. */
async function reverifyWithOffered(
  input: string | Uint8Array,
  dec: Decrypted,
  from: Address | undefined,
  ctx: OpenContext,
  keys: openpgp.PublicKey[],
): Promise<Decrypted> {
  const ids = new Set(keys.flatMap((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase())));
  if (!dec.signatures.some((s) => s.status === 'unknown_key' && ids.has(s.keyId))) return dec;
  return decryptWithKnown(input, from, ctx, keys);
}

function undecryptable(outer: ParsedMail, from: Address | undefined, failure: SectriageError): OpenedMessage {
  return {
    outer,
    encryption: 'undecryptable',
    failure,
    text: '',
    unencryptedText: '',
    attachments: [],
    signatures: [],
    signature: { status: 'none' },
    subject: outer.subject ?? '',
    from,
    offeredKeys: [],
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
