import { describe, expect, it } from 'vitest';
import { findDate, slashOrder } from './dates.js';

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

  it('reads an ambiguous slash date day first when the same text writes one that can only be day first', () => {
    const text = 'Date Reported: 25/06/2007\nDate Published: 05/03/2008';
    expect(slashOrder(text)).toBe('dmy');
    expect(findDate('Date Published: 05/03/2008', slashOrder(text))?.value).toBe('2008-03-05');
    expect(slashOrder('on 12/25/2019 and 05/03/2008')).toBe('mdy');
    expect(findDate('05/03/2008')?.value).toBe('2008-05-03');
  });
});
