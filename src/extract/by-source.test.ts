import { describe, expect, it } from 'vitest';
import { formatBySource, scoreBySource, sourceOf } from './by-source.js';
import { scoreCorpus, scoreReport } from './evaluate.js';
import type { ExtractResult } from './types.js';

const result = (fields: ExtractResult['fields']): ExtractResult => ({ fields, spam: { likely: false, score: 0, reasons: [] } });
const right = (name: string) =>
  scoreReport(name, { fields: { vulnType: 'sql injection' }, spam: false }, result({ vulnType: { value: 'sql injection', sources: [] } }));
const wrong = (name: string) =>
  scoreReport(name, { fields: { vulnType: 'sql injection' }, spam: false }, result({ vulnType: { value: 'cross-site scripting', sources: [] } }));

describe('eval scores split by the source a corpus file came from', () => {
  it('names the source by the file name up to its first hyphen, and keeps a name without one whole', () => {
    expect([sourceOf('edb-4173-squirrelmail'), sourceOf('GHSA-2p2x-x'), sourceOf('h1-1784999-wp-users'), sourceOf('plain')]).toEqual([
      'edb',
      'ghsa',
      'h1',
      'plain',
    ]);
  });

  it('sums each source on its own, so a genre that reads worse shows apart from the whole', () => {
    const rows = scoreBySource(scoreCorpus([right('edb-1-a'), right('edb-2-b'), wrong('h1-3-c')]));
    expect(rows.map((r) => [r.source, r.reports, r.tp, r.fp, r.fn])).toEqual([
      ['edb', 2, 2, 0, 0],
      ['h1', 1, 0, 1, 1],
    ]);
    expect(rows[1]!.precision).toBe(0);
  });

  it('prints sums only, never a report name or a value, so it is safe on the blind part', () => {
    const out = formatBySource(scoreBySource(scoreCorpus([wrong('h1-3-secret-title')])));
    expect(out).toContain('h1');
    expect(out).not.toMatch(/secret|cross-site|sql/);
  });
});
