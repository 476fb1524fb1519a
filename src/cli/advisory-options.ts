/**
 * The advisory options of `cases set` (issue 13): --vendor, --product, --affected,
 * --fixed, --cwe, --summary, --description-file, --reference, --published,
 * --cra-notified, turned into case commands. Every value is checked before anything
 * changes; "none" clears a field. A repeatable option gives the whole list: the list
 * set replaces the one stored (cases show prints it).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { formatVersionRange, parseCwe, parseDescription, parseLine, parseReference, parseVersionRange, type AdvisoryField } from '../cases/model/advisory.js';
import type { CaseCommand } from '../cases/model/commands.js';
import { CRA_NOTIFICATIONS, parseCraNotification } from '../cases/model/cra.js';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';

export interface AdvisoryOptions {
  vendor?: string;
  product?: string;
  affected?: string[];
  fixed?: string;
  cwe?: string[];
  summary?: string;
  descriptionFile?: string;
  reference?: string[];
  published?: string | boolean;
  craNotified?: string[];
}

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
const isNone = (v: string): boolean => v.trim().toLowerCase() === 'none';

export function addAdvisoryOptions(c: Command): Command {
  return c
    .option('--vendor <name>', 'advisory: the vendor (default: advisory.vendor in the config), or none')
    .option('--product <name>', 'advisory: the product (default: advisory.product in the config), or none')
    .option('--affected <range>', 'advisory: affected versions, e.g. ">=1.0.0 <1.2.3", "<=2.4.1", "1.4.2" (repeatable; gives the whole list), or none', collect)
    .option('--fixed <version>', 'advisory: the first fixed version, or none')
    .option('--cwe <id>', 'advisory: a CWE id, e.g. 79 or CWE-79 (repeatable; gives the whole list), or none', collect)
    .option('--summary <text>', "advisory: a one-line summary written by the team (the advisory's title), or none")
    .option('--description-file <file>', 'advisory: the description, written by the team ("-" reads standard input), or none')
    .option('--reference <url>', 'advisory: a reference URL (repeatable; gives the whole list), or none', collect)
    .option('--published [url]', 'the advisory is public (meets the disclosure milestone); optionally where')
    .option('--cra-notified <which>', `the CRA notification was made: ${CRA_NOTIFICATIONS.join(', ')} (repeatable)`, collect);
}

export function hasAdvisoryOptions(o: AdvisoryOptions): boolean {
  return [o.vendor, o.product, o.affected, o.fixed, o.cwe, o.summary, o.descriptionFile, o.reference, o.published, o.craNotified].some((v) => v !== undefined);
}

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

export function advisoryCommands(o: AdvisoryOptions): CaseCommand[] {
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
    ...one('description', o.descriptionFile, (f) => parseDescription(readDescription(f), DEFAULTS.advisoryDescriptionMaxChars)),
    ...list('references', o.reference, parseReference),
    ...(o.published === undefined
      ? []
      : [{ name: 'advisory-published', ...(typeof o.published === 'string' ? { url: parseReference(o.published) } : {}) } as CaseCommand]),
    ...(o.craNotified ?? []).map((w): CaseCommand => ({ name: 'cra-notified', notification: parseCraNotification(w) })),
  ];
}

function badFixed(s: string): never {
  throw new SectriageError('USAGE', `--fixed takes one version (e.g. 1.2.3), not "${s}"`);
}

function readDescription(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (cause) {
    throw new SectriageError('USAGE', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}
