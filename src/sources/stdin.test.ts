// The MTA pipe: a small message is spooled from memory, a large one through a spill file
// and into the spool in pieces (never whole in memory), an oversized one to the held
// folder; each byte for byte, with no file or descriptor left behind.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open.js';
import { LIMITS, MiB } from '../limits.js';
import { nextIncoming } from '../spool/spool.js';
import { ingestStream } from './stdin.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stdin-test-'));
  db = openDatabase(':memory:');
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const openFds = (): number => readdirSync('/proc/self/fd').length;
const pipe = (b: Buffer): Readable =>
  Readable.from(
    (function* () {
      for (let at = 0; at < b.length; at += 65536) yield b.subarray(at, at + 65536);
    })(),
  );
const message = (size: number): Buffer => Buffer.concat([Buffer.from('Message-ID: <big@example.net>\r\nSubject: PoC\r\n\r\n'), randomBytes(size)]);
const deps = (maxMessageBytes = LIMITS.maxMessageBytes) => ({
  db,
  limits: { ...LIMITS, maxMessageBytes },
  heldDir: join(dir, 'held'),
  spillDir: join(dir, 'spill'),
  now: () => new Date('2026-11-23T10:00:00Z'),
});

describe('ingestStream', () => {
  it.each([
    ['a small message, from memory', 2000],
    ['a large message, through a spill file and in pieces', 3 * MiB + 17],
  ])('%s: spooled byte for byte', async (_name, size) => {
    const raw = message(size);
    const before = openFds();
    const r = await ingestStream(pipe(raw), deps());
    expect(r.tooLarge).toBe(false);
    const row = nextIncoming(db)!;
    expect(row.raw?.equals(raw)).toBe(true);
    expect([row.size, row.sha256, row.message_id]).toEqual([raw.length, createHash('sha256').update(raw).digest('hex'), '<big@example.net>']);
    expect(openFds()).toBe(before);
    expect(readdirSync(dir).includes('spill') ? readdirSync(join(dir, 'spill')) : []).toEqual([]);
  });

  it('the same bytes again are a duplicate of the first entry', async () => {
    const raw = message(2 * MiB);
    const first = await ingestStream(pipe(raw), deps());
    expect(await ingestStream(pipe(raw), deps())).toEqual({ id: first.id, duplicate: true, tooLarge: false });
  });

  it('over limits.maxMessageBytes, whole in the held folder (the part that went to the spill file too), never half taken', async () => {
    const raw = message(3 * MiB);
    const r = await ingestStream(pipe(raw), deps(2 * MiB));
    expect(r.tooLarge).toBe(true);
    const row = db.prepare('SELECT state, raw, raw_path AS path, size FROM spool WHERE id = ?').get(r.id) as {
      state: string;
      raw: null;
      path: string;
      size: number;
    };
    expect([row.state, row.raw, row.size]).toEqual(['held', null, raw.length]);
    expect(readFileSync(row.path).equals(raw)).toBe(true);
  });
});
