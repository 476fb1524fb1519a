/**
 * Reads what the deadline engine needs from the database (a case's events, its
 * policy) and writes its results: the `deadlines` rows, recomputed whenever the sweep
 * looks at a case, the instant it must look again (cases.sweep_at, migration 0008),
 * and the `deadline_actions` rows that make each reminder, escalation, status update
 * and digest happen at most once. Input: our own rows.
 */
import type { Db } from '../db/open.js';
import { caseScope, sealerOf } from '../seal/sealer.js';
import type { Deadline, DeadlineState } from './engine.js';
import type { MilestoneName } from '../policy/schema.js';

interface SavedRow {
  milestone: string;
  due_at: string | null;
  remind_at: string | null;
  state: string;
  met_at: string | null;
  late: number;
  steps: string;
}

/**
 * Makes a case's rows these: a milestone its policy no longer has must not linger. A row
 * the sweep computed again unchanged is left as it is (its computed_at is when it last
 * changed): most of a sweep's recomputations change nothing, and each row written moves
 * the SLA sums (migrations 0015, 0017) and grows the WAL.
 */
export function saveDeadlines(db: Db, caseId: number, deadlines: Deadline[], now: Date): void {
  const old = new Map(
    (db.prepare('SELECT milestone, due_at, remind_at, state, met_at, late, steps FROM deadlines WHERE case_id = ?').all(caseId) as SavedRow[]).map((r) => [
      r.milestone,
      r,
    ]),
  );
  const remove = db.prepare('DELETE FROM deadlines WHERE case_id = ? AND milestone = ?');
  const insert = db.prepare(
    `INSERT INTO deadlines (case_id, milestone, due_at, remind_at, state, met_at, late, steps, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const d of deadlines) {
    const row: SavedRow = {
      milestone: d.milestone,
      due_at: d.due?.toISOString() ?? null,
      remind_at: d.remindAt?.toISOString() ?? null,
      state: d.state,
      met_at: d.metAt?.toISOString() ?? null,
      late: d.late ? 1 : 0,
      steps: JSON.stringify(d.steps),
    };
    const was = old.get(d.milestone);
    old.delete(d.milestone);
    if (was && sameRow(was, row)) continue;
    if (was) remove.run(caseId, d.milestone);
    insert.run(caseId, row.milestone, row.due_at, row.remind_at, row.state, row.met_at, row.late, row.steps, now.toISOString());
  }
  for (const milestone of old.keys()) remove.run(caseId, milestone);
}

function sameRow(a: SavedRow, b: SavedRow): boolean {
  return a.due_at === b.due_at && a.remind_at === b.remind_at && a.state === b.state && a.met_at === b.met_at && a.late === b.late && a.steps === b.steps;
}

export type ActionKind = 'reminder' | 'escalation' | 'reporter_update' | 'digest';

/**
 * Claims an action: true when this call inserted the row (so the caller queues its
 * mail in the same transaction), false when it was already done.
 */
export function claimAction(db: Db, a: { caseId: number | null; milestone: string; kind: ActionKind; dueAt: Date; now: Date }): number | null {
  const scope = a.caseId === null ? 'digest' : `case:${a.caseId}`;
  const info = db
    .prepare("INSERT OR IGNORE INTO deadline_actions (scope, case_id, milestone, kind, due_at, done_at, outbox_ids) VALUES (?, ?, ?, ?, ?, ?, '[]')")
    .run(scope, a.caseId, a.milestone, a.kind, a.dueAt.toISOString(), a.now.toISOString());
  return info.changes > 0 ? Number(info.lastInsertRowid) : null;
}

export function setActionOutbox(db: Db, actionId: number, outboxIds: number[]): void {
  db.prepare('UPDATE deadline_actions SET outbox_ids = ? WHERE id = ?').run(JSON.stringify(outboxIds), actionId);
}

export function lastDigest(db: Db): { dueAt: string; doneAt: string } | undefined {
  return db.prepare("SELECT due_at AS dueAt, done_at AS doneAt FROM deadline_actions WHERE kind = 'digest' ORDER BY due_at DESC LIMIT 1").get() as
    { dueAt: string; doneAt: string } | undefined;
}

/**
 * Deadlines that fell due before this database had deadlines (an upgrade) are handled
 * silently: the instant they start to mail, if the upgrade recorded one.
 */
export function deadlineMailSince(db: Db): Date | undefined {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'deadline_mail_since'").get() as { value: string } | undefined;
  return row ? new Date(row.value) : undefined;
}

// ---- What the sweep looks at (migration 0008). ----

const ids = (rows: unknown[]): number[] => (rows as Array<{ id: number }>).map((r) => r.id);

/** Cases the sweep must look at as of `now` (their sweep_at has come, or something happened to them), by id. */
export function casesDueForSweep(db: Db, now: Date): number[] {
  // Sorted here: ORDER BY id in SQL makes SQLite walk the whole table in id order instead of the few index entries.
  return ids(db.prepare('SELECT id FROM cases WHERE sweep_at <= ?').all(now.toISOString())).sort((a, b) => a - b);
}

export function setSweepAt(db: Db, caseId: number, at: Date | null): void {
  db.prepare('UPDATE cases SET sweep_at = ? WHERE id = ?').run(at?.toISOString() ?? null, caseId);
}

/** Sends every open case back to the sweep. */
export function markOpenForSweep(db: Db): void {
  db.prepare("UPDATE cases SET sweep_at = '' WHERE state != 'closed'").run();
}

/** Sends the cases of a policy whose stored rows are still read (open, or received since `since`) back to the sweep. */
export function markPolicyForSweep(db: Db, policy: string, since: Date): void {
  db.prepare("UPDATE cases SET sweep_at = '' WHERE policy = ? AND (state != 'closed' OR created_at >= ?)").run(policy, since.toISOString());
}

/** The open cases the sweep has yet to look at as of `now`. */
export function openCasesDueForSweep(db: Db, now: Date): Array<{ id: number; policy: string }> {
  return db.prepare("SELECT id, policy FROM cases WHERE sweep_at <= ? AND state != 'closed'").all(now.toISOString()) as Array<{ id: number; policy: string }>;
}

/** The policy names of the open cases. */
export function openCasePolicies(db: Db): string[] {
  return (db.prepare("SELECT DISTINCT policy FROM cases WHERE state != 'closed'").all() as Array<{ policy: string }>).map((r) => r.policy);
}

/** The open cases, or those of one policy. */
export function openCaseIds(db: Db, policy?: string): Array<{ id: number; policy: string }> {
  return (
    policy === undefined
      ? db.prepare("SELECT id, policy FROM cases WHERE state != 'closed'").all()
      : db.prepare("SELECT id, policy FROM cases WHERE policy = ? AND state != 'closed'").all(policy)
  ) as Array<{ id: number; policy: string }>;
}

export interface StoredDeadline {
  caseId: number;
  milestone: MilestoneName;
  state: DeadlineState;
  due: string | null;
  metAt: string | null;
  late: boolean;
}

type StoredRow = Omit<StoredDeadline, 'late'> & { late: number };

/** Every stored overdue row, with what a reader needs to tell whether it still holds. */
export function storedOverdue(db: Db): Array<StoredDeadline & { policy: string; sweepAt: string | null }> {
  const rows = db
    .prepare(
      `SELECT d.case_id AS caseId, d.milestone, d.state, d.due_at AS due, d.met_at AS metAt, d.late, c.policy, c.sweep_at AS sweepAt
       FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.state = 'overdue' AND c.state != 'closed'`,
    )
    .all() as Array<StoredRow & { policy: string; sweepAt: string | null }>;
  return rows.map((r) => ({ ...r, late: r.late === 1 }));
}

/** What the digest reads of a case (not the whole row: it may read thousands). */
export interface DigestCaseRow {
  id: number;
  tracking_id: string;
  /** As stored (sealed), once read (loadDigestSubjects): opened by digestSubject only for the cases a list shows. */
  sealed_subject?: unknown;
  state: string;
  created_at: string;
  policy: string;
  sweep_at: string | null;
}

/** What the digest reads of every case it considers: from cases_open_digest alone for the open ones (migration 0016). */
const DIGEST_COLUMNS = 'id, tracking_id, state, created_at, policy, sweep_at';

/** Every open case as the digest reads it: from cases_open_digest alone, in id order. */
export const OPEN_DIGEST_SQL = `SELECT ${DIGEST_COLUMNS} FROM cases WHERE state != 'closed' ORDER BY id`;

/**
 * Reads the sealed subjects of these rows that have none yet, in one query, and their
 * keys: the digest reads every open case (2,549 of 100,000 in the bench) but shows the
 * subjects of the few its lists keep (issue 11).
 */
export function loadDigestSubjects(db: Db, rows: readonly DigestCaseRow[]): void {
  const missing = rows.filter((r) => r.sealed_subject === undefined);
  if (missing.length) {
    const got = db
      .prepare('SELECT id, subject FROM cases WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(missing.map((r) => r.id))) as Array<{
      id: number;
      subject: unknown;
    }>;
    const subjects = new Map(got.map((r) => [r.id, r.subject]));
    for (const r of missing) r.sealed_subject = subjects.get(r.id) ?? null;
  }
  sealerOf(db).prefetch(rows.map((r) => caseScope(r.id)));
}

/** A digest row's subject, opened (read first when loadDigestSubjects did not). */
export function digestSubject(db: Db, row: DigestCaseRow): string | null {
  row.sealed_subject ??= ((db.prepare('SELECT subject FROM cases WHERE id = ?').get(row.id) as { subject: unknown } | undefined)?.subject ?? null) as unknown;
  return sealerOf(db).openText(caseScope(row.id), 'cases.subject', row.sealed_subject);
}

/**
 * Cases for the digest, by id: received since an instant, open, due for the sweep by an
 * instant, of a policy and (open or received since an instant), or these.
 */
export function digestCaseRows(
  db: Db,
  q: { receivedSince: Date } | { open: true } | { dueForSweep: Date } | { policy: string; receivedSince: Date } | { ids: number[] },
): DigestCaseRow[] {
  if ('ids' in q)
    return db
      .prepare(`SELECT ${DIGEST_COLUMNS} FROM cases WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(q.ids)) as DigestCaseRow[];
  // `+id` keeps SQLite on the created_at index (sorting by id would have it walk the whole table in id order).
  if ('policy' in q)
    return db
      .prepare(`SELECT ${DIGEST_COLUMNS} FROM cases WHERE policy = ? AND (state != 'closed' OR created_at >= ?) ORDER BY id`)
      .all(q.policy, q.receivedSince.toISOString()) as DigestCaseRow[];
  if ('receivedSince' in q)
    return db.prepare(`SELECT ${DIGEST_COLUMNS} FROM cases WHERE created_at >= ? ORDER BY +id`).all(q.receivedSince.toISOString()) as DigestCaseRow[];
  if ('open' in q) return db.prepare(OPEN_DIGEST_SQL).all() as DigestCaseRow[];
  const rows = db.prepare(`SELECT ${DIGEST_COLUMNS} FROM cases WHERE sweep_at <= ?`).all(q.dueForSweep.toISOString()) as DigestCaseRow[];
  return rows.sort((a, b) => a.id - b.id);
}

