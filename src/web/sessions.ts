/**
 * Console sessions: made when a login link is consumed, found by the cookie's id (stored
 * only as its hash), ended by logout, by idleness or by age. The cookie value is untrusted
 * input: it must have a secret's form before it is looked up. Whether the member still
 * belongs to the team is the caller's check (auth.ts), made on every request.
 */
import type { Db } from '../db/open.js';
import { DEFAULTS } from '../limits.js';
import { looksLikeSecret, newSecret, secretHash } from './tokens.js';

export interface SessionLimits {
  idleMs: number;
  lifetimeMs: number;
}

export interface Session {
  idHash: string;
  member: string;
  createdAt: string;
  csrfSecret: string;
}

/**
 * A new session. `previous` is the cookie the browser still sent, if any: its session is
 * ended, so logging in (as anyone) never leaves an older session of that browser alive.
 * Sessions that ended or lapsed long ago are deleted here, so the table stays small.
 */
export function createSession(db: Db, member: string, now: Date, previous?: unknown): { id: string; session: Session } {
  if (looksLikeSecret(previous)) endSession(db, secretHash(previous), now);
  pruneSessions(db, now);
  const id = newSecret();
  const session = { idHash: secretHash(id), member, createdAt: now.toISOString(), csrfSecret: newSecret() };
  db.prepare('INSERT INTO web_sessions (id_sha256, member, created_at, last_seen_at, csrf_secret) VALUES (?, ?, ?, ?, ?)').run(
    session.idHash,
    member,
    session.createdAt,
    session.createdAt,
    session.csrfSecret,
  );
  return { id, session };
}

/** Whether a session that started at `created` and was last used at `lastSeen` still holds at `now`. */
export function sessionLive(created: Date, lastSeen: Date, now: Date, limits: SessionLimits): boolean {
  return now.getTime() - lastSeen.getTime() < limits.idleMs && now.getTime() - created.getTime() < limits.lifetimeMs;
}

/** The live session of a cookie value, its last use moved to `now`; undefined when none. */
export function findSession(db: Db, cookie: unknown, now: Date, limits: SessionLimits): Session | undefined {
  if (!looksLikeSecret(cookie)) return undefined;
  const idHash = secretHash(cookie);
  const row = db.prepare('SELECT member, created_at, last_seen_at, csrf_secret FROM web_sessions WHERE id_sha256 = ? AND ended_at IS NULL').get(idHash) as
    { member: string; created_at: string; last_seen_at: string; csrf_secret: string } | undefined;
  if (!row) return undefined;
  if (!sessionLive(new Date(row.created_at), new Date(row.last_seen_at), now, limits)) {
    endSession(db, idHash, now);
    return undefined;
  }
  db.prepare('UPDATE web_sessions SET last_seen_at = ? WHERE id_sha256 = ?').run(now.toISOString(), idHash);
  return { idHash, member: row.member, createdAt: row.created_at, csrfSecret: row.csrf_secret };
}

export function endSession(db: Db, idHash: string, now: Date): void {
  db.prepare('UPDATE web_sessions SET ended_at = ? WHERE id_sha256 = ? AND ended_at IS NULL').run(now.toISOString(), idHash);
}

/** Deletes sessions that ended, or were last used, more than DEFAULTS.webSessionsKept ago. */
export function pruneSessions(db: Db, now: Date): number {
  const before = new Date(now.getTime() - DEFAULTS.webSessionsKept).toISOString();
  return db.prepare('DELETE FROM web_sessions WHERE coalesce(ended_at, last_seen_at) < ?').run(before).changes;
}
