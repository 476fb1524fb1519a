/**
 * The advisory options of `cases set` (issue 13): --vendor, --product, --affected,
 * --fixed, --cwe, --summary, --description-file, --reference, --published,
 * --cra-notified, turned into case commands. Every value is checked before anything
 * changes; "none" clears a field. A repeatable option gives the whole list: the list
 * set replaces the one stored (cases show prints it).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { advisoryCommands as valuesToCommands, type AdvisoryValues } from '../cases/model/advisory-commands.js';
import type { CaseCommand } from '../cases/model/commands.js';
import { CRA_NOTIFICATIONS } from '../cases/model/cra.js';
import { SectriageError } from '../errors.js';

/** The options as commander gives them: the description as a file, references by the option's name. */
export type AdvisoryOptions = Omit<AdvisoryValues, 'description' | 'references'> & { descriptionFile?: string; reference?: string[] };

const collect = (v: string, prev: string[] = []): string[] => [...prev, v];

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

export function advisoryCommands(o: AdvisoryOptions): CaseCommand[] {
  const { descriptionFile, reference, ...rest } = o;
  const description = descriptionFile === undefined ? undefined : descriptionFile.trim().toLowerCase() === 'none' ? 'none' : readDescription(descriptionFile);
  return valuesToCommands({ ...rest, ...(reference ? { references: reference } : {}), ...(description !== undefined ? { description } : {}) });
}

function readDescription(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (cause) {
    throw new SectriageError('USAGE', `cannot read ${file}: ${(cause as Error).message}`, { cause });
  }
}
