// Spill files: never visible in the spill folder (unlinked at once, so nothing is left
// on disk even after a SIGKILL), 0600 while they have a name, and freed on every path:
// a stream that fails or runs over its limit leaves no file and no open descriptor.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { SpillFile, spillDirFor, spillStream, withFileBytes } from './spill-file.js';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'spill-test-')), 'spill');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const openFds = (): number => readdirSync('/proc/self/fd').length;
/** Each piece copied as it comes: a piece may be a scratch Buffer reused for the next one. */
const copied = (pieces: Iterable<Buffer>): Buffer[] => Array.from(pieces, (p) => Buffer.from(p));

function streamOf(chunks: Uint8Array[], failAfter?: number): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (failAfter !== undefined && i === failAfter) return c.error(new Error('Modification detected.'));
      if (i >= chunks.length) return c.close();
      c.enqueue(chunks[i++] as Uint8Array);
    },
  });
}

describe('SpillFile', () => {
  it('is created in a 0700 folder and unlinked at once: the folder stays empty while it is in use', () => {
    const f = SpillFile.create(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readdirSync(dir)).toEqual([]);
    f.append(Buffer.from('decrypted'));
    expect(readdirSync(dir)).toEqual([]);
    f.close();
  });

  it('reads back what was written: whole, by range, in pieces and as a stream', async () => {
    const bytes = randomBytes(3 * 1024 * 1024 + 5);
    const f = SpillFile.create(dir);
    f.append(bytes.subarray(0, 1000));
    f.append(bytes.subarray(1000));
    expect(f.size).toBe(bytes.length);
    expect(f.readAll().equals(bytes)).toBe(true);
    expect(f.read(10, 20).equals(bytes.subarray(10, 30))).toBe(true);
    expect(Buffer.concat(copied(f.pieces())).equals(bytes)).toBe(true);
    const streamed: Buffer[] = [];
    for await (const c of f.stream(5)) streamed.push(c as Buffer);
    expect(Buffer.concat(streamed).equals(bytes.subarray(5))).toBe(true);
    f.close();
  });

  it('close frees the descriptor, twice is harmless, and a closed file cannot be used', () => {
    const before = openFds();
    const f = SpillFile.create(dir);
    expect(openFds()).toBe(before + 1);
    f.close();
    f.close();
    expect(openFds()).toBe(before);
    expect(() => f.append(Buffer.from('x'))).toThrow(/after close/);
  });

  it('a folder it cannot create is our problem (SPOOL_UNAVAILABLE), not a damaged message', () => {
    const notADir = join(dir, '..', 'file');
    writeFileSync(notADir, '');
    expect(() => SpillFile.create(join(notADir, 'spill'))).toThrow(expect.objectContaining({ code: 'SPOOL_UNAVAILABLE' }) as Error);
  });
});

describe('spillStream', () => {
  it('hands over a file only for a stream read to its end', async () => {
    const f = await spillStream(streamOf([Buffer.from('ab'), Buffer.from('cd')]), dir, 100, () => new Error('too large'));
    expect(f.readAll().toString()).toBe('abcd');
    f.close();
  });

  it('a stream that fails half way (an integrity check at its end) leaves no file and no descriptor', async () => {
    const before = openFds();
    await expect(spillStream(streamOf([randomBytes(1000), randomBytes(1000)], 1), dir, 1e6, () => new Error('too large'))).rejects.toThrow(
      'Modification detected.',
    );
    expect(openFds()).toBe(before);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('more than the limit is refused with the given error, and the file is gone', async () => {
    const before = openFds();
    const tooLarge = (): Error => new SectriageError('PGP_LIMIT', 'too large');
    await expect(spillStream(streamOf([randomBytes(600), randomBytes(600)]), dir, 1000, tooLarge)).rejects.toMatchObject({ code: 'PGP_LIMIT' });
    expect(openFds()).toBe(before);
  });
});

describe('withFileBytes', () => {
  it('reads a file a piece at a time and closes it after', () => {
    mkdirSync(dir);
    const path = join(dir, 'm.eml');
    const bytes = randomBytes(2 * 1024 * 1024 + 1);
    writeFileSync(path, bytes);
    const before = openFds();
    const got = withFileBytes(path, (src) => ({ size: src.size, bytes: Buffer.concat(copied(src.pieces())) }));
    expect(got.size).toBe(bytes.length);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(openFds()).toBe(before);
  });
});

describe('spillDirFor', () => {
  it('is the spill folder beside the database', () => {
    expect(spillDirFor('/var/lib/sectriage/state.db')).toBe('/var/lib/sectriage/spill');
  });
});
