/**
 * Operator views and actions on the queues (Postfix's postqueue/postsuper): list the
 * spool and the outbox, and send again a mail that failed or whose delivery is
 * uncertain. Reads ids from the operator; never prints message content.
 */
import { retryOutbox as retryAction } from '../cases/actions/outbox.js';
import { trackingIdOf } from '../cases/store/cases.js';
import { outboxList } from '../cases/store/outbox.js';
import type { Db } from '../db/open.js';
import { spoolList } from '../spool/spool.js';
import { cut, tableTime } from './table.js';
import type { Actor } from '../cases/model/events.js';

export function spoolRows(db: Db, state?: readonly string[]): Array<Record<string, unknown>> {
  return spoolList(db, state).map(({ caseId, ...r }) => ({ ...r, trackingId: caseId === null ? null : (trackingIdOf(db, caseId) ?? null) }));
}

export function outboxRows(db: Db, state?: readonly string[]): Array<Record<string, unknown>> {
  return outboxList(db, state);
}

/** Queues a failed or uncertain mail again (same bytes, same Message-ID), as the calling person (actor.ts). */
export function retryOutbox(db: Db, id: number, now: Date, actor: Actor): void {
  db.transaction(() => retryAction({ db, now, actor, reporterNotices: [], teamAddress: '', timezone: 'UTC' }, id)).immediate();
}

export interface TableOptions {
  /** Columns holding ISO instants: shown in `timezone`, named in the header. */
  times?: readonly string[];
  timezone?: string;
  /** Widest a column may be, in characters (cut with an ellipsis). */
  widths?: Readonly<Record<string, number>>;
}

export function formatRows(rows: Array<Record<string, unknown>>, columns: string[], o: TableOptions = {}): string {
  if (rows.length === 0) return 'Nothing.\n';
  const tz = o.timezone ?? 'UTC';
  const cell = (r: Record<string, unknown>, c: string): string => {
    const raw = o.times?.includes(c) ? tableTime(r[c] as string | null, tz) : String(r[c] ?? '');
    const text = raw.replace(/[\u0000-\u001f\u007f]/g, ' ');
    const max = o.widths?.[c];
    return max ? cut(text, max) : text;
  };
  const cells = rows.map((r) => columns.map((c) => cell(r, c)));
  const head = columns.map((c) => (o.times?.includes(c) ? `${c.toUpperCase()} (${tz})` : c.toUpperCase()));
  const widths = columns.map((_, i) => Math.max((head[i] as string).length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(head), ...cells.map(line)].join('\n') + '\n';
}
