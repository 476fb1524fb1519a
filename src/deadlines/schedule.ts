/**
 * The digest schedule: which cron slot (a minute the operator's expression matches,
 * in its time zone) was the latest at or before `now`. Rows, not timers: the digest is
 * due when that slot has no digest row yet, so after downtime only the latest missed
 * slot is sent. Matching uses node-cron's own parser, so the daemon's timer and this
 * look-back agree on what the expression means. Minute granularity.
 */
import cron from 'node-cron';
import { DEFAULTS, MINUTE } from '../limits.js';

const LOOK_BACK_MINUTES = DEFAULTS.digestSlotLookBack / MINUTE;

export function latestSlot(schedule: string, timezone: string, now: Date): Date | null {
  const task = cron.createTask(schedule, () => {}, { timezone });
  try {
    let t = Math.floor(now.getTime() / 60_000) * 60_000;
    for (let i = 0; i <= LOOK_BACK_MINUTES; i++, t -= 60_000) {
      if (task.match(new Date(t))) return new Date(t);
    }
    return null;
  } finally {
    void task.destroy();
  }
}
