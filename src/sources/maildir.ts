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
  for (const name of names) {
    const file = join(path, 'new', name);
    const cur = join(path, 'cur', `${name.split(':')[0]}:2,S`);
    try {
      const size = statSync(file).size;
      if (size > deps.limits.maxMessageBytes) {
        // Record first, then move: the spool row names the file where it will be kept.
        const hash = withFileBytes(file, (bytes) => {
          const h = createHash('sha256');
          for (const piece of bytes.pieces()) h.update(piece);
          return h.digest('hex');
        });
        spoolTooLarge(deps.db, {
          source: 'maildir',
          sourceRef: name,
          size,
          receivedAt: deps.now(),
          rawPath: cur,
          sha256: hash,
          limit: deps.limits.maxMessageBytes,
        });
        renameSync(file, cur);
        deps.log.warn({ file: cur, size }, 'message too large: held, file kept');
        out.tooLarge++;
        continue;
      }
      // Read a piece at a time: a large message is stored in pieces, never held whole (issue 11).
      const r = withFileBytes(file, (raw) => spoolMessage(deps.db, { source: 'maildir', sourceRef: name, raw, receivedAt: deps.now() }));
      failpoint('after-spool-commit');
      renameSync(file, cur);
      if (r.duplicate) out.duplicates++;
      else out.spooled++;
    } catch (e) {
      // One unreadable entry (a dangling link, a permission slip) must not stop the rest.
      deps.log.error({ file, err: describeError(e) }, 'cannot take this Maildir file; left in new/');
      out.failed++;
    }
  }
  return out;
}
