/**
 * The words of the deadline mails: team reminders and escalations, the reporter's
 * automatic status update, and the team digest (plain text plus an HTML part with a
 * met-vs-missed chart built from inline styles; no remote images, no scripts).
 * Pure functions. A mail that goes out unencrypted never carries report text: no
 * subjects, no reporter address; only tracking IDs, milestones, dates and states.
 * Everything interpolated into HTML is escaped.
 */
import { formatWhen } from './format-when.js';
import { zonedFormatter } from '../util/zoned-format.js';

/** Fields renderMail reads on every kind of mail. */
interface Envelope {
  to: string;
  toName?: string | null;
  inReplyTo?: string | null;
  references?: string[];
  /** Reporter mail: fingerprint of the pinned key. */
  encryptTo?: string | null;
  /** Team mail: the member address whose configured key encrypts it. */
  encryptToMember?: string | null;
  timezone: string;
  messageId?: string;
  date?: string;
}

export interface DeadlineItem {
  trackingId: string;
  /** The report's subject: shown only inside encrypted mail. */
  subject: string | null;
  milestone: string;
  label: string;
  due: string;
  state: string;
}

export interface ReminderParams extends Envelope {
  kind: 'deadline_reminder';
  trackingId: string;
  item: DeadlineItem;
  steps: string[];
  /** A CRA milestone's notification drafted from the case (advisory/cra-draft.ts): shown only in encrypted mail. */
  draft?: string[];
}

export interface EscalationParams extends Envelope {
  kind: 'deadline_escalation';
  trackingId: string;
  item: DeadlineItem;
  steps: string[];
  /** Who this escalation went to, as the policy names them. */
  escalatedTo: string[];
  draft?: string[];
}

export interface StatusUpdateParams extends Envelope {
  kind: 'status_update';
  trackingId: string;
  teamFingerprint: string;
  teamAddress: string;
  state: string;
  /** The next date the policy promises, if any. */
  next: { text: string; due: string } | null;
}

export interface SlaFigures {
  days: number;
  cases: number;
  medianAckMs: number | null;
  medianFirstResponseMs: number | null;
  perMilestone: Array<{ milestone: string; label: string; met: number; missed: number; waived?: number }>;
}

export interface DigestData {
  at: string;
  since: string | null;
  newCases: Array<{ trackingId: string; subject: string | null; receivedAt: string; state: string; possibleDuplicates?: string[] }>;
  overdue: DeadlineItem[];
  waiting: DeadlineItem[];
  statusUpdatesDue: DeadlineItem[];
  disclosures: DeadlineItem[];
  /** EU CRA notifications owed (due or overdue), listed first. */
  cra?: DeadlineItem[];
  sla: SlaFigures[];
  /** Held messages that made no case (too large, unreadable): waiting for a person, seen nowhere else. */
  held?: Array<{ id: number; receivedAt: string; size: number; reason: string | null }>;
  /** The event log's head when the digest was made (cases/store/audit-head.ts): kept by every member. */
  auditHead?: { count: number; hash: string };
  /**
   * How many items each list had before it was cut to its first DEFAULTS.digestItemsListed
   * (deadlines/digest.ts), where it was cut. Absent (a digest queued before lists were cut,
   * or a list that was not): the list is whole.
   */
  totals?: Partial<Record<DigestList, number>>;
}

/** The digest's lists that may be cut. */
export type DigestList = 'cra' | 'overdue' | 'waiting' | 'statusUpdatesDue' | 'disclosures' | 'held';

/** How many items a list of the digest has, cut or not. */
export function digestTotal(d: DigestData, list: DigestList): number {
  return d.totals?.[list] ?? d[list]?.length ?? 0;
}

export interface DigestParams extends Envelope {
  kind: 'digest';
  digest: DigestData;
}

export type DeadlineMailParams = ReminderParams | EscalationParams | StatusUpdateParams | DigestParams;

/** Mail to the team is generated, not a reply (RFC 3834 Auto-Submitted: auto-generated). */
export const TEAM_MAIL_KINDS: ReadonlySet<string> = new Set(['deadline_reminder', 'deadline_escalation', 'digest']);

