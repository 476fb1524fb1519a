/**
 * A local Maildir as a source: each file in new/ is committed to the spool, then
 * renamed into cur/ with the Seen flag (the Maildir way of "flag after commit"). A
 * crash in between leaves it in new/, and the spool dedupes it next time. Files are
 * hostile bytes; oversized ones are held in place (moved to cur/ and recorded).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import type { Limits } from '../limits.js';
import type { Logger } from '../log.js';
import { spoolMessage, spoolTooLarge } from '../spool/spool.js';
import { withFileBytes } from '../util/spill-file.js';
import { inWriteBatches } from '../db/write-batches.js';

export function ensureMaildir(path: string): void {
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(path, d), { recursive: true });
}

export function maildirPass(
  path: string,
  deps: { db: Db; limits: Limits; log: Logger; now: () => Date; onBacklog?: () => void },
): { spooled: number; duplicates: number; tooLarge: number; failed: number } {
  const out = { spooled: 0, duplicates: 0, tooLarge: 0, failed: 0 };
  if (!existsSync(join(path, 'new'))) {
    deps.log.warn({ path }, 'maildir has no new/ folder; nothing to read');
    return out;
  }
  ensureMaildir(path);
  const names = readdirSync(join(path, 'new'))
    .filter((n) => !n.startsWith('.'))
    .sort();
  // A backlog: the open workers may start loading (~0.5 s) while these are spooled.
  if (names.length > 1) deps.onBacklog?.();
  // One unreadable entry (a dangling link, a permission slip) must not stop the rest.
  const failed = (file: string, e: unknown): void => {
    deps.log.error({ file, err: describeError(e) }, 'cannot take this Maildir file; left in new/');
    out.failed++;
  };
  // Sized (and an oversized file hashed) first, outside any transaction: reading a file of
  // any size must not hold the write lock that other processes wait on.
  type Entry = { name: string; file: string; cur: string; size: number; oversizeHash?: string };
  const entries: Entry[] = [];
  for (const name of names) {
    const file = join(path, 'new', name);
    try {
      const size = statSync(file).size;
      const entry: Entry = { name, file, cur: join(path, 'cur', `${name.split(':')[0]}:2,S`), size };
      if (size > deps.limits.maxMessageBytes)
        entry.oversizeHash = withFileBytes(file, (bytes) => {
          const h = createHash('sha256');
          for (const piece of bytes.pieces()) h.update(piece);
          return h.digest('hex');
        });
      entries.push(entry);
    } catch (e) {
      failed(file, e);
    }
  }
  // Many files to a transaction (db/write-batches.ts), each in a savepoint of its own, a big
  // one alone; a file is moved out of new/ only once its batch has committed, never before
  // its row is durable.
  type Taken = { file: string; cur: string; kind: 'spooled' | 'duplicates' | 'tooLarge'; size: number };
  const take = (e: Entry): Taken => {
    if (e.oversizeHash !== undefined) {
      // Recorded first, then moved: the spool row names the file where it will be kept.
      spoolTooLarge(deps.db, {
        source: 'maildir',
        sourceRef: e.name,
        size: e.size,
        receivedAt: deps.now(),
        rawPath: e.cur,
        sha256: e.oversizeHash,
        limit: deps.limits.maxMessageBytes,
      });
      return { file: e.file, cur: e.cur, kind: 'tooLarge', size: e.size };
    }
    // Read a piece at a time: a large message is stored in pieces, never held whole (issue 11).
    const r = withFileBytes(e.file, (raw) => spoolMessage(deps.db, { source: 'maildir', sourceRef: e.name, raw, receivedAt: deps.now() }));
    return { file: e.file, cur: e.cur, kind: r.duplicate ? 'duplicates' : 'spooled', size: e.size };
  };
  inWriteBatches(deps.db, entries, take, {
    onError: (e, err) => failed(e.file, err),
    bytesOf: (e) => (e.oversizeHash === undefined ? e.size : 0),
    committed: (done) => {
      failpoint('after-spool-commit');
      for (const { result: t } of done) {
        try {
          renameSync(t.file, t.cur);
        } catch (e) {
          // Left in new/: the next pass finds its row and counts it a duplicate.
          failed(t.file, e);
          continue;
        }
        if (t.kind === 'tooLarge') deps.log.warn({ file: t.cur, size: t.size }, 'message too large: held, file kept');
        out[t.kind]++;
      }
    },
  });
  return out;
}
