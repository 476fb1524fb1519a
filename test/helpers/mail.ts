// Builders for real RFC 5322 / MIME messages (Buffers, CRLF line endings) used as test
// input: PGP/MIME (RFC 3156) encrypted mail as Thunderbird/Enigmail make it, the inner
// cleartext MIME entity (optionally with protected headers / attachments), inline-armored
// mail, plain mail, and noise a security@ inbox gets (DSN bounces, out-of-office
// auto-replies, mailing-list mail). reporterFlow() encrypts a report with the real gpg CLI.
import { randomBytes } from 'node:crypto';
import type { GpgHome } from './gpg.js';

export interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

type TransferEncoding = '7bit' | '8bit' | 'quoted-printable' | 'base64';

/** Normalizes any line endings to CRLF. */
export function crlf(s: string): string {
  return s.replace(/\r\n|\r|\n/g, '\r\n');
}

/** A fresh Message-ID with angle brackets, e.g. "<3f9c...@reporter.example>". */
export function newMessageId(domain = 'reporter.example'): string {
  return `<${randomBytes(12).toString('hex')}@${domain}>`;
}

function normMessageId(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** RFC 5322 date-time in UTC, e.g. "Thu, 23 Nov 2026 04:32:25 +0000". */
export function formatDate(d: Date = new Date()): string {
  return (
    `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`
  );
}

const isAscii = (s: string) => /^[\x00-\x7f]*$/.test(s);

/** RFC 2047 B-encoding for non-ASCII unstructured header text. */
export function encodeWord(s: string): string {
  if (isAscii(s)) return s;
  // split into chunks so each encoded word stays < 76 chars, without splitting code points
  const words: string[] = [];
  let cur = '';
  for (const ch of s) {
    if (Buffer.byteLength(cur + ch, 'utf8') > 45) {
      words.push(cur);
      cur = '';
    }
    cur += ch;
  }
  if (cur) words.push(cur);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Encodes the display-name part of "Name <addr>" lists when non-ASCII. */
function encodeAddressList(v: string): string {
  if (isAscii(v)) return v;
  return v
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => {
      const m = /^\s*"?(.*?)"?\s*<([^>]+)>\s*$/.exec(part);
      if (!m) return part.trim();
      return `${encodeWord(m[1] ?? '')} <${m[2]}>`;
    })
    .join(', ');
}

function qpEncode(text: string): string {
  return text
    .replace(/\r\n|\r/g, '\n')
    .split('\n')
    .map((line) => {
      const bytes = Buffer.from(line, 'utf8');
      let out = '';
      let cur = '';
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i]!;
        const last = i === bytes.length - 1;
        const tok =
          (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last) ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
        if (cur.length + tok.length > 75) {
          out += `${cur}=\r\n`;
          cur = '';
        }
        cur += tok;
      }
      return out + cur;
    })
    .join('\r\n');
}

