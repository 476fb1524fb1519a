import { expect, it } from 'vitest';
import { zonedFormatter } from './zoned-format.js';

it('a kept formatter formats exactly as a fresh one, and one is kept per locale, options and zone', () => {
  const at = new Date('2026-03-29T00:30:00Z'); // Europe/Berlin switches to summer time that night
  for (const timeZone of ['Europe/Berlin', 'America/New_York', 'UTC']) {
    const opts = { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' } as const;
    expect(zonedFormatter('en-GB', opts).format(at)).toBe(new Intl.DateTimeFormat('en-GB', opts).format(at));
    expect(zonedFormatter('en-GB', { ...opts })).toBe(zonedFormatter('en-GB', opts));
  }
  expect(zonedFormatter('en-GB', { timeZone: 'UTC', year: 'numeric' })).not.toBe(zonedFormatter('en-GB', { timeZone: 'Asia/Tokyo', year: 'numeric' }));
  expect(zonedFormatter('en-US', { timeZone: 'Asia/Tokyo', year: 'numeric' }).format(new Date('2026-12-31T16:00:00Z'))).toBe('2027');
});
