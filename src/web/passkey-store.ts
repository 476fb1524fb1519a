/**
 * Passkeys members registered: stored by credential id with their public key and signature
 * counter. A credential id from a browser is untrusted input: only looked up, bound.
 */
import type { Db } from '../db/open.js';

export interface StoredPasskey {
  id: string;
  member: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  createdAt: string;
}

interface Row {
  credential_id: string;
  member: string;
  public_key: Buffer;
  counter: number;
  transports: string;
  created_at: string;
}

const toPasskey = (r: Row): StoredPasskey => ({
  id: r.credential_id,
  member: r.member,
  publicKey: new Uint8Array(r.public_key),
  counter: r.counter,
  transports: JSON.parse(r.transports) as string[],
  createdAt: r.created_at,
});

export function savePasskey(db: Db, p: Omit<StoredPasskey, 'createdAt'>, now: Date): void {
  db.prepare('INSERT INTO web_passkeys (credential_id, member, public_key, counter, transports, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    p.id,
    p.member,
    Buffer.from(p.publicKey),
    p.counter,
    JSON.stringify(p.transports),
    now.toISOString(),
  );
}

export function passkeyById(db: Db, id: unknown): StoredPasskey | undefined {
  if (typeof id !== 'string' || id.length > 1024) return undefined;
  const r = db.prepare('SELECT * FROM web_passkeys WHERE credential_id = ?').get(id) as Row | undefined;
  return r && toPasskey(r);
}

export function passkeysOf(db: Db, member: string): StoredPasskey[] {
  return (db.prepare('SELECT * FROM web_passkeys WHERE member = ? ORDER BY created_at').all(member) as Row[]).map(toPasskey);
}

/** Removes one of `member`'s passkeys (a lost phone, an authenticator someone else added); false when it is not theirs. */
export function deletePasskey(db: Db, member: string, id: unknown): boolean {
  if (typeof id !== 'string' || id.length > 1024) return false;
  return db.prepare('DELETE FROM web_passkeys WHERE credential_id = ? AND member = ?').run(id, member).changes === 1;
}

export function passkeyUsed(db: Db, id: string, counter: number, now: Date): void {
  db.prepare('UPDATE web_passkeys SET counter = ?, last_used_at = ? WHERE credential_id = ?').run(counter, now.toISOString(), id);
}
