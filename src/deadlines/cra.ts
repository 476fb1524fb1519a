/**
 * The EU Cyber Resilience Act's clocks (Article 14(2)) for a policy with `cra: true`. Pure.
 * When a case is flagged exploited (the moment the team became aware of active
 * exploitation), three notifications fall due: an early warning within 24 hours, a
 * vulnerability notification within 72 hours, and a final report within 14 days after a
 * corrective measure is available (state fix_released). Each is met by the team recording
 * it made (`cases set --cra-notified ...`: a cra_notified event). The law's clocks run in
 * hours and calendar days: no business days, and no pause while the reporter is asked.
 * A flag taken back ends them; a closed case no longer owes them here (the sweep does not
 * look at closed cases; the notifications themselves remain the manufacturer's duty).
 */
import type { CraNotification } from '../cases/model/cra.js';
import { CASE_STATES } from '../cases/model/states.js';
import { DAY, HOUR } from '../limits.js';
import type { CraMilestoneName, Policy } from '../policy/schema.js';
import { notYetApplicable, type Deadline, type EngineEvent } from './deadline.js';

const iso = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');

/** Each milestone: the notification that meets it, its time limit, its reminder lead, and what starts its clock. */
export const CRA_RULES: ReadonlyArray<{
  milestone: CraMilestoneName;
  meets: CraNotification;
  within: number;
  lead: number;
  from: 'aware' | 'fix';
  text: string;
}> = [
  { milestone: 'cra_early_warning', meets: 'early_warning', within: 24 * HOUR, lead: 6 * HOUR, from: 'aware', text: '24h' },
  { milestone: 'cra_notification', meets: 'notification', within: 72 * HOUR, lead: 24 * HOUR, from: 'aware', text: '72h' },
  { milestone: 'cra_final_report', meets: 'final_report', within: 14 * DAY, lead: 3 * DAY, from: 'fix', text: '14 days' },
];

export function craEscalateTo(policy: Policy): string[] {
  return typeof policy.cra === 'object' ? policy.cra.escalateTo : policy.cra ? ['team'] : [];
}

/** When the case was flagged exploited and still is; null when it is not. */
function exploitedSince(events: EngineEvent[]): Date | null {
  let at: Date | null = null;
  for (const e of events) if (e.type === 'flag_set' && e.data.flag === 'exploited') at = e.data.value ? (at ?? new Date(e.at)) : null;
  return at;
}

/** The fix the case still stands at (fix_released or later, not undone by a reopen). */
function fixedSince(events: EngineEvent[]): Date | null {
  const want = CASE_STATES.indexOf('fix_released');
  let at: Date | null = null;
  for (const e of events) {
    if (e.type !== 'state_changed') continue;
    const got = CASE_STATES.indexOf(e.data.to);
    if (got < want) at = null;
    else if (e.data.to !== 'closed' || at) at ??= new Date(e.at);
  }
  return at;
}

function closedSince(events: EngineEvent[]): Date | null {
  let at: Date | null = null;
  for (const e of events) if (e.type === 'state_changed') at = e.data.to === 'closed' ? (at ?? new Date(e.at)) : null;
  return at;
}

/** The CRA milestones of a case as of `now` (none unless the policy says cra and the case is flagged exploited). */
export function craDeadlines(events: EngineEvent[], policy: Policy, now: Date): Deadline[] {
  if (!policy.cra) return [];
  const aware = exploitedSince(events);
  if (!aware) return [];
  const fixed = fixedSince(events);
  const closed = closedSince(events);
  const made = new Map<string, Date>();
  for (const e of events) if (e.type === 'cra_notified' && !made.has(e.data.notification)) made.set(e.data.notification, new Date(e.at));
  return CRA_RULES.map((r) => {
    const d: Deadline = notYetApplicable(r.milestone, craEscalateTo(policy));
    const start = r.from === 'aware' ? aware : fixed;
    if (!start) {
      d.steps.push(`flagged exploited ${iso(aware)}; due ${r.text} after a fix is released (CRA Art. 14(2)(c)): no fix released yet`);
      return d;
    }
    d.due = new Date(start.getTime() + r.within);
    d.remindAt = new Date(d.due.getTime() - r.lead);
    d.steps.push(`${r.from === 'aware' ? 'flagged exploited' : 'fix released'} ${iso(start)} + ${r.text} (EU CRA Art. 14) → ${iso(d.due)}`);
    const met = made.get(r.meets);
    if (met && met.getTime() <= now.getTime()) {
      d.state = 'met';
      d.metAt = met;
      d.late = met.getTime() > d.due.getTime();
      d.steps.push(`met ${iso(met)}: the team recorded the ${r.meets.replace('_', ' ')} as made${d.late ? ' (late)' : ''}`);
    } else if (closed && closed.getTime() <= now.getTime()) {
      d.state = 'not_applicable';
      d.steps.push(`case closed ${iso(closed)} before this was recorded: no longer tracked here`);
    } else d.state = now.getTime() >= d.due.getTime() ? 'overdue' : 'due';
    return d;
  });
}
