import { describe, expect, it } from 'vitest';
import { scoreCorpus, scoreReport } from './evaluate.js';
import type { ExtractResult } from './types.js';

const result = (fields: ExtractResult['fields']): ExtractResult => ({ fields, spam: { likely: false, score: 0, reasons: [] } });

describe('eval scoring', () => {
  it('counts a wrong value as a false positive and a false negative', () => {
    const s = scoreReport('r', { fields: { vulnType: 'sql injection' }, spam: false }, result({ vulnType: { value: 'cross-site scripting', sources: [] } }));
    expect(s.tallies.vulnType).toEqual({ tp: 0, fp: 1, fn: 1 });
  });
  it('counts list fields per item, after normalising URLs', () => {
    const s = scoreReport(
      'r',
      { fields: { locations: ['https://a.example/x', '/b'] }, spam: false },
      result({ locations: { value: ['HTTPS://A.example/x/?q=1', '/c'], sources: [] } }),
    );
    expect(s.tallies.locations).toEqual({ tp: 1, fp: 1, fn: 1 });
  });
  it('does not accept the whole mail as the answer for a long-text field', () => {
    const whole = `${'filler words here. '.repeat(200)}an attacker can read files`;
    const s = scoreReport('r', { fields: { impact: 'an attacker can read files' }, spam: false }, result({ impact: { value: whole, sources: [] } }));
    expect(s.tallies.impact.tp).toBe(0);
  });
  it('treats a null expectation as absence and an extra field as a false positive', () => {
    const s = scoreReport('r', { fields: { fixedVersion: null }, spam: false }, result({ fixedVersion: { value: '1.2.3', sources: [] } }));
    expect(s.tallies.fixedVersion).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(scoreCorpus([s]).overall.precision).toBe(0);
  });
});
