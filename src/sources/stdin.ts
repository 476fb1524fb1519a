/**
 * The MTA pipe source (`sectriage ingest < message`): reads one message from a
 * stream into the spool. A small one is kept in memory; a larger one is written to a
 * spill file as it comes (unlinked at once, 0600) and spooled from there in pieces, so
 * a 70 MiB PoC never sits in memory whole (issue 11). Oversized input is written whole
 * to the held folder and recorded, never truncated. The exit status tells the MTA what
 * happened (sysexits): 0 taken, 75 temporary failure (the MTA keeps the mail and retries).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../db/open.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS, type Limits } from '../limits.js';
import { spoolMessage, spoolTooLarge, type SpoolResult } from '../spool/spool.js';
import { SpillFile } from '../util/spill-file.js';

export async function ingestStream(
  input: Readable,
  deps: { db: Db; limits: Limits; heldDir: string; spillDir: string; now: () => Date },
): Promise<SpoolResult & { tooLarge: boolean }> {
  let memory: Buffer[] = [];
  let spill: SpillFile | undefined;
  let held: { fd: number; path: string } | undefined;
  let size = 0;
  const hash = createHash('sha256');
  try {
    for await (const chunk of input) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buf.length;
      hash.update(buf);
      if (!held && size > deps.limits.maxMessageBytes) {
        held = heldFile(deps.heldDir, deps.now());
        for (const piece of spill ? spill.pieces() : memory) writeAll(held.fd, piece);
        spill?.close();
        [spill, memory] = [undefined, []];
      }
      if (held) writeAll(held.fd, buf);
      else if (spill) spill.append(buf);
      else if (size > DEFAULTS.blobChunkBytes) {
        spill = SpillFile.create(deps.spillDir);
        for (const m of [...memory, buf]) spill.append(m);
        memory = [];
      } else memory.push(buf);
    }
    if (held) {
      closeSync(held.fd);
      const r = spoolTooLarge(deps.db, {
        source: 'stdin',
        size,
        receivedAt: deps.now(),
        rawPath: held.path,
        sha256: hash.digest('hex'),
        limit: deps.limits.maxMessageBytes,
      });
      return { ...r, tooLarge: true };
    }
    const r = spoolMessage(deps.db, { source: 'stdin', raw: spill ?? memory, receivedAt: deps.now() });
    failpoint('after-spool-commit');
    return { ...r, tooLarge: false };
  } finally {
    spill?.close();
  }
}

function heldFile(dir: string, now: Date): { fd: number; path: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, `${now.toISOString().replace(/[:.]/g, '')}-${randomBytes(4).toString('hex')}.eml`);
  return { fd: openSync(path, 'wx', 0o600), path };
}

function writeAll(fd: number, b: Buffer): void {
  for (let at = 0; at < b.length;) at += writeSync(fd, b, at, b.length - at);
}
