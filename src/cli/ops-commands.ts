/**
 * Operations commands: `backup --to FILE` (an online, consistent copy) and `doctor` (is
 * this installation able to run). Each exits 0 only when all is well; a failure says
 * what to do. (`audit` is in audit-commands.ts.)
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { clockAt } from '../daemon/app.js';
import { statSync } from 'node:fs';
import { openDatabase, openDatabaseReadOnly } from '../db/open.js';
import { markNow } from '../db/settings.js';
import { SectriageError } from '../errors.js';
import { backupDatabase } from '../ops/backup.js';
import { runDoctor, formatChecks } from '../ops/doctor.js';
import { DEFAULT_CONFIG, out } from './common.js';

export function registerOpsCommands(program: Command): void {
  program
    .command('backup')
    .description('copy the database, online and consistent, to a new file (mode 0600; never overwrites)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .requiredOption('--to <file>', 'the backup file to create')
    .action(async (o: { config: string; to: string }) => {
      const db = openDatabaseReadOnly(loadConfig(o.config).database);
      try {
        const r = await backupDatabase(db, o.to);
        recordBackup(loadConfig(o.config).database);
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

/**
 * Notes the backup in the database (metrics: sectriage_last_backup_timestamp_seconds).
 * Skipped when root runs it on the service's database: root-owned -wal/-shm files would
 * lock the service out; the backup itself stands.
 */
function recordBackup(database: string): void {
  if (process.getuid?.() === 0 && statSync(database).uid !== 0) return;
  const db = openDatabase(database);
  try {
    markNow(db, 'last_backup_ok', new Date());
  } finally {
    db.close();
  }
}
