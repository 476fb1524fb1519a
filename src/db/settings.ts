/**
 * Small facts the operation keeps about itself in the settings table: when the last
 * IMAP pass and the last backup succeeded (the metrics endpoint reports their age).
 * Input: our own keys and values.
 */
import type { Db } from './open.js';

export type OpsMark = 'last_imap_pass_ok' | 'last_backup_ok';

export function markNow(db: Db, key: OpsMark, at: Date): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, at.toISOString());
}

export function markedAt(db: Db, key: OpsMark): Date | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? new Date(row.value) : undefined;
}
