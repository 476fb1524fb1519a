/**
 * `sectriage cases ack|state|assign|note|reply|merge|set`: the team working a case
 * from the host's shell. Each command opens the database, makes its change and its
 * events (actor cli:<unix user>) in one transaction, and prints one line per change.
 * Mail the change causes (a reply, the reporter's status notice) is queued in the
 * outbox in that transaction; the daemon sends it on its next round. Arguments are
 * the operator's: checked for form (lifecycle.ts), errors say what is allowed.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { acknowledge, addNote, assign, requestState, loadCase, mergeInto, replyToReporter, setCve, setEmbargo, setFlag, setSeverity, type ActionContext } from '../cases/actions/actions.js';
import { parseCve, parseCvssVector, parseEmbargo, parseFlag, parseResolution, parseSeverity, parseState, resolveAssignee, severityFromCvss } from '../cases/model/lifecycle.js';
import { loadConfig, type Config } from '../config/load.js';
import { clockAt, teamAddressOf } from '../daemon/app.js';
import { openDatabase, type Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { loadPolicy } from '../policy/load.js';

const DEFAULT_CONFIG = process.env.SECTRIAGE_CONFIG ?? '/etc/sectriage/sectriage.yaml';

interface Common {
  config: string;
  now?: string;
}

function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : `${s}\n`);
}

/** Runs `fn` in one write transaction with the action context of the calling Unix user. */
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
      now: clockAt(o.now)(),
      actor: `cli:${userInfo().username}`,
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
  c.option('-c, --config <file>', 'config file', DEFAULT_CONFIG).option('--now <iso>', 'act as if it were this instant (tests, previews)');

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

function noticeLine(ctx: ActionContext, caseId: number, since: number): string {
  const q = ctx.db.prepare("SELECT data FROM events WHERE case_id = ? AND type = 'reporter_notice_queued' AND id > ?").get(caseId, since) as { data: string } | undefined;
  if (!q) return '';
  return JSON.parse(q.data).encrypted ? ' (the reporter is told, encrypted)' : ' (the reporter is told, in plain mail: we hold no key for them)';
}

const lastEventId = (db: Db): number => (db.prepare('SELECT coalesce(max(id), 0) AS n FROM events').get() as { n: number }).n;