function base64Lines(buf: Buffer): string {
  return (buf.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
}

function chooseEncoding(body: string): TransferEncoding {
  const longest = Math.max(0, ...body.split(/\r\n|\r|\n/).map((l) => Buffer.byteLength(l, 'utf8')));
  return isAscii(body) && longest <= 998 ? '7bit' : 'quoted-printable';
}

function encodeBody(body: string, enc: TransferEncoding): string {
  switch (enc) {
    case 'quoted-printable':
      return qpEncode(body);
    case 'base64':
      return base64Lines(Buffer.from(body, 'utf8'));
    default:
      return crlf(body);
  }
}

function newBoundary(): string {
  return `------------${randomBytes(12).toString('hex')}`;
}

type Headers = Array<[string, string]>;

function renderHeaders(h: Headers): string {
  return h.map(([k, v]) => `${k}: ${crlf(v).replace(/\r\n(?![ \t])/g, '\r\n ')}\r\n`).join('');
}

function paramValue(name: string, value: string): string {
  if (isAscii(value)) return `${name}="${value.replace(/(["\\])/g, '\\$1')}"`;
  return `${name}*=UTF-8''${encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function envelopeHeaders(o: {
  from: string;
  to: string;
  subject: string;
  messageId?: string | undefined;
  date?: Date | undefined;
  cc?: string | undefined;
}): Headers {
  const h: Headers = [
    ['From', encodeAddressList(o.from)],
    ['To', encodeAddressList(o.to)],
  ];
  if (o.cc) h.push(['Cc', encodeAddressList(o.cc)]);
  h.push(['Subject', encodeWord(o.subject)], ['Message-ID', normMessageId(o.messageId ?? newMessageId())], ['Date', formatDate(o.date ?? new Date())]);
  return h;
}

function extra(h: Headers, more?: Record<string, string>): Headers {
  if (more) for (const [k, v] of Object.entries(more)) h.push([k, v]);
  return h;
}

function refsValue(r: string | string[]): string {
  return (Array.isArray(r) ? r : r.split(/\s+/).filter(Boolean)).map(normMessageId).join(' ');
}

// ---------------------------------------------------------------------------------------

export interface PgpMimeOptions {
  from: string;
  to: string;
  /** Outer (visible) subject; Thunderbird uses "..." when headers are protected. */
  subject?: string;
  messageId?: string;
  date?: Date;
  armoredCiphertext: string | Buffer;
  extraHeaders?: Record<string, string>;
}

/** RFC 3156 multipart/encrypted message as Thunderbird/Enigmail produce it. */
export function pgpMimeEncrypted(o: PgpMimeOptions): Buffer {
  const b = newBoundary();
  const h = envelopeHeaders({ ...o, subject: o.subject ?? '...' });
  h.push(['MIME-Version', '1.0'], ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Thunderbird/115.6.0']);
  extra(h, o.extraHeaders);
  h.push(['Content-Type', `multipart/encrypted;\r\n protocol="application/pgp-encrypted";\r\n boundary="${b}"`]);
  const armored = crlf(o.armoredCiphertext.toString()).replace(/(\r\n)*$/, '');
  const body =
    `This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\r\n` +
    `--${b}\r\n` +
    `Content-Type: application/pgp-encrypted\r\n` +
    `Content-Description: PGP/MIME version identification\r\n` +
    `\r\n` +
    `Version: 1\r\n` +
    `\r\n` +
    `--${b}\r\n` +
    `Content-Type: application/octet-stream; name="encrypted.asc"\r\n` +
    `Content-Description: OpenPGP encrypted message\r\n` +
    `Content-Disposition: inline; filename="encrypted.asc"\r\n` +
    `\r\n` +
    `${armored}\r\n` +
    `\r\n` +
    `--${b}--\r\n`;
  return Buffer.from(renderHeaders(h) + '\r\n' + body, 'utf8');
}

export interface InnerMimeOptions {
  from: string;
  to: string;
  subject: string;
  body: string;
  /** Put From/To/Subject (and Message-ID if given) inside, with protected-headers="v1". */
  protectedHeaders?: boolean;
  messageId?: string;
  cc?: string;
  attachments?: Attachment[];
  transferEncoding?: TransferEncoding;
}

function attachmentPart(a: Attachment): string {
  const content = typeof a.content === 'string' ? Buffer.from(a.content, 'utf8') : a.content;
  return (
    `Content-Type: ${a.contentType}; ${paramValue('name', a.filename)}\r\n` +
    `Content-Disposition: attachment; ${paramValue('filename', a.filename)}\r\n` +
    `Content-Transfer-Encoding: base64\r\n` +
    `\r\n` +
    `${base64Lines(content)}\r\n`
  );
}

/** Cleartext MIME entity that goes inside the PGP encryption. */
export function innerMime(o: InnerMimeOptions): Buffer {
  const enc = o.transferEncoding ?? chooseEncoding(o.body);
  const prot = o.protectedHeaders ? '; protected-headers="v1"' : '';
  const ph: Headers = [];
  if (o.protectedHeaders) {
    ph.push(['From', encodeAddressList(o.from)], ['To', encodeAddressList(o.to)]);
    if (o.cc) ph.push(['Cc', encodeAddressList(o.cc)]);
    ph.push(['Subject', encodeWord(o.subject)]);
    if (o.messageId) ph.push(['Message-ID', normMessageId(o.messageId)]);
  }
  const textBody = encodeBody(o.body, enc);
  if (!o.attachments || o.attachments.length === 0) {
    const h: Headers = [['Content-Type', `text/plain; charset=utf-8${prot}`], ['Content-Transfer-Encoding', enc], ...ph];
    return Buffer.from(renderHeaders(h) + '\r\n' + textBody + '\r\n', 'utf8');
  }
  const b = newBoundary();
  const h: Headers = [['Content-Type', `multipart/mixed; boundary="${b}"${prot}`], ...ph];
  let out = renderHeaders(h) + '\r\n' + 'This is a multi-part message in MIME format.\r\n';
  out += `--${b}\r\n` + `Content-Type: text/plain; charset=utf-8\r\n` + `Content-Transfer-Encoding: ${enc}\r\n` + `\r\n` + `${textBody}\r\n` + `\r\n`;
  for (const a of o.attachments) out += `--${b}\r\n${attachmentPart(a)}\r\n`;
  out += `--${b}--\r\n`;
  return Buffer.from(out, 'utf8');
}

export interface InlineArmoredOptions {
  from: string;
  to: string;
  subject: string;
  messageId?: string;
  date?: Date;
  armoredCiphertext: string | Buffer;
  /** Text before / after the armored block. */
  before?: string;
  after?: string;
  extraHeaders?: Record<string, string>;
}

/** text/plain message whose body contains an inline ASCII-armored PGP block. */
export function inlineArmored(o: InlineArmoredOptions): Buffer {
  const h = envelopeHeaders(o);
  h.push(['MIME-Version', '1.0']);
  extra(h, o.extraHeaders);
  const parts = [o.before, o.armoredCiphertext.toString().replace(/(\r?\n)*$/, ''), o.after].filter((x): x is string => x !== undefined && x !== '');
  const body = parts.join('\n\n');
  const enc = chooseEncoding(body);
  h.push(['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', enc]);
  return Buffer.from(renderHeaders(h) + '\r\n' + encodeBody(body, enc) + '\r\n', 'utf8');
}

export interface PlainMessageOptions {
  from: string;
  to: string;
  subject: string;
  messageId?: string;
  date?: Date;
  body: string;
  cc?: string;
  headers?: Record<string, string>;
  inReplyTo?: string;
  references?: string | string[];
  transferEncoding?: TransferEncoding;
}

/** Ordinary text/plain mail. */
export function plainMessage(o: PlainMessageOptions): Buffer {
  const h = envelopeHeaders(o);
  if (o.inReplyTo) h.push(['In-Reply-To', normMessageId(o.inReplyTo)]);
  if (o.references) h.push(['References', refsValue(o.references)]);
  h.push(['MIME-Version', '1.0']);
  extra(h, o.headers);
  const enc = o.transferEncoding ?? chooseEncoding(o.body);
  h.push(['Content-Type', 'text/plain; charset=utf-8'], ['Content-Transfer-Encoding', enc]);
  return Buffer.from(renderHeaders(h) + '\r\n' + encodeBody(o.body, enc) + '\r\n', 'utf8');
}

export interface BounceOptions {
  /** Who gets the bounce (the original sender, e.g. security@example.com). */
  to: string;
  /** Message-ID of the message that could not be delivered. */
  originalMessageId: string;
  /** The recipient that failed. */
  originalTo?: string;
  originalSubject?: string;
  messageId?: string;
  date?: Date;
  status?: string;
  diagnostic?: string;
}

/** RFC 3464 DSN (multipart/report; report-type=delivery-status) from MAILER-DAEMON, Return-Path <>. */
export function bounce(o: BounceOptions): Buffer {
  const mta = 'mx.unreachable.example';
  const failed = o.originalTo ?? 'reporter@unreachable.example';
  const status = o.status ?? '5.1.1';
  const diag = o.diagnostic ?? `smtp; 550 ${status} <${failed}>: Recipient address rejected: User unknown`;
  const date = o.date ?? new Date();
  const b = newBoundary();
  const h: Headers = [
    ['Return-Path', '<>'],
    ['From', `Mail Delivery System <MAILER-DAEMON@${mta}>`],
    ['To', o.to],
    ['Subject', 'Undelivered Mail Returned to Sender'],
    ['Message-ID', normMessageId(o.messageId ?? newMessageId(mta))],
    ['Date', formatDate(date)],
    ['Auto-Submitted', 'auto-replied'],
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/report; report-type=delivery-status;\r\n boundary="${b}"`],
  ];
  const body =
    `This is a MIME-encapsulated message.\r\n` +
    `\r\n` +
    `--${b}\r\n` +
    `Content-Description: Notification\r\n` +
    `Content-Type: text/plain; charset=us-ascii\r\n` +
    `\r\n` +
    `This is the mail system at host ${mta}.\r\n` +
    `\r\n` +
    `I'm sorry to have to inform you that your message could not\r\n` +
    `be delivered to one or more recipients.\r\n` +
    `\r\n` +
    `<${failed}>: ${diag.replace(/^smtp; /, '')}\r\n` +
    `\r\n` +
    `--${b}\r\n` +
    `Content-Description: Delivery report\r\n` +
    `Content-Type: message/delivery-status\r\n` +
    `\r\n` +
    `Reporting-MTA: dns; ${mta}\r\n` +
    `Arrival-Date: ${formatDate(date)}\r\n` +
    `\r\n` +
    `Final-Recipient: rfc822; ${failed}\r\n` +
    `Original-Recipient: rfc822;${failed}\r\n` +
    `Action: failed\r\n` +
    `Status: ${status}\r\n` +
    `Diagnostic-Code: ${diag}\r\n` +
    `\r\n` +
    `--${b}\r\n` +
    `Content-Description: Undelivered Message Headers\r\n` +
    `Content-Type: text/rfc822-headers\r\n` +
    `\r\n` +
    `From: ${o.to}\r\n` +
    `To: ${failed}\r\n` +
    `Subject: ${encodeWord(o.originalSubject ?? 'Re: your security report')}\r\n` +
    `Message-ID: ${normMessageId(o.originalMessageId)}\r\n` +
    `\r\n` +
    `--${b}--\r\n`;
  return Buffer.from(renderHeaders(h) + '\r\n' + body, 'utf8');
}

