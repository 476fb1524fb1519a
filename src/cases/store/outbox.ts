/**
 * Writes outgoing mail as outbox rows. Call it inside the transaction that makes the
 * change the mail reports, so the change and the mail commit together or not at all.
 * The Message-ID derives from the row (its id and a random token) and is stored, so
 * every retry after a crash sends the same message.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/open.js';
import type { MailParams } from '../../outbox/templates.js';

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
  db.prepare('UPDATE outbox SET message_id = ?, params = ? WHERE id = ?').run(messageId, JSON.stringify(params), id);
  return { id, messageId };
}

/** Automatic replies sent (or queued) to this address within the window: the RFC 3834 rate limit. */
export function recentAutoReplies(db: Db, to: string, since: Date): number {
  return (db.prepare('SELECT count(*) AS n FROM outbox WHERE auto = 1 AND rcpt_to = ? AND created_at >= ?').get(to, since.toISOString()) as { n: number }).n;
}
