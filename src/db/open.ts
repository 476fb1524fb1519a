/**
 * Opens the SQLite database with the settings the daemon relies on (WAL, a busy
 * timeout, foreign keys) and brings its schema up to date. The path comes from the
 * operator's config; nothing here reads message data.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULTS } from '../limits.js';
import { migrate } from './migrate.js';

export type Db = Database.Database;

export function openDatabase(path: string, opts: { migrate?: boolean } = {}): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { timeout: DEFAULTS.sqliteBusyTimeout });
  db.pragma('journal_mode = WAL');
  // Right after switching to WAL, synchronous still reads FULL until reopen; set it explicitly.
  // NORMAL in WAL mode is durable against process crashes (our SIGKILL tests); only an OS
  // crash can lose the last transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  if (opts.migrate !== false) migrate(db);
  return db;
}