export interface OutOfOfficeOptions {
  from: string;
  to: string;
  subject?: string;
  messageId?: string;
  date?: Date;
  inReplyTo?: string;
  body?: string;
}

/** Vacation auto-reply (Auto-Submitted: auto-replied, X-Autoreply). */
export function outOfOffice(o: OutOfOfficeOptions): Buffer {
  const headers: Record<string, string> = {
    'Auto-Submitted': 'auto-replied',
    'X-Autoreply': 'yes',
    Precedence: 'bulk',
  };
  const opts: PlainMessageOptions = {
    from: o.from,
    to: o.to,
    subject: o.subject ?? 'Out of Office: Re: your message',
    body: o.body ?? 'I am out of the office until Monday and will have limited access to email.\n',
    headers,
  };
  if (o.messageId !== undefined) opts.messageId = o.messageId;
  if (o.date !== undefined) opts.date = o.date;
  if (o.inReplyTo !== undefined) {
    opts.inReplyTo = o.inReplyTo;
    opts.references = o.inReplyTo;
  }
  return plainMessage(opts);
}

export interface ListMessageOptions {
  from: string;
  to: string;
  subject?: string;
  messageId?: string;
  date?: Date;
  body?: string;
  listId?: string;
}

/** Mailing-list mail (List-Id, List-Unsubscribe, Precedence: list). */
export function listMessage(o: ListMessageOptions): Buffer {
  const listId = o.listId ?? 'Announce <announce.lists.example.org>';
  const opts: PlainMessageOptions = {
    from: o.from,
    to: o.to,
    subject: o.subject ?? '[announce] Weekly digest',
    body: o.body ?? 'This week on the list: nothing of note.\n',
    headers: {
      'List-Id': listId,
      'List-Unsubscribe': '<mailto:announce-unsubscribe@lists.example.org>',
      Precedence: 'list',
    },
  };
  if (o.messageId !== undefined) opts.messageId = o.messageId;
  if (o.date !== undefined) opts.date = o.date;
  return plainMessage(opts);
}