/** The policy names of the cases received since `since` (from the created_at index alone). */
export function policiesReceivedSince(db: Db, since: Date): string[] {
  return (db.prepare('SELECT DISTINCT policy FROM cases WHERE created_at >= ?').all(since.toISOString()) as Array<{ policy: string }>).map((r) => r.policy);
}

/** Cases with a paused milestone in their stored rows. */
export function pausedCaseIds(db: Db): number[] {
  return ids(db.prepare("SELECT DISTINCT case_id AS id FROM deadlines WHERE state = 'paused'").all());
}

/**
 * The rows of these cases that the digest's lists may show (digest.ts buildDigest keeps
 * its own tests): overdue; due, of a milestone the lists name whatever its due time
 * (acknowledgement, first response, CRA), or due by `horizon` (status updates and
 * disclosures, which the lists show a few days ahead). Of the 4,851 running rows of the
 * bench's 100,000 cases, 2,328 (7 -> 4 ms; issue 11).
 */
export function storedListRows(db: Db, caseIds: number[], horizon: Date): Map<number, StoredDeadline[]> {
  const wanted = new Set(caseIds);
  const out = new Map<number, StoredDeadline[]>();
  const rows = db
    .prepare(
      `SELECT case_id AS caseId, milestone, state, due_at AS due FROM deadlines INDEXED BY deadlines_running WHERE state IN ('due', 'overdue')
         AND (state = 'overdue' OR milestone IN ('acknowledge', 'firstResponse') OR substr(milestone, 1, 4) = 'cra_' OR due_at <= ?)`,
    )
    .all(horizon.toISOString()) as Array<Omit<StoredDeadline, 'metAt' | 'late'>>;
  for (const r of rows) {
    if (!wanted.has(r.caseId)) continue;
    const d: StoredDeadline = { caseId: r.caseId, milestone: r.milestone, state: r.state, due: r.due, metAt: null, late: false };
    const list = out.get(r.caseId);
    if (list) list.push(d);
    else out.set(r.caseId, [d]);
  }
  return out;
}

