/**
 * Reads a folder of labelled reports (NAME.txt or NAME.html beside NAME.expected.json)
 * and scores the extractor on them: used by `npm run eval:extract` and by the test
 * that fails the suite below 0.9. HTML goes through the same html-to-text as mail.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { htmlToPlainText } from '../parse/html-text.js';
import { SectriageError } from '../errors.js';
import { type CorpusScore, type Expected, scoreCorpus, scoreReport } from './evaluate.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { extractReport } from './extract.js';
import type { FieldName } from './types.js';

export interface CorpusEntry {
  name: string;
  text: string;
  expected: Expected;
}

export function loadCorpus(dir: string): CorpusEntry[] {
  const files = readdirSync(dir);
  return files
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const name = f.slice(0, -'.expected.json'.length);
      const body = files.find((x) => x === `${name}.txt` || x === `${name}.html`);
      if (!body) throw new SectriageError('CONFIG_INVALID', `${f} has no ${name}.txt or ${name}.html beside it`);
      const raw = readFileSync(join(dir, body), 'utf8');
      let expected: Expected;
      try {
        expected = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expected;
      } catch (cause) {
        throw new SectriageError('CONFIG_INVALID', `${f} is not valid JSON`, { cause });
      }
      return { name, text: body.endsWith('.html') ? htmlToPlainText(raw) : raw, expected };
    });
}

/**
 * Fields the acknowledgement would ask for (default policy fields) that the labels say
 * the reporter gave: the worst outcome, whose goal is 0. Spam is asked nothing.
 */
export function askedOfGivers(dir: string): Array<{ name: string; field: string }> {
  return loadCorpus(dir).flatMap((c) => {
    const r = extractReport({
      text: c.text,
      subject: c.expected.subject ?? null,
      attachments: (c.expected.attachments ?? []).map((filename) => ({ filename })),
    });
    if (r.spam.likely) return [];
    const missing = missingFields(undefined, Object.keys(r.fields) as FieldName[]).required;
    return fieldsToAsk(missing, `${c.expected.subject ?? ''}\n${c.text}`)
      .filter((m) => m.fields.some((f) => c.expected.fields[f] !== undefined))
      .map((m) => ({ name: c.name, field: m.entry }));
  });
}

export function evaluateCorpus(dir: string): CorpusScore {
  return scoreCorpus(
    loadCorpus(dir).map((c) =>
      scoreReport(
        c.name,
        c.expected,
        extractReport({ text: c.text, subject: c.expected.subject ?? null, attachments: (c.expected.attachments ?? []).map((filename) => ({ filename })) }),
      ),
    ),
  );
}
