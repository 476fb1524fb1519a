/**
 * The open cases a new report's duplicate scan estimates against (duplicates.ts): the
 * newest duplicateCasesScanned open cases that have a sketch, as [id, type, component mark].
 * A read-only connection (an open worker's) keeps the list between reports and asks only
 * for the cases the event log names since it last looked: every change to a case's state,
 * fields or first message is recorded with an event in the same transaction, and a reader
 * never sees a transaction that is not committed. On a backlog this took the scan of 500
 * rows per report, a sixth of a worker's time, off the workers (issue 11). The writer
 * reads the list afresh each time: a transaction of its own that rolls back would
 * otherwise leave rows in the list that never were. Input: our own rows.
 */
import type { Db } from '../../db/open.js';
import { DEFAULTS } from '../../limits.js';

export type ScanRow = [id: number, vulnType: string | null, mark: string | null];

/** A stored component's mark, in SQL: the hex of a sealed value's nonce (after its 4-byte mark), or a plain value itself. */
export const COMPONENT_MARK = "CASE WHEN typeof(s.component) = 'blob' THEN hex(substr(s.component, 5, 12)) ELSE s.component END";

interface Kept {
  /** The newest event id the list has seen. */
  eventsUpTo: number;
  /** When case sketches were last completed for older cases (they are written with no event). */
  sketchesComplete: string | null;
  rows: Map<number, ScanRow>;
  /** The lowest case id the list answers for: 0 when it holds every open case with a sketch,
   *  else the oldest of the newest ones it read (cases below it are not followed). */
  floor: number;
}

const keptByDb = new WeakMap<Db, Kept>();

/** Open cases with a sketch, newest first, at most duplicateCasesScanned, newer than `afterId` and other than `notId`. */
export function openCasesToScan(db: Db, notId: number, afterId: number): ScanRow[] {
  const limit = DEFAULTS.duplicateCasesScanned;
  if (!db.readonly) return readOpen(db, notId, afterId, limit);
  const kept = upToDate(db, limit);
  const out: ScanRow[] = [];
  for (const id of [...kept.rows.keys()].sort((a, b) => b - a)) {
    if (id <= afterId || out.length >= limit) break;
    if (id !== notId) out.push(kept.rows.get(id) as ScanRow);
  }
  return out;
}

function readOpen(db: Db, notId: number, afterId: number, limit: number): ScanRow[] {
  const scan = db.prepare(
    `SELECT c.id, s.vuln_type, ${COMPONENT_MARK} FROM cases c JOIN case_sketches s ON s.case_id = c.id WHERE c.id != ? AND c.id > ? AND c.state != 'closed' ORDER BY c.id DESC LIMIT ?`,
  );
  try {
    // Rows as arrays, and the component's mark, not its sealed bytes: 500 rows per report.
    return scan.raw(true).all(notId, afterId, limit) as ScanRow[];
  } finally {
    scan.raw(false); // open.ts shares compiled statements by their text
  }
}

function headEvent(db: Db): number {
  return db.prepare('SELECT coalesce(max(id), 0) FROM events').pluck().get() as number;
}

function sketchesMarker(db: Db): string | null {
  return (db.prepare("SELECT value FROM settings WHERE key = 'case_sketches_complete'").pluck().get() as string | undefined) ?? null;
}

/** The kept list brought up to the connection's snapshot; read whole when that is cheaper or needed. */
function upToDate(db: Db, limit: number): Kept {
  const eventsUpTo = headEvent(db);
  const sketchesComplete = sketchesMarker(db);
  let kept = keptByDb.get(db);
  if (kept && kept.sketchesComplete === sketchesComplete && eventsUpTo >= kept.eventsUpTo) {
    if (eventsUpTo > kept.eventsUpTo && !catchUp(db, kept, eventsUpTo, limit)) kept = undefined;
  } else kept = undefined;
  if (!kept) {
    // Twice the window: cases closed since still leave a full one, without reading it all again.
    const rows = readOpen(db, 0, 0, 2 * limit);
    const floor = rows.length < 2 * limit ? 0 : (rows[rows.length - 1] as ScanRow)[0];
    kept = { eventsUpTo, sketchesComplete, rows: new Map(rows.map((r) => [r[0], r])), floor };
    keptByDb.set(db, kept);
  }
  return kept;
}

/** Re-reads the cases named by events since the list last looked; false when the list must be read whole. */
function catchUp(db: Db, kept: Kept, eventsUpTo: number, limit: number): boolean {
  // A case below a partial list's floor (a note on an old case) is not followed: kept, it would
  // stand in the list for the open cases between it and the floor, which the list never read.
  const touched = (
    db.prepare('SELECT DISTINCT case_id FROM events WHERE id > ? AND id <= ? AND case_id IS NOT NULL').pluck().all(kept.eventsUpTo, eventsUpTo) as number[]
  ).filter((id) => id >= kept.floor);
  if (touched.length > limit) return false;
  const now = new Map(
    (
      db
        .prepare(
          `SELECT c.id, s.vuln_type, ${COMPONENT_MARK} FROM cases c JOIN case_sketches s ON s.case_id = c.id WHERE c.id IN (SELECT value FROM json_each(?)) AND c.state != 'closed'`,
        )
        .raw(true)
        .all(JSON.stringify(touched)) as ScanRow[]
    ).map((r) => [r[0], r]),
  );
  for (const id of touched) {
    const row = now.get(id);
    if (row) kept.rows.set(id, row);
    else kept.rows.delete(id);
  }
  kept.eventsUpTo = eventsUpTo;
  // Cases closed out of a partial list: the older ones behind them are not known here. (One
  // more than the window, so that leaving out the report's own case still fills it.)
  if (kept.floor > 0 && kept.rows.size <= limit) return false;
  if (kept.rows.size > 4 * limit) {
    const newest = [...kept.rows.keys()].sort((a, b) => b - a).slice(0, 2 * limit);
    kept.rows = new Map(newest.map((id) => [id, kept.rows.get(id) as ScanRow]));
    kept.floor = newest[newest.length - 1] as number;
  }
  return true;
}
