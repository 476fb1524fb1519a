import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DEFAULTS } from '../limits.js';
import { inWriteBatches } from './write-batches.js';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function table(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  return db;
}
const rows = (db: Database.Database): number[] => db.prepare('SELECT n FROM t ORDER BY n').pluck().all() as number[];

it('commits up to writeBatchMaxRows items a transaction, and hands each batch to committed only after its commit', () => {
  const db = table();
  const items = Array.from({ length: 2 * DEFAULTS.writeBatchMaxRows + 3 }, (_, i) => i + 1);
  const batches: Array<{ size: number; inTransaction: boolean; visible: number }> = [];
  inWriteBatches(db, items, (n) => db.prepare('INSERT INTO t (n) VALUES (?)').run(n).changes, {
    onError: (n, e) => expect.unreachable(`item ${n}: ${String(e)}`),
    committed: (done) => batches.push({ size: done.length, inTransaction: db.inTransaction, visible: rows(db).length }),
  });
  expect(batches.map((b) => b.size)).toEqual([DEFAULTS.writeBatchMaxRows, DEFAULTS.writeBatchMaxRows, 3]);
  expect(batches.every((b) => !b.inTransaction)).toBe(true);
  const max = DEFAULTS.writeBatchMaxRows;
  expect(batches.map((b) => b.visible)).toEqual([max, 2 * max, 2 * max + 3]);
  expect(rows(db)).toEqual(items);
});

it('rolls back only the item that threw: the rest of its batch commits, and onError hears of it once', () => {
  const db = table();
  const errors: number[] = [];
  const done: number[] = [];
  inWriteBatches(
    db,
    [1, 2, 3],
    (n) => {
      db.prepare('INSERT INTO t (n) VALUES (?)').run(n * 10);
      if (n === 2) throw new Error('broken policy file');
      return n;
    },
    { onError: (n) => errors.push(n), committed: (d) => done.push(...d.map((x) => x.result)) },
  );
  expect(rows(db)).toEqual([10, 30]); // 20 was written in 2's savepoint and rolled back with it
  expect(errors).toEqual([2]);
  expect(done).toEqual([1, 3]);
});

it('a batch that cannot get the write lock fails its first item and goes on, keeping nothing it did not commit', () => {
  dir = mkdtempSync(join(tmpdir(), 'batches-'));
  const path = join(dir, 'x.db');
  const db = new Database(path, { timeout: 0 });
  db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY)');
  const other = new Database(path, { timeout: 0 });
  other.exec('BEGIN IMMEDIATE');
  const errors: Array<[number, string]> = [];
  const done: number[] = [];
  inWriteBatches(db, [1, 2], (n) => db.prepare('INSERT INTO t (n) VALUES (?)').run(n), {
    onError: (n, e) => {
      errors.push([n, (e as { code?: string }).code ?? '']);
      if (n === 1) other.exec('ROLLBACK'); // the lock comes free for the next batch
    },
    committed: (d) => done.push(...d.map((x) => x.item)),
  });
  expect(errors).toEqual([[1, 'SQLITE_BUSY']]);
  expect(done).toEqual([2]);
  expect(rows(db)).toEqual([2]);
  other.close();
  db.close();
});

it('stops a batch at an item whose error rolled back the whole transaction (a full disk): nothing after it commits on its own', () => {
  const db = table();
  db.exec('CREATE TABLE big (b BLOB)');
  db.pragma(`max_page_count = ${(db.pragma('page_count', { simple: true }) as number) + 8}`);
  const errors: Array<[number, string]> = [];
  const done: number[] = [];
  inWriteBatches(
    db,
    [1, 2, 3, 4],
    (n) => {
      db.prepare('INSERT INTO t (n) VALUES (?)').run(n);
      if (n === 2) db.prepare('INSERT INTO big (b) VALUES (?)').run(Buffer.alloc(400_000));
      return n;
    },
    { onError: (n, e) => errors.push([n, (e as { code?: string }).code ?? '']), committed: (d) => done.push(...d.map((x) => x.item)) },
  );
  expect(errors.find(([n]) => n === 2)?.[1]).toBe('SQLITE_FULL');
  expect(errors.map(([n]) => n).sort()).toEqual([1, 2]); // 1 was rolled back with the batch; 3 and 4 went to the next one
  expect(done).toEqual([3, 4]);
  expect(rows(db)).toEqual([3, 4]);
});

it('ends a batch before it would read more than writeBatchMaxBytes of files, and puts a bigger file in a batch of its own', () => {
  const db = table();
  const max = DEFAULTS.writeBatchMaxBytes;
  const sizes = new Map([
    [1, max / 2],
    [2, max / 2],
    [3, 1],
    [4, max * 3],
    [5, 1],
  ]);
  const batches: number[][] = [];
  inWriteBatches(db, [...sizes.keys()], (n) => db.prepare('INSERT INTO t (n) VALUES (?)').run(n), {
    onError: (n, e) => expect.unreachable(`item ${n}: ${String(e)}`),
    bytesOf: (n) => sizes.get(n)!,
    committed: (d) => batches.push(d.map((x) => x.item)),
  });
  expect(batches).toEqual([[1, 2], [3], [4], [5]]);
});
