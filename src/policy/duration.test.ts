import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDuration, isNonWorkingDay, parseDuration, subtractDuration } from './duration.js';

const NY_US = { timezone: 'America/New_York', holidays: 'US' };
const NY_NONE = { timezone: 'America/New_York', holidays: 'none' };
const UTC = { timezone: 'UTC', holidays: 'none' };
const H = 3_600_000;

const bd = (n: number) => ({ amount: n, unit: 'businessDays' as const });
const local = (d: Date, zone = 'America/New_York') => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('parseDuration', () => {
  it.each([
    ['48h', 48, 'hours'],
    ['12 hours', 12, 'hours'],
    ['1 hour', 1, 'hours'],
    ['7d', 7, 'days'],
    ['90 days', 90, 'days'],
    ['1 day', 1, 'days'],
    ['3 business days', 3, 'businessDays'],
    ['1 business day', 1, 'businessDays'],
    ['5bd', 5, 'businessDays'],
    ['  2 D  ', 2, 'days'],
    ['60 Business Days', 60, 'businessDays'],
  ])('"%s" is %i %s', (text, amount, unit) => {
    expect(parseDuration(text)).toEqual({ amount, unit });
  });

  it.each(['', 'soon', '48', '1.5h', '-3d', '3 weeks', 'h48', '3 business', '3 days please'])('"%s" is refused', (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
  });
});

describe('addDuration: hours and days are exact milliseconds', () => {
  it('48 hours is exactly 172 800 000 ms later, even across a DST change', () => {
    const start = new Date('2026-10-31T12:00:00.000Z');
    expect(addDuration(start, parseDuration('48h'), NY_US).getTime() - start.getTime()).toBe(48 * H);
  });

  it('2 days is exactly 48 hours, even across a DST change (calendar days are not local days)', () => {
    const start = new Date('2026-10-31T16:00:00.000Z');
    expect(addDuration(start, parseDuration('2d'), NY_US).toISOString()).toBe('2026-11-02T16:00:00.000Z');
  });

  it('90 days from a fixed instant', () => {
    expect(addDuration(new Date('2026-06-03T10:00:00.000Z'), parseDuration('90d'), UTC).toISOString()).toBe('2026-09-01T10:00:00.000Z');
  });
});

describe('addDuration: business days', () => {
  it('Fri 18:00 America/New_York + 3 business days = Wed 18:00 local', () => {
    const fri = new Date('2026-06-05T22:00:00.000Z'); // Fri 18:00 EDT
    expect(local(fri)).toBe('Fri 2026-06-05 18:00');
    const due = addDuration(fri, bd(3), NY_US);
    expect(local(due)).toBe('Wed 2026-06-10 18:00');
    expect(due.toISOString()).toBe('2026-06-10T22:00:00.000Z');
  });

  it('a span over Thanksgiving 2026 (Thu Nov 26) skips it with holidays US', () => {
    const tue = new Date('2026-11-24T14:00:00.000Z'); // Tue 09:00 EST
    const due = addDuration(tue, bd(3), NY_US);
    expect(local(due)).toBe('Mon 2026-11-30 09:00'); // Wed, (Thu skipped), Fri, (weekend), Mon
    expect(due.toISOString()).toBe('2026-11-30T14:00:00.000Z');
  });

  it('the same span counts Thanksgiving as a working day with holidays none', () => {
    const due = addDuration(new Date('2026-11-24T14:00:00.000Z'), bd(3), NY_NONE);
    expect(local(due)).toBe('Fri 2026-11-27 09:00');
  });

  it('the day after Thanksgiving (an observance, not a public holiday) is a working day', () => {
    expect(local(addDuration(new Date('2026-11-25T17:00:00.000Z'), bd(1), NY_US))).toBe('Fri 2026-11-27 12:00');
  });

  it('a substitute holiday (Fri 2026-07-03 for July 4th on a Saturday) is skipped', () => {
    expect(local(addDuration(new Date('2026-07-02T14:00:00.000Z'), bd(1), NY_US))).toBe('Mon 2026-07-06 10:00');
  });

  it('a report on Saturday with 1 business day: the clock starts Monday 00:00 local, so it is due Tuesday 00:00 local', () => {
    const sat = new Date('2026-06-06T14:00:00.000Z'); // Sat 10:00 EDT
    const due = addDuration(sat, bd(1), NY_US);
    expect(local(due)).toBe('Tue 2026-06-09 00:00');
    expect(due.toISOString()).toBe('2026-06-09T04:00:00.000Z');
  });

  it('a report on Thanksgiving starts its clock the next working morning (Fri 00:00), 1 business day is Mon 00:00', () => {
    const due = addDuration(new Date('2026-11-26T15:00:00.000Z'), bd(1), NY_US);
    expect(local(due)).toBe('Mon 2026-11-30 00:00');
  });

  it('across the DST end (America/New_York 2026-11-01) the local wall time is kept: Fri 18:00 EDT + 1 = Mon 18:00 EST', () => {
    const fri = new Date('2026-10-30T22:00:00.000Z'); // Fri 18:00 EDT (UTC-4)
    const due = addDuration(fri, bd(1), NY_NONE);
    expect(local(due)).toBe('Mon 2026-11-02 18:00');
    expect(due.toISOString()).toBe('2026-11-02T23:00:00.000Z'); // EST is UTC-5: 73 h later, not 72
    expect(due.getTime() - fri.getTime()).toBe(73 * H);
  });

  it('across the DST start (America/New_York 2026-03-08) the local wall time is kept too', () => {
    const due = addDuration(new Date('2026-03-06T23:00:00.000Z'), bd(1), NY_NONE); // Fri 18:00 EST
    expect(local(due)).toBe('Mon 2026-03-09 18:00');
    expect(due.toISOString()).toBe('2026-03-09T22:00:00.000Z');
  });

  it('0 business days on a working day is the instant itself', () => {
    const t = new Date('2026-06-03T10:00:00.000Z');
    expect(addDuration(t, bd(0), UTC).toISOString()).toBe(t.toISOString());
  });

  it('an unknown holiday region is an error, not "no holidays"', () => {
    expect(() => addDuration(new Date('2026-06-03T10:00:00.000Z'), bd(1), { timezone: 'UTC', holidays: 'XX' })).toThrow(/unknown holiday region/);
  });
});

