// The advisory fields as the team types them: ranges, CWE ids, URLs, checked for form
// before anything is stored; the current values are the last setting of each field.
import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/helpers/thrown.js';
import { foldAdvisory, formatVersionRange, parseCwe, parseLine, parseReference, parseVersionRange } from './advisory.js';

describe('version ranges', () => {
  it('reads a lower bound with a fixed (<) or last affected (<=) upper bound, and one exact version', () => {
    expect(parseVersionRange('>=1.0.0 <1.2.3')).toEqual({ introduced: '1.0.0', fixed: '1.2.3' });
    expect(parseVersionRange('>=2.0, <=2.4.1')).toEqual({ introduced: '2.0', lastAffected: '2.4.1' });
    expect(parseVersionRange('<1.2.3')).toEqual({ fixed: '1.2.3' });
    expect(parseVersionRange('1.4.2')).toEqual({ exact: '1.4.2' });
    expect(parseVersionRange('=1.4.2')).toEqual({ exact: '1.4.2' });
  });

  it('writes back what it reads', () => {
    for (const r of ['>=1.0.0 <1.2.3', '<=2.4.1', '1.4.2', '>=3.0']) expect(formatVersionRange(parseVersionRange(r))).toBe(r);
  });

  it('refuses two upper bounds, operators it does not know, and words that are not versions', () => {
    expect(thrown(() => parseVersionRange('<1.2 <=1.3')).message).toMatch(/at most one lower bound/);
    expect(thrown(() => parseVersionRange('>1.0')).message).toMatch(/not a version range/);
    expect(thrown(() => parseVersionRange('>=1.0 <$(id)')).message).toMatch(/is not a version/);
  });
});

describe('CWE ids, references, one-line texts', () => {
  it('stores a CWE id as CWE-N whichever way it was typed, and refuses others', () => {
    expect(['79', 'CWE-79', 'cwe79'].map(parseCwe)).toEqual(['CWE-79', 'CWE-79', 'CWE-79']);
    expect(thrown(() => parseCwe('XSS')).message).toMatch(/not a CWE id/);
    expect(thrown(() => parseCwe('0')).message).toMatch(/not a CWE id/);
  });

  it('takes only absolute http(s) URLs as references', () => {
    expect(parseReference(' https://example.com/advisories/1 ')).toBe('https://example.com/advisories/1');
    expect(thrown(() => parseReference('example.com/x')).message).toMatch(/not a URL/);
    expect(thrown(() => parseReference('javascript:alert(1)')).message).toMatch(/http\(s\) URL/);
  });

  it('refuses a multi-line or over-long summary', () => {
    expect(thrown(() => parseLine('summary', 'a\nb', 256)).message).toMatch(/one line/);
    expect(thrown(() => parseLine('summary', 'x'.repeat(257), 256)).message).toMatch(/longer than 256/);
  });
});

describe('foldAdvisory', () => {
  it('keeps the last value of each field, a null clearing it, and ignores other events', () => {
    const ev = (field: string, value: unknown) => ({ type: 'advisory_set', data: { field, value } });
    const f = foldAdvisory([
      ev('product', 'A'),
      ev('cwe', ['CWE-79']),
      { type: 'note_added', data: { note: 'x' } },
      ev('product', 'B'),
      ev('cwe', ['CWE-89', 'CWE-20']),
      ev('vendor', 'V'),
      ev('vendor', null),
    ]);
    expect(f).toMatchObject({ product: 'B', cwe: ['CWE-89', 'CWE-20'], vendor: null, affected: [], summary: null });
  });
});
