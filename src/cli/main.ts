/**
 * The `sectriage` command line. Parses arguments (commander), runs one command and
 * returns its exit status; errors print as one line with their code, never a stack
 * (set SECTRIAGE_DEBUG=1 for the stack). Output for people goes to stdout; logs go
 * to stderr.
 */
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/load.js';
import { caseDetail, listCases } from '../cases/store/queries.js';
import { getCase } from '../cases/store/cases.js';
import { openDatabase, openDatabaseReadOnly, type Db } from '../db/open.js';
import { migrate } from '../db/migrate.js';
import { SectriageError, describeError } from '../errors.js';
import { clockAt, openApp } from '../daemon/app.js';
import { createLogger } from '../log.js';
import { runForever, runOnce } from '../daemon/run.js';
import { processSpool } from '../pipeline/process.js';
import { drainOutbox } from '../send/sender.js';
import { ingestStream } from '../sources/stdin.js';
import { formatDeadlines, registerDeadlineCommands } from './deadline-commands.js';
import { formatCase, formatList } from './format.js';
import { registerCaseCommands } from './case-commands.js';
import { registerOpsCommands } from './ops-commands.js';
import { policyResolver, loadPolicy } from '../policy/load.js';
import { dirname } from 'node:path';
import { formatRows, outboxRows, retryOutbox, spoolRows } from './ops.js';
import { registerRequeueCommand } from './requeue-command.js';
import { registerKeysCommands } from './keys-commands.js';
import { computeDeadlines } from '../deadlines/engine.js';
import { caseEvents } from '../cases/store/event-log.js';

const DEFAULT_CONFIG = process.env.SECTRIAGE_CONFIG ?? '/etc/sectriage/sectriage.yaml';

/** sysexits.h: what an MTA pipe understands. */
const EX_USAGE = 64;
const EX_DATAERR = 65;
const EX_CONFIG = 78;
const EX_TEMPFAIL = 75;

function exitCodeFor(e: unknown): number {
  if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EX_USAGE;
  if (!(e instanceof SectriageError)) return 1;
  if (e.code === 'USAGE') return EX_USAGE;
  if (e.code === 'CASE_NOT_FOUND') return EX_DATAERR;
  if (e.code.startsWith('CONFIG') || e.code.startsWith('KEY') || e.code === 'SECRET_MISSING' || e.code === 'FILE_PERMISSIONS' || e.code === 'DB_TOO_NEW') return EX_CONFIG;
  return e.temporary ? EX_TEMPFAIL : 1;
}

function out(s: string): void {
  process.stdout.write(s);
}

