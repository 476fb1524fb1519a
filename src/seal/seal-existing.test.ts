// A database from before sealing (the 0.1.0 release's, test/fixtures/db) is sealed when
// it is first opened with a key: afterwards none of its plain report words are in the
// file or its WAL, every reader sees the same words as before, and the event chain has
// the same count and head (a head kept outside still matches).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCase } from '../cases/store/cases.js';
import { caseEvents, chainHead, verifyEventChain } from '../cases/store/event-log.js';
import { attachmentContent } from '../cases/store/messages.js';
import { openDatabase, type Db } from '../db/open.js';
import { contentSealed } from './seal-existing.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'db', 'release-0.1.0.sqlite');

let dir: string;
let path: string;
let plain: { subjects: Array<{ id: number; subject: string }>; bodies: string[]; notes: string[]; attachments: Array<{ id: number; content: Buffer }> };
let headBefore: { id: number; hash: string };
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-seal-existing-'));
  path = join(dir, 'sectriage.db');
  copyFileSync(FIXTURE, path);
  const raw = new Database(path, { readonly: true });
  plain = {
    subjects: raw.prepare('SELECT id, subject FROM cases WHERE subject IS NOT NULL ORDER BY id').all() as Array<{ id: number; subject: string }>,
    bodies: (raw.prepare('SELECT body_text FROM messages WHERE body_text IS NOT NULL').pluck().all() as string[]).filter((b) => b.length > 30),
    notes: raw.prepare("SELECT json_extract(data, '$.note') FROM events WHERE type = 'note_added'").pluck().all() as string[],
    attachments: raw.prepare('SELECT id, content FROM attachments').all() as Array<{ id: number; content: Buffer }>,
  };
  headBefore = raw.prepare('SELECT id, hash FROM events ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
  raw.close();
  db = openDatabase(path);
});
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sealing what a database stored before sealing', () => {
  it('had plain report words to seal', () => {
    expect(plain.subjects.length).toBeGreaterThanOrEqual(10);
    expect(plain.bodies.length).toBeGreaterThanOrEqual(5);
    expect(plain.notes.length).toBeGreaterThanOrEqual(1);
    expect(plain.attachments.length).toBeGreaterThanOrEqual(1);
    expect(readFileSync(FIXTURE).includes(plain.subjects[0]!.subject)).toBe(true);
  });

  it('leaves none of them in the database file or its WAL', () => {
    expect(contentSealed(db)).toBe(true);
    const file = readFileSync(path);
    const wal = existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0);
    for (const text of [...plain.subjects.map((s) => s.subject), ...plain.bodies.map((b) => b.slice(0, 40)), ...plain.notes])
      expect({ text, inFile: file.includes(text), inWal: wal.includes(text) }).toEqual({ text, inFile: false, inWal: false });
    for (const a of plain.attachments.filter((x) => x.content.length >= 16)) expect(file.includes(a.content.subarray(0, 64))).toBe(false);
  });

  it('reads the same words back through the store', () => {
    for (const s of plain.subjects) expect(getCase(db, s.id)?.subject).toBe(s.subject);
    const notes = plain.subjects.flatMap((s) => caseEvents(db, s.id).flatMap((e) => (e.type === 'note_added' ? [e.data.note] : [])));
    expect(notes.sort()).toEqual([...plain.notes].sort());
    for (const a of plain.attachments) expect(attachmentContent(db, a.id)?.equals(a.content)).toBe(true);
  });

  it('keeps the event chain: the same count, the same head, intact', () => {
    expect(chainHead(db)).toEqual(headBefore);
    expect(verifyEventChain(db)).toMatchObject({ ok: true, count: headBefore.id });
  });

  it('runs once: opening again seals nothing more and changes no row', () => {
    const before = db.prepare('SELECT count(*) FROM data_keys').pluck().get();
    db.close();
    db = openDatabase(path);
    expect(db.prepare('SELECT count(*) FROM data_keys').pluck().get()).toBe(before);
    expect(chainHead(db)).toEqual(headBefore);
  });
});
