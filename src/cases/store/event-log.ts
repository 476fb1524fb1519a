/**
 * The append-only event log of a case. Each row's hash covers its content and the
 * previous row's hash (over the whole table, not per case), so deleting or editing
 * any row breaks the chain; SQL triggers refuse UPDATE and DELETE as well. Must be
 * called inside the transaction that makes the change it records.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';

export interface EventInput {
  caseId: number;
  at: string;
  actor: string;
  type: string;
  data?: Record<string, unknown>;
  spoolId?: number | null;
}

export const GENESIS_HASH = '0'.repeat(64);

export function eventHash(prev: string, e: { caseId: number; at: string; actor: string; type: string; data: string; spoolId: number | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.caseId, e.at, e.actor, e.type, e.data, e.spoolId]))
    .digest('hex');
}

export function appendEvent(db: Db, input: EventInput): number {
  const prev = (db.prepare('SELECT hash FROM events ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? GENESIS_HASH;
  const row = { caseId: input.caseId, at: input.at, actor: input.actor, type: input.type, data: JSON.stringify(input.data ?? {}), spoolId: input.spoolId ?? null };
  const hash = eventHash(prev, row);
  const info = db
    .prepare('INSERT INTO events (case_id, at, actor, type, data, spool_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.caseId, row.at, row.actor, row.type, row.data, row.spoolId, prev, hash);
  return Number(info.lastInsertRowid);
}

/** Walks the whole chain; returns the first broken event id, or null when intact. */
export function verifyEventChain(db: Db): { ok: true; count: number } | { ok: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const r of db.prepare('SELECT id, case_id, at, actor, type, data, spool_id, prev_hash, hash FROM events ORDER BY id').iterate() as Iterable<{
    id: number; case_id: number; at: string; actor: string; type: string; data: string; spool_id: number | null; prev_hash: string; hash: string;
  }>) {
    const expect = eventHash(prev, { caseId: r.case_id, at: r.at, actor: r.actor, type: r.type, data: r.data, spoolId: r.spool_id });
    if (r.prev_hash !== prev || r.hash !== expect) return { ok: false, brokenAt: r.id };
    prev = r.hash;
    count++;
  }
  return { ok: true, count };
}
