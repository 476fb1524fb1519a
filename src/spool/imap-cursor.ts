/**
 * How far the IMAP source has taken each mailbox (migration 0001's imap_cursor): the
 * UIDVALIDITY it saw and the last UID taken, for servers without keywords, where the
 * cursor alone says what is new. Written only after the message is in the spool.
 */
import type { Db } from '../db/open.js';

export function imapCursor(db: Db, mailbox: string): { uidValidity: string; lastUid: number } | undefined {
  const r = db.prepare('SELECT uid_validity, last_uid FROM imap_cursor WHERE mailbox = ?').get(mailbox) as
    { uid_validity: string; last_uid: number } | undefined;
  return r ? { uidValidity: r.uid_validity, lastUid: r.last_uid } : undefined;
}

export function saveImapCursor(db: Db, mailbox: string, uidValidity: string, lastUid: number, at: Date): void {
  db.prepare(
    `INSERT INTO imap_cursor (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, updated_at = excluded.updated_at`,
  ).run(mailbox, uidValidity, lastUid, at.toISOString());
}
