/**
 * The append-only event log of a case. Each row's hash covers its content and the
 * previous row's hash (over the whole table, not per case), so deleting or editing
 * any row breaks the chain; SQL triggers refuse UPDATE and DELETE as well. Must be
 * called inside the transaction that makes the change it records. Bodies are the
 * typed kinds of model/events.ts, checked when written and when read.
 *
 * The kinds that carry people's words (notes, advisory text, a search query:
 * seal/columns.ts) are stored sealed; a hash covers the data as written, plain, so the
 * chain reads the same before and after sealing, and checking it needs the sealing key.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/open.js';
import { SEALED_EVENT_TYPES } from '../../seal/columns.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';
import { parseEventBody, serialiseEventBody, type Actor, type CaseEvent, type EventBodyIn, type EventType } from '../model/events.js';

export type EventInput = { caseId: number; at: string; actor: Actor; spoolId?: number | null } & EventBodyIn;

export const GENESIS_HASH = '0'.repeat(64);

export function eventHash(prev: string, e: { caseId: number; at: string; actor: string; type: string; data: string; spoolId: number | null }): string {
  return createHash('sha256')
    .update(JSON.stringify([prev, e.caseId, e.at, e.actor, e.type, e.data, e.spoolId]))
    .digest('hex');
}

export function appendEvent(db: Db, input: EventInput): number {
  const prev = chainHead(db)?.hash ?? GENESIS_HASH;
  const row = { caseId: input.caseId, at: input.at, actor: input.actor, type: input.type, data: serialiseEventBody(input), spoolId: input.spoolId ?? null };
  const hash = eventHash(prev, row);
  const info = db
    .prepare('INSERT INTO events (case_id, at, actor, type, data, spool_id, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(row.caseId, row.at, row.actor, row.type, storedData(db, row.caseId, row.type, row.data), row.spoolId, prev, hash);
  return Number(info.lastInsertRowid);
}

const SEALED = new Set<string>(SEALED_EVENT_TYPES);

function storedData(db: Db, caseId: number, type: string, data: string): string | Buffer {
  return SEALED.has(type) ? sealerOf(db).sealText(caseScope(caseId), 'events.data', data) : data;
}

/** The data column as written (opened when sealed). */
const DATA = "case_text(data, case_id, 'events.data') AS data";

interface EventRow {
  id: number;
  case_id: number;
  at: string;
  actor: string;
  type: string;
  data: string;
  spool_id: number | null;
}

const toEvent = (r: EventRow): CaseEvent =>
  ({ id: r.id, caseId: r.case_id, at: r.at, actor: r.actor, spoolId: r.spool_id, ...parseEventBody(r.type, r.data) }) as CaseEvent;

/** A case's events in the order they happened, typed; `sinceId` keeps only later ones. */
export function caseEvents(db: Db, caseId: number, sinceId = 0): CaseEvent[] {
  return (
    db.prepare(`SELECT id, case_id, at, actor, type, ${DATA}, spool_id FROM events WHERE case_id = ? AND id > ? ORDER BY id`).all(caseId, sinceId) as EventRow[]
  ).map(toEvent);
}

/** The latest event of these kinds on a case, if any. */
export function lastEventOf<K extends EventType>(db: Db, caseId: number, type: K): (CaseEvent & { type: K }) | undefined {
  const r = db
    .prepare(`SELECT id, case_id, at, actor, type, ${DATA}, spool_id FROM events WHERE case_id = ? AND type = ? ORDER BY id DESC LIMIT 1`)
    .get(caseId, type) as EventRow | undefined;
  const e = r ? toEvent(r) : undefined;
  return e?.type === type ? (e as CaseEvent & { type: K }) : undefined;
}

/** The last row of the chain: its id and hash (what `audit head` prints and digests carry). */
export function chainHead(db: Db): { id: number; hash: string } | undefined {
  return db.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined;
}

/** Walks the whole chain; returns the first broken event id, or null when intact. */
export function verifyEventChain(db: Db): { ok: true; count: number } | { ok: false; brokenAt: number } {
  let prev = GENESIS_HASH;
  let count = 0;
  for (const r of db.prepare(`SELECT id, case_id, at, actor, type, ${DATA}, spool_id, prev_hash, hash FROM events ORDER BY id`).iterate() as Iterable<
    EventRow & { prev_hash: string; hash: string }
  >) {
    const expect = eventHash(prev, { caseId: r.case_id, at: r.at, actor: r.actor, type: r.type, data: r.data, spoolId: r.spool_id });
    if (r.prev_hash !== prev || r.hash !== expect) return { ok: false, brokenAt: r.id };
    prev = r.hash;
    count++;
  }
  return { ok: true, count };
}

/** One row's envelope (no data), with its case's tracking ID: what `audit verify` names when the chain breaks. */
export function eventSummary(db: Db, id: number): { id: number; at: string; actor: string; type: string; trackingId: string | null } | undefined {
  return db
    .prepare('SELECT e.id, e.at, e.actor, e.type, c.tracking_id AS trackingId FROM events e LEFT JOIN cases c ON c.id = e.case_id WHERE e.id = ?')
    .get(id) as { id: number; at: string; actor: string; type: string; trackingId: string | null } | undefined;
}

/** The id of the latest event (0 when none): a mark to read what an action added after it. */
export function lastEventId(db: Db): number {
  return chainHead(db)?.id ?? 0;
}

/** Whether the triggers that refuse UPDATE and DELETE on events (migration 0001) are in place. */
export function appendOnlyGuarded(db: Db): boolean {
  const n = (
    db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name IN ('events_no_update', 'events_no_delete')").get() as { n: number }
  ).n;
  return n === 2;
}