export const STATE_TEXT: Record<string, string> = {
  received: 'received, awaiting triage',
  needs_info: 'waiting for more information from you',
  triaged: 'triaged: the team has confirmed it is looking at it',
  fixing: 'a fix is being prepared',
  fix_released: 'a fix has been released',
  disclosed: 'publicly disclosed',
  closed: 'closed',
};

export function formatLeft(ms: number): string {
  const neg = ms < 0;
  const min = Math.round(Math.abs(ms) / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  const text = d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : `${m}m`;
  return neg ? `${text} overdue` : `${text} left`;
}

function itemLine(i: DeadlineItem, now: string, tz: string, encrypted: boolean): string {
  const what = encrypted && i.subject ? ` "${oneLine(i.subject)}"` : '';
  return `  ${i.trackingId}${what}: ${i.label} due ${formatWhen(i.due, tz)} (${formatLeft(Date.parse(i.due) - Date.parse(now))})`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').slice(0, 120);
}

export function renderDeadlineMail(p: DeadlineMailParams, encrypted: boolean): { subject: string; text: string; html?: string } {
  switch (p.kind) {
    case 'deadline_reminder':
      return renderReminder(p, encrypted);
    case 'deadline_escalation':
      return renderEscalation(p, encrypted);
    case 'status_update':
      return renderStatusUpdate(p);
    case 'digest':
      return renderDigest(p, encrypted);
  }
}

const FOOTER = ['', '-- ', "Sent by sectriage, the security team's intake system.", 'Times are shown in the configured zone with the UTC instant.'];

/** The CRA notification draft: in encrypted mail only (it describes an exploited, maybe unfixed, vulnerability). */
function draftLines(p: { draft?: string[]; item: DeadlineItem; trackingId: string }, encrypted: boolean): string[] {
  if (!p.draft) return [];
  if (!encrypted) return ['', 'A draft of this notification is sent only encrypted: add your publicKey to the config to get it.'];
  const which = p.item.milestone.replace(/^cra_/, '');
  return [
    '',
    'Draft of the notification, from what the team recorded on the case: check it, fill in the marked',
    "parts, and file it on the authorities' reporting platform; then record it made:",
    `  sectriage cases set ${p.trackingId} --cra-notified ${which}`,
    '',
    ...p.draft.map((l) => `  ${l}`),
  ];
}

function renderReminder(p: ReminderParams, encrypted: boolean): { subject: string; text: string } {
  const now = p.date ?? new Date().toISOString();
  const lines = [
    `Reminder: ${p.item.label} for ${p.trackingId} is due soon.`,
    '',
    itemLine(p.item, now, p.timezone, encrypted),
    '',
    'How the date was computed:',
    ...p.steps.map((s) => `  - ${s}`),
    '',
    `See: sectriage deadlines explain ${p.trackingId}`,
    ...draftLines(p, encrypted),
    ...(encrypted ? [] : ['', '(Sent unencrypted: no report details. Add your publicKey to the config to get them.)']),
    ...FOOTER,
  ];
  return { subject: `[${p.trackingId}] Reminder: ${p.item.label} due ${shortDate(p.item.due, p.timezone)}`, text: lines.join('\n') + '\n' };
}

function renderEscalation(p: EscalationParams, encrypted: boolean): { subject: string; text: string } {
  const now = p.date ?? new Date().toISOString();
  const lines = [
    `ESCALATION: ${p.item.label} for ${p.trackingId} is overdue.`,
    '',
    itemLine(p.item, now, p.timezone, encrypted),
    '',
    `The policy escalates this milestone to: ${p.escalatedTo.join(', ')}.`,
    p.draft
      ? 'Make the notification (draft below), then record it made (cases set --cra-notified).'
      : 'Please reply to the reporter, or record why the case waits.',
    '',
    'How the date was computed:',
    ...p.steps.map((s) => `  - ${s}`),
    '',
    `See: sectriage deadlines explain ${p.trackingId}`,
    ...draftLines(p, encrypted),
    ...(encrypted ? [] : ['', '(Sent unencrypted: no report details.)']),
    ...FOOTER,
  ];
  return { subject: `[${p.trackingId}] OVERDUE: ${p.item.label} was due ${shortDate(p.item.due, p.timezone)}`, text: lines.join('\n') + '\n' };
}

function renderStatusUpdate(p: StatusUpdateParams): { subject: string; text: string } {
  const lines = [
    `Hello${p.toName ? ` ${p.toName}` : ''},`,
    '',
    `This is a status update on your report ${p.trackingId}, which our policy`,
    'promises you at regular intervals.',
    '',
    `Current status: ${STATE_TEXT[p.state] ?? p.state}.`,
  ];
  if (p.next) lines.push(`Next date our policy promises: ${p.next.text}, by ${formatWhen(p.next.due, p.timezone)}.`);
  lines.push(
    '',
    'A member of the team will write to you with details. To add information,',
    `reply to this message and keep [${p.trackingId}] in the subject, encrypted to`,
    `our OpenPGP key ${p.teamFingerprint.replace(/(.{4})/g, '$1 ').trim()}.`,
    '',
    '-- ',
    "This is an automatic message from the security team's intake system.",
  );
  return { subject: `[${p.trackingId}] Status update on your security report`, text: lines.join('\n') + '\n' };
}

function shortDate(iso: string, tz: string): string {
  return zonedFormatter('en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(iso));
}

function msText(ms: number | null): string {
  if (ms === null) return 'n/a';
  const h = ms / 3_600_000;
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
}

function digestSections(p: DigestParams, encrypted: boolean): Array<{ title: string; lines: string[] }> {
  const d = p.digest;
  const tz = p.timezone;
  // A cut list ends with how many it left out and the command that lists them all.
  const more = (list: DigestList, shown: number, all: string): string[] => {
    const left = digestTotal(d, list) - shown;
    return left > 0 ? [`  ... and ${left} more: ${all}`] : [];
  };
  const items = (list: Exclude<DigestList, 'held'>, all: string) => {
    const xs = d[list] ?? [];
    return xs.length ? [...xs.map((i) => itemLine(i, d.at, tz, encrypted)), ...more(list, xs.length, all)] : ['  (none)'];
  };
  const title = (text: string, list: DigestList): string => `${text} (${digestTotal(d, list)})`;
  return [
    // Owed CRA notifications are due or overdue: the case list (not --overdue) shows both.
    ...(d.cra?.length ? [{ title: title('EU CRA notifications owed', 'cra'), lines: items('cra', 'sectriage cases list') }] : []),
    { title: title('Overdue', 'overdue'), lines: items('overdue', 'sectriage cases list --overdue') },
    { title: title('Waiting on acknowledgement or first response', 'waiting'), lines: items('waiting', 'sectriage cases list') },
    { title: title('Status updates due', 'statusUpdatesDue'), lines: items('statusUpdatesDue', 'sectriage cases list') },
    { title: title('Disclosure dates in the next 14 days', 'disclosures'), lines: items('disclosures', 'sectriage cases list') },
    {
      title: `New cases ${d.since ? `since ${formatWhen(d.since, tz)}` : 'so far'} (${d.newCases.length})`,
      lines: d.newCases.length
        ? d.newCases.map(
            (c) =>
              `  ${c.trackingId}${encrypted && c.subject ? ` "${oneLine(c.subject)}"` : ''}: received ${formatWhen(c.receivedAt, tz)}, ${c.state}` +
              (c.possibleDuplicates?.length ? `; possible duplicate of ${c.possibleDuplicates.join(', ')}` : ''),
          )
        : ['  (none)'],
    },
    {
      title: 'SLA',
      lines: d.sla.flatMap((s) => [
        `  Last ${s.days} days (${s.cases} cases): median time to acknowledgement ${msText(s.medianAckMs)}, to first response ${msText(s.medianFirstResponseMs)}`,
        ...s.perMilestone.map(
          (m) =>
            `    ${m.label}: ${m.met} met, ${m.missed} missed${m.met + m.missed ? ` (${Math.round((100 * m.met) / (m.met + m.missed))}% met)` : ''}${m.waived ? `; ${m.waived} waived (closed without it)` : ''}`,
        ),
      ]),
    },
    ...(d.held?.length
      ? [
          {
            title: title('Held without a case', 'held'),
            lines: [
              ...d.held.map(
                (h) =>
                  `  spool ${h.id}: received ${formatWhen(h.receivedAt, tz)}, ${h.size} bytes: ${
                    // The reason names the sender: only inside the encryption.
                    encrypted ? oneLine(h.reason ?? 'held') : (h.reason ?? 'held').split(':')[0]
                  } (sectriage spool list --state held)`,
              ),
              ...more('held', d.held.length, 'sectriage spool list --state held'),
            ],
          },
        ]
      : []),
    ...(d.auditHead
      ? [
          {
            title: 'Event log',
            lines: [
              `  ${d.auditHead.count} events, head ${d.auditHead.count}:${d.auditHead.hash}`,
              `  Keep this mail: on the host, sectriage audit verify --head ${d.auditHead.count}:${d.auditHead.hash} proves the log was not rewritten since.`,
            ],
          },
        ]
      : []),
  ];
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

function renderDigest(p: DigestParams, encrypted: boolean): { subject: string; text: string; html: string } {
  const d = p.digest;
  const sections = digestSections(p, encrypted);
  const head = `Security digest for ${formatWhen(d.at, p.timezone)}`;
  const text =
    [
      head,
      '',
      ...sections.flatMap((s) => [s.title, ...s.lines, '']),
      ...(encrypted ? [] : ['(Sent unencrypted: report subjects are left out. Add your publicKey to the config to get them.)']),
      ...FOOTER,
    ].join('\n') + '\n';

  // Chart: one row per milestone of the longest window, met (green) vs missed (red), as table cells
  // with widths in percent; every mail client renders tables, few render SVG or flexbox.
  const window = d.sla[d.sla.length - 1];
  const rows = (window?.perMilestone ?? [])
    .filter((m) => m.met + m.missed > 0)
    .map((m) => {
      const total = m.met + m.missed;
      const metPct = Math.round((100 * m.met) / total);
      const cells = [
        metPct > 0 ? `<td style="background:#2e7d32;width:${metPct}%;height:14px" title="met"></td>` : '',
        metPct < 100 ? `<td style="background:#c62828;width:${100 - metPct}%;height:14px" title="missed"></td>` : '',
      ].join('');
      return `<tr><td style="padding:2px 8px 2px 0;white-space:nowrap">${esc(m.label)}</td><td style="width:240px"><table role="presentation" cellspacing="0" cellpadding="0" style="width:100%;border-collapse:collapse"><tr>${cells}</tr></table></td><td style="padding-left:8px;white-space:nowrap">${m.met} met / ${m.missed} missed${m.waived ? ` / ${m.waived} waived` : ''}</td></tr>`;
    });
  const chart = rows.length
    ? `<h3 style="margin:16px 0 4px">Deadlines met vs missed, last ${window?.days} days</h3><table role="presentation" style="border-collapse:collapse;font-size:13px">${rows.join('')}</table>`
    : `<p>No deadlines fell due in the last ${window?.days ?? 90} days.</p>`;
  const body = sections
    .map(
      (s) =>
        `<h3 style="margin:16px 0 4px">${esc(s.title)}</h3><pre style="margin:0;font:13px monospace;white-space:pre-wrap">${esc(s.lines.join('\n'))}</pre>`,
    )
    .join('');
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(head)}</title></head><body style="font:14px sans-serif;color:#222"><h2 style="margin:0 0 8px">${esc(head)}</h2>${chart}${body}<p style="color:#666;font-size:12px">Sent by sectriage.</p></body></html>`;
  return {
    subject: `Security digest: ${digestTotal(d, 'overdue')} overdue, ${digestTotal(d, 'waiting')} waiting, ${d.newCases.length} new`,
    text,
    html,
  };
}
