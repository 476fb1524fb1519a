/**
 * `sectriage advisory ID --format csaf|osv|cve [--out FILE]` writes a case's advisory,
 * validated first (nothing is written when it does not validate, or when the case lacks
 * a field: the error says which and how to set it); `sectriage advisory check FILE`
 * validates any CSAF 2.0, OSV or CVE JSON 5.1 document. Reads the database only.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { gatherAdvisory } from '../advisory/gather.js';
import { detectFormat, makeAdvisory, validateAdvisory } from '../advisory/make.js';
import { notesFor } from '../advisory/missing.js';
import { FORMATS, type AdvisoryFormat } from '../advisory/types.js';
import { loadCase } from '../cases/actions/context.js';
import { loadConfig } from '../config/load.js';
import { openDatabaseReadOnly } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { clockAt } from '../util/clock.js';
import { DEFAULT_CONFIG, out } from './common.js';

function parseFormat(s: string): AdvisoryFormat {
  const v = s.trim().toLowerCase();
  if (!(FORMATS as readonly string[]).includes(v)) throw new SectriageError('USAGE', `unknown format "${s}": use csaf, osv or cve`);
  return v as AdvisoryFormat;
}

/** Writes beside the target and renames: a reader never sees half a document. */
function writeAtomically(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(tmp, text, { mode: 0o644 });
  renameSync(tmp, file);
}

async function writeAdvisory(id: string, o: { config: string; format?: string; out?: string; now?: string }): Promise<void> {
  if (!o.format) throw new SectriageError('USAGE', 'advisory: give --format csaf, osv or cve');
  const format = parseFormat(o.format);
  const config = loadConfig(o.config);
  const db = openDatabaseReadOnly(config.database);
  let made;
  try {
    made = gatherAdvisory(db, loadCase(db, id), config, clockAt(o.now)());
  } finally {
    db.close();
  }
  const doc = await makeAdvisory(format, made.input);
  for (const n of [...made.notes, ...notesFor(format, made.input)]) process.stderr.write(`sectriage: note: ${n}\n`);
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  if (o.out) {
    writeAtomically(o.out, text);
    out(`${made.input.trackingId}: ${format.toUpperCase()} advisory written to ${o.out} (validated)\n`);
  } else process.stdout.write(text);
}

async function checkFile(file: string, o: { format?: string }): Promise<void> {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new SectriageError('USAGE', `cannot read ${file} as JSON: ${(cause as Error).message}`, { cause });
  }
  const format = o.format ? parseFormat(o.format) : detectFormat(doc);
  if (!format) throw new SectriageError('USAGE', `${file}: not a CSAF, OSV or CVE document (give --format)`);
  const v = await validateAdvisory(format, doc);
  if (!v.valid) throw new SectriageError('ADVISORY_INVALID', `${file}: not a valid ${format.toUpperCase()} document:\n  ${v.errors.join('\n  ')}`);
  out(`${file}: valid ${format.toUpperCase()}\n`);
}

export function registerAdvisoryCommands(program: Command): void {
  const advisory = program
    .command('advisory')
    .description("write a case's advisory (CSAF 2.0, OSV or CVE JSON 5.1), validated; or check a file (advisory check FILE)")
    .argument('<id>', 'tracking ID')
    .option('--format <format>', 'csaf, osv or cve (required)')
    .option('--out <file>', 'write it here (default: standard output)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'the document date (tests, previews)')
    .action((id: string, o: { config: string; format?: string; out?: string; now?: string }) => writeAdvisory(id, o));
  advisory
    .command('check')
    .description('validate a CSAF 2.0, OSV or CVE JSON 5.1 document (the format is read from its shape)')
    .argument('<file>', 'the document')
    .option('--format <format>', 'csaf, osv or cve, when the shape is ambiguous')
    .action((file: string, o: { format?: string }) => checkFile(file, o));
}
