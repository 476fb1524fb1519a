/**
 * The operator's queue commands (Postfix's postqueue/postsuper): `spool list`,
 * `outbox list`, `outbox retry`, and `migrate`. Never print message content.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { recordingClockAt } from '../util/clock.js';
import { cliActor } from './actor.js';
import { OUTBOX_STATES, parseFilterList, SPOOL_STATES } from './list-filters.js';
import { DEFAULT_CONFIG, out, withReadOnlyDb } from './common.js';
import { formatRows, outboxRows, retryOutbox, spoolRows } from './ops.js';

export function registerQueueCommands(program: Command): void {
  const spool = program.command('spool').description('the spool: every message taken in');
  spool
    .command('list')
    .description('list spool entries (held ones show why)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <states>', 'incoming, done or held (comma-separated)')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; json?: boolean }) => {
      withReadOnlyDb(o.config, (db, config) => {
        const rows = spoolRows(db, parseFilterList('--state', o.state, SPOOL_STATES));
        out(
          o.json
            ? JSON.stringify(rows, null, 2) + '\n'
            : formatRows(rows, ['id', 'receivedAt', 'source', 'size', 'state', 'disposition', 'trackingId', 'holdReason'], {
                times: ['receivedAt'],
                timezone: config.timezone,
                widths: { holdReason: DEFAULTS.cliReasonWidth, source: DEFAULTS.cliNameWidth },
              }),
        );
      });
    });

  const outbox = program.command('outbox').description('the outbox: every mail sectriage sends');
  outbox
    .command('list')
    .description('list outgoing mail and its delivery state')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <states>', 'queued, sending, sent, failed or uncertain (comma-separated)')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; json?: boolean }) => {
      withReadOnlyDb(o.config, (db, config) => {
        const rows = outboxRows(db, parseFilterList('--state', o.state, OUTBOX_STATES));
        out(
          o.json
            ? JSON.stringify(rows, null, 2) + '\n'
            : formatRows(rows, ['id', 'kind', 'state', 'to', 'trackingId', 'attempts', 'queuedAt', 'nextAttemptAt', 'sentAt', 'lastError'], {
                times: ['queuedAt', 'nextAttemptAt', 'sentAt'],
                timezone: config.timezone,
                widths: { to: DEFAULTS.cliNameWidth, lastError: DEFAULTS.cliTextWidth },
              }),
        );
      });
    });
  outbox
    .command('retry')
    .description('send a failed or uncertain mail again (same bytes, same Message-ID) on the next run')
    .argument('<id>', 'outbox row id (see outbox list)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--as <member>', 'the team member acting (checked against config team:; default: the sudo user, else the Unix user)')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .action((id: string, o: { config: string; now?: string; as?: string }) => {
      if (!/^\d+$/.test(id)) throw new SectriageError('USAGE', `outbox retry: "${id}" is not a row id`);
      const config = loadConfig(o.config);
      const actor = cliActor(config.team, o.as);
      const now = recordingClockAt(o.now, 'outbox retry')();
      const db = openDatabase(config.database);
      try {
        retryOutbox(db, Number(id), now, actor);
        out(`outbox row ${id} queued again\n`);
      } finally {
        db.close();
      }
    });

  program
    .command('migrate')
    .description('bring the database schema up to date (run also happens at every start)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .action((o: { config: string }) => {
      const db = openDatabase(loadConfig(o.config).database, { migrate: false });
      try {
        const applied = migrate(db);
        out(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      } finally {
        db.close();
      }
    });
}
