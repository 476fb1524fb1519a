/**
 * What the open stage returns for one message (OpenedMessage and its attachments),
 * what it is given (OpenContext), and the small pieces every way of opening shares:
 * the undecryptable result, attachments as kept, the attachment-count limit. Pure:
 * no decryption here. Input is parsed hostile mail; it is only copied, never trusted.
 */
import type * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';
import type { Limits } from '../limits.js';
import type { Address, ParsedMail } from '../parse/parse.js';
import type { Part } from './offered-keys.js';
import type { summarise, SignatureResult } from './signatures.js';

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
  /** OpenPGP content that came with the message and was not taken as the sender's, on
   *  purpose (a forwarded message, someone else's ciphertext beside the sender's parts, a
   *  signature over ciphertext or a missing one), and why: the case shows it the team. */
  leftOut?: string;
}

export interface OpenContext {
  teamKeys: openpgp.PrivateKey[];
  limits: Limits;
  /** Keys we already hold for an address (pinned reporter keys). */
  knownKeys(address: string): Promise<openpgp.PublicKey[]>;
  /** Set by openMessage: the session keys one message may make us try, over all its blocks. */
  budget?: { left: number };
  /** Set by openMessage: the charset the message's text part declares, when not UTF-8
   *  (../parse/text-charset.ts): inline plaintext and clear-signed text are in it. */
  textCharset?: string | undefined;
  /** A PGP/MIME message larger than `aboveBytes` is decrypted into spill files in `dir`
   *  (./pgp-mime-large.ts); without this, every message is opened in memory. */
  spill?: { dir: string; aboveBytes: number } | undefined;
}

export function undecryptable(outer: ParsedMail, from: Address | undefined, failure: SectriageError): OpenedMessage {
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

export function asPgpError(e: unknown): SectriageError {
  if (e instanceof SectriageError) return e;
  return new SectriageError('PGP_CORRUPT', e instanceof Error ? e.message : String(e), { cause: e });
}

export function checkAttachmentCount(attachments: Attachment[], limits: Limits): void {
  if (attachments.length > limits.maxAttachments) {
    throw new SectriageError('MESSAGE_UNPARSEABLE', `${attachments.length} attachments, more than limits.maxAttachments (${limits.maxAttachments})`);
  }
}

export function toAttachment(a: ParsedMail['attachments'][number] & Pick<Attachment, 'spilled'>, encrypted: boolean): Attachment {
  return { filename: a.filename, contentType: a.contentType, content: a.content, encrypted, ...(a.spilled ? { spilled: a.spilled } : {}) };
}

/** Frees the spill files of attachments that will not be stored. */
export function closeSpilled(attachments: Array<Pick<Attachment, 'spilled'>>): void {
  for (const a of attachments) a.spilled?.file.close();
}
