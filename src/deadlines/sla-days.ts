/**
 * The digest's SLA counts (store.ts StoredSla) from the sums per day of receipt that the
 * triggers of migrations 0015 and 0017 keep (sla_days, and the times in sla_times): the
 * whole days of the span from the sums, the days a bound or `until` falls in row by row
 * through storedSlaByRows, and the cases of the whole days whose stored rows do not hold
 * (due for the sweep by `now`, or in `except`) taken back out. The same counts
 * storedSlaByRows gives over the whole span (sla-days.test.ts), from a few hundred sums
 * and the window's times instead of the ~20,000 deadlines rows of 90 days at 100,000
 * cases (issue 11). Input: our own rows.
 */
import type { Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { storedSlaByRows, type SlaSelection, type StoredSla } from './store.js';
import type { MilestoneName } from '../policy/schema.js';

const DAY_MS = 86_400_000;
/** The milestones sla_days sums (migration 0015), and those it keeps times for. */
const SUMMED: readonly string[] = ['acknowledge', 'firstResponse', 'resolution', 'disclosure'];
const TIMED: readonly string[] = ['acknowledge', 'firstResponse'];

/** The UTC day of an instant, as SQLite's date() writes it. */
const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

type Count = StoredSla['counts'][number];

/** Bucket and milestone -> counts, with the cases per bucket: StoredSla being added up. */
class Sums {
  readonly cases = new Map<number, number>();
  readonly counts = new Map<string, Count>();
  /** Rows of a milestone in any state: a milestone some case has is named, even with nothing met or missed. */
  readonly rows = new Map<string, number>();

  count(w: number, milestone: string): Count {
    const key = `${w}\n${milestone}`;
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { w, milestone: milestone as MilestoneName, met: 0, missed: 0, waived: 0, took: [] }));
    return c;
  }

  add(w: number, milestone: string, rows: number, met: number, missed: number, waived: number, took: number[]): void {
    const c = this.count(w, milestone);
    this.rows.set(`${w}\n${milestone}`, (this.rows.get(`${w}\n${milestone}`) ?? 0) + rows);
    c.met += met;
    c.missed += missed;
    c.waived += waived;
    c.took.push(...took);
  }

  /** Takes one copy of this time out (the same time may be there for another case). */
  remove(w: number, milestone: string, took: number | null): void {
    if (took === null) return;
    const list = this.count(w, milestone).took;
    const at = list.indexOf(took);
    if (at >= 0) list.splice(at, 1);
  }

  result(): StoredSla {
    return {
      cases: [...this.cases].filter(([, n]) => n > 0).map(([w, n]) => ({ w, n })),
      counts: [...this.counts].filter(([key]) => (this.rows.get(key) ?? 0) > 0).map(([, c]) => c),
    };
  }
}

interface DayRow {
  day: string;
  milestone: string;
  n: number;
  met: number;
  missed: number;
  waived: number;
}

interface StaleRow {
  id: number;
  day: string;
  milestone: string | null;
  state: string | null;
  late: number | null;
  took: number | null;
}

/** storedSlaByRows's answer, read from the sums per day where it can be. */
export function storedSla(db: Db, q: SlaSelection, milestones: readonly string[], timed: readonly string[]): StoredSla {
  if (milestones.some((m) => !SUMMED.includes(m)) || timed.some((m) => !TIMED.includes(m)))
    throw new SectriageError('DEADLINE_SWEEP', `sla_days sums ${SUMMED.join(', ')} and keeps times for ${TIMED.join(', ')} only`);
  const earliest = (q.bounds[q.bounds.length - 1] as Date).getTime();
  const first = utcDay(earliest);
  const last = utcDay(q.until.getTime());
  const edges = [...new Set([...q.bounds.map((b) => utcDay(b.getTime())), last])].filter((d) => d >= first && d <= last);
  const sums = new Sums();
  // The days a bound or `until` falls in hold cases on both sides of it: row by row.
  for (const day of edges) {
    const got = storedSlaByRows(db, { ...q, day }, milestones, timed);
    for (const c of got.cases) sums.cases.set(c.w, (sums.cases.get(c.w) ?? 0) + c.n);
    for (const c of got.counts) sums.add(c.w, c.milestone, 1, c.met, c.missed, c.waived, c.took);
  }
  // A whole day lies after the bounds it is past: its bucket is the first (latest) of those.
  const bounds = q.bounds.map((b) => utcDay(b.getTime()));
  const bucket = (day: string): number => bounds.findIndex((b) => day > b);
  const whole = (day: string): boolean => day > first && day < last && !edges.includes(day);
  const policies = JSON.stringify(q.policies);
  const rows = db
    .prepare(
      `SELECT day, milestone, n, met, missed, waived FROM sla_days
       WHERE day > ? AND day < ? AND policy IN (SELECT value FROM json_each(?)) AND milestone IN (SELECT value FROM json_each(?))`,
    )
    .all(first, last, policies, JSON.stringify(['', ...milestones])) as DayRow[];
  for (const r of rows) {
    if (!whole(r.day)) continue;
    const w = bucket(r.day);
    if (r.milestone === '') sums.cases.set(w, (sums.cases.get(w) ?? 0) + r.n);
    else sums.add(w, r.milestone, r.n, r.met, r.missed, r.waived, []);
  }
  // The times, a row each (migration 0017), read from their index as [day, milestone, took].
  const times = db
    .prepare(
      `SELECT day, milestone, took FROM sla_times INDEXED BY sla_times_by_day
       WHERE day > ? AND day < ? AND milestone IN (SELECT value FROM json_each(?)) AND policy IN (SELECT value FROM json_each(?))`,
    )
    .raw()
    .all(first, last, JSON.stringify(timed), policies) as Array<[string, string, number]>;
  for (const [day, milestone, took] of times) if (whole(day)) sums.count(bucket(day), milestone).took.push(took);
  // The cases of those days whose stored rows do not hold: the caller counts them from their events.
  const stale = db
    .prepare(
      `SELECT c.id, coalesce(date(c.created_at), '') AS day, d.milestone, d.state, d.late,
         CASE WHEN d.state = 'met' AND d.met_at IS NOT NULL THEN CAST(round((unixepoch(d.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER) END AS took
       FROM cases c LEFT JOIN deadlines d ON d.case_id = c.id AND d.milestone IN (SELECT value FROM json_each(?))
       WHERE c.created_at >= ? AND c.created_at < ? AND c.policy IN (SELECT value FROM json_each(?))
         AND ((c.sweep_at IS NOT NULL AND c.sweep_at <= ?) OR c.id IN (SELECT value FROM json_each(?)))`,
    )
    .all(
      JSON.stringify(milestones),
      new Date(Date.parse(first) - DAY_MS).toISOString(),
      new Date(Date.parse(last) + 2 * DAY_MS).toISOString(),
      policies,
      q.now.toISOString(),
      JSON.stringify(q.except),
    ) as StaleRow[];
  const seen = new Set<number>();
  for (const r of stale) {
    if (!whole(r.day)) continue;
    const w = bucket(r.day);
    if (!seen.has(r.id)) {
      seen.add(r.id);
      sums.cases.set(w, (sums.cases.get(w) ?? 0) - 1);
    }
    if (r.milestone === null) continue;
    const met = r.state === 'met' && r.late === 0 ? 1 : 0;
    const missed = (r.state === 'met' && r.late === 1) || r.state === 'overdue' ? 1 : 0;
    sums.add(w, r.milestone, -1, -met, -missed, r.state === 'waived' ? -1 : 0, []);
    if (timed.includes(r.milestone)) sums.remove(w, r.milestone, r.took);
  }
  return sums.result();
}
