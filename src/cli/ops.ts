/**
 * Operator views and actions on the queues (Postfix's postqueue/postsuper): list the
 * spool and the outbox, and send again a mail that failed or whose delivery is
 * uncertain. Reads ids from the operator; never prints message content.
 */
import { userInfo } from 'node:os';
import { appendEvent } from '../cases/store/event-log.js';
import type { Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { claimerAlive } from '../send/sender.js';

export function spoolRows(db: Db, state?: string) {
  return db
    .prepare(
      `SELECT s.id, s.received_at AS receivedAt, s.source, s.size, s.state, s.disposition, s.hold_reason AS holdReason, s.raw_path AS rawPath, c.tracking_id AS trackingId
       FROM spool s LEFT JOIN cases c ON c.id = s.case_id ${state ? 'WHERE s.state = ?' : ''} ORDER BY s.id`,
    )
    .all(...(state ? [state] : [])) as Array<Record<string, unknown>>;
}

export function outboxRows(db: Db, state?: string) {
  return db
    .prepare(
      `SELECT o.id, o.kind, o.state, o.rcpt_to AS "to", o.attempts, o.next_attempt_at AS nextAttemptAt, o.last_error AS lastError, o.message_id AS messageId, c.tracking_id AS trackingId
       FROM outbox o LEFT JOIN cases c ON c.id = o.case_id ${state ? 'WHERE o.state = ?' : ''} ORDER BY o.id`,
    )
    .all(...(state ? [state] : [])) as Array<Record<string, unknown>>;
}

/** Queues a failed or uncertain mail again (same bytes, same Message-ID). */
export function retryOutbox(db: Db, id: number, now: Date): void {
  db.transaction(() => {
    const row = db.prepare('SELECT state, case_id, claimed_by, claimed_at FROM outbox WHERE id = ?').get(id) as
      | { state: string; case_id: number | null; claimed_by: string | null; claimed_at: string | null }
      | undefined;
    if (!row) throw new SectriageError('CASE_NOT_FOUND', `no outbox row ${id}`);
    const abandoned = row.state === 'sending' && !claimerAlive(row.claimed_by, row.claimed_at, now);
    if (row.state !== 'failed' && row.state !== 'uncertain' && !abandoned) {
      throw new SectriageError('USAGE', `outbox row ${id} is ${row.state}${row.state === 'sending' ? ` by ${row.claimed_by}, which is still running` : ''}; only failed, uncertain or abandoned mail can be retried`);
    }
    db.prepare("UPDATE outbox SET state = 'queued', next_attempt_at = ?, data_ended_at = NULL, claimed_by = NULL, claimed_at = NULL WHERE id = ?").run(now.toISOString(), id);
    if (row.case_id) appendEvent(db, { caseId: row.case_id, at: now.toISOString(), actor: `cli:${userInfo().username}`, type: 'mail_retry_requested', data: { outboxId: id, was: row.state } });
  }).immediate();
}

export function formatRows(rows: Array<Record<string, unknown>>, columns: string[]): string {
  if (rows.length === 0) return 'Nothing.\n';
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n') + '\n';
}
