/**
 * Human-readable CLI output. Pure: data in, text out. Case text is printed as the
 * reporter wrote it, with control characters other than newline and tab removed, so
 * a hostile report cannot drive the operator's terminal (escape sequences).
 */
import type { CaseDetail, CaseListItem } from '../cases/queries.js';
import { formatReportFields } from './format-fields.js';

export function safeText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '�');
}

export function formatList(items: CaseListItem[]): string {
  if (items.length === 0) return 'No cases.\n';
  const rows = items.map((c) => [c.trackingId, c.state, c.createdAt.slice(0, 16).replace('T', ' '), c.encryption, safeText(c.reporter), safeText(c.subject ?? '').slice(0, 50)]);
  const head = ['ID', 'STATE', 'RECEIVED (UTC)', 'ENCRYPTION', 'REPORTER', 'SUBJECT'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

export function formatCase(d: CaseDetail): string {
  const out: string[] = [];
  out.push(`${d.trackingId}  ${d.state}  (policy ${d.policy})`);
  out.push(`Reporter:   ${safeText(d.reporter.name ? `${d.reporter.name} <${d.reporter.email}>` : d.reporter.email)}`);
  out.push(`Subject:    ${safeText(d.subject ?? '')}`);
  out.push(`Received:   ${d.createdAt}`);
  out.push(`Encryption: ${d.encryption}    Signature: ${d.signature}${d.signerFingerprint ? ` by ${d.signerFingerprint}` : ''}`);
  if (d.attention) out.push(`ATTENTION:  ${d.attention}`);
  if (d.relatedCase) out.push(`Linked to:  ${d.relatedCase}`);
  if (d.noReplyReason) out.push(`No automatic reply: ${d.noReplyReason}`);
  for (const k of d.reporterKeys as Array<{ fingerprint: string; status: string }>) out.push(`Reporter key: ${k.fingerprint} (${k.status})`);
  out.push(...formatReportFields(d.reportFields, new Map(d.messages.map((m, i) => [m.id, i + 1]))));
  for (const m of d.messages) {
    out.push('', `--- ${m.direction === 'in' ? 'from' : 'to'} ${safeText(String(m.from ?? ''))} at ${m.at} [${m.encryption}, signature ${m.signature}${m.signerFingerprint ? ` ${m.signerFingerprint}` : m.signerKeyId ? ` key ID ${m.signerKeyId}` : ''}]`);
    if (m.subject) out.push(`Subject: ${safeText(String(m.subject))}`);
    out.push('', safeText(String(m.body ?? '')).trimEnd());
    if (m.unencryptedText) out.push('', '[NOT ENCRYPTED, unverified text that came with the message:]', safeText(String(m.unencryptedText)).trimEnd());
    for (const a of m.attachments as Array<{ filename: string | null; contentType: string; size: number; sha256: string; encrypted: number }>) {
      out.push(`Attachment: ${safeText(a.filename ?? '(unnamed)')} ${a.contentType} ${a.size} bytes sha256:${a.sha256}${a.encrypted ? '' : ' [NOT ENCRYPTED]'}`);
    }
  }
  if (d.outbox.length) {
    out.push('', 'Outgoing mail:');
    for (const o of d.outbox as Array<{ kind: string; state: string; to: string; attempts: number; lastError: string | null }>) {
      out.push(`  ${o.kind} to ${o.to}: ${o.state}${o.attempts ? ` after ${o.attempts} attempt(s)` : ''}${o.lastError ? ` (${o.lastError})` : ''}`);
    }
  }
  out.push('', 'Events:');
  for (const e of d.events) out.push(`  ${e.at}  ${e.actor}  ${e.type}`);
  return out.join('\n') + '\n';
}
