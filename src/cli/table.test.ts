import { describe, expect, it } from 'vitest';
import { cut, tableTime, withThousands } from './table.js';

describe('table cells', () => {
  it('cuts a long subject with an ellipsis to the width, and leaves a short one alone', () => {
    expect(cut('a'.repeat(300), 50)).toHaveLength(50);
    expect(cut('a'.repeat(300), 50).endsWith('…')).toBe(true);
    expect(cut('short', 50)).toBe('short');
  });

  it('counts characters, not UTF-16 units, so an emoji is not split in half', () => {
    expect(cut('😀😀😀', 2)).toBe('😀…');
  });

  it('shows an instant in the configured zone, across DST', () => {
    expect(tableTime('2026-11-23T10:07:00Z', 'Europe/Berlin')).toBe('2026-11-23 11:07');
    expect(tableTime('2026-07-01T10:07:00Z', 'Europe/Berlin')).toBe('2026-07-01 12:07');
    expect(tableTime('2026-11-23T10:07:00Z', 'UTC')).toBe('2026-11-23 10:07');
    expect(tableTime(null, 'UTC')).toBe('');
  });

  it('is right to the minute on the day of a DST switch, on both sides of it', () => {
    // Europe/Berlin went to summer time at 01:00 UTC on 2026-03-29 (02:00 -> 03:00 local).
    expect(tableTime('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29 01:59');
    expect(tableTime('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29 03:00');
    expect(tableTime('2026-10-25T00:59:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:59');
    expect(tableTime('2026-10-25T01:00:00Z', 'Europe/Berlin')).toBe('2026-10-25 02:00');
  });

  it('reads offsets that are not whole hours, and a date line crossing', () => {
    expect(tableTime('2026-11-23T10:07:00Z', 'Asia/Kathmandu')).toBe('2026-11-23 15:52');
    expect(tableTime('2026-11-23T23:30:00Z', 'Pacific/Kiritimati')).toBe('2026-11-24 13:30');
    expect(tableTime('2026-11-23T02:00:00Z', 'America/St_Johns')).toBe('2026-11-22 22:30');
  });

  it('agrees with Intl for every hour of a year in zones with DST', () => {
    for (const zone of ['America/New_York', 'Australia/Lord_Howe', 'Europe/London']) {
      const f = new Intl.DateTimeFormat('sv-SE', { timeZone: zone, dateStyle: 'short', timeStyle: 'short' });
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 + 60_000 * 7) {
        expect(tableTime(new Date(t).toISOString(), zone)).toBe(f.format(t));
      }
    }
  });
  it('writes a count with thousands commas as toLocaleString does, for every size', () => {
    for (const n of [0, 7, 999, 1000, 9752, 123456, 1234567, 100000000, -45678]) expect(withThousands(n)).toBe(n.toLocaleString('en'));
  });
});
