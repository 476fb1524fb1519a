/**
 * The advisory lines of a signed team mail (issue 13), the same commands as `cases set`'s
 * advisory options: /vendor, /product, /fixed, /summary (one value each; "none" clears),
 * /affected, /cwe, /reference (one per line; the lines of one mail make the whole list),
 * /published [URL], /cra-notified WHICH, and /description (the following lines up to
 * /end). Values are checked for form by the same parsers.
 */
import { formatVersionRange, parseCwe, parseLine, parseReference, parseVersionRange, type AdvisoryField } from '../cases/model/advisory.js';
import type { CaseCommand } from '../cases/model/commands.js';
import { parseCraNotification } from '../cases/model/cra.js';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';

export const ADVISORY_COMMAND_NAMES = [
  'vendor',
  'product',
  'affected',
  'fixed',
  'cwe',
  'summary',
  'description',
  'reference',
  'published',
  'cra-notified',
] as const;

const ONE: Record<string, (s: string) => string> = {
  vendor: (s) => parseLine('vendor', s, 200),
  product: (s) => parseLine('product', s, 200),
  fixed: (s) => {
    const r = parseVersionRange(s);
    if (!r.exact) throw new SectriageError('USAGE', `/fixed takes one version (e.g. 1.2.3), not "${s}"`);
    return r.exact;
  },
  summary: (s) => parseLine('summary', s, DEFAULTS.advisorySummaryMaxChars),
};
const LIST: Record<string, [AdvisoryField, (s: string) => string]> = {
  affected: ['affected', (s) => formatVersionRange(parseVersionRange(s))],
  cwe: ['cwe', parseCwe],
  reference: ['references', parseReference],
};

/** The command of one advisory line, or undefined when `name` is not one (/description is read as a block). */
export function advisoryLineCommand(name: string, arg: string): Exclude<CaseCommand, { name: 'merge' }> | undefined {
  const none = arg.trim().toLowerCase() === 'none';
  if (name in ONE) {
    if (!arg) throw new SectriageError('USAGE', `/${name} needs a value (or none)`);
    return { name: 'advisory', field: name as AdvisoryField, value: none ? null : (ONE[name] as (s: string) => string)(arg) };
  }
  if (name in LIST) {
    const [field, parse] = LIST[name] as [AdvisoryField, (s: string) => string];
    if (!arg) throw new SectriageError('USAGE', `/${name} needs a value (or none)`);
    return { name: 'advisory', field, value: none ? null : [parse(arg)] };
  }
  if (name === 'published') return { name: 'advisory-published', ...(arg ? { url: parseReference(arg) } : {}) };
  if (name === 'cra-notified') return { name: 'cra-notified', notification: parseCraNotification(arg) };
  return undefined;
}

/** One list command per field: the /affected (/cwe, /reference) lines of a mail give the whole list, in order. */
export function mergeListCommands<T extends { name: string }>(commands: T[]): T[] {
  const out: T[] = [];
  const at = new Map<string, Extract<CaseCommand, { name: 'advisory' }>>();
  for (const c of commands) {
    const a = c as unknown as CaseCommand;
    if (a.name !== 'advisory' || !Array.isArray(a.value)) {
      out.push(c);
      continue;
    }
    const have = at.get(a.field);
    if (have && Array.isArray(have.value)) have.value = [...new Set([...have.value, ...a.value])];
    else {
      const copy = { ...a, value: [...a.value] };
      at.set(a.field, copy);
      out.push(copy as unknown as T);
    }
  }
  return out;
}
