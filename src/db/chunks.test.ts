// Blobs in pieces (migration 0009): pieces of exactly one size whatever the parts they
// come in, read back whole, and a damaged set of pieces is an error, never a short message.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { pieces, readChunked, storedInChunks, writeChunks, IN_CHUNKS } from './chunks.js';
import { openDatabase } from './open.js';

const split = (b: Buffer, sizes: number[]): Buffer[] => {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < b.length; i++) {
    const n = sizes[i % sizes.length] as number;
    out.push(b.subarray(at, at + n));
    at += n;
  }
  return out;
};

describe('pieces', () => {
  it.each([
    ['one part', [1000]],
    ['parts smaller than a piece', [7]],
    ['parts larger than a piece', [37]],
    ['parts of exactly a piece', [16]],
    ['mixed', [3, 16, 40, 1, 15]],
  ])('%s: pieces of exactly the piece size, the same bytes in order', (_name, sizes) => {
    const bytes = randomBytes(1000);
    const seen: Buffer[] = [];
    // Copied at once: a piece may be a reused scratch Buffer, valid only until the next.
    for (const p of pieces(split(bytes, sizes), 16)) seen.push(Buffer.from(p));
    expect(seen.slice(0, -1).every((p) => p.length === 16)).toBe(true);
    expect(seen.at(-1)!.length).toBe(1000 % 16 || 16);
    expect(Buffer.concat(seen).equals(bytes)).toBe(true);
  });

  it('gives nothing for no bytes', () => {
    expect([...pieces([], 16)]).toEqual([]);
    expect([...pieces([Buffer.alloc(0)], 16)]).toEqual([]);
  });
});

describe('writeChunks / readChunked', () => {
  const db = openDatabase(':memory:');
  const SCOPE = 'spool:test';
  const spoolRow = (size: number): number =>
    Number(
      db
        .prepare("INSERT INTO spool (source, received_at, size, sha256, raw) VALUES ('stdin', 'now', ?, ?, ?)")
        .run(size, randomBytes(8).toString('hex'), IN_CHUNKS).lastInsertRowid,
    );

  it('stores bytes over one piece in pieces and reads them back whole', () => {
    const size = 3 * DEFAULTS.blobChunkBytes + 123;
    expect(storedInChunks(size)).toBe(true);
    expect(storedInChunks(DEFAULTS.blobChunkBytes)).toBe(false);
    const bytes = randomBytes(size);
    const id = spoolRow(size);
    writeChunks(db, 'spool_chunks', id, split(bytes, [65536]), SCOPE);
    const n = (db.prepare('SELECT count(*) AS n FROM spool_chunks WHERE spool_id = ?').get(id) as { n: number }).n;
    expect(n).toBe(4);
    expect(readChunked(db, 'spool_chunks', id, IN_CHUNKS, size, SCOPE, 'spool.raw').equals(bytes)).toBe(true);
  });

  it('pieces are sealed: no piece holds the plain bytes, and a piece moved to another place does not open', () => {
    const bytes = Buffer.alloc(2 * DEFAULTS.blobChunkBytes + 10, 'canary-piece ');
    const id = spoolRow(bytes.length);
    writeChunks(db, 'spool_chunks', id, [bytes], SCOPE);
    const stored = db.prepare('SELECT data FROM spool_chunks WHERE spool_id = ? ORDER BY seq').all(id) as Array<{ data: Buffer }>;
    expect(stored.some((r) => r.data.includes('canary-piece'))).toBe(false);
    db.prepare('UPDATE spool_chunks SET seq = 9 WHERE spool_id = ? AND seq = 0').run(id);
    db.prepare('UPDATE spool_chunks SET seq = 0 WHERE spool_id = ? AND seq = 1').run(id);
    db.prepare('UPDATE spool_chunks SET seq = 1 WHERE spool_id = ? AND seq = 9').run(id);
    expect(() => readChunked(db, 'spool_chunks', id, IN_CHUNKS, bytes.length, SCOPE, 'spool.raw')).toThrow(/does not open/);
  });

  it('bytes kept in the row come back as they are', () => {
    const b = Buffer.from('small');
    expect(readChunked(db, 'spool_chunks', 999, b, 5, SCOPE, 'spool.raw')).toBe(b);
  });

  it('a missing piece is an error, never a truncated message', () => {
    const bytes = randomBytes(2 * DEFAULTS.blobChunkBytes + 1);
    const id = spoolRow(bytes.length);
    writeChunks(db, 'spool_chunks', id, [bytes], SCOPE);
    db.prepare('DELETE FROM spool_chunks WHERE spool_id = ? AND seq = 1').run(id);
    expect(() => readChunked(db, 'spool_chunks', id, IN_CHUNKS, bytes.length, SCOPE, 'spool.raw')).toThrow(SectriageError);
  });

  it('a piece too many is an error too', () => {
    const bytes = randomBytes(DEFAULTS.blobChunkBytes + 1);
    const id = spoolRow(bytes.length);
    writeChunks(db, 'spool_chunks', id, [bytes], SCOPE);
    db.prepare('INSERT INTO spool_chunks (spool_id, seq, data) VALUES (?, 9, ?)').run(id, Buffer.from('x'));
    expect(() => readChunked(db, 'spool_chunks', id, IN_CHUNKS, bytes.length, SCOPE, 'spool.raw')).toThrow(/do not add up/);
  });
});
