/**
 * `sectriage cases ack|state|assign|note|reply|merge|set`: the team working a case
 * from the host's shell. Each command opens the database, makes its change and its
 * events (actor cli:<person>: --as, SUDO_USER or the Unix user, see actor.ts) in one transaction, and prints one line per change.
 * Mail the change causes (a reply, the reporter's status notice) is queued in the
 * outbox in that transaction; the daemon sends it on its next round. Arguments are
 * the operator's: checked for form (lifecycle.ts), errors say what is allowed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { dismissAttention, loadCase, runCaseCommand, type ActionContext } from '../cases/actions/index.js';
import type { CaseCommand } from '../cases/model/commands.js';
import { parseCve, parseCvssVector, parseEmbargo, parseFlag, parseResolution, parseSeverity, parseState } from '../cases/model/lifecycle.js';
import { loadConfig, type Config } from '../config/load.js';
import { teamAddressOf } from '../daemon/app.js';
import { openDatabase, type Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';
import { recordingClockAt } from '../util/clock.js';
import { cliActor } from './actor.js';
import { addAdvisoryOptions, advisoryCommands, hasAdvisoryOptions, type AdvisoryOptions } from './advisory-options.js';
import { DEFAULT_CONFIG } from './common.js';

interface Common {
  config: string;
  now?: string;
  as?: string;
}

function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** Runs the commands on one case in one write transaction, as the calling person (actor.ts); prints "ID: what each did". */
function run(id: string, o: Common, commands: CaseCommand[]): void {
  withCase(o, (ctx, config) => {
    const lines = commands.map((cmd) => runCaseCommand(ctx, id, cmd, { team: config.team }));
    out(`${id.trim().toUpperCase()}: ${lines.join(', ')}`);
  });
}

/** Runs `fn` in one write transaction with the action context of the calling person (--as, SUDO_USER or the Unix user). */
function withCase<T>(o: Common, fn: (ctx: ActionContext, config: Config) => T): T {
  const config = loadConfig(o.config);
  const policy = loadPolicy(config.policy, dirname(config.file));
  // root writing to the service's database would leave root-owned -wal/-shm files
  // that the service then cannot open.
  if (process.getuid?.() === 0 && existsSync(config.database) && statSync(config.database).uid !== 0) {
    throw new SectriageError('USAGE', `the database belongs to uid ${statSync(config.database).uid}: run this as that user (sudo -u sectriage sectriage ...)`);
  }
  const db: Db = openDatabase(config.database);
  try {
    const ctx: ActionContext = {
      db,
      now: recordingClockAt(o.now, 'cases')(),
      actor: cliActor(config.team, o.as),
      reporterNotices: policy.reporterNotices,
      teamAddress: teamAddressOf(config.smtp.from),
      timezone: config.timezone,
    };
    return db.transaction(() => fn(ctx, config)).immediate();
  } finally {
    db.close();
  }
}

const common = (c: Command): Command =>
  c
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--as <member>', 'the team member acting (checked against config team:; default: the sudo user, else the Unix user)')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant');

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

