/**
 * The daemon's main loop. Sources feed the spool; a single worker drains the spool
 * through the pipeline and then the outbox, whenever it is woken (new mail, a retry
 * timer) and once at start-up, so work left by a crash is finished first. `once`
 * mode does one round of everything and returns. SIGTERM lets the message in hand
 * finish; a second signal, or the grace period running out, exits at once.
 *
 * Deadline jobs: node-cron wakes the same worker every minute (and on the digest's
 * schedule) to run the deadline sweep; it also runs at start-up, so reminders missed
 * during downtime are caught up. The sweep runs inside the single worker, so it never
 * overlaps itself or the pipeline; what it sends is decided by rows, not by timers.
 */
import cron from 'node-cron';
import { sweep, type SweepResult } from '../deadlines/sweep.js';
import { describeError } from '../errors.js';
import { DEFAULTS, SECOND } from '../limits.js';
import { openPool, type Opener } from '../pipeline/open-pool.js';
import { workerCount } from '../pipeline/open-prestart.js';
import { processSpool } from '../pipeline/process.js';
import { warmUp } from '../pipeline/warm-up.js';
import { concurrentSender } from '../send/concurrent-sender.js';
import { drainOutbox, recoverOutbox } from '../send/sender.js';
import { ImapSource, imapOnce } from '../sources/imap-source.js';
import { maildirPass } from '../sources/maildir.js';
import type { App } from './app.js';
import { chainHead } from '../cases/store/event-log.js';

/** How often the worker wakes by itself to retry deferred mail and re-read a Maildir. */
const IDLE_WAKE = 30 * SECOND;

export interface RunSummary {
  /** Set when the IMAP pass failed (the rest still ran): `run --once` then exits 75. */
  imapError?: string;
  processed: number;
  sent: number;
  deferred: number;
  failed: number;
  /** What the deadline sweep did, when it ran. */
  deadlines?: SweepResult;
}

/** One deadline sweep as of the app's clock; a failure is logged, never thrown (the pipeline goes on). */
export function sweepDeadlines(app: App): SweepResult | undefined {
  try {
    return sweep({
      db: app.db,
      config: app.config,
      policyFor: app.policyFor,
      teamAddress: app.teamAddress,
      teamFingerprint: app.teamKeys.fingerprint,
      log: app.log,
      now: app.now(),
    });
  } catch (e) {
    app.log.error({ err: describeError(e) }, 'deadline sweep failed; retrying at the next one');
    return undefined;
  }
}

/** The open workers of this run (started on the first backlog), or none when config says `workers: 0`. */
function openerFor(app: App): Opener | undefined {
  const size = workerCount(app.config.workers);
  return size > 0 ? openPool(app.config.file, app.teamAddress, size, DEFAULTS.openAheadPerWorker, app.log) : undefined;
}

async function workRound(app: App, stopping: () => boolean, withSweep = true, opener?: Opener): Promise<RunSummary> {
  const deps = { db: app.db, limits: app.config.limits, log: app.log, now: app.now };
  if (app.config.maildir) {
    try {
      maildirPass(app.config.maildir.path, { ...deps, ...(opener ? { onBacklog: () => opener.warm() } : {}) });
    } catch (e) {
      // A broken source must not stop the pipeline or the sender for everything else.
      app.log.error({ err: describeError(e) }, 'Maildir pass failed');
    }
  }
  // Every round, not only at start: a process that claimed a row and died since (an
  // `ingest` killed by the MTA's time limit) must not leave it 'sending' forever.
  recoverOutbox(app.db, app.log, app.now());
  const drain = () =>
    drainOutbox({
      db: app.db,
      transport: app.transport,
      render: app.render,
      log: app.log,
      now: app.now,
      stopping,
      // While the open workers are at a backlog, they sign and encrypt its replies too.
      ...(opener ? { renderElsewhere: opener.render } : {}),
    });
  // Replies go out while the rest of a backlog is still being recorded.
  const sender = concurrentSender(drain);
  sender.kick();
  const processed = await processSpool({ ...app, stopping, ...(opener ? { opener } : {}), recorded: sender.kick });
  // Drain first: an acknowledgement just queued and sent is then seen as met by the sweep.
  const sent = await sender.finish();
  const deadlines = withSweep && !stopping() ? sweepDeadlines(app) : undefined;
  if (deadlines && deadlines.reminders + deadlines.escalations + deadlines.reporterUpdates + deadlines.digests > 0) {
    const more = await drain();
    sent.sent += more.sent;
    sent.deferred += more.deferred;
    sent.failed += more.failed;
  }
  return { processed, ...sent, ...(deadlines ? { deadlines } : {}) };
}

