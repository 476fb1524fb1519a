// The digest's latest slot, against node-cron asked minute by minute (the oracle this
// module replaced for speed): the same answer across zones with 30- and 45-minute offsets,
// a 30-minute DST shift and Europe's DST days, for the minute-field forms it reads and
// for those it leaves to node-cron.
import cron from 'node-cron';
import { describe, expect, it } from 'vitest';
import { latestSlot, minuteField } from './schedule.js';

/** node-cron asked about every minute from now back, up to `minutes` minutes. */
function oracle(schedule: string, timezone: string, now: Date, minutes: number): string | null {
  const task = cron.createTask(schedule, () => {}, { timezone });
  try {
    for (let i = 0, t = Math.floor(now.getTime() / 60_000) * 60_000; i <= minutes; i++, t -= 60_000)
      if (task.match(new Date(t))) return new Date(t).toISOString();
    return null;
  } finally {
    void task.destroy();
  }
}

describe('digest schedule', () => {
  it('finds the latest slot at or before now in the schedule zone, across DST', () => {
    expect(latestSlot('0 8 * * 1-5', 'Europe/Berlin', new Date('2026-11-23T07:00:00Z'))?.toISOString()).toBe('2026-11-23T07:00:00.000Z');
    expect(latestSlot('0 8 * * 1-5', 'Europe/Berlin', new Date('2026-11-23T06:59:59Z'))?.toISOString()).toBe('2026-11-20T07:00:00.000Z');
    // summer time: 08:00 Berlin is 06:00Z
    expect(latestSlot('0 8 * * *', 'Europe/Berlin', new Date('2026-07-01T12:00:00Z'))?.toISOString()).toBe('2026-07-01T06:00:00.000Z');
  });

  it('gives the answer node-cron gives minute by minute, in zones offset by 30 and 45 minutes and over DST changes', () => {
    const zones = ['Europe/Berlin', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'Australia/Lord_Howe', 'UTC'];
    const schedules = ['0 8 * * *', '30 9 * * 1-5', '*/20 * * * *', '10-40/15 6,18 * * *', '15,45 */3 * * *', '0 0 8 * * *', '0-59/7 * * * 1'];
    // Europe's and Lord Howe's DST days (Lord Howe shifts by 30 minutes), and an ordinary day.
    const nows = [
      '2026-03-29T09:17:00Z',
      '2026-10-25T01:59:00Z',
      '2026-04-04T16:02:00Z',
      '2026-10-03T15:31:00Z',
      '2026-10-03T15:45:00Z',
      '2026-12-05T20:13:30Z',
    ];
    for (const zone of zones)
      for (const schedule of schedules)
        for (const now of nows) {
          const at = new Date(now);
          const want = oracle(schedule, zone, at, 26 * 60);
          // Within the day the oracle walks, both must agree; past it, the fast walk may still find one.
          if (want !== null) expect(latestSlot(schedule, zone, at)?.toISOString(), `${schedule} in ${zone} at ${now}`).toBe(want);
        }
  });

  it('reads the minute forms it can filter on, and leaves the rest to node-cron', () => {
    expect(minuteField('0 8 * * *')).toEqual([0]);
    expect(minuteField('*/20 * * * *')).toEqual([0, 20, 40]);
    expect(minuteField('10-40/15,5 6 * * *')).toEqual([10, 25, 40, 5]);
    expect(minuteField('0 0 8 * * *')).toEqual([0]);
    for (const s of ['* * * * *', '5/10 7 * * *', '61 * * * *', 'L 8 * * *']) expect(minuteField(s), s).toBeUndefined();
  });

  it('finds a monthly slot four weeks back, and none past the look-back', () => {
    expect(latestSlot('0 8 1 * *', 'Europe/Berlin', new Date('2026-12-29T10:00:00Z'))?.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(latestSlot('0 8 1 1 *', 'Europe/Berlin', new Date('2026-12-29T10:00:00Z'))).toBeNull();
  });
});
