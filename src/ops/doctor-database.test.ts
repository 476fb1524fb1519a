// doctor's database checks go on past a broken part: an SLA table dropped by hand is a failure
// of its own check (review of 2026-12-07: it was reported as an unreadable database, and the
// sealing and append-only checks after it were skipped).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { Config } from '../config/load.js';
import { openDatabase } from '../db/open.js';
import { checkDatabase } from './doctor-database.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-doctor-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function checks(path: string): Array<{ status: string; name: string; detail: string }> {
  const out: Array<{ status: string; name: string; detail: string }> = [];
  checkDatabase(
    { database: path } as Config,
    (name, detail) => out.push({ status: 'ok', name, detail }),
    (name, detail) => out.push({ status: 'warn', name, detail }),
    (name, detail) => out.push({ status: 'fail', name, detail }),
  );
  return out;
}

it('says the SLA sums agree on a database as the triggers keep it', () => {
  const path = join(dir, 'good.db');
  openDatabase(path).close();
  expect(checks(path).find((c) => c.name === 'database: SLA sums')).toMatchObject({ status: 'ok' });
});

it('fails the SLA sums check alone when a table of it is gone, and still checks the guards after it', () => {
  const path = join(dir, 'dropped.db');
  openDatabase(path).close();
  const raw = new Database(path);
  raw.exec('DROP TABLE sla_times');
  raw.close();
  const found = checks(path);
  expect(found.find((c) => c.name === 'database: SLA sums')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no such table: sla_times/) });
  expect(found.find((c) => c.name === 'database')).toBeUndefined();
  expect(found.find((c) => c.name === 'database: append-only guards')).toMatchObject({ status: 'ok' });
});