describe('addDuration: the date walk', () => {
  /** The walk as first written: luxon, one local day at a time. */
  function dayByDay(start: Date, n: number, cal: typeof NY_US): Date {
    let t = DateTime.fromJSDate(start, { zone: cal.timezone });
    if (isNonWorkingDay(t, cal)) {
      while (isNonWorkingDay(t, cal)) t = t.plus({ days: 1 });
      t = t.startOf('day');
    }
    for (let left = n; left > 0;) {
      t = t.plus({ days: 1 });
      if (!isNonWorkingDay(t, cal)) left--;
    }
    return t.toJSDate();
  }

  it('agrees with a day-by-day walk for starts every 29 hours over two years, across weekends, holidays and DST changes', () => {
    let compared = 0;
    for (const cal of [NY_US, { timezone: 'Europe/Berlin', holidays: 'DE-BY' }, UTC]) {
      for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2028-01-01T00:00:00Z'); t += 29 * H) {
        const start = new Date(t);
        // Starts in the hour a spring-forward skips are the one place the two differ (next test).
        if (DateTime.fromJSDate(start, { zone: cal.timezone }).hour === 2) continue;
        for (const n of [1, 5, 30]) expect(addDuration(start, bd(n), cal).getTime()).toBe(dayByDay(start, n, cal).getTime());
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1500);
  });

  it('a 02:30 start keeps 02:30 past a spring-forward day (a day-at-a-time walk drifted to 03:30)', () => {
    const fri = new Date('2026-03-06T07:30:00.000Z'); // Fri 02:30 EST; DST starts Sun 2026-03-08
    expect(local(fri)).toBe('Fri 2026-03-06 02:30');
    expect(local(addDuration(fri, bd(3), NY_NONE))).toBe('Wed 2026-03-11 02:30');
  });
});

describe('isNonWorkingDay', () => {
  it('weekends and US public holidays are non-working; observances are working days', () => {
    const d = (iso: string) => DateTime.fromISO(iso, { zone: 'America/New_York' });
    expect(isNonWorkingDay(d('2026-06-06T12:00'), NY_US)).toBe(true); // Saturday
    expect(isNonWorkingDay(d('2026-06-07T12:00'), NY_US)).toBe(true); // Sunday
    expect(isNonWorkingDay(d('2026-11-26T12:00'), NY_US)).toBe(true); // Thanksgiving
    expect(isNonWorkingDay(d('2026-11-26T12:00'), NY_NONE)).toBe(false);
    expect(isNonWorkingDay(d('2026-10-31T12:00'), NY_US)).toBe(true); // Saturday (and Halloween)
    expect(isNonWorkingDay(d('2026-06-21T12:00'), NY_US)).toBe(true); // Sunday (Father's Day)
    expect(isNonWorkingDay(d('2026-06-22T12:00'), NY_US)).toBe(false); // a Monday
  });
});

describe('subtractDuration: reminder leads', () => {
  it('1 business day before a Monday due is the Friday, same wall-clock time', () => {
    // Mon 2026-11-30 19:00 New York (EST) → Fri 2026-11-27 19:00 (the day after Thanksgiving is a working day)
    expect(local(subtractDuration(new Date('2026-12-01T00:00:00Z'), bd(1), NY_US))).toBe('Fri 2026-11-27 19:00');
  });
  it('skips a holiday walking back: 1 business day before Fri 2026-11-27 is Wed 25 (Thanksgiving skipped)', () => {
    expect(local(subtractDuration(new Date('2026-11-27T15:00:00Z'), bd(1), NY_US))).toBe('Wed 2026-11-25 10:00');
  });
  it('keeps the local time across a DST change (Mon after the November change → Fri before it)', () => {
    expect(local(subtractDuration(new Date('2026-11-02T14:00:00Z'), bd(1), NY_NONE))).toBe('Fri 2026-10-30 09:00');
  });
  it('hours and days are exact milliseconds', () => {
    expect(subtractDuration(new Date('2026-03-29T12:00:00Z'), parseDuration('12h'), UTC).toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(subtractDuration(new Date('2026-03-29T12:00:00Z'), parseDuration('14d'), UTC).toISOString()).toBe('2026-03-15T12:00:00.000Z');
  });
});
