/**
 * The deadline sweep: as of `now`, computes the deadlines of the cases it must look at,
 * stores them, and acts on what is due: a reminder to the team in the reminder window, an
 * escalation once overdue, an automatic status update to the reporter when the cadence
 * passed without one, and the digest when its schedule slot has passed.
 * It looks only at the cases whose stored instant (cases.sweep_at, wake.ts) has come or
 * that something happened to (migration 0008's triggers); between those instants a case's
 * deadlines keep their states, so looking again would act on nothing new. A sweep into the
 * past (a preview) and an edited policy send the cases concerned back to it.
 * Each action is claimed by a UNIQUE row and its mail queued in the same transaction,
 * so a sweep that runs twice, late, or after a crash sends nothing twice; a sweep after
 * downtime acts on what it finds (an escalation, not a stale reminder).
 */
import type { Config } from '../config/load.js';
import { firstCaseAt, getCase, trackingIdOf, type CaseRow } from '../cases/store/cases.js';
import { firstInboundMessageId } from '../cases/store/messages.js';
import { pinnedFingerprint } from '../cases/store/reporter-keys.js';
import type { EventBodyIn } from '../cases/model/events.js';
import { auditHead } from '../cases/store/audit-head.js';
import { appendEvent, caseEvents } from '../cases/store/event-log.js';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { inWriteBatches } from '../db/write-batches.js';
import { DAY, DEFAULTS } from '../limits.js';
import { countHeldWithoutCase, heldWithoutCase } from '../spool/spool.js';
import type { Logger } from '../log.js';
import { enqueueMail } from '../cases/store/outbox.js';
import type { DeadlineItem, DigestParams, EscalationParams, ReminderParams } from '../outbox/templates-deadlines.js';
import type { MailParams } from '../outbox/templates.js';
import { milestoneLabel } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { digestSources, policyHash } from './current.js';
import { buildDigest, SLA_WINDOWS_DAYS, type DigestSources } from './digest.js';
import { computeDeadlines, type Deadline } from './engine.js';
import { resolveEscalation, teamRecipients, type Recipient } from './recipients.js';
import { latestSlot } from './schedule.js';
import {
  casesDueForSweep,
  claimAction,
  deadlineMailSince,
  lastDigest,
  markOpenForSweep,
  markPolicyForSweep,
  saveDeadlines,
  saveSweepMarks,
  setActionOutbox,
  setSweepAt,
  sweepMarks,
  type ActionKind,
} from './store.js';
import { nextSweepAt } from './wake.js';
import { craDraftOf } from './cra-draft-mail.js';

export interface SweepDeps {
  db: Db;
  config: Config;
  /** The policy a case was opened under (cases keep theirs when the config changes). */
  policyFor(name: string): Policy;
  teamAddress: string;
  teamFingerprint: string;
  log: Logger;
  now: Date;
}

export interface SweepResult {
  cases: number;
  reminders: number;
  escalations: number;
  reporterUpdates: number;
  digests: number;
}

function itemOf(c: CaseRow, d: Deadline): DeadlineItem {
  return {
    trackingId: c.tracking_id,
    subject: c.subject,
    milestone: d.milestone,
    label: milestoneLabel(d.milestone),
    due: (d.due as Date).toISOString(),
    state: d.state,
  };
}

/** Claims the action and queues one mail per recipient, all in one transaction. Returns whether it acted. */

function act(
  deps: SweepDeps,
  a: { caseId: number | null; milestone: string; kind: ActionKind; dueAt: Date },
  mails: Array<{ to: string; auto: boolean; envelopeFrom: string; params: MailParams }>,
  event?: (outboxIds: number[]) => EventBodyIn,
): boolean {
  const { db, now } = deps;
  return db
    .transaction(() => {
      const actionId = claimAction(db, { ...a, now });
      if (actionId === null) return false;
      // Due before this database had deadlines (an upgrade): handled, silently.
      const since = deadlineMailSince(db);
      if (since && a.dueAt.getTime() < since.getTime()) return false;
      const ids = mails.map(
        (m) =>
          enqueueMail(db, {
            caseId: a.caseId,
            kind: m.params.kind,
            auto: m.auto,
            to: m.to,
            envelopeFrom: m.envelopeFrom,
            params: m.params,
            at: now,
            domain: deps.teamAddress.split('@')[1] as string,
          }).id,
      );
      setActionOutbox(db, actionId, ids);
      if (a.caseId !== null && event) appendEvent(db, { caseId: a.caseId, at: now.toISOString(), actor: 'system', ...event(ids) });
      return true;
    })
    .immediate();
}

