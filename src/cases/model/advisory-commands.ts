/**
 * The advisory fields a front door was given (the CLI's `cases set` options, the console's
 * advisory form) as case commands, every value checked for form first (advisory.ts
 * parsers). "none" (or an empty list) clears a field; a list given replaces the stored one.
 * Pure: the CLI reads --description-file itself and passes the text.
 */
import { SectriageError } from '../../errors.js';
import { DEFAULTS } from '../../limits.js';
import { formatVersionRange, parseCwe, parseDescription, parseLine, parseReference, parseVersionRange, type AdvisoryField } from './advisory.js';
import type { CaseCommand } from './commands.js';
import { parseCraNotification } from './cra.js';

export interface AdvisoryValues {
  vendor?: string;
  product?: string;
  affected?: string[];
  fixed?: string;
  cwe?: string[];
  summary?: string;
  /** The description's text. */
  description?: string;
  references?: string[];
  /** true, or where it was published. */
  published?: string | boolean;
  craNotified?: string[];
}

const isNone = (v: string): boolean => v.trim().toLowerCase() === 'none';

function one(field: AdvisoryField, v: string | undefined, parse: (s: string) => string): CaseCommand[] {
  if (v === undefined) return [];
  return [{ name: 'advisory', field, value: isNone(v) ? null : parse(v) }];
}

function list(field: AdvisoryField, vs: string[] | undefined, parse: (s: string) => string): CaseCommand[] {
  if (vs === undefined) return [];
  if (vs.some(isNone)) {
    if (vs.length > 1) throw new SectriageError('USAGE', `--${field} none clears the list: give it alone`);
    return [{ name: 'advisory', field, value: null }];
  }
  return [{ name: 'advisory', field, value: [...new Set(vs.map(parse))] }];
}

function badFixed(s: string): never {
  throw new SectriageError('USAGE', `--fixed takes one version (e.g. 1.2.3), not "${s}"`);
}

export function advisoryCommands(o: AdvisoryValues): CaseCommand[] {
  const line =
    (field: AdvisoryField, max = 200) =>
    (s: string) =>
      parseLine(field, s, max);
  return [
    ...one('vendor', o.vendor, line('vendor')),
    ...one('product', o.product, line('product')),
    ...list('affected', o.affected, (s) => formatVersionRange(parseVersionRange(s))),
    ...one('fixed', o.fixed, (s) => formatVersionRange({ exact: parseVersionRange(s).exact ?? badFixed(s) })),
    ...list('cwe', o.cwe, parseCwe),
    ...one('summary', o.summary, line('summary', DEFAULTS.advisorySummaryMaxChars)),
    ...one('description', o.description, (t) => parseDescription(t, DEFAULTS.advisoryDescriptionMaxChars)),
    ...list('references', o.references, parseReference),
    ...(o.published === undefined || o.published === false
      ? []
      : [{ name: 'advisory-published', ...(typeof o.published === 'string' ? { url: parseReference(o.published) } : {}) } as CaseCommand]),
    ...(o.craNotified ?? []).map((w): CaseCommand => ({ name: 'cra-notified', notification: parseCraNotification(w) })),
  ];
}