/**
 * The cases whose stored rows the digest's SLA figures add up in SQL: received at or
 * after the earliest of `bounds` and at or before `until` (instants to the ms), not due for
 * the sweep by `now`, of a policy in `policies`, not in `except`. Each case falls in the
 * bucket of the first (latest) bound it is not before: window i counts buckets 0..i.
 */
export interface SlaSelection {
  bounds: Date[];
  until: Date;
  now: Date;
  policies: string[];
  except: number[];
  /** Only the cases received on this UTC day (YYYY-MM-DD, as SQLite's date() gives it). */
  day?: string;
}

/** The selected cases as `w(id, sec, w)`: sec is the instant received, w its bucket. */
function slaCases(q: SlaSelection): { sql: string; args: unknown[] } {
  const earliest = q.bounds[q.bounds.length - 1] as Date;
  const from = q.day ? Date.parse(q.day) : earliest.getTime();
  // Each case's instant is worked out once (MATERIALIZED); the index narrows by text a day early (and, for one day, two days late), unixepoch compares the instants themselves.
  return {
    sql: `WITH s AS MATERIALIZED (SELECT c.id, unixepoch(c.created_at, 'subsec') AS sec FROM cases c WHERE c.created_at >= ? AND c.created_at < ? ${q.day ? 'AND date(c.created_at) = ?' : 'AND ? IS NULL'}
        AND (c.sweep_at IS NULL OR c.sweep_at > ?) AND c.policy IN (SELECT value FROM json_each(?)) AND c.id NOT IN (SELECT value FROM json_each(?))),
      w AS (SELECT id, sec, CASE ${q.bounds.map(() => 'WHEN sec >= ? THEN ?').join(' ')} END AS w FROM s WHERE sec BETWEEN ? AND ?)`,
    args: [
      new Date(from - 86_400_000).toISOString(),
      // An upper bound in text: for one day, the start of the day after next (past any offset of a case of that
      // day); for the whole span, '~', which sorts after every ISO text.
      q.day ? new Date(Date.parse(q.day) + 2 * 86_400_000).toISOString() : '~',
      q.day ?? null,
      q.now.toISOString(),
      JSON.stringify(q.policies),
      JSON.stringify(q.except),
      ...q.bounds.flatMap((b, i) => [b.getTime() / 1000, i]),
      earliest.getTime() / 1000,
      q.until.getTime() / 1000,
    ],
  };
}

