/**
 * Reads the commands in the signed text of a team member's mail: one per line,
 * starting with "/" at the start of a line. Everything else (greetings, the quoted
 * reminder, the signature) is ignored, except that quoted lines (">") never count as
 * commands, so quoting an earlier command mail does not run it again. `/reply` takes
 * every following line, up to a line "/end" or the end of the text (a trailing "-- "
 * signature block is cut off). Pure; the text is the member's, already verified as
 * signed by them, but still checked for form: one bad line refuses the whole mail.
 */
import { parseCve, parseCvssVector, parseEmbargo, parseFlag, parseResolution, parseSeverity, parseState } from '../cases/model/lifecycle.js';
import type { CaseCommand } from '../cases/model/commands.js';
import { SectriageError } from '../errors.js';
import { ADVISORY_COMMAND_NAMES, advisoryLineCommand, mergeListCommands } from './advisory-commands.js';
import { parseDescription } from '../cases/model/advisory.js';
import { DEFAULTS } from '../limits.js';

/** A mail's commands: the case actions (model/commands.ts), and /case naming the case. */
export type TeamCommand = { name: 'case'; trackingId: string } | Exclude<CaseCommand, { name: 'merge' }>;

export interface ParsedCommands {
  commands: TeamCommand[];
  /** "line N: what is wrong", for the refusal. */
  errors: string[];
}

const COMMAND_LINE = /^\/([a-z][a-z-]*)(?:[ \t]+(.*))?$/i;
export const COMMAND_NAMES = [
  'case',
  'ack',
  'state',
  'close',
  'reopen',
  'assign',
  'note',
  'severity',
  'cvss',
  'cve',
  'flag',
  'unflag',
  'embargo',
  'reply',
  'reply-plain',
  ...ADVISORY_COMMAND_NAMES,
  'end',
] as const;

/** Whether a text holds at least one command line (routing: is this a command mail?). */
export function hasCommands(text: string): boolean {
  return text.split(/\r?\n/).some((l) => {
    const m = COMMAND_LINE.exec(l.trim());
    return Boolean(m && (COMMAND_NAMES as readonly string[]).includes((m[1] as string).toLowerCase()));
  });
}

