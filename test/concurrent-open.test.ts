// Two processes (the daemon and an MTA's `ingest`) may create and migrate a new
// database at the same moment; both must come up with the same, complete schema.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { readMigrations } from '../src/db/migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const openJs = resolve(import.meta.dirname, '..', 'dist', 'db', 'open.js');

function opener(path: string): Promise<number | null> {
  const code = `import(${JSON.stringify(openJs)}).then((m) => { m.openDatabase(${JSON.stringify(path)}).close(); })`;
  return new Promise((r) => spawn(process.execPath, ['-e', code], { stdio: 'inherit' }).on('close', r));
}

it('several processes creating the same new database at once all succeed (no SQLITE_BUSY, no "table exists")', async () => {
  for (let round = 0; round < 5; round++) {
    const path = join(dir, `race-${round}.db`);
    const codes = await Promise.all([opener(path), opener(path), opener(path)]);
    expect(codes).toEqual([0, 0, 0]);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    db.close();
  }
});
