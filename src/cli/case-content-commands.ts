/**
 * `sectriage cases search TEXT` and `sectriage cases attachment ID [N] --out DIR`: the
 * team reading a case's decrypted content from the shell. Both leave a case_viewed event
 * (actor: the person, see actor.ts) on each case they show, as the console does.
 * Attachment names are the reporter's: only a safe basename is used, prefixed with the
 * attachment's number; nothing is overwritten; the bytes are checked against the sha256
 * recorded when the mail came in before they are written. Search output is escaped
 * (safe-text.ts): report subjects are untrusted.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadCase, searchCases } from '../cases/actions/index.js';
import { recordCaseView } from '../cases/actions/views.js';
import type { ActionContext } from '../cases/actions/context.js';
import { caseAttachments } from '../cases/store/console.js';
import { attachmentContent } from '../cases/store/messages.js';
import { loadConfig } from '../config/load.js';
import { teamAddressOf } from '../daemon/app.js';
import { openDatabase } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { cliActor } from './actor.js';
import { DEFAULT_CONFIG, out } from './common.js';
import { safeText } from './safe-text.js';

interface Opts {
  config: string;
  as?: string;
}

function withActor<T>(o: Opts, fn: (ctx: ActionContext) => T): T {
  const config = loadConfig(o.config);
  const actor = cliActor(config.team, o.as);
  const db = openDatabase(config.database);
  try {
    const ctx: ActionContext = { db, now: new Date(), actor, reporterNotices: [], teamAddress: teamAddressOf(config.smtp.from), timezone: config.timezone };
    return db.transaction(() => fn(ctx)).immediate();
  } finally {
    db.close();
  }
}

/** The file name an attachment is written as: its number and a safe basename of the reporter's name. */
export function attachmentFileName(n: number, filename: string | null): string {
  const base = (filename ?? '')
    .split(/[\\/]/)
    .pop()!
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 100);
  return `${n}-${base || 'attachment'}`;
}

function writeAttachments(id: string, n: string | undefined, o: Opts & { out: string }): void {
  const dir = resolve(o.out);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SectriageError('USAGE', `--out: ${dir} is not a folder`);
  if (n !== undefined && !/^\d{1,6}$/.test(n)) throw new SectriageError('USAGE', `"${n}" is not an attachment number (see cases show)`);
  const lines = withActor(o, (ctx) => {
    const c = loadCase(ctx.db, id);
    const all = caseAttachments(ctx.db, c.id);
    if (!all.length) throw new SectriageError('USAGE', `${c.tracking_id} has no attachments`);
    const picked = n === undefined ? all.map((a, i) => ({ a, n: i + 1 })) : [{ a: all[Number(n) - 1], n: Number(n) }];
    if (!picked[0]?.a) throw new SectriageError('USAGE', `${c.tracking_id} has ${all.length} attachment(s): choose 1 to ${all.length}`);
    return picked.map(({ a, n: k }) => {
      const info = a!;
      const bytes = attachmentContent(ctx.db, info.id);
      const sha = bytes && createHash('sha256').update(bytes).digest('hex');
      if (!bytes || sha !== info.sha256)
        throw new SectriageError('AUDIT_FAILED', `attachment ${k} of ${c.tracking_id} does not match the sha256 recorded when it came in: not written`);
      const file = join(dir, attachmentFileName(k, info.filename));
      let fd: number;
      try {
        fd = openSync(file, 'wx', 0o600);
      } catch (cause) {
        throw new SectriageError('USAGE', `${file} exists: nothing is overwritten; choose another --out`, { cause });
      }
      try {
        writeSync(fd, bytes);
      } finally {
        closeSync(fd);
      }
      recordCaseView(ctx, c, 'attachment', info.id);
      return `${file}: ${bytes.length} bytes, sha256 ${sha} (as received)`;
    });
  });
  out(lines.join('\n') + '\n');
}

function search(words: string[], o: Opts & { json?: boolean; limit?: string }): void {
  const limit = o.limit === undefined ? DEFAULTS.caseSearchMaxHits : Number(o.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new SectriageError('USAGE', `--limit: "${o.limit}" is not a positive number`);
  const query = words.join(' ');
  const hits = withActor(o, (ctx) => searchCases(ctx, query, limit));
  if (o.json)
    return out(
      JSON.stringify(
        hits.map(({ caseId: _, ...h }) => h),
        null,
        2,
      ) + '\n',
    );
  if (!hits.length) return out('No cases.\n');
  out(
    hits
      .map(
        (h) =>
          `${h.trackingId}  ${h.state.padEnd(12)}  ${String(h.score).padStart(6)}  ${safeText(h.subject ?? '(no subject)').slice(0, 70)}  [${h.where.join(', ')}]`,
      )
      .join('\n') + '\n',
  );
}

export function registerCaseContentCommands(program: Command): void {
  const cases = program.commands.find((c) => c.name() === 'cases') ?? program.command('cases').description('look at and work on cases');
  const actor = '--as <member>';
  const actorHelp = 'the team member reading (checked against config team:; default: the sudo user, else the Unix user)';
  cases
    .command('search')
    .description("search the cases' decrypted content (subject, report fields, messages), best first; each case found records that you saw it")
    .argument('<words...>', 'every word must occur (word prefixes; case and accents ignored)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option(actor, actorHelp)
    .option('--limit <n>', `at most this many cases (default ${DEFAULTS.caseSearchMaxHits})`)
    .option('--json', 'print JSON')
    .action((words: string[], o: Opts & { json?: boolean; limit?: string }) => search(words, o));
  cases
    .command('attachment')
    .description("write a case's attachments (or attachment N, as cases show numbers them) into a folder, checked against their sha256")
    .argument('<id>', 'tracking ID')
    .argument('[n]', 'the attachment number (default: all)')
    .requiredOption('--out <dir>', 'the folder to write into (nothing is overwritten)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option(actor, actorHelp)
    .action((id: string, n: string | undefined, o: Opts & { out: string }) => writeAttachments(id, n, o));
}
