/**
 * Many independent writes (the files of a Maildir pass, the cases of a deadline sweep) a
 * batch per transaction instead of one each: a commit costs ~0.5 ms on a backlog (the WAL
 * pages it writes again), and one per file and one per case were a fifth of the single
 * writer's time around a 300-report drain (issue 11). A batch ends at
 * DEFAULTS.writeBatchMaxRows items, writeBatchMaxMs or (for files) writeBatchMaxBytes,
 * whichever comes first, so another process waits on the write lock no longer than that; a
 * single item larger than that is a batch of its own.
 * Each item runs in a savepoint of its own: one that throws is rolled back alone and
 * handed to onError, and the rest of its batch still commits. `committed` runs after each
 * commit, with what the batch's items returned: work that must follow a durable row (a
 * Maildir file moved to cur/) happens there, never before. A batch whose transaction
 * itself fails (the lock not had in time, a full disk) hands each of its items to onError.
 * Trusts its callers (our own code); the items are theirs to vet.
 */
import { performance } from 'node:perf_hooks';
import { DEFAULTS } from '../limits.js';
import type { Db } from './open.js';

export interface WriteBatchHooks<T, R> {
  onError(item: T, e: unknown): void;
  committed?(done: ReadonlyArray<{ item: T; result: R }>): void;
  /** An item's size in bytes (a file to spool): a batch also ends before it would pass writeBatchMaxBytes. */
  bytesOf?(item: T): number;
}

export function inWriteBatches<T, R>(db: Db, items: readonly T[], each: (item: T) => R, hooks: WriteBatchHooks<T, R>): void {
  const one = db.transaction((item: T) => each(item));
  let next = 0;
  while (next < items.length) {
    const from = next;
    const done: Array<{ item: T; result: R }> = [];
    let began = false;
    // An item whose error made SQLite roll back the whole transaction (a full disk, an I/O
    // error): the batch stops there, else the items after it would each commit on their own.
    let lost: { item: T; e: unknown } | undefined;
    try {
      db.transaction(() => {
        began = true;
        const start = performance.now();
        let bytes = 0;
        while (next < items.length && next - from < DEFAULTS.writeBatchMaxRows) {
          const size = hooks.bytesOf?.(items[next] as T) ?? 0;
          if (next > from && (performance.now() - start >= DEFAULTS.writeBatchMaxMs || bytes + size > DEFAULTS.writeBatchMaxBytes)) break;
          bytes += size;
          const item = items[next++] as T;
          try {
            done.push({ item, result: one(item) });
          } catch (e) {
            if (!db.inTransaction) {
              lost = { item, e };
              throw e;
            }
            hooks.onError(item, e);
          }
        }
      }).immediate();
    } catch (e) {
      // Nothing of this batch was kept; its items are retried on the next pass. A batch that
      // could not even begin (the lock not had in time) fails its first item and moves on.
      if (!began) hooks.onError(items[next++] as T, e);
      if (lost) hooks.onError(lost.item, lost.e);
      for (const d of done) hooks.onError(d.item, lost ? lost.e : e);
      continue;
    }
    hooks.committed?.(done);
  }
}