type TeamParams = ReminderParams | EscalationParams | DigestParams;
type TeamParamsIn = TeamParams extends infer T ? (T extends TeamParams ? Omit<T, 'to' | 'toName' | 'timezone'> : never) : never;

function teamMail(deps: SweepDeps, r: Recipient, params: TeamParamsIn): { to: string; auto: boolean; envelopeFrom: string; params: MailParams } {
  return {
    to: r.email,
    auto: false,
    envelopeFrom: deps.teamAddress,
    params: { ...params, to: r.email, toName: r.name, timezone: deps.config.timezone, encryptToMember: r.member ? r.email : null } as MailParams,
  };
}

type Acted = Pick<SweepResult, 'reminders' | 'escalations' | 'reporterUpdates'>;

/**
 * Computes one case's deadlines as of `now`, stores them with the instant to look again,
 * and, open and not on hold, acts on what is due; inside the sweep's transaction (a
 * savepoint of its own), so a change made to the case meanwhile is either seen here or
 * sends it back to the next sweep. Whether the case was open, and what was queued for it.
 */
function sweepCase(deps: SweepDeps, id: number, policies: Set<string>): { open: boolean; acted: Acted } {
  const { db, now } = deps;
  const acted: Acted = { reminders: 0, escalations: 0, reporterUpdates: 0 };
  const c = getCase(db, id);
  if (!c) return { open: false, acted };
  const policy = deps.policyFor(c.policy);
  const events = caseEvents(db, c.id);
  const deadlines = computeDeadlines(events, policy, now);
  saveDeadlines(db, c.id, deadlines, now);
  setSweepAt(db, c.id, nextSweepAt(deadlines, events, now));
  policies.add(c.policy);
  if (c.state === 'closed') return { open: false, acted };
  // On hold (the team set the flag): the deadlines are still computed and shown, but
  // nobody is reminded, escalated to or sent an update until the flag is lifted.
  if (c.flag_on_hold !== 1) actOnDeadlines(deps, c, policy, deadlines, acted);
  return { open: true, acted };
}

function actOnDeadlines(deps: SweepDeps, c: CaseRow, policy: Policy, deadlines: Deadline[], result: Acted): void {
  const { now, config, log } = deps;
  const team = teamRecipients(config.team, deps.teamAddress);
  for (const d of deadlines) {
    if (!d.due) continue;
    // The reporter's automatic update; a custom policy may still remind or escalate below.
    if (d.milestone === 'statusUpdate' && d.state === 'overdue' && !c.no_reply_reason && reporterUpdate(deps, c, d, deadlines)) result.reporterUpdates++;
    if (d.state === 'due' && d.remindAt && d.remindAt.getTime() <= now.getTime()) {
      if (!team.length)
        log.warn({ trackingId: c.tracking_id, milestone: d.milestone }, 'reminder due but no team members are configured (team:); nothing mailed');
      const draft = craDraftOf(deps, c, d);
      const mails = team.map((r) =>
        teamMail(deps, r, { kind: 'deadline_reminder', trackingId: c.tracking_id, item: itemOf(c, d), steps: d.steps, ...(draft ? { draft } : {}) }),
      );
      if (
        act(deps, { caseId: c.id, milestone: d.milestone, kind: 'reminder', dueAt: d.due }, mails, (outboxIds) => ({
          type: 'deadline_reminder_queued',
          data: { milestone: d.milestone, due: (d.due as Date).toISOString(), outboxIds },
        }))
      )
        result.reminders++;
    }
    if (d.state === 'overdue' && d.escalateTo.length && escalate(deps, c, d, d.escalateTo)) result.escalations++;
  }
}

