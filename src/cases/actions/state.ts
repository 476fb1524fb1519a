/**
 * Moving a case through its states: a plain change, a close (with its resolution), a
 * reopen, and the resume when the reporter answers a case that waited on them. The
 * reporter is told of the states the policy names (reporterNotices), encrypted when
 * we hold their key; spam and mail we never answered get nothing.
 */
import { SectriageError } from '../../errors.js';
import type { TeamMailParams } from '../../outbox/templates-team.js';
import { REOPEN_STATE, checkReopen, checkTransition } from '../model/lifecycle.js';
import type { CaseState, Resolution } from '../model/states.js';
import { updateCase, type CaseRow } from '../store/cases.js';
import { caseEvents } from '../store/event-log.js';
import { enqueueMail } from '../store/outbox.js';
import { domainOf, event, loadCase, type ActionContext } from './context.js';
import { reporterMailCommon } from './reporter-mail.js';

export interface StateRequest {
  /** A state, or 'reopen' (back to `reopenTo`, default triaged). */
  to: CaseState | 'reopen';
  reopenTo?: CaseState | undefined;
  resolution?: Resolution | undefined;
  duplicateOf?: string | undefined;
  note?: string | undefined;
  /** False when the change tells the reporter nothing new (their own answer resumed the case). */
  notify?: boolean;
}

export function changeState(ctx: ActionContext, c: CaseRow, r: StateRequest): { from: CaseState; to: CaseState } {
  const from = c.state;
  let to: CaseState;
  let dup: CaseRow | undefined;
  if (r.to === 'reopen') {
    to = r.reopenTo ?? REOPEN_STATE;
    checkReopen(from, to);
    updateCase(ctx.db, c.id, ctx.now, { state: to, resolution: null, duplicate_of: null, closed_at: null });
  } else {
    to = r.to;
    checkTransition({ from, to, resolution: r.resolution, duplicateOf: r.duplicateOf });
    if (r.duplicateOf) {
      dup = loadCase(ctx.db, r.duplicateOf);
      if (dup.id === c.id) throw new SectriageError('USAGE', 'a case cannot be a duplicate of itself');
      if (dup.duplicate_of !== null) throw new SectriageError('USAGE', `${dup.tracking_id} is itself a duplicate; name the case it duplicates`);
    }
    if (to === 'closed')
      updateCase(ctx.db, c.id, ctx.now, { state: to, resolution: r.resolution ?? null, duplicate_of: dup?.id ?? null, closed_at: ctx.now.toISOString() });
    else updateCase(ctx.db, c.id, ctx.now, { state: to });
  }
  event(ctx, c.id, 'state_changed', {
    from,
    to,
    ...(r.resolution ? { resolution: r.resolution } : {}),
    ...(dup ? { duplicateOf: dup.tracking_id } : {}),
    ...(r.note ? { note: r.note } : {}),
    ...(r.to === 'reopen' ? { reopened: true } : {}),
  });
  // Spam gets no mail back: answering it confirms the address and feeds the sender.
  if (ctx.reporterNotices.includes(to) && r.to !== 'reopen' && r.resolution !== 'spam' && r.notify !== false) notifyReporter(ctx, c, to, r.resolution ?? null);
  return { from, to };
}

/**
 * The reporter answered while the case waited on them (needs_info): the case goes
 * back to the state it was in before, and the policy clock runs again. Returns the
 * state it resumed, or null when the case was not waiting.
 */
export function resumeAfterAnswer(ctx: ActionContext, c: CaseRow): CaseState | null {
  if (c.state !== 'needs_info') return null;
  const asked = caseEvents(ctx.db, c.id)
    .filter((e) => e.type === 'state_changed' && e.data.to === 'needs_info')
    .at(-1);
  const before = asked?.type === 'state_changed' ? asked.data.from : undefined;
  const to: CaseState = before && before !== 'needs_info' && before !== 'closed' ? before : 'received';
  changeState(ctx, c, { to, note: 'the reporter answered', notify: false });
  return to;
}

/** Queues the status notice to the reporter, encrypted when we hold their pinned key. */
function notifyReporter(ctx: ActionContext, c: CaseRow, state: CaseState, resolution: Resolution | null): void {
  if (c.no_reply_reason && !c.no_reply_reason.startsWith('rate_limited')) {
    // Mail we never answered (a bounce, a list, auto-submitted) gets no notices either.
    event(ctx, c.id, 'reporter_notice_skipped', { state, reason: c.no_reply_reason });
    return;
  }
  const params: TeamMailParams = { kind: 'status_notice', state, resolution, ...reporterMailCommon(ctx, c) };
  const { id, messageId } = enqueueMail(ctx.db, {
    caseId: c.id,
    kind: 'status_notice',
    auto: false,
    to: c.reporter_email,
    envelopeFrom: ctx.teamAddress,
    params,
    at: ctx.now,
    domain: domainOf(ctx.teamAddress),
  });
  event(ctx, c.id, 'reporter_notice_queued', { outboxId: id, messageId, state, encrypted: Boolean(params.encryptTo) });
}
