/**
 * Applies the numbered SQL files in migrations/ in order, each in its own
 * transaction, recording the schema version in PRAGMA user_version. Refuses a
 * database whose version is newer than the code (a downgrade would corrupt it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { SectriageError } from '../errors.js';

/** src/db and dist/db are both two levels below the package root. */
export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort();
  return files.map((name, i) => {
    const version = Number(name.slice(0, 4));
    if (version !== i + 1) throw new SectriageError('DB_MIGRATION_FAILED', `migrations are not numbered 1..n without gaps: ${name}`);
    return { version, name, sql: readFileSync(join(dir, name), 'utf8') };
  });
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Returns the names of the migrations it applied. */
export function migrate(db: Database.Database, migrations = readMigrations()): string[] {
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new SectriageError(
      'DB_TOO_NEW',
      `the database is at schema version ${current} but this sectriage knows only ${latest}: run the newer sectriage, or restore a backup made by this version`,
    );
  }
  const applied: string[] = [];
  for (const m of migrations.slice(current)) {
    try {
      // Another process (ingest next to the daemon) may be migrating the same file at
      // the same moment: decide inside the write lock whether this step is still due.
      const ran = db
        .transaction(() => {
          if (schemaVersion(db) >= m.version) return false;
          db.exec(m.sql);
          db.pragma(`user_version = ${m.version}`);
          return true;
        })
        .immediate();
      if (!ran) continue;
    } catch (cause) {
      throw new SectriageError('DB_MIGRATION_FAILED', `migration ${m.name} failed: ${(cause as Error).message}`, { cause });
    }
    applied.push(m.name);
  }
  return applied;
}
