/**
 * The deadline engine: pure functions from a case's events, its policy and an instant
 * to each milestone's due time, how it was computed (steps a person can check) and its
 * state. No I/O and no clock: `now` is a parameter. Events come from our own event log
 * (trusted for shape, but a malformed `data` is skipped rather than thrown on, so one
 * odd row cannot stop the sweep for every case).
 *
 * Rules (the shared event contract of src/cases/states.ts):
 *  - the clock starts at report_received;
 *  - auto-acknowledgement: mail_sent kind 'ack' (or a team reply, which acknowledges too);
 *    team-reply: mail_sent kind 'team_reply'; state:X: a state_changed to X or any later
 *    state in CASE_STATES (closed satisfies every state milestone);
 *  - while the case is in a PAUSED_STATES state the clock stops: the due time moves
 *    later by the paused time (calendar milliseconds, also for business-day milestones);
 *  - statusUpdate (`every`) recurs from the last team reply or status update mail,
 *    until the case reaches fix_released or is closed;
 *  - disclosure: `exploitedWithin` from the moment the case is flagged exploited
 *    (when earlier than the normal date); `afterFix` from fix_released when the fix
 *    ships before the normal date (Project Zero's 90+30).
 *  - a milestone still open when the case is closed no longer applies.
 */
import { CASE_STATES, PAUSED_STATES } from '../cases/model/states.js';
import { DateTime } from 'luxon';
import { addDuration, isNonWorkingDay, parseDuration, subtractDuration, type BusinessCalendar } from '../policy/duration.js';
import { MILESTONES, type Milestone, type Policy } from '../policy/schema.js';
import { craDeadlines } from './cra.js';
import { notYetApplicable, type Deadline, type EngineEvent } from './deadline.js';

/**
 * The event kinds the engine reads: no other kind changes a deadline. The trigger of
 * migrations 0008/0011 sends a case back to the sweep on exactly these (a test holds the
 * lists equal).
 */
export const DEADLINE_EVENT_TYPES = ['report_received', 'mail_sent', 'state_changed', 'flag_set', 'advisory_published', 'cra_notified'] as const;

export type { Deadline, DeadlineState, EngineEvent } from './deadline.js';

interface Pause {
  start: Date;
  end: Date | null;
}

const STATE_INDEX = new Map<string, number>(CASE_STATES.map((s, i) => [s, i]));
const iso = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');

/** The intervals the case spent in paused states (the last one still open if it is paused now). */
function timeline(events: EngineEvent[]): { pauses: Pause[] } {
  const pauses: Pause[] = [];
  let open: Pause | null = null;
  for (const e of events) {
    if (e.type !== 'state_changed') continue;
    const at = new Date(e.at);
    const to = e.data.to;
    const paused = PAUSED_STATES.includes(to);
    if (paused && !open) {
      open = { start: at, end: null };
      pauses.push(open);
    } else if (!paused && open) {
      open.end = at;
      open = null;
    }
  }
  return { pauses };
}

/** Moves `due` later by every pause that starts in [from, due) and before `until`; a running pause counts up to `now`. */
function shiftByPauses(from: Date, due: Date, pauses: Pause[], now: Date, until: Date | null, steps: string[]): { due: Date; pausedNow: boolean } {
  let t = due.getTime();
  let pausedNow = false;
  for (const p of pauses) {
    const s = p.start.getTime();
    if (s < from.getTime() || s >= t) continue;
    if (until && s >= until.getTime()) continue;
    const endMs = p.end ? p.end.getTime() : now.getTime();
    if (!p.end) pausedNow = true;
    const len = Math.max(0, endMs - s);
    t += len;
    steps.push(
      `paused (waiting on the reporter) ${iso(p.start)} to ${p.end ? iso(p.end) : `now (${iso(now)}), still paused`}: +${formatSpan(len)} → ${iso(new Date(t))}`,
    );
  }
  return { due: new Date(t), pausedNow };
}

export function formatSpan(ms: number): string {
  const min = Math.round(ms / 60_000);
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m || (!d && !h) ? `${m}m` : ''].filter(Boolean).join(' ');
}

function calendarText(text: string, cal: BusinessCalendar, from: Date): string {
  if (parseDuration(text).unit !== 'businessDays') return text;
  const local = DateTime.fromJSDate(from, { zone: cal.timezone });
  const late = isNonWorkingDay(local, cal) ? `; ${local.toFormat('ccc yyyy-MM-dd')} is not a working day, so the clock starts the next working morning` : '';
  return `${text} (${cal.timezone}, holidays: ${cal.holidays}; weekends skipped${late})`;
}

