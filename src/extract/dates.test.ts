import { describe, expect, it } from 'vitest';
import { findDate } from './dates.js';

describe('reporter dates', () => {
  it('reads ISO, written-out and European day-first dates to the same ISO day', () => {
    expect(findDate('on 2026-03-15')?.value).toBe('2026-03-15');
    expect(findDate('on 15 March 2026.')?.value).toBe('2026-03-15');
    expect(findDate('on March 15th, 2026')?.value).toBe('2026-03-15');
    expect(findDate('am 15.03.2026')?.value).toBe('2026-03-15');
  });
  it('takes slashes month first unless the first number cannot be a month', () => {
    expect(findDate('03/04/2026')?.value).toBe('2026-03-04');
    expect(findDate('15/03/2026')?.value).toBe('2026-03-15');
  });
  it('refuses impossible dates instead of rolling them over', () => {
    expect(findDate('2026-02-30')).toBeUndefined();
  });
  it('turns "in 90 days" and "in two weeks"-style numbers into a relative offset', () => {
    expect(findDate('I will publish in 90 days')?.value).toBe('+90d');
    expect(findDate('publish after 2 weeks')?.value).toBe('+14d');
  });

  it('reads a year-first dotted date ("2016.10.8")', () => {
    expect(findDate('# Date: 2016.10.8')?.value).toBe('2016-10-08');
    expect(findDate('version 2016.13.40')).toBeUndefined();
  });
});
