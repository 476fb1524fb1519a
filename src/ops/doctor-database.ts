/**
 * What `sectriage doctor` says of the database: its path, schema, integrity, event chain,
 * the digest's SLA sums, append-only guards and sealing key. Opens the file read-only (no
 * migration, no key made); the findings go to the caller's ok/warn/fail.
 */
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { appendOnlyGuarded, verifyEventChain } from '../cases/store/event-log.js';
import type { Config } from '../config/load.js';
import { databasePathProblem } from '../db/database-path.js';
import { readMigrations, schemaVersion } from '../db/migrate.js';
import { openFileReadOnly, type Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { keyFileFor } from '../seal/kek-file.js';
import { checkSealing } from './doctor-sealing.js';
import { checkSlaSums } from '../deadlines/sla-sums.js';

type Report = (name: string, detail: string, fix: string) => void;
type Ok = (name: string, detail: string) => void;

export function checkDatabase(config: Config, ok: Ok, warn: Report, fail: Report): void {
  if (config.database === ':memory:') return;
  const problem = databasePathProblem(config.database);
  if (problem)
    return fail(
      'database: path',
      problem,
      'Point database: at a file in a folder the service user owns (the unit: /var/lib/sectriage/sectriage.db), and run doctor as that user.',
    );
  if (!existsSync(config.database))
    return warn('database', `${config.database} does not exist yet`, 'Start the service (or run sectriage migrate as the service user) to create it.');
  let db: Database.Database | undefined;
  try {
    db = openFileReadOnly(config.database, keyFileFor(config.database), { keyMayBeMissing: true });
    const have = schemaVersion(db);
    const want = readMigrations().length;
    if (have < want)
      fail(
        'database: schema',
        `schema ${have}, this sectriage needs ${want}`,
        'Run sectriage migrate as the service user (the daemon also migrates at start).',
      );
    else if (have > want)
      fail('database: schema', `schema ${have} is newer than this sectriage (${want})`, 'Run the newer sectriage, or restore a backup made by this version.');
    else ok('database: schema', `schema ${have} (up to date)`);
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity === 'ok') ok('database: integrity', 'PRAGMA integrity_check: ok');
    else
      fail(
        'database: integrity',
        `PRAGMA integrity_check: ${String(integrity)}`,
        'Stop the service and restore the latest backup (README: Backup and restore).',
      );
    const chain = verifyEventChain(db);
    if (chain.ok) ok('database: event log', `${chain.count} events, hash chain intact`);
    else
      fail(
        'database: event log',
        `hash chain broken at event ${chain.brokenAt}`,
        'Someone changed the database: keep a copy for investigation and restore a backup that passes sectriage audit verify.',
      );
    if (have === want) checkSums(db, ok, warn, fail);
    checkSealing(config.database, db, ok, fail);
    if (appendOnlyGuarded(db)) ok('database: append-only guards', 'events cannot be updated or deleted');
    else
      fail(
        'database: append-only guards',
        'the triggers that keep the event log append-only are missing',
        'Someone changed the schema: restore a backup that passes sectriage audit verify.',
      );
  } catch (e) {
    fail('database', describeError(e), 'Check that the service user can read the database file and its folder.');
  } finally {
    db?.close();
  }
}

/** The digest's SLA figures come from sums the triggers keep (deadlines/sla-sums.ts): they must agree with their rows. */
function checkSums(db: Database.Database, ok: Ok, warn: Report, fail: Report): void {
  let off;
  try {
    off = checkSlaSums(db as Db);
  } catch (e) {
    // A table of the schema gone (dropped by hand): said here, and the checks after this one still run.
    return fail('database: SLA sums', describeError(e), 'Someone changed the schema: restore a backup that passes sectriage doctor.');
  }
  if (off.days + off.times === 0) ok('database: SLA sums', "the digest's SLA sums agree with the deadlines they sum");
  else
    warn(
      'database: SLA sums',
      `${off.days} day sum(s) and ${off.times} time(s) differ from the deadlines they sum: the digest's SLA figures are off`,
      'Run sectriage deadlines rebuild-sla as the service user (safe while the service runs).',
    );
}
