/**
 * Seals what a database stored before sealing existed (migration 0012 made the key
 * table; SQL cannot seal, it has no key): every column of columns.ts, in one
 * transaction, then VACUUM and a WAL truncation so that no page of the file or its WAL
 * still holds the plain text. Runs once, when the database is first opened with its
 * key; the setting 'content_sealed_at' marks it done.
 *
 * The event chain stays intact: each event's hash covers its data as written (plain),
 * so sealing the stored form changes no hash (src/cases/store/event-log.ts opens it
 * before hashing). The events table's no-update trigger is lifted for this one
 * transaction only, and put back as it was.
 */
import type Database from 'better-sqlite3';
import { SectriageError } from '../errors.js';
import { SEALED_COLUMNS, sealLabel } from './columns.js';
import type { Sealer } from './sealer.js';

/** A connection (open.ts imports this module, so its Db type is not imported back). */
type Db = Database.Database;

export const SEALED_SETTING = 'content_sealed_at';

export function contentSealed(db: Db): boolean {
  return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(SEALED_SETTING) !== undefined;
}

/** How many data keys each key-encryption key wraps (none before migration 0012 made the table). */
export function dataKeysByKek(db: Db): Array<{ kekId: string; count: number }> {
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'data_keys'").get()) return [];
  return db.prepare('SELECT kek_id AS kekId, count(*) AS count FROM data_keys GROUP BY kek_id').all() as Array<{ kekId: string; count: number }>;
}

/** Seals every plain value; returns how many were sealed (0 on a new database). */
export function sealExistingContent(db: Db, sealer: Sealer, now: Date): number {
  let sealed = 0;
  db.transaction(() => {
    if (contentSealed(db)) return;
    const trigger = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'events_no_update'").get() as { sql: string } | undefined;
    if (trigger) db.exec('DROP TRIGGER events_no_update');
    for (const c of SEALED_COLUMNS) {
      const plain = c.kind === 'text' ? `typeof(${c.column}) = 'text'` : `length(${c.column}) > 0`;
      const rows = db
        .prepare(`SELECT rowid AS r, ${c.scope} AS scope${c.kind === 'chunk' ? ', seq' : ''} FROM ${c.table} WHERE ${plain}${c.where ? ` AND ${c.where}` : ''}`)
        .all() as Array<{ r: number; scope: string; seq?: number }>;
      const read = db.prepare(`SELECT ${c.column} AS v FROM ${c.table} WHERE rowid = ?`);
      const write = db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE rowid = ?`);
      for (const row of rows) {
        if (!row.scope)
          throw new SectriageError('DB_MIGRATION_FAILED', `${c.table} row ${row.r} belongs to no case or spool entry: cannot seal it (run sectriage doctor)`);
        const { v } = read.get(row.r) as { v: string | Buffer };
        const label = sealLabel(c.table, c.column, row.seq);
        write.run(typeof v === 'string' ? sealer.sealText(row.scope, label, v) : sealer.sealBytes(row.scope, label, v), row.r);
        sealed++;
      }
    }
    if (trigger) db.exec(trigger.sql);
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(SEALED_SETTING, now.toISOString());
  }).immediate();
  if (sealed > 0 && !db.memory) {
    // The plain values are now in free pages and old WAL frames: rebuild the file and empty the WAL.
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  return sealed;
}
