/**
 * The MTA pipe source (`sectriage ingest < message`): reads one message from a
 * stream into the spool. Oversized input is written whole to the held folder and
 * recorded, never truncated. The exit status tells the MTA what happened (sysexits):
 * 0 taken, 75 temporary failure (the MTA keeps the mail and retries).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '../db/open.js';
import { failpoint } from '../failpoints.js';
import type { Limits } from '../limits.js';
import { spoolMessage, spoolTooLarge, type SpoolResult } from '../spool/spool.js';

export async function ingestStream(
  input: Readable,
  deps: { db: Db; limits: Limits; heldDir: string; now: () => Date },
): Promise<SpoolResult & { tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const hash = createHash('sha256');
  let spill: ReturnType<typeof createWriteStream> | null = null;
  let spillPath = '';
  for await (const chunk of input) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    hash.update(buf);
    if (!spill && size > deps.limits.maxMessageBytes) {
      mkdirSync(deps.heldDir, { recursive: true, mode: 0o700 });
      spillPath = join(deps.heldDir, `${deps.now().toISOString().replace(/[:.]/g, '')}-${randomBytes(4).toString('hex')}.eml`);
      spill = createWriteStream(spillPath, { mode: 0o600 });
      for (const c of chunks) spill.write(c);
      chunks.length = 0;
    }
    if (spill) {
      if (!spill.write(buf)) await new Promise<void>((r) => spill!.once('drain', () => r()));
    } else chunks.push(buf);
  }
  if (spill) {
    await new Promise<void>((resolve, reject) => spill!.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const r = spoolTooLarge(deps.db, {
      source: 'stdin',
      size,
      receivedAt: deps.now(),
      rawPath: spillPath,
      sha256: hash.digest('hex'),
      limit: deps.limits.maxMessageBytes,
    });
    return { ...r, tooLarge: true };
  }
  const r = spoolMessage(deps.db, { source: 'stdin', raw: Buffer.concat(chunks), receivedAt: deps.now() });
  failpoint('after-spool-commit');
  return { ...r, tooLarge: false };
}
