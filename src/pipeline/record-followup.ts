/**
 * The reporter writing again on their case: the message, the fields it supplies that
 * the case lacked, the keys it offers, and the end of a wait on them (needs_info).
 * On requeue, the held follow-up's row is filled in instead. Runs inside the
 * recording transaction and ends by finishing the spool entry.
 */
import { resumeAfterAnswer } from '../cases/actions/state.js';
import { getCase, touchCase } from '../cases/store/cases.js';
import { appendEvent } from '../cases/store/event-log.js';
import { describeError } from '../errors.js';
import { finishSpool } from '../spool/spool.js';
import { systemActions, type RecordContext } from './context.js';
import type { Reopen } from './decide.js';
import { handleKeys, messageEventData, noteProtectedFrom, reopenInbound, storeInbound } from './inbound.js';
import { recordFollowUpFields } from './record-fields.js';

export function recordFollowUp(ctx: RecordContext, caseId: number, reopen?: Reopen): number {
  const o = ctx.opened;
  const at = ctx.now.toISOString();
  let messageRowId: number | undefined;
  if (reopen) {
    messageRowId = reopen.messageRowId;
    reopenInbound(ctx, caseId, messageRowId);
  } else {
    const stored = storeInbound(ctx, caseId);
    messageRowId = stored.messageRowId;
    appendEvent(ctx.db, {
      caseId,
      at,
      actor: `reporter:${o.from?.address ?? 'unknown'}`,
      type: 'followup_received',
      data: messageEventData(ctx, stored.attachments),
      spoolId: ctx.spool.id,
    });
  }
  noteProtectedFrom(ctx, caseId);
  if (messageRowId !== undefined) recordFollowUpFields(ctx, caseId, messageRowId);
  if (o.from) handleKeys(ctx, caseId, o.from.address);
  touchCase(ctx.db, caseId, ctx.now);
  // The reporter's answer (even one late to open) ends a wait on them.
  const c = getCase(ctx.db, caseId);
  if (o.encryption !== 'undecryptable' && c?.state === 'needs_info') resumeAfterAnswer(systemActions(ctx), c);
  const held = o.encryption === 'undecryptable';
  finishSpool(ctx.db, ctx.spool.id, {
    state: held ? 'held' : 'done',
    disposition: reopen ? (ctx.spool.disposition ?? 'followup') : 'followup',
    caseId,
    holdReason: !reopen && o.failure ? describeError(o.failure) : null,
    at: ctx.now,
  });
  return caseId;
}
