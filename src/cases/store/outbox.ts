/**
 * Writes outgoing mail as outbox rows. Call it inside the transaction that makes the
 * change the mail reports, so the change and the mail commit together or not at all.
 * The Message-ID derives from the row (its id and a random token) and is stored, so
 * every retry after a crash sends the same message.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.js';
import type { MailParams } from '../../outbox/templates.js';
import { caseScope, outboxScope, sealerOf } from '../../seal/sealer.js';

/** The data key of an outbox row: its case's, or its own for mail about no case (digests, login links). */
export function outboxRowScope(caseId: number | null, messageId: string): string {
  return caseId !== null ? caseScope(caseId) : outboxScope(messageId);
}

/** The same in SQL, over an outbox row. */
const SCOPE_SQL = "CASE WHEN case_id IS NOT NULL THEN 'case:' || case_id ELSE 'outbox:' || message_id END";
const PARAMS = `unseal_text(params, ${SCOPE_SQL}, 'outbox.params') AS params`;
/** Every column of an outbox row, its params and bytes opened (the later columns win). */
const OUTBOX_ROW = `*, ${PARAMS}, unseal_blob(raw, ${SCOPE_SQL}, 'outbox.raw') AS raw`;

export interface EnqueueInput {
  caseId: number | null;
  kind: MailParams['kind'];
  auto: boolean;
  to: string;
  /** '' sends with the null reverse-path (RFC 3834 §3.3 for automatic replies). */
  envelopeFrom: string;
  params: MailParams;
  at: Date;
  domain: string;
}

