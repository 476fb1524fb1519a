/**
 * Human-readable CLI output. Pure: data in, text out. Case text is printed as the
 * reporter wrote it, with control characters other than newline and tab removed, so
 * a hostile report cannot drive the operator's terminal (escape sequences).
 */
import type { CaseDetail } from '../cases/store/queries.js';
import { formatReportFields } from './format-fields.js';
import { safeText } from './safe-text.js';

export { safeText };
export { formatList } from './format-list.js';

export function formatCase(d: CaseDetail): string {
  const out: string[] = [];
  out.push(`${d.trackingId}  ${d.state}  (policy ${d.policy})`);
  out.push(`Reporter:   ${safeText(d.reporter.name ? `${d.reporter.name} <${d.reporter.email}>` : d.reporter.email)}`);
  out.push(`Subject:    ${safeText(d.subject ?? '')}`);
  out.push(`Received:   ${d.createdAt}`);
  out.push(`Encryption: ${d.encryption}    Signature: ${signatureWords(d.signature)}${d.signerFingerprint ? ` by ${d.signerFingerprint}` : ''}`);
  if (d.attention) out.push(`ATTENTION:  ${d.attention}`);
  out.push(...formatWorkflow(d.workflow));
  if (d.relatedCase) out.push(`Linked to:  ${d.relatedCase}`);
  if (d.noReplyReason) out.push(`No automatic reply: ${d.noReplyReason}`);
  for (const k of d.reporterKeys as Array<{ fingerprint: string; status: string }>) out.push(`Reporter key: ${k.fingerprint} (${k.status})`);
  out.push(...formatReportFields(d.reportFields, new Map(d.messages.map((m, i) => [m.id, i + 1]))));
  for (const m of d.messages.filter((x) => x.direction === 'in')) {
    out.push(
      '',
      `--- ${m.direction === 'in' ? 'from' : 'to'} ${safeText(String(m.from ?? ''))} at ${m.at} [${m.encryption}, signature ${signatureWords(String(m.signature))}${m.signerFingerprint ? ` ${m.signerFingerprint}` : m.signerKeyId ? ` key ID ${m.signerKeyId}` : ''}]`,
    );
    if (m.subject) out.push(`Subject: ${safeText(String(m.subject))}`);
    out.push('', safeText(String(m.body ?? '')).trimEnd());
    if (m.unencryptedText) out.push('', '[NOT ENCRYPTED, unverified text that came with the message:]', safeText(String(m.unencryptedText)).trimEnd());
    for (const a of m.attachments as Array<{ filename: string | null; contentType: string; size: number; sha256: string; encrypted: number }>) {
      out.push(
        `Attachment: ${safeText(a.filename ?? '(unnamed)')} ${a.contentType} ${a.size} bytes sha256:${a.sha256}${a.encrypted ? '' : ' [NOT ENCRYPTED]'}`,
      );
    }
  }
  if (d.outbox.length) {
    out.push('', 'Outgoing mail:');
    for (const o of d.outbox as Array<{ id: number; kind: string; state: string; to: string; attempts: number; lastError: string | null; createdAt: string }>) {
      out.push(
        `  ${o.createdAt}  ${o.kind} to ${o.to}: ${o.state}${o.attempts ? ` after ${o.attempts} attempt(s)` : ''}${o.lastError ? ` (${o.lastError})` : ''}`,
      );
      const text = d.thread.find((t) => t.direction === 'out' && t.messageId === (o as { messageId?: string }).messageId)?.text;
      if (text)
        out.push(
          ...safeText(text)
            .trimEnd()
            .split('\n')
            .map((l) => `    | ${l}`),
        );
    }
  }
  out.push('', 'Events:');
  for (const e of d.events) out.push(`  ${e.at}  ${e.actor}  ${e.type}${eventSummary(e.data)}`);
  return out.join('\n') + '\n';
}

function formatWorkflow(w: CaseDetail['workflow']): string[] {
  const out: string[] = [];
  const flags = [
    w.flags.exploited ? 'EXPLOITED' : '',
    w.flags.public ? 'public' : '',
    w.flags.onHold ? 'on hold' : '',
    w.flags.embargoUntil ? `embargo until ${w.flags.embargoUntil}` : '',
  ].filter(Boolean);
  out.push(`Assignee:   ${w.assignee ?? '-'}    Severity: ${w.severity ?? '-'}${w.cvssVector ? ` (${w.cvssVector})` : ''}    CVE: ${w.cve ?? '-'}`);
  if (flags.length) out.push(`Flags:      ${flags.join(', ')}`);
  if (w.acknowledgedAt) out.push(`Acknowledged by the team: ${w.acknowledgedAt}`);
  if (w.resolution) out.push(`Resolution: ${w.resolution}${w.duplicateOf ? ` of ${w.duplicateOf}` : ''}${w.closedAt ? ` (closed ${w.closedAt})` : ''}`);
  if (w.credits.length)
    out.push(`Credited:   ${w.credits.map((c) => safeText(`${c.name ? `${c.name} ` : ''}<${c.email}>${c.via ? ` via ${c.via}` : ''}`)).join(', ')}`);
  return [...out, ...formatAdvisory(w.advisory)];
}

/** The advisory fields the team set (the description by its length: it is long). */
function formatAdvisory(a: CaseDetail['workflow']['advisory']): string[] {
  const rows: Array<[string, string | null]> = [
    ['Vendor', a.vendor],
    ['Product', a.product],
    ['Affected', a.affected.join('; ') || null],
    ['Fixed in', a.fixed],
    ['CWE', a.cwe.join(', ') || null],
    ['Summary', a.summary],
    ['Description', a.description === null ? null : `${a.description.length} characters`],
    ['References', a.references.join(' ') || null],
    ['Published', a.publishedAt],
    [
      'CRA notified',
      Object.entries(a.craNotified)
        .map(([k, at]) => `${k} ${at}`)
        .join(', ') || null,
    ],
  ];
  const set = rows.filter(([, v]) => v !== null);
  return set.length ? ['Advisory:', ...set.map(([k, v]) => `  ${`${k}:`.padEnd(14)}${safeText(v as string)}`)] : [];
}

/** The event's data in one short line; notes and values only, never message text. */
function eventSummary(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as Record<string, unknown>;
  const keep = ['from', 'to', 'resolution', 'duplicateOf', 'flag', 'value', 'kind', 'note', 'cvssVector', 'credited', 'reason'];
  const parts = keep
    .filter((k) => d[k] !== undefined && d[k] !== null && !(Array.isArray(d[k]) && (d[k] as unknown[]).length === 0))
    .map((k) => `${k}=${JSON.stringify(d[k])}`);
  const s = parts.join(' ');
  return s ? `  ${safeText(s.length > 160 ? `${s.slice(0, 157)}...` : s)}` : '';
}

/** A signature status, with what `weak` means: it verifies, but proves nothing to us any more. */
export function signatureWords(status: string): string {
  if (status === 'weak') return 'weak (good, but made with SHA-1 or a DSA key, which we no longer accept)';
  if (status === 'unsupported') return 'unsupported (a version 3 signature, GnuPG 1.x or 2.0: we cannot check it)';
  return status;
}
