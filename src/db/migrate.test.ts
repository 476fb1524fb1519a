import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations, schemaVersion } from './migrate.js';
import { openDatabase } from './open.js';
import { thrown } from '../../test/helpers/thrown.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-db-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
}

describe('migrations', () => {
  it('a fresh database migrates to the latest version and has every table', () => {
    const db = new Database(':memory:');
    const latest = readMigrations().length;
    expect(latest).toBeGreaterThan(0);
    const applied = migrate(db);
    expect(applied).toHaveLength(latest);
    expect(applied[0]).toBe('0001_initial.sql');
    expect(schemaVersion(db)).toBe(latest);
    expect(tables(db)).toEqual(expect.arrayContaining(['spool', 'cases', 'messages', 'attachments', 'events', 'reporter_keys', 'outbox', 'imap_cursor']));
    db.close();
  });

  it('upgrading a database that holds an issue-2 case keeps its data and marks when deadline mail starts', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const all = readMigrations();
    migrate(db, all.slice(0, 1));
    db.prepare("INSERT INTO spool (source, received_at, size, sha256, raw, state) VALUES ('stdin', '2026-11-01T00:00:00Z', 3, 'aa', x'616263', 'done')").run();
    db.prepare(
      "INSERT INTO cases (tracking_id, reporter_email, policy, created_at, updated_at, encryption, signature) VALUES ('SEC-2026-AAAAA', 'r@example.net', 'cgx', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', 'encrypted', 'valid')",
    ).run();
    db.prepare(
      "INSERT INTO messages (case_id, spool_id, direction, encryption, signature, payload_sha256, at) VALUES (1, 1, 'in', 'encrypted', 'valid', 'ff', '2026-11-01T00:00:00Z')",
    ).run();
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('r@example.net', 'AB', 'k', 'message', 'pinned', '2026-11-01T00:00:00Z')",
    ).run();
    migrate(db, all);
    expect(schemaVersion(db)).toBe(all.length);
    expect(db.prepare('SELECT sha256 FROM message_payloads').all()).toEqual([{ sha256: 'ff' }]);
    expect(db.prepare('SELECT status FROM reporter_keys').all()).toEqual([{ status: 'pinned' }]);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'deadline_mail_since'").get()).toEqual({ value: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
    // A fresh database has no cases to protect: deadline mail is not held back.
    const fresh = new Database(':memory:');
    migrate(fresh);
    expect(fresh.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
    fresh.close();
  });

  it('a second migrate applies nothing', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(migrate(db)).toEqual([]);
    expect(schemaVersion(db)).toBe(readMigrations().length);
    db.close();
  });

  it('reopening a migrated database file applies nothing and keeps the data', () => {
    const file = join(dir, 'reopen', 'sectriage.db');
    const db1 = openDatabase(file);
    db1.prepare("INSERT INTO imap_cursor (mailbox, uid_validity, last_uid, updated_at) VALUES ('m', '1', 7, 'now')").run();
    db1.close();
    const db2 = openDatabase(file, { migrate: false });
    expect(migrate(db2)).toEqual([]);
    expect((db2.prepare('SELECT last_uid FROM imap_cursor').get() as { last_uid: number }).last_uid).toBe(7);
    db2.close();
  });

  it('refuses a database newer than the code with DB_TOO_NEW and leaves it untouched', () => {
    const db = new Database(':memory:');
    const latest = readMigrations().length;
    db.pragma(`user_version = ${latest + 1}`);
    const e = thrown(() => migrate(db));
    expect(e.code).toBe('DB_TOO_NEW');
    expect(e.message).toContain(String(latest + 1));
    expect(schemaVersion(db)).toBe(latest + 1);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('openDatabase refuses a database file written by a newer sectriage (DB_TOO_NEW)', () => {
    const file = join(dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(thrown(() => openDatabase(file)).code).toBe('DB_TOO_NEW');
  });

  it('a failing migration is rolled back whole (no half-applied schema, version unchanged)', () => {
    const db = new Database(':memory:');
    const migrations = [
      { version: 1, name: '0001_a.sql', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: '0002_b.sql', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;' },
    ];
    const e = thrown(() => migrate(db, migrations));
    expect(e.code).toBe('DB_MIGRATION_FAILED');
    expect(e.message).toContain('0002_b.sql');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    db.close();
  });

  it('migration files numbered with a gap are refused', () => {
    const mdir = join(dir, 'gappy');
    mkdirSync(mdir);
    writeFileSync(join(mdir, '0001_one.sql'), 'SELECT 1;');
    writeFileSync(join(mdir, '0003_three.sql'), 'SELECT 1;');
    expect(thrown(() => readMigrations(mdir)).code).toBe('DB_MIGRATION_FAILED');
  });

  it('openDatabase turns on WAL and foreign keys for a file database', () => {
    const db = openDatabase(join(dir, 'pragmas', 'x.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() =>
      db.prepare("INSERT INTO events (case_id, at, actor, type, data, prev_hash, hash) VALUES (424242, 'now', 'system', 't', '{}', '', '')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('the events table is append-only', () => {
  function withEvent(): Database.Database {
    const db = openDatabase(':memory:');
    db.prepare(
      "INSERT INTO cases (id, tracking_id, reporter_email, policy, created_at, updated_at, encryption, signature) VALUES (1, 'SEC-2026-AAAAA', 'r@example.org', 'p', 'now', 'now', 'none', 'none')",
    ).run();
    db.prepare("INSERT INTO events (case_id, at, actor, type, data, prev_hash, hash) VALUES (1, 'now', 'system', 'report_received', '{}', 'p', 'h')").run();
    return db;
  }

  it('UPDATE of an event is refused by a trigger', () => {
    const db = withEvent();
    expect(() => db.prepare('UPDATE events SET data = \'{"x":1}\'').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT data FROM events').get() as { data: string }).data).toBe('{}');
    db.close();
  });

  it('DELETE of an event is refused by a trigger', () => {
    const db = withEvent();
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(1);
    db.close();
  });
});
