/**
 * The `sectriage` command line. Parses arguments (commander), runs one command and
 * returns its exit status; errors print as one line with their code, never a stack
 * (set SECTRIAGE_DEBUG=1 for the stack). Output for people goes to stdout; logs go
 * to stderr. Each command lives in the module that registers it.
 */
import { Command, CommanderError } from 'commander';
import { SectriageError, describeError } from '../errors.js';
import { DEFAULT_CONFIG } from './common.js';
import { compileRegexpsAtFirstUse } from '../util/regexp-compile.js';

type Register = (program: Command) => void;

/** The commands that read reports, whose extractor runs its regexes many times (util/regexp-compile.ts); the
 *  others run each a few times, for which interpreting first is cheaper (`cases list`: 11% slower with it). */
const READS_REPORTS = new Set(['run', 'ingest', 'requeue']);

/**
 * Which module registers which top-level command ("cases list": a command and its
 * subcommand), in the order help lists them. A command loads only its own modules, so
 * `cases list` does not load openpgp, mailparser, nodemailer and the pipeline (~0.5 s of
 * a 0.8 s start, issue 11). A name not found here loads every module, so a command
 * missing from this table still works, only slower; a test holds the table to the modules.
 */
export const COMMAND_MODULES: Array<{ commands: readonly string[]; load: () => Promise<Register> }> = [
  { commands: ['run', 'ingest'], load: async () => (await import('./run-commands.js')).registerRunCommands },
  { commands: ['cases', 'cases list', 'cases show'], load: async () => (await import('./case-views.js')).registerCaseViews },
  { commands: ['spool', 'outbox', 'migrate'], load: async () => (await import('./queue-commands.js')).registerQueueCommands },
  {
    commands: ['requeue'],
    load: async () =>
      (
        (m) => (p: Command) =>
          m.registerRequeueCommand(p, DEFAULT_CONFIG)
      )(await import('./requeue-command.js')),
  },
  {
    commands: ['keys', 'security-txt'],
    load: async () =>
      (
        (m) => (p: Command) =>
          m.registerKeysCommands(p, DEFAULT_CONFIG)
      )(await import('./keys-commands.js')),
  },
  { commands: ['cases'], load: async () => (await import('./case-commands.js')).registerCaseCommands },
  { commands: ['cases', 'cases search', 'cases attachment'], load: async () => (await import('./case-content-commands.js')).registerCaseContentCommands },
  { commands: ['audit'], load: async () => (await import('./audit-commands.js')).registerAuditCommands },
  { commands: ['backup', 'doctor'], load: async () => (await import('./ops-commands.js')).registerOpsCommands },
  { commands: ['tick', 'deadlines', 'digest'], load: async () => (await import('./deadline-commands.js')).registerDeadlineCommands },
  { commands: ['web'], load: async () => (await import('./web-command.js')).registerWebCommand },
  { commands: ['advisory'], load: async () => (await import('./advisory-commands.js')).registerAdvisoryCommands },
  { commands: ['cve'], load: async () => (await import('./cve-commands.js')).registerCveCommands },
];

/** The modules `argv` needs: those of its command and subcommand ("cases list"), else of its command, else all. */
function modulesFor(argv: string[]): typeof COMMAND_MODULES {
  const [command, sub] = argv.slice(2);
  for (const name of [`${command} ${sub}`, `${command}`]) {
    const found = COMMAND_MODULES.filter((m) => m.commands.includes(name));
    if (found.length) return found;
  }
  return COMMAND_MODULES;
}

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
  if (
    e.code.startsWith('CONFIG') ||
    e.code.startsWith('KEY') ||
    e.code === 'SEAL_KEY_MISSING' ||
    e.code === 'SECRET_MISSING' ||
    e.code === 'FILE_PERMISSIONS' ||
    e.code === 'DB_TOO_NEW'
  )
    return EX_CONFIG;
  return e.temporary ? EX_TEMPFAIL : 1;
}

/** The program with the commands `argv` needs registered (all of them without `argv`). */
export async function buildProgram(argv?: string[]): Promise<Command> {
  const program = new Command('sectriage')
    .description('Runs a security@ inbox: PGP intake, cases, tracking-ID replies and deadlines.')
    .showHelpAfterError()
    .exitOverride();
  for (const m of argv ? modulesFor(argv) : COMMAND_MODULES) (await m.load())(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  if (READS_REPORTS.has(argv[2] ?? '')) compileRegexpsAtFirstUse();
  // A drain's open workers load beside the command's own modules, not after them (open-prestart.ts). Imported
  // here only: node:worker_threads would cost every other command's start a few ms.
  if (argv[2] === 'run' && argv.includes('--once')) (await import('../pipeline/open-prestart.js')).prestartOpenWorkers();
  try {
    await (await buildProgram(argv)).parseAsync(argv);
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
