/**
 * Drains the outbox (Postfix's qmgr + smtp in one): renders each due row once,
 * hands it to the transport, and records the outcome. Temporary failures retry with
 * a doubling backoff up to DEFAULTS.sendMaxQueueLifetime; permanent ones park the row
 * as failed. The delivery guarantee, row by row:
 *   queued -> sending (committed) -> [data_ended_at set just before the final "."]
 *   -> sent (committed right after the server's 250).
 * After a crash, a row still 'sending' without data_ended_at surely did not go out
 * and is queued again; one with data_ended_at may have gone out and is marked
 * 'uncertain' (never resent automatically: at most one copy; an operator decides).
 */
import { hostname } from 'node:os';
import type { Db } from '../db/open.js';
import { describeError, SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import { renderMail, type RenderContext } from '../outbox/render.js';
import type { MailParams } from '../outbox/templates.js';
import { appendEvent } from '../cases/store/event-log.js';
import type { Transport } from './transport.js';

interface OutboxRow {
  id: number;
  case_id: number | null;
  kind: string;
  auto: number;
  message_id: string;
  envelope_from: string;
  rcpt_to: string;
  params: string;
  raw: Buffer | null;
  state: string;
  attempts: number;
  created_at: string;
}

const ME = `${hostname()}:${process.pid}`;

/** Whether the process that claimed a row may still be sending it (same host, alive, not stale). */
export function claimerAlive(claimedBy: string | null, claimedAt: string | null, now: Date): boolean {
  if (!claimedBy || !claimedAt) return false;
  const [host, pidText] = [claimedBy.slice(0, claimedBy.lastIndexOf(':')), claimedBy.slice(claimedBy.lastIndexOf(':') + 1)];
  // A claim older than any SMTP session can last is dead whoever holds the pid now.
  if (now.getTime() - Date.parse(claimedAt) > DEFAULTS.sendClaimLifetime) return false;
  // Another host's claim is not ours to judge (one host per database is the supported setup).
  if (host !== hostname()) return true;
  // Our own pid on a row at start-up can only be a previous process that had the same pid.
  if (Number(pidText) === process.pid) return false;
  try {
    process.kill(Number(pidText), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Run at start-up, before any sending: rows left 'sending' by a process that is gone are
 * resolved. One another live process (the daemon beside a `run --once`) is sending is
 * left alone. Returns how many rows were requeued and how many became uncertain.
 */
export function recoverOutbox(db: Db, log: Logger, now = new Date()): { requeued: number; uncertain: number } {
  return db.transaction(() => {
    const rows = db.prepare("SELECT id, message_id, data_ended_at, claimed_by, claimed_at FROM outbox WHERE state = 'sending'").all() as Array<{
      id: number;
      message_id: string;
      data_ended_at: string | null;
      claimed_by: string | null;
      claimed_at: string | null;
    }>;
    let requeued = 0;
    let uncertain = 0;
    for (const r of rows) {
      if (claimerAlive(r.claimed_by, r.claimed_at, now)) continue;
      if (r.data_ended_at === null) {
        db.prepare("UPDATE outbox SET state = 'queued', claimed_by = NULL, claimed_at = NULL WHERE id = ?").run(r.id);
        requeued++;
      } else {
        log.warn({ outboxId: r.id, messageId: r.message_id }, 'crashed after handing this mail to the relay: it may have been delivered; not resending (sectriage outbox retry ID sends it again)');
        db.prepare(
          "UPDATE outbox SET state = 'uncertain', claimed_by = NULL, claimed_at = NULL, last_error = 'process stopped after the final DATA dot, before the server reply was recorded' WHERE id = ?",
        ).run(r.id);
        uncertain++;
      }
    }
    return { requeued, uncertain };
  }).immediate();
}

function hasReplyCode(err: SectriageError): boolean {
  return typeof (err.cause as { responseCode?: unknown } | undefined)?.responseCode === 'number';
}

export function retryDelay(attempts: number): number {
  return Math.min(DEFAULTS.sendRetryMaxDelay, DEFAULTS.sendRetryMinDelay * 2 ** Math.max(0, attempts - 1));
}

export interface SenderDeps {
  db: Db;
  transport: Transport;
  render: RenderContext;
  log: Logger;
  now: () => Date;
  stopping?: () => boolean;
}

/** Sends every due row; returns counts. Never throws for a single row's failure. */
export async function drainOutbox(deps: SenderDeps): Promise<{ sent: number; deferred: number; failed: number }> {
  const { db } = deps;
  const out = { sent: 0, deferred: 0, failed: 0 };
  let lastId = 0;
  for (;;) {
    if (deps.stopping?.()) break;
    const now = deps.now();
    const row = db
      .prepare("SELECT * FROM outbox WHERE state = 'queued' AND next_attempt_at <= ? AND id > ? ORDER BY id LIMIT 1")
      .get(now.toISOString(), lastId) as OutboxRow | undefined;
    if (!row) break;
    lastId = row.id;
    const result = await sendOne(deps, row);
    if (result === 'skipped') continue;
    out[result]++;
    // A relay that is down fails every row the same way: stop and wait for the next pass.
    if (result === 'deferred') break;
  }
  return out;
}

async function sendOne(deps: SenderDeps, row: OutboxRow): Promise<'sent' | 'deferred' | 'failed' | 'skipped'> {
  const { db, log } = deps;
  let raw = row.raw;
  if (!raw) {
    try {
      const params = JSON.parse(row.params) as MailParams & { messageId: string; date: string };
      raw = await renderMail(params, row.auto === 1, deps.render);
    } catch (e) {
      log.error({ outboxId: row.id, err: describeError(e) }, 'cannot render outgoing mail; parked as failed');
      db.prepare("UPDATE outbox SET state = 'failed', last_error = ? WHERE id = ?").run(`render: ${describeError(e)}`, row.id);
      return 'failed';
    }
    db.prepare('UPDATE outbox SET raw = ? WHERE id = ? AND raw IS NULL').run(raw, row.id);
  }
  // Claim the row atomically: the daemon and an `ingest` run may drain the same outbox.
  const claimed = db
    .prepare("UPDATE outbox SET state = 'sending', attempts = attempts + 1, data_ended_at = NULL, claimed_by = ?, claimed_at = ? WHERE id = ? AND state = 'queued'")
    .run(ME, deps.now().toISOString(), row.id);
  if (claimed.changes !== 1) return 'skipped';
  const attempts = row.attempts + 1;
  let dataEnded = false;
  try {
    await deps.transport.send({ from: row.envelope_from, to: [row.rcpt_to] }, raw, row.message_id, () => {
      db.prepare('UPDATE outbox SET data_ended_at = ? WHERE id = ?').run(deps.now().toISOString(), row.id);
      dataEnded = true;
    });
  } catch (e) {
    const err = e instanceof SectriageError ? e : new SectriageError('SMTP_TEMPORARY', describeError(e), { cause: e });
    const now = deps.now();
    // The whole message went out and then the connection failed without a reply: the
    // relay may have delivered it. Same rule as a crash there: never send it twice.
    if (dataEnded && !hasReplyCode(err)) {
      db.prepare("UPDATE outbox SET state = 'uncertain', claimed_by = NULL, claimed_at = NULL, last_error = ? WHERE id = ?").run(`after the final dot: ${describeError(err)}`, row.id);
      log.warn({ outboxId: row.id, err: describeError(err) }, 'connection lost after the message was sent, before the reply: it may have been delivered; not resending (sectriage outbox retry ID sends it again)');
      return 'deferred';
    }
    const expired = now.getTime() - Date.parse(row.created_at) > DEFAULTS.sendMaxQueueLifetime;
    if (err.temporary && !expired) {
      const next = new Date(now.getTime() + retryDelay(attempts));
      db.prepare("UPDATE outbox SET state = 'queued', data_ended_at = NULL, claimed_by = NULL, claimed_at = NULL, last_error = ?, next_attempt_at = ? WHERE id = ?").run(describeError(err), next.toISOString(), row.id);
      log.warn({ outboxId: row.id, attempts, retryAt: next.toISOString(), err: describeError(err) }, 'temporary send failure; will retry');
      return 'deferred';
    }
    db.transaction(() => {
      db.prepare("UPDATE outbox SET state = 'failed', data_ended_at = NULL, claimed_by = NULL, claimed_at = NULL, last_error = ? WHERE id = ?").run(describeError(err), row.id);
      if (row.case_id) appendEvent(db, { caseId: row.case_id, at: now.toISOString(), actor: 'system', type: 'mail_failed', data: { outboxId: row.id, kind: row.kind, error: describeError(err) } });
    }).immediate();
    log.error({ outboxId: row.id, attempts, err: describeError(err) }, 'permanent send failure; parked as failed');
    return 'failed';
  }
  failpoint('after-smtp-accept');
  const at = deps.now().toISOString();
  db.transaction(() => {
    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ?, claimed_by = NULL, claimed_at = NULL, last_error = NULL WHERE id = ?").run(at, row.id);
    if (row.case_id) appendEvent(db, { caseId: row.case_id, at, actor: 'system', type: 'mail_sent', data: { outboxId: row.id, kind: row.kind, messageId: row.message_id } });
  }).immediate();
  log.info({ outboxId: row.id, kind: row.kind, caseId: row.case_id }, 'mail sent');
  return 'sent';
}
