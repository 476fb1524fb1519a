/**
 * The figures the metrics endpoint (src/metrics) reports, read from the database at scrape time with
 * a few aggregate queries (counts, oldest times, overdue milestones, hold reasons by
 * code). Read-only. Input: our rows; a hold reason's code is its text up to the first colon.
 */
import type { Db } from '../../db/open.js';

export interface QueueFigures {
  spool: Array<{ state: string; count: number; oldest: string | null }>;
  outbox: Array<{ state: string; count: number; oldest: string | null }>;
  heldByCode: Array<{ code: string; count: number }>;
  overdue: Array<{ milestone: string; count: number }>;
}

export function queueFigures(db: Db): QueueFigures {
  return {
    spool: db
      .prepare("SELECT state, count(*) AS count, min(received_at) AS oldest FROM spool WHERE state IN ('incoming', 'held') GROUP BY state")
      .all() as QueueFigures['spool'],
    outbox: db
      .prepare(
        "SELECT state, count(*) AS count, min(created_at) AS oldest FROM outbox WHERE state IN ('queued', 'sending', 'uncertain', 'failed') GROUP BY state",
      )
      .all() as QueueFigures['outbox'],
    heldByCode: db
      .prepare(
        `SELECT CASE WHEN instr(hold_reason, ':') > 0 THEN substr(hold_reason, 1, instr(hold_reason, ':') - 1) ELSE hold_reason END AS code, count(*) AS count
           FROM spool WHERE hold_reason IS NOT NULL GROUP BY code`,
      )
      .all() as QueueFigures['heldByCode'],
    overdue: db
      .prepare(
        "SELECT d.milestone, count(*) AS count FROM deadlines d JOIN cases c ON c.id = d.case_id WHERE d.state = 'overdue' AND c.state != 'closed' GROUP BY d.milestone",
      )
      .all() as QueueFigures['overdue'],
  };
}
