/**
 * The digest schedule: which cron slot (a minute the operator's expression matches,
 * in its time zone) was the latest at or before `now`. Rows, not timers: the digest is
 * due when that slot has no digest row yet, so after downtime only the latest missed
 * slot is sent. Matching uses node-cron's own parser, so the daemon's timer and this
 * look-back agree on what the expression means. Minute granularity.
 *
 * Every sweep asks this, and a minute-by-minute walk back to a monthly slot was up to
 * 46,080 matches (seconds of CPU per sweep). The walk goes back an hour at a time and
 * asks node-cron only about the minutes of the hour the expression's minute field can
 * name; an hour whose UTC offset changes inside it (a 30-minute DST shift) is asked
 * minute by minute. Input: the operator's configuration (validated at load).
 */
import cron from 'node-cron';
import { DEFAULTS, HOUR, MINUTE } from '../limits.js';
import { zonedFormatter } from '../util/zoned-format.js';

const LOOK_BACK_MINUTES = DEFAULTS.digestSlotLookBack / MINUTE;
const EVERY_MINUTE = Array.from({ length: 60 }, (_, m) => m);

export function latestSlot(schedule: string, timezone: string, now: Date): Date | null {
  const task = cron.createTask(schedule, () => {}, { timezone });
  try {
    const minutes = minuteField(schedule);
    const offset = offsetIn(timezone);
    const end = Math.floor(now.getTime() / MINUTE) * MINUTE;
    const limit = end - LOOK_BACK_MINUTES * MINUTE;
    for (let hour = Math.floor(end / HOUR) * HOUR; hour + HOUR > limit; hour -= HOUR) {
      const first = offset(hour);
      // Local minute M falls on UTC minute (M - offset) mod 60 while the offset holds for the whole hour.
      const utcMinutes =
        minutes && first === offset(hour + HOUR - MINUTE)
          ? minutes.map((m) => (((m - first) % 60) + 60) % 60).sort((a, b) => b - a)
          : [...EVERY_MINUTE].reverse();
      for (const u of utcMinutes) {
        const t = hour + u * MINUTE;
        if (t <= end && t >= limit && task.match(new Date(t))) return new Date(t);
      }
    }
    return null;
  } finally {
    void task.destroy();
  }
}

/**
 * The local minutes an expression's minute field names ("0", "0,30", "*\/15", "10-20/5"),
 * or undefined for any other form: then every minute is asked. Only a filter in front of
 * node-cron's own match, so it may name too many minutes but never too few.
 */
export function minuteField(schedule: string): number[] | undefined {
  const fields = schedule.trim().split(/\s+/);
  const field = fields.length === 6 ? fields[1] : fields[0];
  if (!field || field === '*') return undefined;
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^(?:(\*)|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/.exec(item);
    if (!m) return undefined;
    const from = m[1] ? 0 : Number(m[2]);
    const to = m[1] ? 59 : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? undefined : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    // "5/10" (from 5 on) is read differently by different crons: ask every minute.
    if (to === undefined || from > 59 || to > 59 || from > to || step < 1) return undefined;
    for (let x = from; x <= to; x += step) out.add(x);
  }
  return [...out];
}

/** The zone's UTC offset in minutes at an instant (the formatter is kept: every sweep asks). */
function offsetIn(timezone: string): (utc: number) => number {
  const format = zonedFormatter('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  return (utc) => {
    const p = Object.fromEntries(format.formatToParts(new Date(utc)).map((x) => [x.type, Number(x.value)]));
    const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    return Math.round((local - Math.floor(utc / MINUTE) * MINUTE) / MINUTE);
  };
}