export function parseCommands(text: string, trackingPrefix: string): ParsedCommands {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const commands: TeamCommand[] = [];
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '-- ' || (lines[i] as string) === '-- ') break;
    const m = COMMAND_LINE.exec(line);
    if (!m) continue;
    const name = (m[1] as string).toLowerCase();
    const arg = (m[2] ?? '').trim();
    const args = arg ? arg.split(/\s+/) : [];
    const at = i; // a block command moves i past its block
    try {
      if (name === 'reply' || name === 'reply-plain') {
        const r = replyCommand(lines, i, name, arg ? (m[2] as string) : '');
        commands.push(r.command);
        i = r.next;
        continue;
      }
      if (name === 'description') {
        let r: ReturnType<typeof replyCommand>;
        try {
          r = replyCommand(lines, i, 'reply', arg ? (m[2] as string) : '');
        } catch {
          while (i + 1 < lines.length && !/^\/end\s*$/i.test((lines[i + 1] as string).trim()) && lines[i + 1] !== '-- ') i++;
          i++; // past its /end: the block's lines are not commands
          throw new SectriageError('USAGE', '/description has no text (write it on the lines after /description, end with /end)');
        }
        const text = (r.command as { text: string }).text;
        commands.push({ name: 'advisory', field: 'description', value: parseDescription(text, DEFAULTS.advisoryDescriptionMaxChars) });
        i = r.next;
        continue;
      }
      const advisory = advisoryLineCommand(name, arg);
      if (advisory) {
        commands.push(advisory);
        continue;
      }
      commands.push(lineCommand(name, arg, args, trackingPrefix));
    } catch (e) {
      errors.push(`line ${at + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { commands: mergeListCommands(commands), errors };
}

/** `/reply` takes the following lines up to `/end`, a signature separator or the end. */
function replyCommand(lines: string[], i: number, name: string, first: string): { command: TeamCommand; next: number } {
  const body: string[] = first ? [first] : [];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const l = lines[j] as string;
    if (/^\/end\s*$/i.test(l.trim()) || l === '-- ') break;
    body.push(l);
  }
  const replyText = body.join('\n').replace(/^\n+|\s+$/g, '');
  if (!replyText) throw new SectriageError('USAGE', '/reply has no text (write it on the lines after /reply, end with /end)');
  return { command: { name: 'reply', text: replyText + '\n', plain: name === 'reply-plain' }, next: lines[j] === '-- ' ? lines.length : j };
}

/** One single-line command. */
function lineCommand(name: string, arg: string, args: string[], trackingPrefix: string): TeamCommand {
  switch (name) {
    case 'case': {
      const id = arg.toUpperCase();
      if (!new RegExp(`^${trackingPrefix}-\\d{4}-[0-9A-Z]{4,12}$`).test(id))
        throw new SectriageError('USAGE', `/case needs a tracking ID (${trackingPrefix}-YYYY-XXXXX)`);
      return { name: 'case', trackingId: id };
    }
    case 'ack':
      return { name: 'ack' };
    case 'state': {
      if (!args[0]) throw new SectriageError('USAGE', '/state needs a state (e.g. /state triaged, /state closed resolved, /state reopen)');
      return stateCommand(args[0], args.slice(1));
    }
    case 'close':
      return stateCommand('closed', args);
    case 'reopen':
      return { name: 'state', to: 'reopen' };
    case 'assign':
      if (args.length !== 1) throw new SectriageError('USAGE', '/assign needs one team member name (or none)');
      return { name: 'assign', member: args[0] as string };
    case 'note':
      if (!arg) throw new SectriageError('USAGE', '/note needs text');
      return { name: 'note', text: arg };
    case 'severity':
    case 'cvss':
      if (args.length !== 1) throw new SectriageError('USAGE', `/${name} needs one value (critical, high, medium, low, none, or a CVSS vector)`);
      return /^CVSS:/i.test(args[0] as string)
        ? { name: 'severity', cvss: parseCvssVector(args[0] as string) }
        : { name: 'severity', severity: parseSeverity(args[0] as string) };
    case 'cve':
      if (args.length !== 1) throw new SectriageError('USAGE', '/cve needs one CVE id (or none)');
      return { name: 'cve', cve: (args[0] as string).toLowerCase() === 'none' ? null : parseCve(args[0] as string) };
    case 'flag':
    case 'unflag':
      if (args.length !== 1) throw new SectriageError('USAGE', `/${name} needs one flag (exploited, public, on_hold)`);
      return { name: 'flag', flag: parseFlag(args[0] as string), value: name === 'flag' };
    case 'embargo':
      if (args.length !== 1) throw new SectriageError('USAGE', '/embargo needs a date (YYYY-MM-DD) or none');
      return { name: 'embargo', date: parseEmbargo(args[0] as string) };
    case 'end':
      throw new SectriageError('USAGE', '/end without /reply before it');
    default:
      throw new SectriageError(
        'USAGE',
        `unknown command /${name} (known: ${COMMAND_NAMES.filter((n) => n !== 'end')
          .map((n) => `/${n}`)
          .join(' ')})`,
      );
  }
}

function stateCommand(state: string, rest: string[]): TeamCommand {
  if (state.toLowerCase() === 'reopen') return { name: 'state', to: 'reopen' };
  const to = parseState(state);
  if (to !== 'closed') {
    if (rest.length) throw new SectriageError('USAGE', `/state ${to} takes nothing after the state`);
    return { name: 'state', to };
  }
  if (!rest[0]) throw new SectriageError('USAGE', '/state closed needs a resolution (e.g. /state closed resolved, /state closed duplicate SEC-2026-XXXXX)');
  const resolution = parseResolution(rest[0]);
  if (resolution === 'duplicate') {
    if (!rest[1]) throw new SectriageError('USAGE', '/state closed duplicate needs the tracking ID of the case it duplicates');
    return { name: 'state', to, resolution, duplicateOf: rest[1].toUpperCase() };
  }
  if (rest.length > 1) throw new SectriageError('USAGE', `/state closed ${resolution} takes nothing after the resolution`);
  return { name: 'state', to, resolution };
}
