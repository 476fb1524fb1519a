// The second labelling of tune reports (test/fixtures/reports-real-second): each label belongs to
// a tune report, uses only the extractor's field names, and scores against the first through the
// same strict scorer. Its figures are printed by `npm run eval:agreement`, not pinned here.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreAgreement } from '../src/extract/agreement.js';
import { loadCorpus } from '../src/extract/corpus.js';
import { type Expected, scoreCorpus } from '../src/extract/evaluate.js';
import { FIELD_NAMES } from '../src/extract/types.js';

const root = join(import.meta.dirname, 'fixtures');
const second = new Map<string, Expected>(
  readdirSync(join(root, 'reports-real-second'))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => [f.slice(0, -'.expected.json'.length), JSON.parse(readFileSync(join(root, 'reports-real-second', f), 'utf8')) as Expected]),
);

describe('the second labelling of tune reports', () => {
  const first = new Map(loadCorpus(join(root, 'reports-real')).map((c) => [c.name, c.expected]));

  it('labels only tune reports, with their Subject, in the fields the extractor has', () => {
    expect(second.size).toBeGreaterThanOrEqual(30);
    for (const [name, label] of second) {
      expect(first.has(name), name).toBe(true);
      expect(label.subject ?? null, name).toBe(first.get(name)!.subject ?? null);
      for (const f of Object.keys(label.fields)) expect(FIELD_NAMES, `${name}: ${f}`).toContain(f);
      expect(typeof label.spam).toBe('boolean');
    }
  });

  it('is scored report by report against the first, every field counted', () => {
    const s = scoreCorpus(scoreAgreement(first, second));
    expect(s.reports).toBe(second.size);
    // Something is counted for every report: each has at least a title in both labellings.
    expect(s.perField.title.tp + s.perField.title.fp + s.perField.title.fn).toBeGreaterThanOrEqual(second.size);
  });
});
