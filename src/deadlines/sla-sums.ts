/**
 * Checks and rebuilds the digest's SLA sums (sla_days and sla_times, kept by the triggers of
 * migrations 0015 and 0017) from the rows they sum: the cases and their deadlines. The
 * triggers keep them on every write, but a hand edit in the sqlite3 shell with the triggers
 * off, a restore of part of a table, or a bug of ours would leave the digest's figures
 * quietly wrong, and nothing else reads the sums against their source. `doctor` runs the
 * check (read-only); `deadlines rebuild-sla` rebuilds both tables a week of receipt per
 * transaction, so the daemon can go on beside it.
 * The expected sums are the migrations' own first fill, so a rebuild gives what a fresh
 * upgrade gives. Input: our own rows.
 */
import type { Db } from '../db/open.js';
import { DEFAULTS } from '../limits.js';

const SCORED = `('acknowledge', 'firstResponse', 'resolution', 'disclosure')`;

// CROSS JOIN keeps the cases outside (SQLite's rule for it): left to choose, the planner read
// every met row through deadlines_by_due for each week's few hundred cases (142 s, not 6 s,
// for the rebuild of 100,000 cases).
/** (day, policy, milestone, n, met, missed, waived) as the triggers would have summed them, for the cases `c` that `which` selects. */
const wantDays = (which = '1'): string => `
  SELECT coalesce(date(c.created_at), '') AS day, c.policy AS policy, '' AS milestone, count(*) AS n, 0 AS met, 0 AS missed, 0 AS waived
  FROM cases c WHERE ${which} GROUP BY 1, 2
  UNION ALL
  SELECT coalesce(date(c.created_at), ''), c.policy, d.milestone, count(*),
         sum(d.state = 'met' AND d.late = 0), sum((d.state = 'met' AND d.late = 1) OR d.state = 'overdue'), sum(d.state = 'waived')
  FROM cases c CROSS JOIN deadlines d ON d.case_id = c.id
  WHERE ${which} AND d.milestone IN ${SCORED}
  GROUP BY 1, 2, 3`;

/** Rows the triggers leave at zero (every row of their day deleted) say nothing: they are not compared. */
const HAVE_DAYS = `SELECT day, policy, milestone, n, met, missed, waived FROM sla_days WHERE n != 0 OR met != 0 OR missed != 0 OR waived != 0`;

/** (case_id, milestone, day, policy, took) of every met acknowledgement and first response with an instant, for the cases `which` selects. */
const wantTimes = (which = '1'): string => `
  SELECT d.case_id AS case_id, d.milestone AS milestone, coalesce(date(c.created_at), '') AS day, c.policy AS policy,
         CAST(round((unixepoch(d.met_at, 'subsec') - unixepoch(c.created_at, 'subsec')) * 1000) AS INTEGER) AS took
  FROM cases c CROSS JOIN deadlines d ON d.case_id = c.id
  WHERE ${which} AND d.state = 'met' AND d.met_at IS NOT NULL AND d.milestone IN ('acknowledge', 'firstResponse')
    AND unixepoch(d.met_at, 'subsec') IS NOT NULL AND unixepoch(c.created_at, 'subsec') IS NOT NULL`;

const HAVE_TIMES = `SELECT case_id, milestone, day, policy, took FROM sla_times`;

/** A receipt text that sorts by its UTC day (an ISO instant, any offset): a window finds it by the text's index. */
const SORTS_BY_DAY = `c.created_at >= date(c.created_at, '-1 day') AND c.created_at < date(c.created_at, '+2 days')`;
// Cases by their receipt text (indexed), a day either side of the window for texts with an
// offset, then exactly by the UTC day the sums file them under. The others (a Julian day
// number, a time alone) are the last pass's, so that no case is counted by both.
const IN_WINDOW = `c.created_at >= date(:from, '-1 day') AND c.created_at < date(:to, '+1 day') AND date(c.created_at) >= :from AND date(c.created_at) < :to AND ${SORTS_BY_DAY}`;
/** What a window of the rebuild sums (:from inclusive, :to exclusive); exported for its query-plan test. */
export const WINDOW_SQL = { days: wantDays(IN_WINDOW), times: wantTimes(IN_WINDOW) };

export interface SlaSumsCheck {
  /** (day, policy, milestone) sums that differ from their rows, or are missing, or have no rows. */
  days: number;
  /** Times to acknowledgement or first response that differ, are missing, or have no met row. */
  times: number;
}

