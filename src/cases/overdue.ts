/**
 * Which policy milestones of a case are past due and not yet met, worked out from the
 * case's events alone. This is the simple reading the CLI's `cases list --overdue`
 * needs; it does not know about paused time (a case waiting in needs_info is simply
 * not reported overdue) or repeating milestones (statusUpdate): the deadline engine
 * keeps the full account. Pure: case, events, policy and the time in; dates out.
 */
import { addDuration, parseDuration } from '../policy/duration.js';
import { MILESTONES, type MilestoneName, type Policy } from '../policy/schema.js';
import { PAUSED_STATES, type CaseState } from './states.js';

export interface OverdueMilestone {
  milestone: MilestoneName;
  due: string;
}

interface EventLike {
  type: string;
  data: Record<string, unknown>;
}

/** Whether the events show the milestone's `satisfiedBy` condition met. */
export function satisfied(satisfiedBy: string, events: EventLike[]): boolean {
  if (satisfiedBy === 'auto-acknowledgement') return events.some((e) => e.type === 'mail_sent' && e.data.kind === 'ack');
  if (satisfiedBy === 'team-reply') return events.some((e) => e.type === 'mail_sent' && e.data.kind === 'team_reply');
  if (satisfiedBy.startsWith('state:')) {
    const want = satisfiedBy.slice('state:'.length);
    return events.some((e) => e.type === 'state_changed' && e.data.to === want);
  }
  return false;
}

export function overdueMilestones(policy: Policy, c: { state: string; created_at: string; flag_exploited?: number }, events: EventLike[], now: Date): OverdueMilestone[] {
  if (c.state === 'closed' || PAUSED_STATES.includes(c.state as CaseState)) return [];
  const out: OverdueMilestone[] = [];
  for (const name of MILESTONES) {
    const m = policy.milestones[name];
    if (!m?.within) continue;
    const within = c.flag_exploited && m.exploitedWithin ? m.exploitedWithin : m.within;
    const due = addDuration(new Date(c.created_at), parseDuration(within), policy.businessCalendar);
    if (due.getTime() < now.getTime() && !satisfied(m.satisfiedBy, events)) out.push({ milestone: name, due: due.toISOString() });
  }
  return out;
}
