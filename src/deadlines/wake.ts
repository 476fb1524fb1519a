/**
 * When the deadline sweep must next look at a case (cases.sweep_at, migration 0008),
 * from its deadlines just computed as of `now` and its events. Between `now` and that
 * instant computeDeadlines gives every milestone the same state, so the sweep would act
 * on nothing new: a running milestone ('due') changes at its reminder and at its due
 * time, and an event dated after `now` starts to count when its time comes. Met, not
 * applicable and overdue milestones stay so until something happens to the case, and a
 * pause ends only by a state change; those come back through the triggers of migration
 * 0008, not through this instant. Null: nothing falls due until something happens.
 * Pure: deadlines, events and the time in.
 */
import type { Deadline } from './engine.js';

export function nextSweepAt(
  deadlines: ReadonlyArray<Pick<Deadline, 'state' | 'due' | 'remindAt'>>,
  events: ReadonlyArray<{ at: string }>,
  now: Date,
): Date | null {
  const t = now.getTime();
  let next = Infinity;
  for (const d of deadlines) {
    if (d.state !== 'due' || !d.due) continue;
    // 'due' means now < due: it turns overdue at due. A reminder at or before now was acted on by this sweep.
    next = Math.min(next, d.due.getTime());
    if (d.remindAt && d.remindAt.getTime() > t) next = Math.min(next, d.remindAt.getTime());
  }
  for (const e of events) {
    const at = Date.parse(e.at);
    if (at > t && at < next) next = at;
  }
  return next === Infinity ? null : new Date(next);
}