export function registerCaseCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'cases') ?? program.command('cases').description('look at and work on cases');
  cases.description('look at and work on cases');

  common(cases.command('ack').description('acknowledge a case: a human on the team has looked at it').argument('<id>', 'tracking ID')).action(
    (id: string, o: Common) => run(id, o, [{ name: 'ack' }]),
  );

  common(
    cases
      .command('state')
      .description('move a case to another state; "closed" needs --resolution; "reopen" reopens a closed case')
      .argument('<id>', 'tracking ID')
      .argument('<state>', 'received, needs_info, triaged, fixing, fix_released, disclosed, closed, or reopen')
      .option('--note <text>', 'why (kept in the event log)')
      .option('--resolution <r>', 'when closing: resolved, duplicate, informative, not_applicable, spam, wont_fix, no_response')
      .option('--duplicate-of <id>', 'with --resolution duplicate: the case this one duplicates')
      .option('--reopen-to <state>', 'with reopen: the state to return to (default triaged)'),
  ).action((id: string, state: string, o: Common & { note?: string; resolution?: string; duplicateOf?: string; reopenTo?: string }) =>
    run(id, o, [
      {
        name: 'state',
        to: state.trim().toLowerCase() === 'reopen' ? 'reopen' : parseState(state),
        ...(o.reopenTo ? { reopenTo: parseState(o.reopenTo) } : {}),
        ...(o.resolution ? { resolution: parseResolution(o.resolution) } : {}),
        ...(o.duplicateOf ? { duplicateOf: o.duplicateOf } : {}),
        ...(o.note ? { note: o.note } : {}),
      },
    ]),
  );

  common(
    cases
      .command('assign')
      .description('assign a case to a team member (config team:), or "none"')
      .argument('<id>', 'tracking ID')
      .argument('<name>', 'team member name'),
  ).action((id: string, member: string, o: Common) => run(id, o, [{ name: 'assign', member }]));

  common(cases.command('note').description('add a note to the event log').argument('<id>', 'tracking ID').argument('<text...>', 'the note')).action(
    (id: string, text: string[], o: Common) => run(id, o, [{ name: 'note', text: text.join(' ') }]),
  );

  common(
    cases
      .command('reply')
      .description('reply to the reporter through the outbox: threaded, PGP/MIME-encrypted to their pinned key')
      .argument('<id>', 'tracking ID')
      .requiredOption('--file <file>', 'the text of the reply ("-" reads standard input)')
      .option('--allow-plain', 'send it even though we hold no key for the reporter (the text then travels unencrypted)'),
  ).action((id: string, o: Common & { file: string; allowPlain?: boolean }) =>
    run(id, o, [{ name: 'reply', text: readText(o.file), plain: Boolean(o.allowPlain) }]),
  );

  common(
    cases
      .command('merge')
      .description('close a case as a duplicate of another; its reporter is credited on the other')
      .argument('<id>', 'the duplicate')
      .requiredOption('--into <id>', 'the case it duplicates')
      .option('--note <text>', 'why'),
  ).action((id: string, o: Common & { into: string; note?: string }) => run(id, o, [{ name: 'merge', into: o.into, ...(o.note ? { note: o.note } : {}) }]));

  common(
    addAdvisoryOptions(
      cases
        .command('set')
        .description('set severity, CVSS vector, CVE id, flags, the embargo date, or what the advisory says')
        .argument('<id>', 'tracking ID')
        .option('--severity <s>', 'critical, high, medium, low, none')
        .option('--cvss <vector>', 'a complete CVSS 3.x/4.0 vector; alone, it sets the severity it scores to')
        .option('--cve <id>', 'CVE-YYYY-NNNN, or none')
        .option('--flag <flag>', 'set a flag: exploited, public, on_hold (repeatable)', collect)
        .option('--unflag <flag>', 'clear a flag (repeatable)', collect)
        .option('--embargo <date>', 'embargo end date YYYY-MM-DD, or none'),
    ),
  ).action((id: string, o: Common & SetOptions) => run(id, o, setCommands(o)));

  registerClearCommand(cases);
}

/** `cases clear`: a member dismisses an attention item once they have looked at it. */
function registerClearCommand(cases: Command): void {
  common(
    cases
      .command('clear')
      .description('dismiss an attention item once you have looked at it (cases show lists them)')
      .argument('<id>', 'tracking ID')
      .argument('<kind>', 'the item: replay, replayed_by_other, undecryptable, partial, protected_from, key_changed, tracking_id_claimed, other')
      .option('--note <text>', 'why (kept in the event log)'),
  ).action((id: string, kind: string, o: Common & { note?: string }) =>
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      dismissAttention(ctx, c, kind.trim().toLowerCase(), o.note);
      out(`${c.tracking_id}: ${kind} attention cleared`);
    }),
  );
}

interface SetOptions extends AdvisoryOptions {
  severity?: string;
  cvss?: string;
  cve?: string;
  flag?: string[];
  unflag?: string[];
  embargo?: string;
}

/** `cases set` options as commands, every value checked before anything changes: one bad option changes nothing. */
function setCommands(o: SetOptions): CaseCommand[] {
  if (!o.severity && !o.cvss && !o.cve && !o.flag && !o.unflag && o.embargo === undefined && !hasAdvisoryOptions(o))
    throw new SectriageError(
      'USAGE',
      'cases set: give at least one of --severity, --cvss, --cve, --flag, --unflag, --embargo, or an advisory option (--help lists them)',
    );
  const cmds: CaseCommand[] = [];
  if (o.severity || o.cvss)
    cmds.push({ name: 'severity', ...(o.severity ? { severity: parseSeverity(o.severity) } : {}), ...(o.cvss ? { cvss: parseCvssVector(o.cvss) } : {}) });
  if (o.cve !== undefined) cmds.push({ name: 'cve', cve: o.cve.toLowerCase() === 'none' ? null : parseCve(o.cve) });
  for (const f of o.flag ?? []) cmds.push({ name: 'flag', flag: parseFlag(f), value: true });
  for (const f of o.unflag ?? []) cmds.push({ name: 'flag', flag: parseFlag(f), value: false });
  if (o.embargo !== undefined) cmds.push({ name: 'embargo', date: parseEmbargo(o.embargo) });
  cmds.push(...advisoryCommands(o));
  return cmds;
}

function readText(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (cause) {
    throw new SectriageError('USAGE', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}
