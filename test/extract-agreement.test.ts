// The second labellings of tune and blind reports (test/fixtures/reports-real-second,
// reports-real-blind-second): each label belongs to a report of its part, with that report's
// Subject, uses only the extractor's field names, and scores against the first through the same
// strict scorer. The figures are printed by scripts/eval-agreement.js, not pinned here. A blind
// label's values are never printed, even when a check fails: the checks compare, then assert a
// boolean under the report's name.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreAgreement } from '../src/extract/agreement.js';
import { loadCorpus } from '../src/extract/corpus.js';
import { type Expected, scoreCorpus } from '../src/extract/evaluate.js';
import { FIELD_NAMES } from '../src/extract/types.js';

const root = join(import.meta.dirname, 'fixtures');

function labelsIn(dir: string): Map<string, Expected> {
  return new Map<string, Expected>(
    readdirSync(join(root, dir))
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => [f.slice(0, -'.expected.json'.length), JSON.parse(readFileSync(join(root, dir, f), 'utf8')) as Expected]),
  );
}

describe.each([
  ['reports-real', 'reports-real-second'],
  ['reports-real-blind', 'reports-real-blind-second'],
])('the second labelling of %s', (part, secondDir) => {
  const first = new Map(loadCorpus(join(root, part)).map((c) => [c.name, c.expected]));
  const second = labelsIn(secondDir);

  it('labels only reports of its part, with their Subject, in the fields the extractor has', () => {
    expect(second.size).toBeGreaterThanOrEqual(30);
    for (const [name, label] of second) {
      expect(first.has(name), name).toBe(true);
      expect((label.subject ?? null) === (first.get(name)!.subject ?? null), `${name}: Subject`).toBe(true);
      const unknown = Object.keys(label.fields).filter((f) => !(FIELD_NAMES as readonly string[]).includes(f));
      expect(unknown.length === 0, `${name}: fields outside FIELD_NAMES`).toBe(true);
      expect(typeof label.spam === 'boolean', `${name}: spam`).toBe(true);
    }
  });

  it('is scored report by report against the first, every field counted', () => {
    const s = scoreCorpus(scoreAgreement(first, second));
    expect(s.reports).toBe(second.size);
    // Something is counted for every report: each has at least a title in one labelling.
    expect(s.perField.title.tp + s.perField.title.fp + s.perField.title.fn).toBeGreaterThanOrEqual(second.size);
  });
});
