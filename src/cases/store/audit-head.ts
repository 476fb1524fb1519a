/**
 * The head of the event log as it leaves the host: the number of events and the hash
 * of the last. The hash chain shows an edit, but whoever can write the database can
 * recompute the whole chain; a head kept elsewhere (in every digest, encrypted to each
 * member and signed by the team key, or printed by `audit head`) cannot be recomputed.
 * `audit verify --head` then proves the log still extends it: the chain is intact and
 * its event number N still has that hash. Input: a head text from the operator,
 * parsed and checked here.
 */
import type { Db } from '../../db/open.js';
import { SectriageError } from '../../errors.js';
import { verifyEventChain } from './event-log.js';

export interface AuditHead {
  /** How many events the log holds. */
  count: number;
  /** The hash of the last event (GENESIS when none). */
  hash: string;
}

/** The current head: count and hash of the last event, in one read. */
export function auditHead(db: Db): AuditHead {
  const r = db.prepare('SELECT (SELECT count(*) FROM events) AS count, (SELECT hash FROM events ORDER BY id DESC LIMIT 1) AS hash').get() as {
    count: number;
    hash: string | null;
  };
  return { count: r.count, hash: r.hash ?? '0'.repeat(64) };
}

/** The printed form, `N:HASH`: what an operator copies and `audit verify --head` takes. */
export const formatAuditHead = (h: AuditHead): string => `${h.count}:${h.hash}`;

/** Parses `N:HASH` (64 hex digits); throws USAGE otherwise. */
export function parseAuditHead(text: string): AuditHead {
  const m = /^\s*(\d{1,12}):([0-9a-f]{64})\s*$/i.exec(text);
  if (!m) throw new SectriageError('USAGE', `--head: "${text}" is not a head as \`audit head\` prints it (COUNT:HASH, 64 hex digits)`);
  return { count: Number(m[1]), hash: (m[2] as string).toLowerCase() };
}

export type HeadCheck =
  | { ok: true; count: number; since: number }
  | { ok: false; reason: 'chain_broken'; brokenAt: number }
  | { ok: false; reason: 'shorter'; count: number }
  | { ok: false; reason: 'diverged'; count: number; found: string };

/**
 * Whether the log extends `head`: the chain verifies, it holds at least head.count
 * events, and the head.count-th event's hash is head.hash. Each event's hash covers
 * the one before, so that one hash pins every event up to it.
 */
export function checkExtendsHead(db: Db, head: AuditHead): HeadCheck {
  const chain = verifyEventChain(db);
  if (!chain.ok) return { ok: false, reason: 'chain_broken', brokenAt: chain.brokenAt };
  if (head.count === 0) return { ok: true, count: chain.count, since: chain.count };
  if (chain.count < head.count) return { ok: false, reason: 'shorter', count: chain.count };
  const r = db.prepare('SELECT hash FROM events ORDER BY id LIMIT 1 OFFSET ?').get(head.count - 1) as { hash: string };
  if (r.hash !== head.hash) return { ok: false, reason: 'diverged', count: chain.count, found: r.hash };
  return { ok: true, count: chain.count, since: chain.count - head.count };
}
