/**
 * The spool: every message taken in, as raw bytes, committed to SQLite before the
 * source is told it may flag, move or delete it (Postfix's incoming queue). Entries
 * move incoming -> done | held; held entries keep their reason and can be requeued.
 * Input is hostile bytes; nothing here parses beyond the header block's Message-ID.
 */
import { createHash } from 'node:crypto';
import { IN_CHUNKS, readChunked, storedInChunks, writeChunks } from '../db/chunks.js';
import type { Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import type { BytesSource } from '../util/spill-file.js';
import { normaliseMessageId } from '../parse/parse.js';
import { sealerOf, spoolScope } from '../seal/sealer.js';

export type SpoolSource = 'imap' | 'maildir' | 'stdin';

export interface SpoolRow {
  id: number;
  source: SpoolSource;
  source_ref: string | null;
  received_at: string;
  size: number;
  sha256: string;
  message_id: string | null;
  raw: Buffer | null;
  raw_path: string | null;
  state: 'incoming' | 'done' | 'held';
  disposition: string | null;
  hold_reason: string | null;
  case_id: number | null;
  attempts: number;
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The Message-ID from the header block, without parsing the body. */
export function headerMessageId(raw: Buffer): string | undefined {
  const end = raw.indexOf('\r\n\r\n');
  const endLf = raw.indexOf('\n\n');
  const cut = [end, endLf].filter((x) => x >= 0);
  const head = raw.subarray(0, Math.min(cut.length ? Math.min(...cut) : raw.length, 256 * 1024)).toString('latin1');
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const m = /^message-id:[ \t]*(.*)$/im.exec(unfolded);
  return m ? normaliseMessageId(m[1]) : undefined;
}

export interface SpoolResult {
  id: number;
  /** True when these exact bytes (or this source ref) were already in the spool. */
  duplicate: boolean;
}

/** The spool entry with these bytes, or from this exact source position, if any. */
function existingEntry(db: Db, hash: string, source: SpoolSource, sourceRef: string | undefined): number | undefined {
  const row = db.prepare('SELECT id FROM spool WHERE sha256 = ? OR (source = ? AND source_ref = ?)').get(hash, source, sourceRef ?? null) as
    { id: number } | undefined;
  return row?.id;
}

/**
 * Commits one message to the spool. `raw` may come as the pieces it was read in, or as a
 * file read a piece at a time (stdin, Maildir): a large message is stored in pieces
 * (src/db/chunks.ts) and never joined into one Buffer here, which would cost its size again.
 */
export function spoolMessage(
  db: Db,
  input: { source: SpoolSource; sourceRef?: string | undefined; raw: Buffer | readonly Buffer[] | BytesSource; receivedAt: Date },
): SpoolResult {
  const raw = asSource(input.raw);
  const { digest, head } = hashAndHead(raw);
  const chunked = storedInChunks(raw.size);
  return db
    .transaction((): SpoolResult => {
      const existing = existingEntry(db, digest, input.source, input.sourceRef);
      if (existing !== undefined) return { id: existing, duplicate: true };
      const info = db
        .prepare('INSERT INTO spool (source, source_ref, received_at, size, sha256, message_id, raw) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(
          input.source,
          input.sourceRef ?? null,
          input.receivedAt.toISOString(),
          raw.size,
          digest,
          headerMessageId(head) ?? null,
          chunked ? IN_CHUNKS : sealerOf(db).sealBytes(spoolScope(digest), 'spool.raw', Buffer.concat([...copies(raw)], raw.size)),
        );
      const id = Number(info.lastInsertRowid);
      if (chunked) writeChunks(db, 'spool_chunks', id, raw.pieces(), spoolScope(digest));
      return { id, duplicate: false };
    })
    .immediate();
}

function asSource(raw: Buffer | readonly Buffer[] | BytesSource): BytesSource {
  if (!Buffer.isBuffer(raw) && !Array.isArray(raw)) return raw as BytesSource;
  const parts: readonly Buffer[] = Buffer.isBuffer(raw) ? [raw] : (raw as readonly Buffer[]);
  return { size: parts.reduce((n, p) => n + p.length, 0), pieces: () => parts };
}

/** Each piece copied (a source may reuse its Buffer for the next piece). */
function* copies(raw: BytesSource): Generator<Buffer> {
  for (const p of raw.pieces()) yield Buffer.from(p);
}

/** The sha256 of the bytes, and enough of their start for headerMessageId to read exactly what it would from the whole. */
function hashAndHead(raw: BytesSource): { digest: string; head: Buffer } {
  const want = 256 * 1024 + 3;
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  for (const p of raw.pieces()) {
    hash.update(p);
    size += p.length;
    if (headBytes < want) {
      const take = Buffer.from(p.subarray(0, want - headBytes));
      head.push(take);
      headBytes += take.length;
    }
  }
  if (size !== raw.size) throw new SectriageError('SPOOL_UNAVAILABLE', `the message changed while it was read (${size} bytes, not ${raw.size})`);
  return { digest: hash.digest('hex'), head: Buffer.concat(head, headBytes) };
}

/**
 * Records a message too large to take in. Its bytes stay where they are (on the
 * IMAP server, flagged but not moved) or in `rawPath`, so nothing is lost.
 */
export function spoolTooLarge(
  db: Db,
  input: {
    source: SpoolSource;
    sourceRef?: string | undefined;
    size: number;
    receivedAt: Date;
    rawPath?: string | undefined;
    sha256: string;
    limit: number;
    /** Where the message stays, for people: "left in INBOX as UID 12, from a@b.example". */
    where?: string | undefined;
  },
): SpoolResult {
  return db
    .transaction((): SpoolResult => {
      const existing = existingEntry(db, input.sha256, input.source, input.sourceRef);
      if (existing !== undefined) return { id: existing, duplicate: true };
      const info = db
        .prepare(
          `INSERT INTO spool (source, source_ref, received_at, size, sha256, raw_path, state, hold_reason, processed_at)
         VALUES (?, ?, ?, ?, ?, ?, 'held', ?, ?)`,
        )
        .run(
          input.source,
          input.sourceRef ?? null,
          input.receivedAt.toISOString(),
          input.size,
          input.sha256,
          input.rawPath ?? null,
          `MESSAGE_TOO_LARGE: ${input.size} bytes (limits.maxMessageBytes: ${input.limit})${input.where ? `; ${input.where}` : ''}`,
          input.receivedAt.toISOString(),
        );
      return { id: Number(info.lastInsertRowid), duplicate: false };
    })
    .immediate();
}

/** How many held entries made no case (heldWithoutCase lists the first few). */
export function countHeldWithoutCase(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM spool WHERE state = 'held' AND case_id IS NULL").get() as { n: number }).n;
}

/** Held entries that made no case (too large, unreadable): nothing else shows them to the team. */
export function heldWithoutCase(db: Db, max: number): Array<{ id: number; receivedAt: string; size: number; reason: string | null }> {
  return db
    .prepare("SELECT id, received_at AS receivedAt, size, hold_reason AS reason FROM spool WHERE state = 'held' AND case_id IS NULL ORDER BY id LIMIT ?")
    .all(max) as Array<{ id: number; receivedAt: string; size: number; reason: string | null }>;
}

/** The next entry to process, with its bytes (joined from their pieces when stored in pieces). */
export function nextIncoming(db: Db, afterId = 0): SpoolRow | undefined {
  const row = db.prepare("SELECT * FROM spool WHERE state = 'incoming' AND id > ? ORDER BY id LIMIT 1").get(afterId) as SpoolRow | undefined;
  if (row?.raw) row.raw = readChunked(db, 'spool_chunks', row.id, row.raw, row.size, spoolScope(row.sha256), 'spool.raw');
  return row;
}

/** Must run inside the transaction that records what processing made of the message. */
export function finishSpool(
  db: Db,
  id: number,
  outcome: { state: 'done' | 'held'; disposition: string; caseId?: number | null; holdReason?: string | null; at: Date },
): void {
  db.prepare('UPDATE spool SET state = ?, disposition = ?, case_id = ?, hold_reason = ?, processed_at = ?, attempts = attempts + 1 WHERE id = ?').run(
    outcome.state,
    outcome.disposition,
    outcome.caseId ?? null,
    outcome.holdReason ?? null,
    outcome.at.toISOString(),
    id,
  );
}

/**
 * Puts held entries back to 'incoming' so the pipeline opens them again (after a
 * missing key was added). Only entries whose bytes are in the spool: an oversized
 * message held as a file is not something a new key can open. The entry keeps its
 * case and disposition, which is how the pipeline knows it is a second attempt.
 */
export function requeueHeld(db: Db, filter: { ids?: number[]; code?: string }): number[] {
  const rows = db.prepare("SELECT id, hold_reason FROM spool WHERE state = 'held' AND raw IS NOT NULL ORDER BY id").all() as Array<{
    id: number;
    hold_reason: string | null;
  }>;
  const chosen = rows
    .filter((r) => !filter.ids?.length || filter.ids.includes(r.id))
    .filter((r) => !filter.code || (r.hold_reason ?? '').startsWith(`${filter.code}:`))
    .map((r) => r.id);
  const update = db.prepare("UPDATE spool SET state = 'incoming', attempts = 0 WHERE id = ? AND state = 'held'");
  db.transaction(() => chosen.forEach((id) => update.run(id))).immediate();
  return chosen;
}

/** A processing failure that is not the message's fault (a bug, a full disk): counted, and held once repeated. */
export function countFailedAttempt(db: Db, id: number, attempts: number, holdReason: string | null): void {
  db.prepare(
    "UPDATE spool SET attempts = ?, state = CASE WHEN ? IS NOT NULL THEN 'held' ELSE state END, hold_reason = COALESCE(?, hold_reason) WHERE id = ?",
  ).run(attempts, holdReason, holdReason, id);
}

export function spoolState(db: Db, id: number): SpoolRow['state'] | undefined {
  return (db.prepare('SELECT state FROM spool WHERE id = ?').get(id) as { state: SpoolRow['state'] } | undefined)?.state;
}

/** These entries' outcome, for `requeue` to report. */
export function spoolOutcomes(db: Db, ids: number[]): Array<{ id: number; state: string; hold_reason: string | null }> {
  if (ids.length === 0) return [];
  return db.prepare(`SELECT id, state, hold_reason FROM spool WHERE id IN (${ids.map(() => '?').join(',')}) ORDER BY id`).all(...ids) as Array<{
    id: number;
    state: string;
    hold_reason: string | null;
  }>;
}

/** The operator's queue view (`spool list`): metadata only, never message content. */
export function spoolList(
  db: Db,
  states?: readonly string[],
): Array<{
  id: number;
  receivedAt: string;
  source: string;
  size: number;
  state: string;
  disposition: string | null;
  holdReason: string | null;
  rawPath: string | null;
  caseId: number | null;
}> {
  return db
    .prepare(
      `SELECT id, received_at AS receivedAt, source, size, state, disposition, hold_reason AS holdReason, raw_path AS rawPath, case_id AS caseId
       FROM spool ${states?.length ? `WHERE state IN (${states.map(() => '?').join(', ')})` : ''} ORDER BY id`,
    )
    .all(...(states ?? [])) as Array<{
    id: number;
    receivedAt: string;
    source: string;
    size: number;
    state: string;
    disposition: string | null;
    holdReason: string | null;
    rawPath: string | null;
    caseId: number | null;
  }>;
}

/** Whether a message from this exact source position (IMAP: mailbox/uidvalidity/uid) is in the spool. */
export function isSpooledRef(db: Db, source: SpoolSource, sourceRef: string): boolean {
  return db.prepare('SELECT 1 FROM spool WHERE source = ? AND source_ref = ?').get(source, sourceRef) !== undefined;
}
