/**
 * Operations commands: `audit verify` (the hash-chained event log is whole),
 * `backup --to FILE` (an online, consistent copy) and `doctor` (is this installation
 * able to run). Each exits 0 only when all is well; a failure says what to do.
 */
import type { Command } from 'commander';
import Database from 'better-sqlite3';
import { chainHead, eventSummary, verifyEventChain } from '../cases/store/event-log.js';
import { loadConfig } from '../config/load.js';
import { clockAt } from '../daemon/app.js';
import { openDatabaseReadOnly } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { backupDatabase } from '../ops/backup.js';
import { runDoctor, formatChecks } from '../ops/doctor.js';
import { DEFAULT_CONFIG, out } from './common.js';

export function registerOpsCommands(program: Command): void {
  const audit = program.command('audit').description('check the event log');
  audit
    .command('verify')
    .description('walk the hash chain of the event log; exit 1 and name the first broken event if it was changed')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--database <file>', 'check this database file (a backup) instead of the configured one')
    .action((o: { config: string; database?: string }) => {
      const db = o.database ? new Database(o.database, { readonly: true, fileMustExist: true }) : openDatabaseReadOnly(loadConfig(o.config).database);
      try {
        const r = verifyEventChain(db);
        if (r.ok) {
          const head = chainHead(db) ?? { id: 0, hash: '-' };
          // The head hash is what an operator records elsewhere: cutting events off the
          // end keeps the chain valid, but not this hash at this count.
          out(`event log intact: ${r.count} events, head ${head.hash} (event ${head.id})\n`);
          return;
        }
        const e = eventSummary(db, r.brokenAt);
        out(
          `event log BROKEN at event ${r.brokenAt}${e ? ` (${e.trackingId ?? '?'} ${e.at} ${e.actor} ${e.type})` : ''}: it, or the one before it, was changed or removed\n`,
        );
        throw new SectriageError('AUDIT_FAILED', `the event log was tampered with at event ${r.brokenAt}; restore a backup that verifies and compare`);
      } finally {
        db.close();
      }
    });

  program
    .command('backup')
    .description('copy the database, online and consistent, to a new file (mode 0600; never overwrites)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .requiredOption('--to <file>', 'the backup file to create')
    .action(async (o: { config: string; to: string }) => {
      const db = openDatabaseReadOnly(loadConfig(o.config).database);
      try {
        const r = await backupDatabase(db, o.to);
        out(`backup written to ${r.file}: ${r.bytes} bytes, schema ${r.schema}, ${r.cases} cases, ${r.events} events (chain verified)\n`);
      } finally {
        db.close();
      }
    });

  program
    .command('doctor')
    .description('check config, file permissions, keys, database, IMAP and SMTP; exit 0 only if all pass')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'judge key expiry at this instant')
    .option('--json', 'print JSON')
    .action(async (o: { config: string; now?: string; json?: boolean }) => {
      const checks = await runDoctor(o.config, clockAt(o.now)());
      out(o.json ? JSON.stringify(checks, null, 2) + '\n' : formatChecks(checks));
      const failed = checks.filter((c) => c.status === 'fail');
      if (failed.length) throw new SectriageError('DOCTOR_FAILED', `${failed.length} check(s) failed: ${failed.map((c) => c.name).join(', ')}`);
    });
}
