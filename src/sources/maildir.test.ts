import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { LIMITS } from '../limits.js';
import { silentLogger } from '../log.js';
import { maildirPass } from './maildir.js';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('one unreadable entry (a dangling link) is left in new/ and does not stop the good message next to it', () => {
  dir = mkdtempSync(join(tmpdir(), 'maildir-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, d));
  symlinkSync(join(dir, 'nowhere'), join(dir, 'new', '1.broken'));
  writeFileSync(join(dir, 'new', '2.good'), 'From: a@example.org\r\nSubject: x\r\n\r\nbody\r\n');
  const db = openDatabase(':memory:');
  const r = maildirPass(dir, { db, limits: LIMITS, log: silentLogger, now: () => new Date('2026-11-23T10:00:00Z') });
  expect(r).toEqual({ spooled: 1, duplicates: 0, tooLarge: 0, failed: 1 });
  expect(readdirSync(join(dir, 'new'))).toEqual(['1.broken']);
  expect(readdirSync(join(dir, 'cur'))).toEqual(['2.good:2,S']);
  expect(db.prepare('SELECT source_ref FROM spool').all()).toEqual([{ source_ref: '2.good' }]);
});

it('an oversized file is recorded as held with its path before it is moved to cur/', () => {
  dir = mkdtempSync(join(tmpdir(), 'maildir-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'new', '3.big'), 'x'.repeat(5000));
  const db = openDatabase(':memory:');
  const r = maildirPass(dir, { db, limits: { ...LIMITS, maxMessageBytes: 1000 }, log: silentLogger, now: () => new Date() });
  expect(r.tooLarge).toBe(1);
  expect(db.prepare('SELECT state, raw_path, size FROM spool').get()).toEqual({ state: 'held', raw_path: join(dir, 'cur', '3.big:2,S'), size: 5000 });
  expect(readdirSync(join(dir, 'cur'))).toEqual(['3.big:2,S']);
});

it('says there is a backlog before spooling one of several files (the open workers start loading), and not for a single file', () => {
  dir = mkdtempSync(join(tmpdir(), 'maildir-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'new', '1.one'), 'From: a@example.org\r\nSubject: x\r\n\r\none\r\n');
  const db = openDatabase(':memory:');
  const seen: number[] = [];
  const count = (): number => (db.prepare('SELECT count(*) AS n FROM spool').get() as { n: number }).n;
  maildirPass(dir, { db, limits: LIMITS, log: silentLogger, now: () => new Date(), onBacklog: () => seen.push(count()) });
  expect(seen).toEqual([]);
  writeFileSync(join(dir, 'new', '2.two'), 'From: a@example.org\r\nSubject: y\r\n\r\ntwo\r\n');
  writeFileSync(join(dir, 'new', '3.three'), 'From: a@example.org\r\nSubject: z\r\n\r\nthree\r\n');
  maildirPass(dir, { db, limits: LIMITS, log: silentLogger, now: () => new Date(), onBacklog: () => seen.push(count()) });
  expect(seen).toEqual([1]); // once, before either of the two new files was spooled
});

it('a file spooled but not moved (cur/ refuses it) stays in new/, counted failed, and is a duplicate on the next pass', () => {
  dir = mkdtempSync(join(tmpdir(), 'maildir-'));
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'new', '1.a'), 'From: a@example.org\r\nSubject: a\r\n\r\na\r\n');
  writeFileSync(join(dir, 'new', '2.b'), 'From: a@example.org\r\nSubject: b\r\n\r\nb\r\n');
  mkdirSync(join(dir, 'cur', '1.a:2,S', 'x'), { recursive: true }); // a non-empty folder where the file would go
  const db = openDatabase(':memory:');
  const pass = (): ReturnType<typeof maildirPass> => maildirPass(dir, { db, limits: LIMITS, log: silentLogger, now: () => new Date() });
  expect(pass()).toEqual({ spooled: 1, duplicates: 0, tooLarge: 0, failed: 1 });
  expect(readdirSync(join(dir, 'new'))).toEqual(['1.a']);
  expect(db.prepare('SELECT source_ref FROM spool ORDER BY id').pluck().all()).toEqual(['1.a', '2.b']); // committed before the move
  rmSync(join(dir, 'cur', '1.a:2,S'), { recursive: true });
  expect(pass()).toEqual({ spooled: 0, duplicates: 1, tooLarge: 0, failed: 0 });
  expect(readdirSync(join(dir, 'new'))).toEqual([]);
});
