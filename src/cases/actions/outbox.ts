/**
 * The operator's retry of a mail (`outbox retry`): a failed or uncertain row, or one
 * whose sender is gone, is queued again with the same bytes and Message-ID. A row a
 * live process is sending is left alone. The case's log says who asked.
 */
import { SectriageError } from '../../errors.js';
import { claimerAlive } from '../store/outbox-claims.js';
import { outboxRow, requeueRow, settleRow, type OutboxRow } from '../store/outbox.js';
import { event, type ActionContext } from './context.js';

export function retryOutbox(ctx: ActionContext, id: number): { was: string } {
  const row = outboxRow(ctx.db, id);
  if (!row) throw new SectriageError('CASE_NOT_FOUND', `no outbox row ${id}`);
  const abandoned = row.state === 'sending' && !claimerAlive(row.claimed_by, row.claimed_at, ctx.now);
  if (row.state !== 'failed' && row.state !== 'uncertain' && !abandoned) {
    throw new SectriageError(
      'USAGE',
      `outbox row ${id} is ${row.state}${row.state === 'sending' ? ` by ${row.claimed_by}, which is still running` : ''}; only failed, uncertain or abandoned mail can be retried`,
    );
  }
  requeueRow(ctx.db, id, ctx.now);
  if (row.case_id) event(ctx, row.case_id, 'mail_retry_requested', { outboxId: id, was: row.state });
  return { was: row.state };
}

/** The relay accepted the mail: the row is sent, and its case records it (deadlines read mail_sent). */
export function recordMailSent(ctx: ActionContext, row: OutboxRow): void {
  settleRow(ctx.db, row.id, { state: 'sent', at: ctx.now });
  if (row.case_id) event(ctx, row.case_id, 'mail_sent', { outboxId: row.id, kind: row.kind, messageId: row.message_id });
}

/** The relay refused it for good (or it expired in the queue): parked as failed, on the case's record. */
export function recordMailFailed(ctx: ActionContext, row: OutboxRow, error: string): void {
  settleRow(ctx.db, row.id, { state: 'failed', lastError: error });
  if (row.case_id) event(ctx, row.case_id, 'mail_failed', { outboxId: row.id, kind: row.kind, error });
}
