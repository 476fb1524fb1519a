/**
 * Reporter public keys, pinned per address on first use (TOFU). A later, different
 * key for the same address is stored as a candidate and never silently replaces the
 * pinned one: the case shows it and the team decides.
 */
import type * as openpgp from 'openpgp';
import type { Db } from '../../db/open.js';

// openpgp is loaded when a key is read, not with this module: the look-only commands
// (cases list/show) read key rows without ever parsing one (CLI cold start, issue 11).
const readKey = async (armoredKey: string): Promise<openpgp.PublicKey> => (await import('openpgp')).readKey({ armoredKey });

export type KeyOutcome = 'pinned' | 'already_pinned' | 'candidate' | 'none';

export function recordOfferedKeys(db: Db, email: string, keys: openpgp.PublicKey[], source: string, spoolId: number, at: Date): KeyOutcome {
  let outcome: KeyOutcome = 'none';
  for (const key of keys) {
    const fpr = key.getFingerprint().toUpperCase();
    const pinned = db.prepare("SELECT fingerprint FROM reporter_keys WHERE email = ? AND status = 'pinned'").get(email) as { fingerprint: string } | undefined;
    const status = pinned ? 'candidate' : 'pinned';
    if (pinned?.fingerprint === fpr) {
      outcome = outcome === 'none' ? 'already_pinned' : outcome;
      continue;
    }
    const info = db
      .prepare('INSERT OR IGNORE INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at, spool_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(email, fpr, key.armor(), source, status, at.toISOString(), spoolId);
    if (info.changes > 0) outcome = status;
    else if (outcome === 'none') outcome = 'candidate';
  }
  return outcome;
}

export async function pinnedKey(db: Db, email: string): Promise<openpgp.PublicKey | undefined> {
  const row = db.prepare("SELECT armored FROM reporter_keys WHERE email = ? AND status = 'pinned'").get(email.toLowerCase()) as { armored: string } | undefined;
  return row ? readKey(row.armored) : undefined;
}

export function pinnedFingerprint(db: Db, email: string): string | null {
  return (
    (db.prepare("SELECT fingerprint FROM reporter_keys WHERE email = ? AND status = 'pinned'").get(email.toLowerCase()) as { fingerprint: string } | undefined)
      ?.fingerprint ?? null
  );
}

/**
 * Makes an offered (candidate) key the pinned one; the key it replaces is kept as
 * 'retired' (the signatures it made can still be checked). Returns the replaced
 * fingerprint, or undefined when no such candidate exists.
 */
export function pinCandidate(db: Db, email: string, fingerprint: string): { replaced: string | null } | undefined {
  const cand = db.prepare("SELECT id FROM reporter_keys WHERE email = ? AND fingerprint = ? AND status = 'candidate'").get(email, fingerprint) as
    { id: number } | undefined;
  if (!cand) return undefined;
  const replaced = pinnedFingerprint(db, email);
  db.prepare("UPDATE reporter_keys SET status = 'retired' WHERE email = ? AND status = 'pinned'").run(email);
  db.prepare("UPDATE reporter_keys SET status = 'pinned' WHERE id = ?").run(cand.id);
  return { replaced };
}

/** Keys of one reporter (or of all, without `email`), for views: never the key material. */
export function reporterKeyList(db: Db, email?: string): Array<{ email: string; fingerprint: string; status: string; source: string; firstSeenAt: string }> {
  return (
    email
      ? db.prepare('SELECT email, fingerprint, status, source, first_seen_at AS firstSeenAt FROM reporter_keys WHERE email = ? ORDER BY id').all(email)
      : db.prepare('SELECT email, fingerprint, status, source, first_seen_at AS firstSeenAt FROM reporter_keys ORDER BY email, status DESC, id').all()
  ) as Array<{ email: string; fingerprint: string; status: string; source: string; firstSeenAt: string }>;
}

/** A reporter key by fingerprint (whatever its status): what a reply was encrypted to. */
export async function reporterKeyByFingerprint(db: Db, fingerprint: string): Promise<openpgp.PublicKey | undefined> {
  const row = db.prepare('SELECT armored FROM reporter_keys WHERE fingerprint = ?').get(fingerprint) as { armored: string } | undefined;
  return row ? readKey(row.armored) : undefined;
}