export interface ReporterFlowOptions {
  from: string;
  to: string;
  subject: string;
  body: string;
  messageId?: string;
  date?: Date;
  attachments?: Attachment[];
  /** Default true (Thunderbird default); outer subject then defaults to "...". */
  protectedHeaders?: boolean;
  outerSubject?: string;
  /** Sign with this secret key (in the same GpgHome) too. */
  signWith?: string;
  passphrase?: string;
  /** Additional recipients (e.g. the reporter's own key, as Thunderbird does). */
  extraRecipients?: string[];
  hiddenRecipients?: boolean;
  extraHeaders?: Record<string, string>;
}

export interface ReporterFlowResult {
  /** The full PGP/MIME message to APPEND. */
  raw: Buffer;
  /** The cleartext MIME entity that was encrypted. */
  inner: Buffer;
  /** The armored ciphertext. */
  ciphertext: string;
  messageId: string;
}

/** Builds inner MIME, encrypts it to teamFpr with the gpg CLI, wraps it as PGP/MIME. */
export async function reporterFlow(gpg: GpgHome, teamFpr: string, o: ReporterFlowOptions): Promise<ReporterFlowResult> {
  const messageId = normMessageId(o.messageId ?? newMessageId());
  const protectedHeaders = o.protectedHeaders ?? true;
  const innerOpts: InnerMimeOptions = { from: o.from, to: o.to, subject: o.subject, body: o.body, protectedHeaders };
  if (protectedHeaders) innerOpts.messageId = messageId;
  if (o.attachments) innerOpts.attachments = o.attachments;
  const inner = innerMime(innerOpts);
  const encOpts: Parameters<GpgHome['encrypt']>[2] = { armor: true };
  if (o.signWith !== undefined) encOpts.signWith = o.signWith;
  if (o.passphrase !== undefined) encOpts.passphrase = o.passphrase;
  if (o.hiddenRecipients) encOpts.hiddenRecipients = true;
  const ciphertext = (await gpg.encrypt(inner, [teamFpr, ...(o.extraRecipients ?? [])], encOpts)).toString('utf8');
  const outer: PgpMimeOptions = {
    from: o.from,
    to: o.to,
    subject: o.outerSubject ?? (protectedHeaders ? '...' : o.subject),
    messageId,
    armoredCiphertext: ciphertext,
  };
  if (o.date) outer.date = o.date;
  if (o.extraHeaders) outer.extraHeaders = o.extraHeaders;
  return { raw: pgpMimeEncrypted(outer), inner, ciphertext, messageId };
}
