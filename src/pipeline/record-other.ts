/**
 * The routes that record little: a redelivery, automatic mail (bounce, auto-reply,
 * our own), a team member's mail about a case without commands, mail with no usable
 * sender, and a requeued message that still does not open. Each notes itself on the
 * case it concerns (if any) and finishes the spool entry, in the recording transaction.
 */
import type { Automatic } from '../classify/automatic.js';
import { appendEvent } from '../cases/store/event-log.js';
import { describeError } from '../errors.js';
import { finishSpool } from '../spool/spool.js';
import type { RecordContext } from './context.js';

const at = (ctx: RecordContext): string => ctx.now.toISOString();

export function recordDuplicate(ctx: RecordContext, caseId: number): number {
  appendEvent(ctx.db, { caseId, at: at(ctx), actor: 'system', type: 'duplicate_delivery', data: { spoolId: ctx.spool.id }, spoolId: ctx.spool.id });
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: 'duplicate', caseId, at: ctx.now });
  return caseId;
}

/** A team member's mail about a case without commands (a reply to a reminder, say): noted, nothing else. */
export function recordTeamMail(ctx: RecordContext, caseId: number): number {
  appendEvent(ctx.db, {
    caseId,
    at: at(ctx),
    actor: `team:${ctx.opened.from?.address ?? 'unknown'}`,
    type: 'team_mail_received',
    data: { spoolId: ctx.spool.id },
    spoolId: ctx.spool.id,
  });
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: 'team_mail', caseId, at: ctx.now });
  return caseId;
}

export function recordAutomatic(ctx: RecordContext, r: { automatic: Automatic; caseId: number | null }): number | null {
  if (r.caseId !== null) {
    const data = { kind: r.automatic, spoolId: ctx.spool.id };
    appendEvent(ctx.db, {
      caseId: r.caseId,
      at: at(ctx),
      actor: 'system',
      spoolId: ctx.spool.id,
      ...(r.automatic === 'bounce' ? { type: 'bounce_received', data } : { type: 'automatic_mail_received', data }),
    });
  }
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: r.automatic, caseId: r.caseId, at: ctx.now });
  return r.caseId;
}

export function recordUnattributable(ctx: RecordContext): null {
  finishSpool(ctx.db, ctx.spool.id, { state: 'held', disposition: 'held', holdReason: 'MESSAGE_UNPARSEABLE: no usable From address', at: ctx.now });
  return null;
}

/** Requeued, and still no key opens it: it stays held, with its new reason, on its case. */
export function recordStillHeld(ctx: RecordContext, caseId: number, disposition: string): number {
  const o = ctx.opened;
  appendEvent(ctx.db, {
    caseId,
    at: at(ctx),
    actor: 'system',
    type: 'requeue_still_held',
    data: { spoolId: ctx.spool.id, failure: o.failure?.code ?? null },
    spoolId: ctx.spool.id,
  });
  finishSpool(ctx.db, ctx.spool.id, {
    state: 'held',
    disposition,
    caseId,
    holdReason: o.failure ? describeError(o.failure) : ctx.spool.hold_reason,
    at: ctx.now,
  });
  return caseId;
}