/** The first instant the milestone's `satisfiedBy` was fulfilled, at or after `after`. */
/**
 * When the case last reached `want` (or a later state) and has stayed there since: a
 * reopened case has undone its close, so the close no longer meets anything.
 */
function reachedAndKept(want: number, events: EngineEvent[], after: Date): { at: Date; to: string } | null {
  let kept: { at: Date; to: string } | null = null;
  for (const e of events) {
    if (e.type !== 'state_changed' || Date.parse(e.at) < after.getTime()) continue;
    const got = STATE_INDEX.get(e.data.to) as number;
    if (got < want) kept = null;
    else kept ??= { at: new Date(e.at), to: e.data.to };
  }
  return kept;
}

/**
 * The disclosure is met only by publishing: the case reached `disclosed` and stayed at it
 * or later (a close after disclosing keeps it), or an advisory was marked published. A
 * close that skipped `disclosed` meets nothing (issue 13: it used to count as met).
 */
function disclosedAt(events: EngineEvent[], after: Date): { at: Date; by: string } | null {
  const disclosedIndex = STATE_INDEX.get('disclosed') as number;
  let kept: Date | null = null;
  let published: Date | null = null;
  for (const e of events) {
    if (Date.parse(e.at) < after.getTime()) continue;
    if (e.type === 'advisory_published') published ??= new Date(e.at);
    if (e.type !== 'state_changed') continue;
    const to = STATE_INDEX.get(e.data.to) as number;
    if (e.data.to === 'disclosed') kept ??= new Date(e.at);
    else if (to < disclosedIndex) kept = null;
  }
  if (kept && (!published || kept.getTime() <= published.getTime())) return { at: kept, by: 'state changed to disclosed' };
  return published ? { at: published, by: 'advisory marked published' } : null;
}

/** The resolution of the close the case still stands at. */
function closeResolution(events: EngineEvent[]): string {
  let r = 'no resolution recorded';
  for (const e of events) if (e.type === 'state_changed' && e.data.to === 'closed') r = e.data.resolution ?? r;
  return r;
}

function satisfiedAt(satisfiedBy: string, events: EngineEvent[], after: Date): { at: Date; by: string } | null {
  if (satisfiedBy.startsWith('state:')) {
    const want = STATE_INDEX.get(satisfiedBy.slice('state:'.length));
    const r = want === undefined ? null : reachedAndKept(want, events, after);
    return r ? { at: r.at, by: `state changed to ${r.to}` } : null;
  }
  for (const e of events) {
    const at = new Date(e.at);
    if (at.getTime() < after.getTime()) continue;
    if (e.type !== 'mail_sent') continue;
    if (satisfiedBy === 'auto-acknowledgement' && (e.data.kind === 'ack' || e.data.kind === 'team_reply'))
      return { at, by: `${e.data.kind === 'ack' ? 'acknowledgement' : 'team reply'} sent` };
    if (satisfiedBy === 'team-reply' && e.data.kind === 'team_reply') return { at, by: 'team reply sent' };
  }
  return null;
}

/** Kinds of mail that count as an update to the reporter for the statusUpdate cadence. */
export const UPDATE_KINDS = ['team_reply', 'status_update', 'status_notice'];

function lastExploitedFlag(events: EngineEvent[]): Date | null {
  let at: Date | null = null;
  for (const e of events) {
    if (e.type !== 'flag_set' || e.data.flag !== 'exploited') continue;
    at = e.data.value ? (at ?? new Date(e.at)) : null;
  }
  return at;
}

export function computeDeadlines(events: EngineEvent[], policy: Policy, now: Date): Deadline[] {
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const received = sorted.find((e) => e.type === 'report_received');
  const cal = policy.businessCalendar;
  const { pauses } = timeline(sorted);
  // Only a close or a fix the case still stands at counts: reopening undoes them.
  const epoch = new Date(0);
  const closedAt = reachedAndKept(STATE_INDEX.get('closed') as number, sorted, epoch)?.at ?? null;
  const fixedAt = reachedAndKept(STATE_INDEX.get('fix_released') as number, sorted, epoch)?.at ?? null;
  const out: Deadline[] = [];
  for (const name of MILESTONES) {
    const m = policy.milestones[name];
    if (!m) continue;
    const base: Deadline = notYetApplicable(name, m.escalateTo);
    if (!received) {
      out.push({ ...base, steps: ['no report_received event: the clock never started'] });
      continue;
    }
    const start = new Date(received.at);
    out.push(
      m.every
        ? recurring(base, m, m.every, sorted, start, pauses, closedAt, fixedAt, cal, now)
        : oneShot(base, m, sorted, start, pauses, closedAt, fixedAt, cal, now),
    );
  }
  // The CRA's notifications (policy cra: true) come first: the law's clocks are the shortest.
  return [...craDeadlines(sorted, policy, now), ...out];
}

