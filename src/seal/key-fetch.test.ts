// Reading many cases' sealed text takes a few key queries, not one per case, in either
// direction and on a database with more cases than the keys kept in memory: a list of
// the overdue cases among 100,000 once re-read 20,000 keys for every case it opened
// (48 s for `cases list --overdue`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertCase } from '../cases/store/cases.js';
import { openDatabase, type Db } from '../db/open.js';
import { sealerOf } from './sealer.js';

const CASES = 3000;
const root = mkdtempSync(join(tmpdir(), 'sectriage-keyfetch-'));
const path = join(root, 'sectriage.db');
afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(() => {
  const db = openDatabase(path);
  db.transaction(() => {
    for (let n = 1; n <= CASES; n++)
      insertCase(db, {
        trackingId: `SEC-2026-K${String(n).padStart(4, '0')}`,
        reporterName: null,
        reporterEmail: 'rita@example.net',
        subject: `subject ${n}`,
        policy: 'default',
        at: new Date('2026-12-01T10:00:00Z'),
        encryption: 'none',
        signature: 'none',
        signerFingerprint: null,
        relatedCaseId: null,
        noReplyReason: null,
      });
  })();
  db.close();
});

/** Every subject through the SQL function, in `order`, on a fresh connection; checks each. */
function readAll(db: Db, order: 'ASC' | 'DESC', every = 1): void {
  const rows = db.prepare(`SELECT id, case_text(subject, id, 'cases.subject') AS s FROM cases WHERE id % ? = 0 ORDER BY id ${order}`).all(every) as Array<{
    id: number;
    s: string;
  }>;
  expect(rows.length).toBe(Math.floor(CASES / every));
  for (const r of rows) expect(r.s).toBe(`subject ${r.id}`);
}

describe('reading the sealed text of many cases', () => {
  for (const order of ['ASC', 'DESC'] as const)
    it(`a walk over every case (${order}) reads all their keys in one go, once`, () => {
      const db = openDatabase(path);
      try {
        readAll(db, order);
        expect(sealerOf(db).keyQueries).toBeLessThanOrEqual(3);
      } finally {
        db.close();
      }
    });

  for (const order of ['ASC', 'DESC'] as const)
    it(`with more cases than keys kept, a walk (${order}) reads a window of keys per query, never all of them again`, () => {
      const db = openDatabase(path);
      try {
        sealerOf(db).keysKept = 1000;
        readAll(db, order);
        expect(sealerOf(db).keyQueries).toBeLessThanOrEqual(Math.ceil(CASES / 256) + 3);
      } finally {
        db.close();
      }
    });

  it('a sparse walk (every 7th case, the open ones among many) still takes one query per window', () => {
    const db = openDatabase(path);
    try {
      sealerOf(db).keysKept = 1000;
      readAll(db, 'DESC', 7);
      expect(sealerOf(db).keyQueries).toBeLessThanOrEqual(Math.ceil(CASES / 256) + 3);
    } finally {
      db.close();
    }
  });

  it('a list that names its cases first (every 11th of 3,000) reads their keys in one query and opens every subject', () => {
    const db = openDatabase(path);
    try {
      const ids = Array.from({ length: Math.floor(CASES / 11) }, (_, i) => (i + 1) * 11);
      sealerOf(db).prefetch(ids.map((id) => `case:${id}`));
      expect(sealerOf(db).keyQueries).toBe(1);
      readAll(db, 'ASC', 11);
      expect(sealerOf(db).keyQueries).toBe(1);
    } finally {
      db.close();
    }
  });

  it('a list of nearly every case reads the case keys by their range, in one query, and opens every subject', () => {
    const db = openDatabase(path);
    try {
      sealerOf(db).prefetch(Array.from({ length: CASES - 1 }, (_, i) => `case:${i + 2}`));
      expect(sealerOf(db).keyQueries).toBe(1);
      readAll(db, 'DESC');
      expect(sealerOf(db).keyQueries).toBe(1);
    } finally {
      db.close();
    }
  });
});
