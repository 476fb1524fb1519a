/**
 * RFC 3834 and common practice: which inbound mail must never get an automatic
 * reply, and which is itself automatic (bounces, auto-replies, our own mail) and so
 * is not a report at all. Pure; reads only the outer headers, which are
 * attacker-controlled but can only make us reply less, never more.
 */
import type { ParsedMail } from '../parse/parse.js';
import { contentType, firstAddress } from '../parse/parse.js';

export type Automatic = 'bounce' | 'auto_reply' | 'own_address';
export type NoReply = Automatic | 'mailing_list' | 'bulk' | 'null_return_path' | 'missing_return_path' | 'rate_limited' | 'rate_limited_repeat';

function rawHeader(mail: ParsedMail, name: string): string[] {
  const key = name.toLowerCase();
  return mail.headerLines.filter((h) => h.key === key).map((h) => h.line.slice(h.line.indexOf(':') + 1).trim());
}

/** Mail sent by a machine in answer to something: it is recorded, never made a case, never answered. */
export function automaticKind(mail: ParsedMail, ourAddresses: string[]): Automatic | undefined {
  const ct = contentType(mail);
  if (ct.value === 'multipart/report' && /delivery-status|disposition-notification/i.test(ct.params['report-type'] ?? '')) return 'bounce';
  const from = firstAddress(mail.from)?.address ?? '';
  const local = from.split('@')[0] ?? '';
  if (/^(mailer-daemon|postmaster)$/i.test(local) && isNullReturnPath(mail)) return 'bounce';
  const autoSubmitted = rawHeader(mail, 'auto-submitted')[0];
  if (autoSubmitted !== undefined && !/^no\b/i.test(autoSubmitted)) return 'auto_reply';
  if (rawHeader(mail, 'x-autoreply').length || rawHeader(mail, 'x-autorespond').length) return 'auto_reply';
  if (rawHeader(mail, 'precedence').some((p) => /^auto_reply$/i.test(p))) return 'auto_reply';
  if (from && ourAddresses.includes(from)) return 'own_address';
  return undefined;
}

/** Why a (non-automatic) message gets no automatic reply, or undefined when it may get one. */
export function noReplyReason(mail: ParsedMail, ourAddresses: string[]): NoReply | undefined {
  const auto = automaticKind(mail, ourAddresses);
  if (auto) return auto;
  if (['list-id', 'list-post', 'list-unsubscribe', 'list-help'].some((h) => rawHeader(mail, h).length > 0)) return 'mailing_list';
  const precedence = rawHeader(mail, 'precedence');
  if (precedence.some((p) => /^list$/i.test(p))) return 'mailing_list';
  if (precedence.some((p) => /^(bulk|junk)$/i.test(p))) return 'bulk';
  const rp = rawHeader(mail, 'return-path');
  if (rp.length === 0) return 'missing_return_path';
  if (isNullReturnPath(mail)) return 'null_return_path';
  return undefined;
}

function isNullReturnPath(mail: ParsedMail): boolean {
  return rawHeader(mail, 'return-path').some((v) => /^<\s*>$/.test(v) || v === '');
}
