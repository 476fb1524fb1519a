/**
 * Spill files: data too large to hold in memory (a 70 MiB message read from a pipe, the
 * plaintext of a 50 MiB PoC, issue 11) goes to a file in the state folder's spill/
 * directory instead. Each file is created 0600 under a fresh random name (O_EXCL) and
 * unlinked at once, so only this process's open descriptor reaches it and the kernel
 * frees it when it is closed or the process dies, SIGKILL included: no decrypted byte
 * outlives its use on disk, whatever path is taken. A file nobody closed is closed when
 * its object is collected. Input is hostile data: stored and read back byte for byte,
 * never parsed here, and never past the size the caller allows.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fstatSync, mkdirSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';

/** The spill folder beside the database (the state folder, 0700); a temporary one for an in-memory database. */
export function spillDirFor(database: string): string {
  return database === ':memory:' ? join(tmpdir(), 'sectriage-spill') : join(dirname(database), 'spill');
}

/** Bytes read a piece at a time, never whole: each piece is valid only until the next is asked for. */
export interface BytesSource {
  readonly size: number;
  pieces(): Iterable<Buffer>;
}

/** Bytes kept in a spill file (a large decrypted attachment), with their sha256. */
export interface SpilledContent {
  file: SpillFile;
  sha256: string;
}

const forgotten = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already gone: nothing to free
  }
});

export class SpillFile implements BytesSource {
  private fd: number | undefined;
  /** Bytes written so far. */
  size = 0;

  private constructor(fd: number) {
    this.fd = fd;
    forgotten.register(this, fd, this);
  }

  /** A new, empty file that only this object can reach. */
  static create(dir: string): SpillFile {
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, `${process.pid}-${randomBytes(8).toString('hex')}.spill`);
      const fd = openSync(path, 'wx+', 0o600);
      unlinkSync(path);
      return new SpillFile(fd);
    } catch (cause) {
      throw localFailure(cause);
    }
  }

  get open(): boolean {
    return this.fd !== undefined;
  }

  append(chunk: Uint8Array): void {
    const fd = this.handle();
    try {
      for (let at = 0; at < chunk.length;) at += writeSync(fd, chunk, at, chunk.length - at, this.size + at);
    } catch (cause) {
      throw localFailure(cause);
    }
    this.size += chunk.length;
  }

  /** Up to `length` bytes from `start` (fewer at the end of the file), into `into` when given. */
  read(start: number, length: number, into?: Buffer): Buffer {
    const want = Math.max(0, Math.min(length, this.size - start));
    const out = into && into.length >= want ? into.subarray(0, want) : Buffer.allocUnsafe(want);
    for (let at = 0; at < out.length;) {
      const n = readSync(this.handle(), out, at, out.length - at, start + at);
      if (n === 0) throw localFailure(new Error('the spill file is shorter than what was written to it'));
      at += n;
    }
    return out;
  }

  /** The whole file as one Buffer of exactly its size. */
  readAll(): Buffer {
    return this.read(0, this.size);
  }

  /** The file in pieces of DEFAULTS.blobChunkBytes, read into one reused Buffer. */
  *pieces(): Generator<Buffer> {
    const scratch = Buffer.allocUnsafe(Math.min(this.size, DEFAULTS.blobChunkBytes));
    for (let at = 0; at < this.size; at += scratch.length) yield this.read(at, scratch.length, scratch);
  }

  /** A stream of the bytes from `start` to `end` (inclusive, as fs.createReadStream counts); the file stays open. */
  stream(start = 0, end = this.size - 1): Readable {
    const fd = this.handle();
    return end < start ? Readable.from([]) : createReadStream('', { fd, start, end, autoClose: false, emitClose: false });
  }

  /** Frees the file (its name is already gone). Safe to call more than once. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    forgotten.unregister(this);
    closeSync(fd);
  }

  private handle(): number {
    if (this.fd === undefined) throw new Error('spill file used after close');
    return this.fd;
  }
}

/** A file's bytes as a BytesSource, read a piece at a time for as long as `use` runs (a Maildir message). */
export function withFileBytes<T>(path: string, use: (bytes: BytesSource) => T): T {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return use({
      size,
      *pieces() {
        const scratch = Buffer.allocUnsafe(Math.min(size, DEFAULTS.blobChunkBytes));
        for (let at = 0; ;) {
          const n = readSync(fd, scratch, 0, scratch.length, at);
          if (n === 0) return;
          at += n;
          yield scratch.subarray(0, n);
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes a stream to a new spill file, refusing more than `maxBytes` (`tooLarge` says
 * why). On any failure the file is closed (and so freed) before the error goes on: a
 * caller gets a file only when the whole stream was read without error.
 */
export async function spillStream(
  data: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  dir: string,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<SpillFile> {
  const file = SpillFile.create(dir);
  const iterator = data instanceof ReadableStream ? (data.values() as AsyncIterableIterator<Uint8Array>) : data[Symbol.asyncIterator]();
  try {
    for (;;) {
      const { done, value } = await iterator.next();
      if (done) return file;
      if (file.size + value.length > maxBytes) throw tooLarge();
      file.append(value);
    }
  } catch (e) {
    file.close();
    await iterator.return?.().catch(() => undefined);
    throw e;
  }
}

/** A disk problem of ours (full disk, permissions) is no fault of the message: it is held to be requeued, never answered as damaged. */
export function localFailure(cause: unknown): SectriageError {
  if (cause instanceof SectriageError) return cause;
  const why = cause instanceof Error ? cause.message : String(cause);
  return new SectriageError('SPOOL_UNAVAILABLE', `cannot use the spill folder for a large message: ${why}`, { cause });
}
