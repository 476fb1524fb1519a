/**
 * Large blobs stored in pieces (migration 0009): SQLite and better-sqlite3 copy a blob
 * whole, twice on a write and once on a read, so one 70 MiB row cost 210 MiB of memory
 * to store (issue 11). Bytes larger than DEFAULTS.blobChunkBytes go into the owner's
 * chunk table, in order, in the caller's transaction; the owner's row keeps an empty
 * blob and the size, which checks the pieces when they are read back. Input is bytes
 * we already hold (hostile content, never interpreted here). Each piece is sealed on
 * its own with its owner's data key and its place (src/seal/): a piece moved or
 * reordered does not open.
 */
import { SectriageError } from '../errors.js';
import { DEFAULTS, MiB } from '../limits.js';
import { collectYoungGarbage } from '../util/gc.js';
import type { Db } from './open.js';
import { sealLabel } from '../seal/columns.js';
import { sealerOf } from '../seal/sealer.js';

/** Bytes of fresh pieces (read back, or sealed to be written) between two early collections. */
const GC_EVERY = 8 * MiB;

/** Counts the bytes of fresh Buffers made in a loop and collects them every GC_EVERY (../util/gc.ts). */
function garbageCounter(): (bytes: number) => void {
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < GC_EVERY) return;
    collectYoungGarbage();
    since = 0;
  };
}

export type ChunkTable = 'spool_chunks' | 'attachment_chunks';

const OWNER: Record<ChunkTable, string> = { spool_chunks: 'spool_id', attachment_chunks: 'attachment_id' };

/** What the owner's own blob column holds for bytes stored in pieces. */
export const IN_CHUNKS = Buffer.alloc(0);

/** Whether bytes of this size are stored in pieces rather than in the owner's row. */
export function storedInChunks(size: number): boolean {
  return size > DEFAULTS.blobChunkBytes;
}

/**
 * The bytes of `parts` (each may be reused once the next is asked for), in order, as pieces of
 * exactly `size` bytes (the last one shorter):
 * a view into a part where one holds a whole piece, else the bytes copied into one scratch
 * Buffer that is reused for the next piece, so a message read in 64 KiB pieces (stdin)
 * leaves no garbage of its size behind. Each piece is valid only until the next is asked
 * for (better-sqlite3 copies a bound blob at once).
 */
export function* pieces(parts: Iterable<Buffer>, size = DEFAULTS.blobChunkBytes): Generator<Buffer> {
  let scratch: Buffer | undefined;
  let pending = 0;
  for (const part of parts) {
    let at = 0;
    while (at < part.length) {
      const take = Math.min(part.length - at, size - pending);
      if (pending === 0 && take === size) {
        yield part.subarray(at, at + take);
        at += take;
        continue;
      }
      scratch ??= Buffer.allocUnsafe(size);
      pending += part.copy(scratch, pending, at, at + take);
      at += take;
      if (pending === size) {
        yield scratch;
        pending = 0;
      }
    }
  }
  if (pending > 0 && scratch) yield scratch.subarray(0, pending);
}

/** Stores the bytes of `parts` as the owner's pieces, sealed in `scope`. Must run in the transaction that writes the owner's row. */
export function writeChunks(db: Db, table: ChunkTable, ownerId: number, parts: Iterable<Buffer>, scope: string): void {
  const insert = db.prepare(`INSERT INTO ${table} (${OWNER[table]}, seq, data) VALUES (?, ?, ?)`);
  const sealer = sealerOf(db);
  let seq = 0;
  // Each sealed piece is a fresh Buffer, garbage once bound (better-sqlite3 copies it).
  const garbage = garbageCounter();
  for (const piece of pieces(parts)) {
    insert.run(ownerId, seq, sealer.sealBytes(scope, sealLabel(table, 'data', seq), piece));
    seq++;
    garbage(piece.length);
  }
}

/**
 * The owner's bytes: its own blob, then its pieces in order, as one Buffer of `size` bytes
 * (filled piece by piece, never a second copy of the whole). Missing or extra bytes mean
 * a damaged database: an error, never a truncated message.
 */
export function readChunked(db: Db, table: ChunkTable, ownerId: number, inline: Buffer, size: number, scope: string, inlineLabel: string): Buffer {
  const sealer = sealerOf(db);
  const own = sealer.openBytes(scope, inlineLabel, inline);
  if (own.length === size) return own;
  const out = Buffer.allocUnsafe(size);
  let at = own.copy(out, 0);
  const rows = db.prepare(`SELECT seq, data FROM ${table} WHERE ${OWNER[table]} = ? ORDER BY seq`).iterate(ownerId) as Iterable<{ seq: number; data: Buffer }>;
  let over = false;
  // Each piece is a fresh Buffer, garbage once copied: collected as we go.
  const garbage = garbageCounter();
  for (const { seq, data: stored } of rows) {
    const data = sealer.openBytes(scope, sealLabel(table, 'data', seq), stored);
    if (at + data.length > size) {
      over = true;
      break;
    }
    at += data.copy(out, at);
    garbage(data.length);
  }
  if (over || at !== size) {
    throw new SectriageError('SPOOL_UNAVAILABLE', `${table} of ${OWNER[table]} ${ownerId}: the stored pieces do not add up to its size (${size} bytes)`);
  }
  return out;
}
