// What someone who can write the database file does to hide an edit: drop the guard
// triggers' effect (the caller drops them) and recompute every event's hash, so the
// chain alone verifies again. Used to show that only a head kept elsewhere catches it.
import type Database from 'better-sqlite3';
import { eventHash, GENESIS_HASH } from '../../src/cases/store/event-log.js';
import { EVENT_DATA } from './opened-sql.js';

export function recomputeChain(db: Database.Database): void {
  let prev = GENESIS_HASH;
  const rows = db.prepare(`SELECT id, case_id, at, actor, type, ${EVENT_DATA} AS data, spool_id FROM events ORDER BY id`).all() as Array<{
    id: number;
    case_id: number;
    at: string;
    actor: string;
    type: string;
    data: string;
    spool_id: number | null;
  }>;
  const update = db.prepare('UPDATE events SET prev_hash = ?, hash = ? WHERE id = ?');
  for (const r of rows) {
    const hash = eventHash(prev, { caseId: r.case_id, at: r.at, actor: r.actor, type: r.type, data: r.data, spoolId: r.spool_id });
    update.run(prev, hash, r.id);
    prev = hash;
  }
}
