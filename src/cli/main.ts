/**
 * The `sectriage` command line. Parses arguments (commander), runs one command and
 * returns its exit status; errors print as one line with their code, never a stack
 * (set SECTRIAGE_DEBUG=1 for the stack). Output for people goes to stdout; logs go
 * to stderr. Each command lives in the module that registers it.
 */
import { Command, CommanderError } from 'commander';
import { SectriageError, describeError } from '../errors.js';
import { registerCaseCommands } from './case-commands.js';
import { registerCaseViews } from './case-views.js';
import { DEFAULT_CONFIG } from './common.js';
import { registerDeadlineCommands } from './deadline-commands.js';
import { registerKeysCommands } from './keys-commands.js';
import { registerOpsCommands } from './ops-commands.js';
import { registerQueueCommands } from './queue-commands.js';
import { registerRequeueCommand } from './requeue-command.js';
import { registerRunCommands } from './run-commands.js';

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
  if (e.code.startsWith('CONFIG') || e.code.startsWith('KEY') || e.code === 'SECRET_MISSING' || e.code === 'FILE_PERMISSIONS' || e.code === 'DB_TOO_NEW')
    return EX_CONFIG;
  return e.temporary ? EX_TEMPFAIL : 1;
}

export function buildProgram(): Command {
  const program = new Command('sectriage')
    .description('Runs a security@ inbox: PGP intake, cases, tracking-ID replies and deadlines.')
    .showHelpAfterError()
    .exitOverride();

  registerRunCommands(program);
  registerCaseViews(program);
  registerQueueCommands(program);
  registerRequeueCommand(program, DEFAULT_CONFIG);
  registerKeysCommands(program, DEFAULT_CONFIG);

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
