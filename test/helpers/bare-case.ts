// A case row with no subject, message or events, written by SQL: for tests of the deadline
// store (rows, sums, lists) that need only a case's receipt, policy, state and sweep
// instant. Plain SQL, so it also serves a database at an older schema (an upgrade test).
import type { Db } from '../../src/db/open.js';

export function addBareCase(db: Db, c: { trackingId: string; at: string; policy?: string; state?: string; sweepAt?: string | null }): number {
  // Without sweepAt the column keeps its default, as for a case the pipeline records.
  const sweep = c.sweepAt === undefined ? ['', ''] : [', sweep_at', ', ?'];
  const args: unknown[] = [c.trackingId, c.policy ?? 'cgx', c.at, c.at, c.state ?? 'received', ...(c.sweepAt === undefined ? [] : [c.sweepAt])];
  const sql = `INSERT INTO cases (tracking_id, reporter_email, policy, created_at, updated_at, encryption, signature, state${sweep[0]})
    VALUES (?, 'r@example.net', ?, ?, ?, 'none', 'none', ?${sweep[1]})`;
  return Number(db.prepare(sql).run(...args).lastInsertRowid);
}