function withReminder(d: Deadline, m: Milestone, cal: BusinessCalendar): Deadline {
  if (d.due && m.reminderLead) d.remindAt = subtractDuration(d.due, parseDuration(m.reminderLead), cal);
  return d;
}

function oneShot(
  d: Deadline,
  m: Milestone,
  events: EngineEvent[],
  start: Date,
  pauses: Pause[],
  closedAt: Date | null,
  fixedAt: Date | null,
  cal: BusinessCalendar,
  now: Date,
): Deadline {
  const within = m.within as string;
  const steps = d.steps;
  let due = addDuration(start, parseDuration(within), cal);
  steps.push(`report received ${iso(start)} + ${calendarText(within, cal, start)} → ${iso(due)}`);
  const publishing = d.milestone === 'disclosure' && m.satisfiedBy === 'state:disclosed';
  const sat = publishing ? disclosedAt(events, start) : satisfiedAt(m.satisfiedBy, events, start);
  const shifted = shiftByPauses(start, due, pauses, now, sat?.at ?? null, steps);
  due = shifted.due;
  if (d.milestone === 'disclosure') {
    if (m.afterFix && fixedAt && fixedAt.getTime() <= due.getTime()) {
      const after = addDuration(fixedAt, parseDuration(m.afterFix), cal);
      steps.push(`fix released ${iso(fixedAt)} before the date: ${m.afterFix} after the fix → ${iso(after)}`);
      due = after;
    }
    const exploited = lastExploitedFlag(events);
    if (m.exploitedWithin && exploited) {
      const early = addDuration(exploited, parseDuration(m.exploitedWithin), cal);
      if (early.getTime() < due.getTime()) {
        steps.push(`flagged exploited in the wild ${iso(exploited)} + ${m.exploitedWithin} → ${iso(early)} (earlier, so it applies)`);
        due = early;
      } else steps.push(`flagged exploited ${iso(exploited)} + ${m.exploitedWithin} → ${iso(early)} (later than the date above; no change)`);
    }
  }
  d.due = due;
  withReminder(d, m, cal);
  if (sat && sat.at.getTime() <= now.getTime()) {
    d.state = 'met';
    d.metAt = sat.at;
    d.late = sat.at.getTime() > due.getTime();
    steps.push(`met ${iso(sat.at)}: ${sat.by}${d.late ? ` (late by ${formatSpan(sat.at.getTime() - due.getTime())})` : ''}`);
  } else if (closedAt && closedAt.getTime() <= now.getTime() && publishing) {
    d.state = 'waived';
    d.waived = { at: closedAt, reason: closeResolution(events) };
    steps.push(`case closed ${iso(closedAt)} (${d.waived.reason}) without being disclosed: waived, not met`);
  } else if (closedAt && closedAt.getTime() <= now.getTime()) {
    d.state = 'not_applicable';
    steps.push(`case closed ${iso(closedAt)} before this was met: no longer applies`);
  } else if (shifted.pausedNow) d.state = 'paused';
  else d.state = now.getTime() >= due.getTime() ? 'overdue' : 'due';
  return d;
}

function recurring(
  d: Deadline,
  m: Milestone,
  every: string,
  events: EngineEvent[],
  start: Date,
  pauses: Pause[],
  closedAt: Date | null,
  fixedAt: Date | null,
  cal: BusinessCalendar,
  now: Date,
): Deadline {
  const steps = d.steps;
  const endAt = [closedAt, fixedAt].filter((x): x is Date => x !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  let last = start;
  let lastWhat = 'report received';
  for (const e of events) {
    const at = new Date(e.at);
    if (at.getTime() > now.getTime()) break;
    if (e.type === 'mail_sent' && UPDATE_KINDS.includes(e.data.kind) && at.getTime() >= last.getTime()) {
      last = at;
      lastWhat = e.data.kind === 'team_reply' ? 'last team reply' : 'last status update';
    }
  }
  d.periodStart = last;
  let due = addDuration(last, parseDuration(every), cal);
  steps.push(`${lastWhat} ${iso(last)} + ${calendarText(every, cal, last)} → ${iso(due)}`);
  const shifted = shiftByPauses(last, due, pauses, now, null, steps);
  due = shifted.due;
  d.due = due;
  withReminder(d, m, cal);
  if (endAt && endAt.getTime() <= now.getTime()) {
    d.state = 'not_applicable';
    steps.push(`case ${closedAt && endAt === closedAt ? 'closed' : 'fix released'} ${iso(endAt)}: no more status updates are owed`);
  } else if (shifted.pausedNow) d.state = 'paused';
  else d.state = now.getTime() >= due.getTime() ? 'overdue' : 'due';
  return d;
}
