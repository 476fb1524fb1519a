/**
 * Single-use login links: a token is made for a member, stored as its hash with an expiry,
 * and accepted once by the one UPDATE that marks it used while it is unused and unexpired
 * (two tabs racing get one session, not two). The token the client sends is untrusted:
 * it must have a secret's form before it is hashed and looked up.
 */
import type { Db } from '../db/open.js';
import { looksLikeSecret, newSecret, secretHash } from './tokens.js';

export function issueLoginToken(db: Db, member: string, now: Date, lifetimeMs: number): { token: string; expiresAt: Date } {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  db.prepare('INSERT INTO web_login_tokens (token_sha256, member, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
    secretHash(token),
    member,
    now.toISOString(),
    expiresAt.toISOString(),
  );
  // Spent and expired tokens are of no use to anyone: keep the table small.
  db.prepare('DELETE FROM web_login_tokens WHERE expires_at < ?').run(new Date(now.getTime() - lifetimeMs).toISOString());
  return { token, expiresAt };
}

/** The member a token is for, if it is unused and unexpired (does not consume it: the confirm page). */
export function peekLoginToken(db: Db, token: unknown, now: Date): string | undefined {
  if (!looksLikeSecret(token)) return undefined;
  const row = db
    .prepare('SELECT member FROM web_login_tokens WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ?')
    .get(secretHash(token), now.toISOString()) as { member: string } | undefined;
  return row?.member;
}

/** Consumes a token: the member it was for, or undefined when it is unknown, used or expired. */
export function consumeLoginToken(db: Db, token: unknown, now: Date): string | undefined {
  if (!looksLikeSecret(token)) return undefined;
  const row = db
    .prepare('UPDATE web_login_tokens SET used_at = ? WHERE token_sha256 = ? AND used_at IS NULL AND expires_at > ? RETURNING member')
    .get(now.toISOString(), secretHash(token), now.toISOString()) as { member: string } | undefined;
  return row?.member;
}