/** For commands that only look: the database opened read-only, closed afterwards. */
function withReadOnlyDb(configFile: string, fn: (db: Db) => void): void {
  const db = openDatabaseReadOnly(loadConfig(configFile).database);
  try {
    fn(db);
  } finally {
    db.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('sectriage')
    .description('Runs a security@ inbox: PGP intake, cases, tracking-ID replies and deadlines.')
    .showHelpAfterError()
    .exitOverride();

  program
    .command('run')
    .description('run the daemon: read sources, process reports, send replies')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--once', 'drain what is waiting (sources, spool, outbox) and exit')
    .option('--now <iso>', 'act as if it were this instant (tests, previews)')
    .action(async (o: { config: string; once?: boolean; now?: string }) => {
      const app = await openApp(o.config, o.now ? { now: o.now } : {});
      try {
        if (o.once) {
          const s = await runOnce(app);
          app.log.info(s, 'run --once finished');
          if (s.imapError) throw new SectriageError('IMAP', `the mailbox could not be read (everything else ran): ${s.imapError}`);
        } else {
          await runForever(app);
        }
      } finally {
        app.close();
      }
    });

  program
    .command('ingest')
    .description('take one message from standard input (an MTA pipe), then process it')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'act as if it were this instant')
    .option('--no-process', 'only spool the message; the daemon processes it')
    .action(async (o: { config: string; now?: string; process: boolean }) => {
      // Until the spool commit the MTA still holds the message: any failure up to there
      // (config, database, disk) must make it retry (exit 75), never bounce the report.
      let spooled: Awaited<ReturnType<typeof ingestStream>>;
      try {
        const config = loadConfig(o.config);
        const now = clockAt(o.now);
        const db = openDatabase(config.database);
        try {
          spooled = await ingestStream(process.stdin, { db, limits: config.limits, heldDir: config.heldDir, now });
        } finally {
          db.close();
        }
      } catch (cause) {
        throw new SectriageError('SPOOL_UNAVAILABLE', `message not taken, the MTA should retry: ${describeError(cause)}`, { cause });
      }
      // From here on the message is ours: whatever happens, the MTA must not send it again.
      const log = createLogger();
      log.info({ spoolId: spooled.id, duplicate: spooled.duplicate, tooLarge: spooled.tooLarge }, 'message spooled');
      if (!o.process) return;
      try {
        const app = await openApp(o.config, o.now ? { now: o.now, log } : { log });
        try {
          await processSpool(app);
          await drainOutbox({ db: app.db, transport: app.transport, render: app.render, log: app.log, now: app.now });
        } finally {
          app.close();
        }
      } catch (e) {
        log.error({ spoolId: spooled.id, err: describeError(e) }, 'message spooled but not processed yet; the daemon will process it');
      }
    });

  const cases = program.command('cases').description('look at cases');
  cases
    .command('list')
    .description('list cases')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <state>', 'only cases in this state')
    .option('--assignee <name>', 'only cases assigned to this team member')
    .option('--overdue', 'only cases with a policy milestone past due and not met')
    .option('--now <iso>', 'with --overdue: the time to judge by (default now)')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; assignee?: string; overdue?: boolean; now?: string; json?: boolean }) => {
      const config = loadConfig(o.config);
      const overdue = o.overdue ? { policyFor: policyResolver(loadPolicy(config.policy, dirname(config.file)), dirname(config.file)), now: clockAt(o.now)() } : undefined;
      withReadOnlyDb(o.config, (db) => {
        const items = listCases(db, { state: o.state, assignee: o.assignee, overdue });
        out(o.json ? JSON.stringify(items, null, 2) + '\n' : formatList(items));
      });
    });
  cases
    .command('show')
    .description('show one case: report fields, deadlines, the thread, attachments and the event log')
    .argument('<id>', 'tracking ID')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'judge the deadlines as of this instant (default: now)')
    .option('--json', 'print JSON')
    .action((id: string, o: { config: string; now?: string; json?: boolean }) => {
      const config = loadConfig(o.config);
      const dir = dirname(config.file);
      const now = clockAt(o.now)();
      withReadOnlyDb(o.config, (db) => {
        const c = getCase(db, id);
        if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${id}`);
        const d = caseDetail(db, c);
        const policy = policyResolver(loadPolicy(config.policy, dir), dir)(c.policy);
        const deadlines = computeDeadlines(caseEvents(db, c.id), policy, now);
        out(o.json ? JSON.stringify({ ...d, deadlines }, null, 2) + '\n' : `${formatCase(d)}\n${formatDeadlines(c.tracking_id, policy.title, deadlines, now, config.timezone)}`);
      });
    });

  const spool = program.command('spool').description('the spool: every message taken in');
  spool
    .command('list')
    .description('list spool entries (held ones show why)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <state>', 'incoming, done or held')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; json?: boolean }) => {
      withReadOnlyDb(o.config, (db) => {
        const rows = spoolRows(db, o.state);
        out(o.json ? JSON.stringify(rows, null, 2) + '\n' : formatRows(rows, ['id', 'receivedAt', 'source', 'size', 'state', 'disposition', 'trackingId', 'holdReason']));
      });
    });

  const outbox = program.command('outbox').description('the outbox: every mail sectriage sends');
  outbox
    .command('list')
    .description('list outgoing mail and its delivery state')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--state <state>', 'queued, sending, sent, failed or uncertain')
    .option('--json', 'print JSON')
    .action((o: { config: string; state?: string; json?: boolean }) => {
      withReadOnlyDb(o.config, (db) => {
        const rows = outboxRows(db, o.state);
        out(o.json ? JSON.stringify(rows, null, 2) + '\n' : formatRows(rows, ['id', 'kind', 'state', 'to', 'trackingId', 'attempts', 'lastError']));
      });
    });
  outbox
    .command('retry')
    .description('send a failed or uncertain mail again (same bytes, same Message-ID) on the next run')
    .argument('<id>', 'outbox row id (see outbox list)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'act as if it were this instant')
    .action((id: string, o: { config: string; now?: string }) => {
      if (!/^\d+$/.test(id)) throw new SectriageError('USAGE', `outbox retry: "${id}" is not a row id`);
      const db = openDatabase(loadConfig(o.config).database);
      try {
        retryOutbox(db, Number(id), clockAt(o.now)());
        out(`outbox row ${id} queued again\n`);
      } finally {
        db.close();
      }
    });

  registerRequeueCommand(program, DEFAULT_CONFIG);
  registerKeysCommands(program, DEFAULT_CONFIG);

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

  registerCaseCommands(program);
  registerOpsCommands(program);
  registerDeadlineCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    // A command that ran but found something wrong (requeue: some still held) sets it.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    const code = exitCodeFor(e);
    if (e instanceof CommanderError) return code;
    process.stderr.write(`sectriage: ${describeError(e)}\n`);
    if (process.env.SECTRIAGE_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return code;
  }
}