export interface StoredSla {
  cases: Array<{ w: number; n: number }>;
  /**
   * Per bucket and milestone: met in time, missed (met late, or overdue), and for the met
   * `timed` milestones the ms from the report to the moment each was met.
   */
  counts: Array<{ w: number; milestone: MilestoneName; met: number; missed: number; waived: number; took: number[] }>;
}

/**
 * The SLA counts of the selected cases' stored rows, by bucket (digest.ts slaTally's
 * reading, added up in SQL row by row). sla-days.ts storedSla gives the same from the
 * sums per day, and reads only a window's first and last days through this.
 */
export function storedSlaByRows(db: Db, q: SlaSelection, milestones: readonly string[], timed: readonly string[]): StoredSla {
  const { sql, args } = slaCases(q);
  const cases = db.prepare(`${sql} SELECT w, count(*) AS n FROM w GROUP BY w`).all(...args) as StoredSla['cases'];
  // One pass over the cases' rows through the covering index (CROSS JOIN: cases first); the times come back joined by commas (NULLs left out).
  const counts = db
    .prepare(
      `${sql} SELECT w.w AS w, d.milestone AS milestone, sum(d.state = 'met' AND d.late = 0) AS met, sum((d.state = 'met' AND d.late = 1) OR d.state = 'overdue') AS missed,
         sum(d.state = 'waived') AS waived,
         group_concat(CASE WHEN d.state = 'met' AND d.met_at IS NOT NULL AND d.milestone IN (SELECT value FROM json_each(?))
           THEN CAST(round((unixepoch(d.met_at, 'subsec') - w.sec) * 1000) AS INTEGER) END) AS took
       FROM w CROSS JOIN deadlines d INDEXED BY deadlines_view ON d.case_id = w.id WHERE +d.milestone IN (SELECT value FROM json_each(?)) GROUP BY w.w, d.milestone`,
    )
    .all(...args, JSON.stringify(timed), JSON.stringify(milestones)) as Array<Omit<StoredSla['counts'][number], 'took'> & { took: string | null }>;
  return { cases, counts: counts.map((c) => ({ ...c, took: c.took ? c.took.split(',').map(Number) : [] })) };
}

/**
 * What the sweeps recorded: the instant of the last one, the latest instant any ran at
 * (a preview may sweep into the past), and a fingerprint of each policy they computed
 * under (src/deadlines/current.ts).
 */
export interface SweepMarks {
  last: string | null;
  latest: string | null;
  policies: Record<string, string>;
}

export function sweepMarks(db: Db): SweepMarks {
  const rows = db.prepare("SELECT key, value FROM settings WHERE key IN ('deadline_sweep_last', 'deadline_sweep_latest', 'deadline_policies')").all() as Array<{
    key: string;
    value: string;
  }>;
  const get = (k: string): string | null => rows.find((r) => r.key === k)?.value ?? null;
  return {
    last: get('deadline_sweep_last'),
    latest: get('deadline_sweep_latest'),
    policies: JSON.parse(get('deadline_policies') ?? '{}') as Record<string, string>,
  };
}

export function saveSweepMarks(db: Db, m: SweepMarks): void {
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  if (m.last) set.run('deadline_sweep_last', m.last);
  if (m.latest) set.run('deadline_sweep_latest', m.latest);
  set.run('deadline_policies', JSON.stringify(m.policies));
}