/** The reporter's automatic status update, with the next date the policy promises; whether it was queued now. */
function reporterUpdate(deps: SweepDeps, c: CaseRow, d: Deadline, deadlines: Deadline[]): boolean {
  const { db, now, config } = deps;
  const next = deadlines
    .filter(
      (x) =>
        x.milestone !== 'statusUpdate' &&
        x.milestone !== 'acknowledge' &&
        !x.milestone.startsWith('cra_') && // the team's duty to the authorities, not a date promised to the reporter
        (x.state === 'due' || x.state === 'overdue') &&
        x.due &&
        x.due.getTime() > now.getTime(),
    )
    .sort((a, b) => (a.due as Date).getTime() - (b.due as Date).getTime())[0];
  const inReplyTo = firstInboundMessageId(db, c.id);
  const params: MailParams = {
    kind: 'status_update',
    trackingId: c.tracking_id,
    to: c.reporter_email,
    toName: c.reporter_name,
    inReplyTo,
    references: inReplyTo ? [inReplyTo] : [],
    teamFingerprint: deps.teamFingerprint,
    teamAddress: deps.teamAddress,
    timezone: config.timezone,
    encryptTo: pinnedFingerprint(db, c.reporter_email),
    state: c.state,
    next: next ? { text: milestoneLabel(next.milestone), due: (next.due as Date).toISOString() } : null,
  };
  return act(
    deps,
    { caseId: c.id, milestone: d.milestone, kind: 'reporter_update', dueAt: d.due as Date },
    [{ to: c.reporter_email, auto: true, envelopeFrom: '', params }],
    (outboxIds) => ({ type: 'status_update_queued', data: { due: (d.due as Date).toISOString(), outboxIds } }),
  );
}

/** An overdue milestone goes to the people its policy names (unknown names: the whole team); whether it was queued now. */
function escalate(deps: SweepDeps, c: CaseRow, d: Deadline, escalateTo: string[]): boolean {
  const { config, log } = deps;
  const draft = craDraftOf(deps, c, d);
  const { recipients, unresolved } = resolveEscalation(escalateTo, config.team, config.contacts, deps.teamAddress);
  if (unresolved.length)
    log.warn(
      { trackingId: c.tracking_id, unresolved },
      'escalateTo names no team member, contact or address: escalating to the whole team (add them under contacts:)',
    );
  if (!recipients.length)
    log.warn({ trackingId: c.tracking_id, milestone: d.milestone }, 'escalation due but it resolves to nobody (no team members configured); nothing mailed');
  const escalatedTo = [
    ...escalateTo.filter((x) => !unresolved.includes(x)),
    ...(unresolved.length ? [`team (no contact named ${unresolved.join(', ')})`] : []),
  ];
  const mails = recipients.map((r) =>
    teamMail(deps, r, { kind: 'deadline_escalation', trackingId: c.tracking_id, item: itemOf(c, d), steps: d.steps, escalatedTo, ...(draft ? { draft } : {}) }),
  );
  return act(deps, { caseId: c.id, milestone: d.milestone, kind: 'escalation', dueAt: d.due as Date }, mails, (outboxIds) => ({
    type: 'deadline_escalation_queued',
    data: { milestone: d.milestone, due: (d.due as Date).toISOString(), to: recipients.map((r) => r.email), outboxIds },
  }));
}

/**
 * The digest as of deps.now: the deadlines' lists, held messages that made no case, and
 * the event log's head, which so leaves the host in every digest (signed by the team key,
 * encrypted to each member): a later rewrite of the database cannot recompute it.
 */