export function registerCaseCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'cases') ?? program.command('cases').description('look at and work on cases');
  cases.description('look at and work on cases');

  common(cases.command('ack').description('acknowledge a case: a human on the team has looked at it').argument('<id>', 'tracking ID')).action((id: string, o: Common) => {
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      out(acknowledge(ctx, c) ? `${c.tracking_id}: acknowledged` : `${c.tracking_id}: already acknowledged at ${c.acknowledged_at}`);
    });
  });

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
  ).action((id: string, state: string, o: Common & { note?: string; resolution?: string; duplicateOf?: string; reopenTo?: string }) => {
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      const before = lastEventId(ctx.db);
      const reopen = state.trim().toLowerCase() === 'reopen';
      const r = requestState(ctx, c, {
        to: reopen ? 'reopen' : parseState(state),
        ...(o.reopenTo ? { reopenTo: parseState(o.reopenTo) } : {}),
        ...(o.resolution ? { resolution: parseResolution(o.resolution) } : {}),
        ...(o.duplicateOf ? { duplicateOf: o.duplicateOf } : {}),
        ...(o.note ? { note: o.note } : {}),
      });
      out(`${c.tracking_id}: ${r.from} -> ${r.to}${o.resolution ? ` (${parseResolution(o.resolution)})` : ''}${noticeLine(ctx, c.id, before)}`);
    });
  });

  common(cases.command('assign').description('assign a case to a team member (config team:), or "none"').argument('<id>', 'tracking ID').argument('<name>', 'team member name')).action(
    (id: string, name: string, o: Common) => {
      withCase(o, (ctx, config) => {
        const c = loadCase(ctx.db, id);
        const member = resolveAssignee(name, config.team);
        assign(ctx, c, member);
        out(`${c.tracking_id}: assigned to ${member ?? 'nobody'}`);
      });
    },
  );

  common(cases.command('note').description('add a note to the event log').argument('<id>', 'tracking ID').argument('<text...>', 'the note')).action((id: string, text: string[], o: Common) => {
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      addNote(ctx, c, text.join(' '));
      out(`${c.tracking_id}: note added`);
    });
  });

  common(
    cases
      .command('reply')
      .description("reply to the reporter through the outbox: threaded, PGP/MIME-encrypted to their pinned key")
      .argument('<id>', 'tracking ID')
      .requiredOption('--file <file>', 'the text of the reply ("-" reads standard input)')
      .option('--allow-plain', 'send it even though we hold no key for the reporter (the text then travels unencrypted)'),
  ).action((id: string, o: Common & { file: string; allowPlain?: boolean }) => {
    let text: string;
    try {
      text = readFileSync(o.file === '-' ? 0 : o.file, 'utf8');
    } catch (cause) {
      throw new SectriageError('USAGE', `cannot read ${o.file}: ${(cause as Error).message}`, { cause });
    }
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      const r = replyToReporter(ctx, c, text, { allowPlain: Boolean(o.allowPlain) });
      out(`${c.tracking_id}: reply to ${c.reporter_email} queued as outbox row ${r.outboxId} (${r.encrypted ? 'encrypted' : 'NOT encrypted'}); the daemon sends it`);
    });
  });

  common(
    cases
      .command('merge')
      .description('close a case as a duplicate of another; its reporter is credited on the other')
      .argument('<id>', 'the duplicate')
      .requiredOption('--into <id>', 'the case it duplicates')
      .option('--note <text>', 'why'),
  ).action((id: string, o: Common & { into: string; note?: string }) => {
    withCase(o, (ctx) => {
      const source = loadCase(ctx.db, id);
      const target = loadCase(ctx.db, o.into);
      const before = lastEventId(ctx.db);
      mergeInto(ctx, source, target, o.note);
      out(`${source.tracking_id}: closed as a duplicate of ${target.tracking_id}; ${source.reporter_email} credited there${noticeLine(ctx, source.id, before)}`);
    });
  });

  common(
    cases
      .command('set')
      .description('set severity, CVSS vector, CVE id, flags or the embargo date')
      .argument('<id>', 'tracking ID')
      .option('--severity <s>', 'critical, high, medium, low, none')
      .option('--cvss <vector>', 'a complete CVSS 3.x/4.0 vector; alone, it sets the severity it scores to')
      .option('--cve <id>', 'CVE-YYYY-NNNN, or none')
      .option('--flag <flag>', 'set a flag: exploited, public, on_hold (repeatable)', collect)
      .option('--unflag <flag>', 'clear a flag (repeatable)', collect)
      .option('--embargo <date>', 'embargo end date YYYY-MM-DD, or none'),
  ).action((id: string, o: Common & { severity?: string; cvss?: string; cve?: string; flag?: string[]; unflag?: string[]; embargo?: string }) => {
    if (!o.severity && !o.cvss && !o.cve && !o.flag && !o.unflag && o.embargo === undefined) throw new SectriageError('USAGE', 'cases set: give at least one of --severity, --cvss, --cve, --flag, --unflag, --embargo');
    // Check every value before changing anything: one bad option changes nothing.
    const severity = o.severity ? parseSeverity(o.severity) : undefined;
    const cvss = o.cvss ? parseCvssVector(o.cvss) : undefined;
    const cve = o.cve === undefined ? undefined : o.cve.toLowerCase() === 'none' ? null : parseCve(o.cve);
    const flags = [...(o.flag ?? []).map((f) => [parseFlag(f), true] as const), ...(o.unflag ?? []).map((f) => [parseFlag(f), false] as const)];
    const embargo = o.embargo === undefined ? undefined : parseEmbargo(o.embargo);
    withCase(o, (ctx) => {
      const c = loadCase(ctx.db, id);
      const done: string[] = [];
      if (severity !== undefined || cvss !== undefined) {
        const set = severity ?? (cvss ? severityFromCvss(cvss) : (c.severity as ReturnType<typeof parseSeverity> | null));
        setSeverity(ctx, c, set, cvss);
        done.push(`severity ${set ?? '-'}${cvss ? ` (${cvss})` : ''}`);
      }
      if (cve !== undefined) (setCve(ctx, c, cve), done.push(`CVE ${cve ?? 'none'}`));
      for (const [flag, value] of flags) done.push(`${flag} ${setFlag(ctx, loadCase(ctx.db, c.tracking_id), flag, value) ? (value ? 'set' : 'cleared') : value ? 'already set' : 'already clear'}`);
      if (embargo !== undefined) done.push(`embargo ${setEmbargo(ctx, loadCase(ctx.db, c.tracking_id), embargo) ? (embargo ?? 'lifted') : 'unchanged'}`);
      out(`${c.tracking_id}: ${done.join(', ')}`);
    });
  });
}
