// A repair opens the database as it is: a path with no database is refused without making
// one (or its folder), and a schema this sectriage would have to migrate is refused unchanged.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { readMigrations } from './migrate.js';
import { openDatabase, openExistingDatabase } from './open.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-open-existing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('refuses a path with no database and makes neither it nor its folder', () => {
  const path = join(dir, 'typo', 'sectriage.db');
  expect(() => openExistingDatabase(path)).toThrow(/no database at .* yet/);
  expect(existsSync(join(dir, 'typo'))).toBe(false);
});

it('refuses a database at an older schema and leaves it at that schema', () => {
  const path = join(dir, 'old.db');
  openDatabase(path).close();
  const raw = new Database(path);
  raw.pragma(`user_version = ${readMigrations().length - 1}`);
  raw.close();
  expect(() => openExistingDatabase(path)).toThrow(/is at schema \d+, this sectriage expects \d+: run sectriage migrate/);
  const after = new Database(path, { readonly: true });
  expect(after.pragma('user_version', { simple: true })).toBe(readMigrations().length - 1);
  after.close();
});

it('opens a database at the current schema for writing', () => {
  const path = join(dir, 'current.db');
  openDatabase(path).close();
  const db = openExistingDatabase(path);
  expect(db.readonly).toBe(false);
  db.close();
});
