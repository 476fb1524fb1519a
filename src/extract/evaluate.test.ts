import { describe, expect, it } from 'vitest';
import { onlyVersions, scoreCorpus, scoreReport } from './evaluate.js';
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
  it('strictly: versions count only as versions and ranges, never inside a sentence', () => {
    const e = { fields: { affectedVersions: ['2.3.1', '2.x', 'r1295'] }, spam: false };
    const ok = scoreReport('r', e, result({ affectedVersions: { value: '< 2.3.1, 2.x, r1295', sources: [] } }));
    const sentence = scoreReport('r', e, result({ affectedVersions: { value: 'We tested on 2.3.1 and 2.x, r1295 in production', sources: [] } }));
    expect([ok.tallies.affectedVersions.tp, sentence.tallies.affectedVersions.tp]).toEqual([1, 0]);
    expect(onlyVersions('2.0.0 - 2.1.3, 4.4.x and earlier')).toBe(true);
    expect(onlyVersions('version 2.4 of the plugin')).toBe(false);
  });
  it('counts a major release alone ("4") as the version it is on both sides, and no other bare number', () => {
    const e = { fields: { affectedVersions: ['4'] }, spam: false };
    const tp = (value: string): number => scoreReport('r', e, result({ affectedVersions: { value, sources: [] } })).tallies.affectedVersions.tp;
    expect([tp('4'), tp('v4'), tp('5'), tp('4, 5.1'), tp('4 appliances')]).toEqual([1, 1, 0, 0, 0]);
  });
  it('strictly: a component is its name, not a phrase around it', () => {
    const e = { fields: { component: 'Asterisk' }, spam: false };
    expect(scoreReport('r', e, result({ component: { value: 'Asterisk', sources: [] } })).tallies.component.tp).toBe(1);
    expect(scoreReport('r', e, result({ component: { value: 'Asterisk and 21.0.1.', sources: [] } })).tallies.component.tp).toBe(0);
  });
});
