/**
 * Opens the SQLite database with the settings the daemon relies on (WAL, a busy
 * timeout, foreign keys) and brings its schema up to date. The path comes from the
 * operator's config; nothing here reads message data.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { SectriageError } from '../errors.js';
import { dirname } from 'node:path';
import { DEFAULTS } from '../limits.js';
import { databasePathProblem } from './database-path.js';
import { migrate, readMigrations, schemaVersion } from './migrate.js';
import { newKey } from '../seal/envelope.js';
import { keyFileFor, keyId, type KeyRing, readKeyFile, readOrCreateKeyFile } from '../seal/kek-file.js';
import { dataKeysByKek, sealExistingContent } from '../seal/seal-existing.js';
import { attachSealer } from '../seal/sealer.js';

export type Db = Database.Database;

/**
 * For commands that only look (cases list/show): never creates or migrates, so a root
 * shell cannot leave root-owned files in the service's state folder.
 */
export function openDatabaseReadOnly(path: string): Db {
  requireFile(path);
  return atCurrentSchema(openFileReadOnly(path, keyFileFor(path)), path);
}

/**
 * An existing database at this sectriage's schema, for a repair that writes (`deadlines
 * rebuild-sla`): never created (a typo in database: would make an empty one and report it
 * repaired) and never migrated under a daemon that still runs the old schema.
 */
export function openExistingDatabase(path: string): Db {
  requireFile(path);
  return atCurrentSchema(openDatabase(path, { migrate: false }), path);
}

function requireFile(path: string): void {
  if (!existsSync(path)) throw new SectriageError('CONFIG_INVALID', `no database at ${path} yet: it is created when sectriage first runs`);
}

/** The database, if its schema is the one this sectriage's migrations make; closed and refused otherwise. */
function atCurrentSchema(db: Db, path: string): Db {
  const have = schemaVersion(db);
  const want = readMigrations().length;
  if (have !== want) {
    db.close();
    throw new SectriageError(
      have > want ? 'DB_TOO_NEW' : 'CONFIG_INVALID',
      `the database ${path} is at schema ${have}, this sectriage expects ${want}: ${have > want ? 'run the newer sectriage' : 'run sectriage migrate (or start the daemon)'}`,
    );
  }
  return db;
}

/**
 * The sealing keys of an existing database: its key file, or none when the database
 * holds nothing sealed yet. A database with sealed content and no key file is an error:
 * its reports cannot be read, and a new key must not be made in the lost one's place.
 */
function existingRing(db: Db, keyFile: string): KeyRing | undefined {
  if (existsSync(keyFile)) return readKeyFile(keyFile);
  // Only asked when the key file is missing.
  if (dataKeysByKek(db).length)
    throw new SectriageError(
      'SEAL_KEY_MISSING',
      `the database holds sealed reports but its sealing key ${keyFile} is missing: restore the key file (or its systemd credential "sealing-key") from where you keep it`,
    );
  return undefined;
}

/**
 * Any database file read as it is, whatever its schema (a backup for `audit`, the live
 * file for `doctor`), its sealed content opened with the keys of `keyFile`.
 */
export function openFileReadOnly(path: string, keyFile: string, opts: { keyMayBeMissing?: boolean } = {}): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true, timeout: DEFAULTS.sqliteBusyTimeout });
  // An open worker asks for a reporter's pinned key per message: compiling the query each
  // time was most of that (issue 11).
  cachePreparedStatements(db);
  try {
    // doctor looks at the rest even without the key (and says the key is missing): sealed values then fail one by one.
    attachSealer(db, opts.keyMayBeMissing && !existsSync(keyFile) ? undefined : existingRing(db, keyFile));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** A database in memory (tests) seals with a key of its own that lives as long as it. */
function memoryRing(): KeyRing {
  const key = newKey();
  return { currentId: keyId(key), keys: new Map([[keyId(key), key]]), file: ':memory:' };
}

export function openDatabase(path: string, opts: { migrate?: boolean } = {}): Db {
  // The database holds decrypted reports: a new one (and a new folder) is the owner's alone.
  // Checked first: under /proc mkdir hung, and a parent that is a file or an unwritable
  // folder failed later with a bare errno.
  const problem = databasePathProblem(path);
  if (problem) throw new SectriageError('CONFIG_INVALID', `database: ${problem}; fix database: in the config (doctor checks it)`);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fresh = path !== ':memory:' && !existsSync(path);
  const db = new Database(path, { timeout: DEFAULTS.sqliteBusyTimeout });
  if (fresh) chmodSync(path, 0o600);
  setWal(db);
  // Right after switching to WAL, synchronous still reads FULL until reopen; set it explicitly.
  // NORMAL in WAL mode is durable against process crashes (our SIGKILL tests); only an OS
  // crash can lose the last transactions.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  try {
    if (opts.migrate !== false) migrate(db);
    cachePreparedStatements(db);
    // The key is made with a new database, or when a database from before sealing is
    // first opened (its content is sealed just below); otherwise it must already exist.
    const keyFile = keyFileFor(path);
    const ring = path === ':memory:' ? memoryRing() : (existingRing(db, keyFile) ?? readOrCreateKeyFile(keyFile).ring);
    const sealer = attachSealer(db, ring);
    if (opts.migrate !== false) sealExistingContent(db, sealer, new Date());
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/**
 * The store modules call db.prepare(sql) where they use it, which keeps each query next
 * to its code; compiling the same SQL again each time cost ~2 ms per message (a fifth of
 * the pipeline's own work, issue 11). This keeps each compiled statement by its text.
 * Safe because the few call sites that set a statement's mode put it back at once, in a
 * finally (raw rows in case-list.ts and duplicates.ts), or are the only users of their SQL
 * text and always set it alike (messages.ts plucks "SELECT case_id FROM messages WHERE
 * id = ?" in both places), and SQLite re-prepares a statement after a schema change. Bounded, because
 * SQL built from a list's length would otherwise grow the cache without end.
 */
export function cachePreparedStatements(db: Db): void {
  const prepare = db.prepare.bind(db);
  const cache = new Map<string, Database.Statement>();
  db.prepare = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      if (cache.size >= DEFAULTS.sqliteStatementCache) cache.clear();
      stmt = prepare(sql);
      cache.set(sql, stmt);
    }
    return stmt;
  }) as Db['prepare'];
}

/** Switching to WAL needs a moment alone with the file and does not wait on the busy
 *  handler: two processes opening a new database together retry instead of failing. */
function setWal(db: Database.Database): void {
  const deadline = Date.now() + DEFAULTS.sqliteBusyTimeout;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}
