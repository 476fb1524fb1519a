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
import type { Db } from '../db/open.js';
import { describeError, SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import { renderMail, type RenderContext } from '../outbox/render.js';
import type { MailParams } from '../outbox/templates.js';
import { recordMailFailed, recordMailSent } from '../cases/actions/outbox.js';
import type { ActionContext } from '../cases/actions/context.js';
import { ME, claimerAlive } from '../cases/store/outbox-claims.js';
import { trackingIdOf } from '../cases/store/cases.js';
import { claimForSending, dueUnrendered, markDataEnded, nextDue, saveRendered, sendingRows, settleRow, type OutboxRow } from '../cases/store/outbox.js';
import type { Transport } from './transport.js';

/** The sender acts as the system: its events say what became of mail, not who decided it. */
const systemCtx = (db: Db, now: Date): ActionContext => ({ db, now, actor: 'system', reporterNotices: [], teamAddress: '', timezone: 'UTC' });

/**
 * Run at start-up, before any sending: rows left 'sending' by a process that is gone are
 * resolved. One another live process (the daemon beside a `run --once`) is sending is
 * left alone. Returns how many rows were requeued and how many became uncertain.
 */
export function recoverOutbox(db: Db, log: Logger, now = new Date()): { requeued: number; uncertain: number } {
  return db
    .transaction(() => {
      const rows = sendingRows(db);
      let requeued = 0;
      let uncertain = 0;
      for (const r of rows) {
        if (claimerAlive(r.claimed_by, r.claimed_at, now)) continue;
        if (r.data_ended_at === null) {
          settleRow(db, r.id, { state: 'queued', lastError: r.last_error });
          requeued++;
        } else {
          log.warn(
            { outboxId: r.id, trackingId: tid(db, r), messageId: r.message_id },
            'crashed after handing this mail to the relay: it may have been delivered; not resending (sectriage outbox retry ID sends it again)',
          );
          settleRow(db, r.id, { state: 'uncertain', lastError: 'process stopped after the final DATA dot, before the server reply was recorded' });
          uncertain++;
        }
      }
      return { requeued, uncertain };
    })
    .immediate();
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
  /** Renders a row in another thread (the open workers); undefined: render it here. */
  renderElsewhere?: (params: MailParams & { messageId: string; date: string }, auto: boolean) => Promise<Buffer | undefined> | undefined;
}

/**
 * Sends every due row; returns counts. Never throws for a single row's failure. Rows go
 * out over up to `lanes` SMTP sessions at once (the transport's own number by default), each lane taking the next due row in id
 * order, and a lane that found a row starting another (up to `lanes`) to look for the
 * next; mail to one case (or, without a case, to one address) still leaves in order, a
 * lane waiting for the one sending the mail before it.
 */
export async function drainOutbox(deps: SenderDeps, lanes: number = deps.transport.sessions): Promise<{ sent: number; deferred: number; failed: number }> {
  const { db } = deps;
  const out = { sent: 0, deferred: 0, failed: 0 };
  let lastId = 0;
  let stop = false;
  // Rows being rendered in another thread while the ones before them are sent.
  const rendering = new Map<number, Promise<Buffer | undefined>>();
  // The last send of each case (or address) in flight: the next mail to it waits for it.
  const inFlight = new Map<string, Promise<unknown>>();
  const lane = async (): Promise<void> => {
    for (;;) {
      if (stop || deps.stopping?.()) return;
      const now = deps.now();
      const row = nextDue(db, now, lastId);
      if (!row) return;
      lastId = row.id;
      if (deps.renderElsewhere) renderAhead(deps.renderElsewhere, db, now, row.id - 1, rendering);
      const prerendered = rendering.get(row.id);
      rendering.delete(row.id);
      const key = row.case_id === null ? `to:${row.rcpt_to}` : `case:${row.case_id}`;
      const before = inFlight.get(key);
      const sending = (async () => {
        if (before) await before;
        // A lane that stopped meanwhile (the relay deferred a row) sends nothing more.
        if (stop) return 'skipped';
        const result = await sendOne(deps, row, prerendered);
        // Set here, before the mail waiting on this one resumes: a relay that is down fails
        // every row the same way, so stop and wait for the next pass.
        if (result === 'deferred') stop = true;
        return result;
      })();
      inFlight.set(key, sending);
      // Rows keep coming while a backlog is recorded: a lane that took one starts another
      // (only now, once its row is in flight, so the next mail to the same case waits for it).
      spawn();
      const result = await sending;
      if (inFlight.get(key) === sending) inFlight.delete(key);
      if (result !== 'skipped') out[result]++;
    }
  };
  let active = 0;
  const running: Array<Promise<void>> = [];
  function spawn(): void {
    if (active >= Math.max(1, lanes)) return;
    active++;
    running.push(lane().finally(() => active--));
  }
  spawn();
  for (let i = 0; i < running.length; i++) await running[i];
  return out;
}

/**
 * Starts rendering the next few due rows elsewhere, so that signing and encrypting one
 * overlaps sending the one before (each SMTP step of ours waits its turn on this thread).
 * A failure there only means the row is rendered here, in its turn, where an error parks it.
 */
function renderAhead(
  renderElsewhere: NonNullable<SenderDeps['renderElsewhere']>,
  db: Db,
  now: Date,
  afterId: number,
  rendering: Map<number, Promise<Buffer | undefined>>,
): void {
  for (const r of dueUnrendered(db, now, afterId, DEFAULTS.sendRenderAhead)) {
    if (rendering.has(r.id)) continue;
    let params: MailParams & { messageId: string; date: string };
    try {
      params = JSON.parse(r.params) as typeof params;
    } catch {
      continue;
    }
    // Nothing free there now: the row is not marked, so a later look may still send it there.
    const elsewhere = renderElsewhere(params, r.auto === 1);
    if (elsewhere)
      rendering.set(
        r.id,
        elsewhere.catch(() => undefined),
      );
  }
}

async function sendOne(deps: SenderDeps, row: OutboxRow, prerendered?: Promise<Buffer | undefined>): Promise<'sent' | 'deferred' | 'failed' | 'skipped'> {
  const { db, log } = deps;
  let raw = row.raw;
  let renderedIn: 'worker' | 'main' | undefined;
  if (!raw) {
    try {
      const params = JSON.parse(row.params) as MailParams & { messageId: string; date: string };
      raw = (await (prerendered ?? deps.renderElsewhere?.(params, row.auto === 1))) ?? null;
      renderedIn = raw ? 'worker' : 'main';
      raw ??= await renderMail(params, row.auto === 1, deps.render);
    } catch (e) {
      log.error({ outboxId: row.id, trackingId: tid(db, row), err: describeError(e) }, 'cannot render outgoing mail; parked as failed');
      settleRow(db, row.id, { state: 'failed', lastError: `render: ${describeError(e)}` });
      return 'failed';
    }
  }
  // Claim the row atomically: the daemon and an `ingest` run may drain the same outbox. The
  // rendering is stored in the same commit (one commit fewer per mail on a backlog, issue 11).
  const rendered = raw;
  const claimed = db
    .transaction(() => {
      if (!row.raw) saveRendered(db, row.id, rendered);
      return claimForSending(db, row.id, ME, deps.now());
    })
    .immediate();
  if (!claimed) return 'skipped';
  const attempts = row.attempts + 1;
  let dataEnded = false;
  try {
    await deps.transport.send({ from: row.envelope_from, to: [row.rcpt_to] }, raw, row.message_id, () => {
      markDataEnded(db, row.id, deps.now());
      dataEnded = true;
    });
  } catch (e) {
    const err = e instanceof SectriageError ? e : new SectriageError('SMTP_TEMPORARY', describeError(e), { cause: e });
    const now = deps.now();
    // The whole message went out and then the connection failed without a reply: the
    // relay may have delivered it. Same rule as a crash there: never send it twice.
    if (dataEnded && !hasReplyCode(err)) {
      settleRow(db, row.id, { state: 'uncertain', lastError: `after the final dot: ${describeError(err)}` });
      log.warn(
        { outboxId: row.id, trackingId: tid(db, row), err: describeError(err) },
        'connection lost after the message was sent, before the reply: it may have been delivered; not resending (sectriage outbox retry ID sends it again)',
      );
      return 'deferred';
    }
    const expired = now.getTime() - Date.parse(row.created_at) > DEFAULTS.sendMaxQueueLifetime;
    if (err.temporary && !expired) {
      const next = new Date(now.getTime() + retryDelay(attempts));
      settleRow(db, row.id, { state: 'queued', lastError: describeError(err), nextAttemptAt: next });
      log.warn(
        { outboxId: row.id, trackingId: tid(db, row), attempts, retryAt: next.toISOString(), err: describeError(err) },
        'temporary send failure; will retry',
      );
      return 'deferred';
    }
    db.transaction(() => recordMailFailed(systemCtx(db, now), row, describeError(err))).immediate();
    log.error({ outboxId: row.id, trackingId: tid(db, row), attempts, err: describeError(err) }, 'permanent send failure; parked as failed');
    return 'failed';
  }
  failpoint('after-smtp-accept');
  db.transaction(() => recordMailSent(systemCtx(db, deps.now()), row)).immediate();
  log.info({ outboxId: row.id, kind: row.kind, trackingId: tid(db, row), ...(renderedIn ? { renderedIn } : {}) }, 'mail sent');
  return 'sent';
}

/** The tracking ID of the case an outbox row belongs to, for the log (null: a digest, a login link). */
function tid(db: Db, row: { case_id: number | null }): string | null {
  return row.case_id === null ? null : (trackingIdOf(db, row.case_id) ?? null);
}