/** How far the stored sums are from the rows they sum: both 0 when they agree. */
export function checkSlaSums(db: Db): SlaSumsCheck {
  const differ = (want: string, have: string, key: string): number =>
    db
      .prepare(
        `SELECT count(*) FROM (
           SELECT ${key} FROM (SELECT * FROM (${want}) EXCEPT SELECT * FROM (${have}))
           UNION
           SELECT ${key} FROM (SELECT * FROM (${have}) EXCEPT SELECT * FROM (${want})))`,
      )
      .pluck()
      .get() as number;
  return { days: differ(wantDays(), HAVE_DAYS, 'day, policy, milestone'), times: differ(wantTimes(), HAVE_TIMES, 'case_id, milestone') };
}

/**
 * Replaces both tables by the sums of the rows, DEFAULTS.slaRebuildDaysPerTransaction days
 * of receipt at a time (each window one transaction, consistent on its own: the triggers
 * keep the other days meanwhile), over the real days (1970 to 9999) of the cases and of both
 * tables; then, in one last transaction, drops every row outside those windows (a day text
 * that is none, edited by hand) and adds the cases no window reads: a created_at that is no
 * instant (day ''), or one date() reads but whose text does not sort by its day (a Julian day
 * number). Returns how many sum rows and times it wrote.
 */
export function rebuildSlaSums(db: Db): { days: number; times: number } {
  const out = { days: 0, times: 0 };
  const realDay = (col: string): string => `date(${col}) = ${col} AND ${col} >= '1970-01-01' AND ${col} < '9999-12-01'`;
  const span = db
    .prepare(
      `SELECT min(d) AS lo, max(d) AS hi FROM (
         SELECT date(created_at) AS d FROM cases WHERE ${realDay('date(created_at)')}
         UNION ALL SELECT day FROM sla_days WHERE ${realDay('day')} UNION ALL SELECT day FROM sla_times WHERE ${realDay('day')})`,
    )
    .get() as { lo: string | null; hi: string | null };
  const window = db.transaction((from: string, to: string) => {
    db.prepare('DELETE FROM sla_days WHERE day >= ? AND day < ?').run(from, to);
    db.prepare('DELETE FROM sla_times WHERE day >= ? AND day < ?').run(from, to);
    out.days += db.prepare(`INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived) ${WINDOW_SQL.days}`).run({ from, to }).changes;
    // OR REPLACE: a time of one of these cases may sit under another day (edited by hand).
    out.times += db.prepare(`INSERT OR REPLACE INTO sla_times (case_id, milestone, day, policy, took) ${WINDOW_SQL.times}`).run({ from, to }).changes;
  });
  const step = db.prepare(`SELECT date(?, '+${DEFAULTS.slaRebuildDaysPerTransaction} days')`).pluck();
  // The windows cover [lo, end): '' when there are none, so that every row and case falls to the last pass.
  let end = '';
  for (let from = span.lo; from !== null && span.hi !== null && from <= span.hi;) {
    const to = step.get(from) as string;
    window.immediate(from, to);
    end = to;
    from = to;
  }
  const lo = span.lo ?? '';
  db.transaction(() => {
    const outside = `NOT (day >= :lo AND day < :end)`;
    db.prepare(`DELETE FROM sla_days WHERE ${outside}`).run({ lo, end });
    db.prepare(`DELETE FROM sla_times WHERE ${outside}`).run({ lo, end });
    // Read by no window: no day, a day outside the windows, or a text that does not sort by its day.
    const unread = `(date(c.created_at) IS NULL OR NOT (date(c.created_at) >= :lo AND date(c.created_at) < :end) OR NOT (${SORTS_BY_DAY}))`;
    out.days += db
      .prepare(
        `INSERT INTO sla_days (day, policy, milestone, n, met, missed, waived) SELECT * FROM (${wantDays(unread)}) WHERE true
         ON CONFLICT (day, policy, milestone) DO UPDATE SET
           n = n + excluded.n, met = met + excluded.met, missed = missed + excluded.missed, waived = waived + excluded.waived`,
      )
      .run({ lo, end }).changes;
    out.times += db.prepare(`INSERT OR REPLACE INTO sla_times (case_id, milestone, day, policy, took) ${wantTimes(unread)}`).run({ lo, end }).changes;
  }).immediate();
  return out;
}