export async function runOnce(app: App): Promise<RunSummary> {
  let imapError: string | undefined;
  if (app.config.imap) {
    try {
      await imapOnce({ db: app.db, imap: app.config.imap, limits: app.config.limits, log: app.log, now: app.now, onSpooled: () => {} });
    } catch (e) {
      // Mail already in the spool is still processed, and the outbox still drained.
      imapError = describeError(e);
      app.log.error({ err: imapError }, 'IMAP pass failed');
    }
  }
  const opener = openerFor(app);
  try {
    const summary = await workRound(app, () => false, true, opener);
    return imapError ? { ...summary, imapError } : summary;
  } finally {
    await opener?.close();
  }
}

/**
 * The head of the event chain goes to the journal at every start: cutting events off the
 * end of the log leaves a valid chain, but not this id with this hash.
 */
function logRunning(app: App, imap: boolean): void {
  const head = chainHead(app.db);
  app.log.info(
    { imap, maildir: Boolean(app.config.maildir), policy: app.policy.name, eventHead: head ? `${head.id}:${head.hash}` : null },
    'sectriage running',
  );
}

export async function runForever(app: App): Promise<void> {
  const { log } = app;
  let stopping = false;
  let wake: (() => void) | null = null;
  let pending = true;
  // Start-up counts as a tick: deadlines passed while we were down are acted on now.
  let sweepDue = true;
  const kick = (): void => {
    pending = true;
    wake?.();
  };
  const tickSweep = (): void => {
    sweepDue = true;
    kick();
  };
  // The timers only wake the worker; the sweep itself runs there, one at a time.
  const minute = cron.schedule(DEFAULTS.deadlineSweepSchedule, tickSweep, { name: 'deadline-sweep', noOverlap: true });
  const digest = app.config.digest.enabled
    ? cron.schedule(app.config.digest.schedule, tickSweep, { name: 'digest', timezone: app.config.digest.timezone, noOverlap: true })
    : null;
  const imap = app.config.imap ? new ImapSource({ db: app.db, imap: app.config.imap, limits: app.config.limits, log, now: app.now, onSpooled: kick }) : null;

  let signals = 0;
  let stopReason = 'the main loop ended';
  const onSignal = (sig: NodeJS.Signals): void => {
    signals++;
    stopReason = `${sig} received`;
    if (signals > 1) {
      log.warn({ signal: sig }, 'second signal: exiting now');
      process.exit(130);
    }
    log.info({ signal: sig }, 'signal received: finishing the message in hand, then stopping');
    stopping = true;
    wake?.();
    setTimeout(() => {
      log.error({ graceMs: DEFAULTS.shutdownGrace }, 'shutdown took longer than the grace period: exiting now');
      process.exit(1);
    }, DEFAULTS.shutdownGrace).unref();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const opener = openerFor(app);
  imap?.start();
  void warmUp(app.config.limits).catch(() => false); // beside the start-up round: the first mail on IDLE meets a warm extractor
  logRunning(app, Boolean(imap));
  try {
    while (!stopping) {
      if (pending) {
        pending = false;
        const withSweep = sweepDue;
        sweepDue = false;
        try {
          await workRound(app, () => stopping, withSweep, opener);
        } catch (e) {
          log.error({ err: describeError(e) }, 'work round failed; retrying on the next wake');
        }
        continue;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          pending = true;
          resolve();
        }, IDLE_WAKE);
        wake = () => {
          clearTimeout(t);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    await minute.destroy();
    await digest?.destroy();
    await imap?.stop();
    await opener?.close();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    log.info({ reason: stopReason }, 'sectriage stopped');
  }
}