export function digestData(deps: SweepDeps, since: Date | null): DigestParams['digest'] {
  const digest = buildDigest(digestCases(deps, since), deps.now, since);
  const held = heldWithoutCase(deps.db, DEFAULTS.digestHeldListed);
  // A full page of held entries may hide more: the title counts them all.
  const heldTotal = held.length === DEFAULTS.digestHeldListed ? countHeldWithoutCase(deps.db) : held.length;
  return {
    ...digest,
    held,
    auditHead: auditHead(deps.db),
    ...(heldTotal > held.length ? { totals: { ...digest.totals, held: heldTotal } } : {}),
  };
}

/** What the digest is built from as of `now`, for new cases since `since`: the open cases and those within the SLA windows (deadlines/current.ts). */
export function digestCases(deps: SweepDeps, since: Date | null): DigestSources {
  return digestSources(deps, since);
}

/**
 * Sends back to the sweep what it must look at beyond the instants it stored: every open
 * case when this sweep is earlier than the last (a preview or catch-up into the past), and
 * the cases of a policy that is not the one their deadlines were computed under.
 */
function markChanged(deps: SweepDeps, marks: ReturnType<typeof sweepMarks>): void {
  const { db, now } = deps;
  if (marks.last && now.getTime() < Date.parse(marks.last)) markOpenForSweep(db);
  const since = new Date(now.getTime() - Math.max(...SLA_WINDOWS_DAYS) * DAY);
  for (const [name, hash] of Object.entries(marks.policies)) {
    let current = '';
    try {
      current = policyHash(deps.policyFor(name));
    } catch {
      // Left as '': the cases are computed (and their error logged) until it loads again.
    }
    if (current === hash) continue;
    markPolicyForSweep(db, name, since);
    if (current) marks.policies[name] = current;
    else delete marks.policies[name];
  }
}

export function sweep(deps: SweepDeps): SweepResult {
  const { db, now } = deps;
  const result: SweepResult = { cases: 0, reminders: 0, escalations: 0, reporterUpdates: 0, digests: 0 };
  const marks = sweepMarks(db);
  db.transaction(() => markChanged(deps, marks)).immediate();
  const policies = new Set<string>();
  // Many cases to a transaction (db/write-batches.ts), each in a savepoint of its own: one
  // case with a broken policy file must not stop the others' reminders. Counted once committed.
  inWriteBatches(db, casesDueForSweep(db, now), (id) => sweepCase(deps, id, policies), {
    onError: (id, e) => deps.log.error({ trackingId: trackingIdOf(db, id) ?? null, err: describeError(e) }, 'deadline sweep failed for this case'),
    committed: (done) => {
      for (const { result: r } of done) {
        if (!r.open) continue;
        result.cases++;
        result.reminders += r.acted.reminders;
        result.escalations += r.acted.escalations;
        result.reporterUpdates += r.acted.reporterUpdates;
      }
    },
  });
  for (const name of policies) if (!marks.policies[name]) marks.policies[name] = policyHash(deps.policyFor(name));
  const at = now.toISOString();
  db.transaction(() => saveSweepMarks(db, { last: at, latest: marks.latest && marks.latest > at ? marks.latest : at, policies: marks.policies })).immediate();
  if (deps.config.digest.enabled) result.digests = sendDigestIfDue(deps);
  return result;
}

function sendDigestIfDue(deps: SweepDeps): number {
  const { config, now } = deps;
  const slot = latestSlot(config.digest.schedule, config.digest.timezone, now);
  if (!slot || !config.team.length) return 0;
  const last = lastDigest(deps.db);
  if (last && Date.parse(last.dueAt) >= slot.getTime()) return 0;
  // A slot before the first case ever recorded has nothing to say (a fresh install does
  // not open with an empty digest for last week's slot).
  const first = firstCaseAt(deps.db);
  if (!first || Date.parse(first) > slot.getTime()) return 0;
  const since = last ? new Date(last.doneAt) : null;
  const data = digestData(deps, since);
  const mails = teamRecipients(config.team, deps.teamAddress).map((r) => teamMail(deps, r, { kind: 'digest', digest: data }));
  return act(deps, { caseId: null, milestone: '', kind: 'digest', dueAt: slot }, mails) ? 1 : 0;
}
