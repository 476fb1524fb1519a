/**
 * Which policy milestones of a case are past due and not yet met: the deadline
 * engine's reading (pauses, recurring updates, exploited flag and all), reduced to
 * what `cases list --overdue` shows. Pure: events, policy and the time in.
 */
import { computeDeadlines, type EngineEvent } from './engine.js';
import type { DeadlineName, Policy } from '../policy/schema.js';

export interface OverdueMilestone {
  milestone: DeadlineName;
  due: string;
}

export function overdueMilestones(policy: Policy, events: EngineEvent[], now: Date): OverdueMilestone[] {
  return computeDeadlines(events, policy, now)
    .filter((d) => d.state === 'overdue' && d.due)
    .map((d) => ({ milestone: d.milestone, due: (d.due as Date).toISOString() }));
}
