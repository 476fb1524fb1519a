/**
 * `cases list` as a table. Pure: data in, text out; report text (reporter, subject) is
 * printed through safeText. Its own module so listing loads nothing of the one-case view
 * (format.ts), whose field formatting it does not need (CLI cold start, issue 11).
 */
import type { CaseListItem } from '../cases/store/case-list.js';
import { DEFAULTS } from '../limits.js';
import { safeText } from './safe-text.js';
import { cut, tableTime } from './table.js';

/** The table; times in `timezone` (the config's), named in the header. */
export function formatList(items: CaseListItem[], timezone = 'UTC'): string {
  if (items.length === 0) return 'No cases.\n';
  // One pass per row, no per-row spreads or checks of the whole list: a list of 10,000 cases
  // was quadratic, and is the CLI's cold start (issue 11).
  const withOverdue = items.some((i) => i.overdue);
  const head = ['ID', 'STATE', `RECEIVED (${timezone})`, 'ENCRYPTION', 'ASSIGNEE', ...(withOverdue ? ['OVERDUE'] : []), 'REPORTER', 'SUBJECT'];
  const widths = head.map((h) => h.length);
  const rows = items.map((c) => {
    const r = [c.trackingId, c.state, tableTime(c.createdAt, timezone), c.encryption, c.assignee ?? '-'];
    if (withOverdue) r.push((c.overdue ?? []).map((o) => o.milestone).join(','));
    r.push(cut(safeText(c.reporter), DEFAULTS.cliNameWidth), cut(safeText(c.subject ?? ''), DEFAULTS.cliSubjectWidth));
    for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] as number, (r[i] as string).length);
    return r;
  });
  const line = (r: string[]): string => {
    let s = '';
    for (let i = 0; i < r.length; i++) s += (i ? '  ' : '') + (r[i] as string).padEnd(widths[i] as number);
    return s.trimEnd();
  };
  let out = line(head) + '\n';
  for (const r of rows) out += line(r) + '\n';
  return out;
}
