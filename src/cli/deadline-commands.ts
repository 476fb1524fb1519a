/**
 * CLI commands for deadlines: `tick` (run every time-driven job as of an instant),
 * `deadlines explain ID` (each milestone's due time, how it was computed, its state),
 * `deadlines rebuild-sla` (the digest's SLA sums from their rows, deadlines/sla-sums.ts) and `digest --preview` (print the digest without sending or recording it).
 * --now fixes the clock, so tests and previews never depend on real time.
 */
import type { Command } from 'commander';
import { dirname } from 'node:path';
import { getCase } from '../cases/store/cases.js';
import { loadConfig, type Config } from '../config/load.js';
import { openApp } from '../daemon/app.js';
import { clockAt } from '../util/clock.js';
import { openDatabaseReadOnly, openExistingDatabase, type Db } from '../db/open.js';
import { checkSlaSums, rebuildSlaSums } from '../deadlines/sla-sums.js';
import { createLogger } from '../log.js';
import type { Policy } from '../policy/schema.js';
import { sweepDeadlines } from '../daemon/run.js';
import { computeDeadlines } from '../deadlines/engine.js';
import { caseEvents } from '../cases/store/event-log.js';
import { lastDigest } from '../deadlines/store.js';
import { digestData } from '../deadlines/sweep.js';
import { SectriageError } from '../errors.js';
import { renderDeadlineMail } from '../outbox/templates-deadlines.js';
import { loadPolicy, policyResolver } from '../policy/load.js';
import { drainOutbox, recoverOutbox } from '../send/sender.js';
import { DEFAULT_CONFIG, out } from './common.js';
import { formatDeadlines } from './format-deadlines.js';

/** For the looking commands: config, the database read-only, policies; no secrets are read. */
function withLook(configFile: string, fn: (x: { config: Config; db: Db; policyFor: (name: string) => Policy }) => void): void {
  const config = loadConfig(configFile);
  const policyFor = policyResolver(loadPolicy(config.policy, dirname(config.file)), dirname(config.file), (name) =>
    process.stderr.write(`sectriage: warning: policy "${name}" of this case cannot be loaded; using ${config.policy}\n`),
  );
  const db = openDatabaseReadOnly(config.database);
  try {
    fn({ config, db, policyFor });
  } finally {
    db.close();
  }
}

export function registerDeadlineCommands(program: Command): void {
  program
    .command('tick')
    .description('run every time-driven job (deadline sweep, digest, outbox) as of an instant, once')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .option('--json', 'print what was done as JSON')
    .action(async (o: { config: string; now?: string; json?: boolean }) => {
      const app = await openApp(o.config, o.now ? { now: o.now } : {});
      try {
        recoverOutbox(app.db, app.log, app.now());
        const drain = () => drainOutbox({ db: app.db, transport: app.transport, render: app.render, log: app.log, now: app.now });
        // Mail already due goes first (an acknowledgement sent now is met), then what the sweep queues.
        const before = await drain();
        const deadlines = sweepDeadlines(app);
        if (!deadlines) throw new SectriageError('DEADLINE_SWEEP', 'the deadline sweep failed (see the log above); nothing it had not committed was sent');
        const after = await drain();
        const sent = { sent: before.sent + after.sent, deferred: before.deferred + after.deferred, failed: before.failed + after.failed };
        const summary = { at: app.now().toISOString(), ...deadlines, ...sent };
        out(
          o.json
            ? JSON.stringify(summary, null, 2) + '\n'
            : `tick ${summary.at}: ${deadlines.cases} open cases looked at; queued ${deadlines.reminders} reminders, ${deadlines.escalations} escalations, ${deadlines.reporterUpdates} status updates, ${deadlines.digests} digests; sent ${sent.sent}, deferred ${sent.deferred}, failed ${sent.failed}\n`,
        );
      } finally {
        app.close();
      }
    });

  const deadlines = program.command('deadlines').description("a case's deadlines");
  deadlines
    .command('explain')
    .description('show each deadline of a case: due time, how it was computed, state')
    .argument('<id>', 'tracking ID')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'as of this instant (default: now)')
    .option('--json', 'print JSON')
    .action((id: string, o: { config: string; now?: string; json?: boolean }) => {
      const now = clockAt(o.now)();
      withLook(o.config, ({ config, db, policyFor }) => {
        const c = getCase(db, id);
        if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${id}`);
        const policy = policyFor(c.policy);
        const ds = computeDeadlines(caseEvents(db, c.id), policy, now);
        out(
          o.json
            ? JSON.stringify({ trackingId: c.tracking_id, policy: policy.name, now: now.toISOString(), deadlines: ds }, null, 2) + '\n'
            : formatDeadlines(c.tracking_id, policy.title, ds, now, config.timezone),
        );
      });
    });

  registerRebuildSla(deadlines);

  program
    .command('digest')
    .description('the team digest')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--preview', 'print the digest as of --now (nothing is sent or recorded)')
    .option('--html', 'with --preview: print the HTML part instead of the text')
    .option('--now <iso>', 'as of this instant (default: now)')
    .action((o: { config: string; preview?: boolean; html?: boolean; now?: string }) => {
      if (!o.preview) throw new SectriageError('USAGE', 'digest: use --preview to print it; the daemon (or `tick`) sends it on the configured schedule');
      const now = clockAt(o.now)();
      withLook(o.config, ({ config, db, policyFor }) => {
        const deps = { db, config, policyFor, teamAddress: '', teamFingerprint: '', log: createLogger('silent'), now };
        const last = lastDigest(db);
        const since = last ? new Date(last.doneAt) : null;
        const data = digestData(deps, since);
        // The operator's terminal is trusted like an encrypted mail: subjects are shown.
        const r = renderDeadlineMail({ kind: 'digest', to: '', timezone: config.timezone, digest: data, date: now.toISOString() }, true);
        out(o.html ? (r.html ?? '') + '\n' : `Subject: ${r.subject}\n\n${r.text}`);
      });
    });
}

/** `deadlines rebuild-sla`: the digest's SLA sums made again from the deadlines rows, in one transaction. */
function registerRebuildSla(deadlines: Command): void {
  deadlines
    .command('rebuild-sla')
    .description("rebuild the digest's SLA sums from the deadlines (when doctor finds them off)")
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .action((o: { config: string }) => {
      const db = openExistingDatabase(loadConfig(o.config).database);
      try {
        const before = checkSlaSums(db);
        const r = rebuildSlaSums(db);
        out(`SLA sums rebuilt: ${r.days} day sums and ${r.times} times (${before.days} day sums and ${before.times} times had differed)\n`);
      } finally {
        db.close();
      }
    });
}