export function enqueueMail(db: Db, input: EnqueueInput): { id: number; messageId: string } {
  const token = randomBytes(6).toString('hex');
  const at = input.at.toISOString();
  const info = db
    .prepare(
      `INSERT INTO outbox (case_id, kind, auto, message_id, envelope_from, rcpt_to, params, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(input.caseId, input.kind, input.auto ? 1 : 0, `<pending.${token}>`, input.envelopeFrom, input.to, '{}', at, at);
  const id = Number(info.lastInsertRowid);
  const messageId = `<sectriage.${id}.${token}@${input.domain}>`;
  const params = { ...input.params, messageId, date: at };
  const sealed = sealerOf(db).sealText(outboxRowScope(input.caseId, messageId), 'outbox.params', JSON.stringify(params));
  db.prepare('UPDATE outbox SET message_id = ?, params = ? WHERE id = ?').run(messageId, sealed, id);
  return { id, messageId };
}

/** Automatic replies sent (or queued) to this address within the window: the RFC 3834 rate limit. */
export function recentAutoReplies(db: Db, to: string, since: Date): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE auto = 1 AND rcpt_to = ? AND created_at >= ?').get(to, since.toISOString()) as { n: number }).n;
}

/** Refusals answered to one member within the window (their own daily cap). */
export function recentCommandRefusals(db: Db, to: string, since: Date): number {
  return (
    db
      .prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'command_result' AND auto = 1 AND rcpt_to = ? AND created_at >= ?")
      .get(to, since.toISOString()) as { n: number }
  ).n;
}

// ---- The sender's side (send/sender.ts): one row at a time through its states. ----

export interface OutboxRow {
  id: number;
  case_id: number | null;
  kind: string;
  auto: number;
  message_id: string;
  envelope_from: string;
  rcpt_to: string;
  params: string;
  raw: Buffer | null;
  state: 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  data_ended_at: string | null;
  claimed_by: string | null;
  claimed_at: string | null;
  created_at: string;
  sent_at: string | null;
}

/**
 * The sender's two lookups of queued rows after an id. They walk the partial index of
 * queued rows in id order and stop at the first that is due (migration 0013): the planner,
 * without statistics, preferred (state, next_attempt_at), which gathers every queued row
 * and sorts them, for each mail sent, quadratic in a burst of acknowledgements (issue 11).
 */
export const QUEUED_AFTER_SQL = {
  nextDue: `SELECT ${OUTBOX_ROW} FROM outbox INDEXED BY outbox_queued WHERE state = 'queued' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT 1`,
  dueUnrendered: `SELECT id, ${PARAMS}, auto FROM outbox INDEXED BY outbox_queued WHERE state = 'queued' AND next_attempt_at <= ? AND id > ? AND raw IS NULL ORDER BY id LIMIT ?`,
};

/** The next row due at `now` after `afterId`, in id order. */
export function nextDue(db: Db, now: Date, afterId: number): OutboxRow | undefined {
  return db.prepare(QUEUED_AFTER_SQL.nextDue).get(now.toISOString(), afterId) as OutboxRow | undefined;
}

/** The next due rows still to be rendered after afterId, for rendering ahead of sending. */
export function dueUnrendered(db: Db, now: Date, afterId: number, limit: number): Array<Pick<OutboxRow, 'id' | 'params' | 'auto'>> {
  return db.prepare(QUEUED_AFTER_SQL.dueUnrendered).all(now.toISOString(), afterId, limit) as Array<Pick<OutboxRow, 'id' | 'params' | 'auto'>>;
}

export function outboxRow(db: Db, id: number): OutboxRow | undefined {
  return db.prepare(`SELECT ${OUTBOX_ROW} FROM outbox WHERE id = ?`).get(id) as OutboxRow | undefined;
}

/** Rows some process left 'sending' (start-up recovery looks at each). */
export function sendingRows(db: Db): OutboxRow[] {
  return db.prepare(`SELECT ${OUTBOX_ROW} FROM outbox WHERE state = 'sending'`).all() as OutboxRow[];
}

/** The rendered bytes, kept from the first attempt on: every retry sends the same. */
export function saveRendered(db: Db, id: number, raw: Buffer): void {
  const row = db.prepare('SELECT case_id, message_id FROM outbox WHERE id = ?').get(id) as { case_id: number | null; message_id: string } | undefined;
  if (!row) return;
  db.prepare('UPDATE outbox SET raw = ? WHERE id = ? AND raw IS NULL').run(
    sealerOf(db).sealBytes(outboxRowScope(row.case_id, row.message_id), 'outbox.raw', raw),
    id,
  );
}

/** Claims a queued row for this process; false when another process got it first. */
export function claimForSending(db: Db, id: number, me: string, at: Date): boolean {
  return (
    db
      .prepare(
        "UPDATE outbox SET state = 'sending', attempts = attempts + 1, data_ended_at = NULL, claimed_by = ?, claimed_at = ? WHERE id = ? AND state = 'queued'",
      )
      .run(me, at.toISOString(), id).changes === 1
  );
}

/** The mark set just before the final "." of DATA: past it, a crash leaves delivery uncertain. */
export function markDataEnded(db: Db, id: number, at: Date): void {
  db.prepare('UPDATE outbox SET data_ended_at = ? WHERE id = ?').run(at.toISOString(), id);
}

/** Moves a row to its next state, releasing any claim. */
export function settleRow(
  db: Db,
  id: number,
  to: { state: 'queued'; lastError: string | null; nextAttemptAt?: Date } | { state: 'sent'; at: Date } | { state: 'failed' | 'uncertain'; lastError: string },
): void {
  if (to.state === 'sent') {
    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ?, claimed_by = NULL, claimed_at = NULL, last_error = NULL WHERE id = ?").run(
      to.at.toISOString(),
      id,
    );
  } else if (to.state === 'queued') {
    db.prepare(
      "UPDATE outbox SET state = 'queued', data_ended_at = NULL, claimed_by = NULL, claimed_at = NULL, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
    ).run(to.lastError, to.nextAttemptAt?.toISOString() ?? null, id);
  } else {
    // 'uncertain' keeps data_ended_at: it is why the row is uncertain.
    db.prepare(
      `UPDATE outbox SET state = ?, ${to.state === 'failed' ? 'data_ended_at = NULL, ' : ''}claimed_by = NULL, claimed_at = NULL, last_error = ? WHERE id = ?`,
    ).run(to.state, to.lastError, id);
  }
}

/** An operator's retry: queued again now, same bytes and Message-ID, no delivery mark. */
export function requeueRow(db: Db, id: number, at: Date): void {
  db.prepare("UPDATE outbox SET state = 'queued', next_attempt_at = ?, data_ended_at = NULL, claimed_by = NULL, claimed_at = NULL WHERE id = ?").run(
    at.toISOString(),
    id,
  );
}

/** The operator's queue view (`outbox list`): no message content. */
export function outboxList(db: Db, states?: readonly string[]): Array<Record<string, unknown>> {
  return db
    .prepare(
      `SELECT o.id, o.kind, o.state, o.rcpt_to AS "to", o.attempts, o.created_at AS queuedAt, o.next_attempt_at AS nextAttemptAt, o.sent_at AS sentAt,
              o.last_error AS lastError, o.message_id AS messageId, c.tracking_id AS trackingId
       FROM outbox o LEFT JOIN cases c ON c.id = o.case_id ${states?.length ? `WHERE o.state IN (${states.map(() => '?').join(', ')})` : ''} ORDER BY o.id`,
    )
    .all(...(states ?? [])) as Array<Record<string, unknown>>;
}

/** A case's outgoing mail, for `cases show`. */
export function caseOutbox(
  db: Db,
  caseId: number,
): Array<{
  id: number;
  kind: string;
  state: string;
  to: string;
  messageId: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}> {
  return db
    .prepare(
      'SELECT id, kind, state, rcpt_to AS "to", message_id AS messageId, attempts, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt FROM outbox WHERE case_id = ? ORDER BY id',
    )
    .all(caseId) as Array<{
    id: number;
    kind: string;
    state: string;
    to: string;
    messageId: string;
    attempts: number;
    lastError: string | null;
    createdAt: string;
    sentAt: string | null;
  }>;
}
