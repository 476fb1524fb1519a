/**
 * A new report: on arrival, its case (tracking ID, attention, links), message, fields,
 * reporter keys and first reply; on requeue (a held report that now opens), the same
 * steps continued on the case it made on arrival, with the policy's dates counted from
 * that arrival. One path for both, so an arrival behaviour is written once.
 * Runs inside the recording transaction and ends by finishing the spool entry.
 */
import { tellTeamOfClaim } from '../cases/actions/team-notice.js';
import { attentionText, newReportAttention } from '../cases/model/attention.js';
import { newTrackingId } from '../cases/model/tracking-id.js';
import { raiseAttention } from '../cases/store/attention.js';
import { getCase, insertCase, trackingIdExists, updateCaseOpened, type CaseRow } from '../cases/store/cases.js';
import { appendEvent } from '../cases/store/event-log.js';
import { recentAutoReplies } from '../cases/store/outbox.js';
import { recentReportsFrom } from '../cases/store/sender-reports.js';
import { noReplyReason } from '../classify/automatic.js';
import { describeError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import { finishSpool } from '../spool/spool.js';
import { systemActions, type RecordContext } from './context.js';
import type { Reopen } from './decide.js';
import { enqueueFirstReply } from './first-reply.js';
import { handleKeys, messageEventData, noteProtectedFrom, reopenInbound, storeInbound } from './inbound.js';
import { recordReportFields } from './record-fields.js';
import { replyCap, reportFingerprint } from './reply-cap.js';

export function recordReport(ctx: RecordContext, d: { relatedCaseId: number | null; replayOf?: number | undefined; reopen?: Reopen | undefined }): number {
  const o = ctx.opened;
  const from = o.from as { address: string; name: string };
  const replayed = d.replayOf !== undefined ? getCase(ctx.db, d.replayOf) : undefined;
  const opened = d.reopen ? reopenCase(ctx, d.reopen, replayed) : openCase(ctx, d.relatedCaseId, replayed);
  const { c, messageRowId, eventId } = opened;
  noteProtectedFrom(ctx, c.id);
  for (const item of newReportAttention(
    { encryption: o.encryption, failureCode: o.failure?.code, protectedFrom: o.protectedFrom, leftOut: o.leftOut },
    from.address,
    replayed,
  )) {
    raiseAttention(ctx.db, c.id, item, ctx.now, eventId);
  }
  // Someone replaying another's ciphertext learns nothing of it, not even what it lacks.
  const replies = !c.no_reply_reason && c.state !== 'closed';
  const ask = replies && o.encryption !== 'undecryptable' && !replayed;
  const missing = messageRowId === undefined ? [] : recordReportFields(ctx, c.id, messageRowId, ask);
  if (d.relatedCaseId !== null) linkCases(ctx, c, d.relatedCaseId, replayed);
  const encryptTo = handleKeys(ctx, c.id, from.address);
  if (!d.reopen && c.no_reply_reason) {
    appendEvent(ctx.db, { caseId: c.id, at: ctx.now.toISOString(), actor: 'system', type: 'no_auto_reply', data: { reason: c.no_reply_reason } });
    ctx.log.info({ trackingId: c.tracking_id, spoolId: ctx.spool.id, reason: c.no_reply_reason }, `no acknowledgement sent: ${c.no_reply_reason}`);
    // The cap bit a report from a person: a human acknowledges it.
    if (c.no_reply_reason.startsWith('rate_limited')) {
      const item = { kind: 'reply_cap' as const, text: attentionText.replyCap(from.address, c.no_reply_reason) };
      raiseAttention(ctx.db, c.id, item, ctx.now, eventId);
      ctx.log.warn({ trackingId: c.tracking_id, reason: c.no_reply_reason }, 'per-sender reply cap: this report was not acknowledged; the team is told');
    }
  } else if (!replies) ctx.log.info({ trackingId: c.tracking_id, spoolId: ctx.spool.id, reason: 'case_closed' }, 'no acknowledgement sent: case_closed');
  if (replies) enqueueFirstReply(ctx, { caseId: c.id, trackingId: c.tracking_id, receivedAt: new Date(c.created_at), encryptTo, missing });
  const held = o.encryption === 'undecryptable';
  finishSpool(ctx.db, ctx.spool.id, {
    state: held ? 'held' : 'done',
    disposition: 'new_case',
    caseId: c.id,
    holdReason: !d.reopen && o.failure ? describeError(o.failure) : null,
    at: ctx.now,
  });
  return c.id;
}

interface Opened {
  c: CaseRow;
  messageRowId: number | undefined;
  /** The event that raised this message's attention items. */
  eventId: number;
}

/** On arrival: a new case, its message, and report_received (the policy clock starts here). */
function openCase(ctx: RecordContext, relatedCaseId: number | null, replayed: CaseRow | undefined): Opened {
  const { db, config } = ctx;
  const o = ctx.opened;
  const from = o.from as { address: string; name: string };
  let trackingId: string;
  do trackingId = newTrackingId(config.trackingPrefix, ctx.now, config.timezone, DEFAULTS.trackingIdRandomChars);
  while (trackingIdExists(db, trackingId));
  const caseId = insertCase(db, {
    trackingId,
    reporterName: from.name || null,
    reporterEmail: from.address,
    subject: o.subject || null,
    policy: ctx.policy.name,
    at: ctx.now,
    encryption: o.encryption,
    signature: o.signature.status,
    signerFingerprint: o.signature.best?.fingerprint ?? null,
    relatedCaseId: replayed?.id ?? relatedCaseId,
    noReplyReason: noReplyFor(ctx, from.address),
  });
  const stored = storeInbound(ctx, caseId);
  const eventId = appendEvent(db, {
    caseId,
    at: ctx.now.toISOString(),
    actor: `reporter:${from.address}`,
    type: 'report_received',
    data: { trackingId, policy: ctx.policy.name, ...messageEventData(ctx, stored.attachments) },
    spoolId: ctx.spool.id,
  });
  return { c: getCase(db, caseId) as CaseRow, messageRowId: stored.messageRowId, eventId };
}

/**
 * Why no automatic reply goes back (RFC 3834: bulk, lists, no Return-Path; the per-sender
 * limit), if none does. Past the limit a distinct new report from a sender that is no
 * machine is still acknowledged, up to a hard ceiling (reply-cap.ts); the log says so.
 */
function noReplyFor(ctx: RecordContext, address: string): string | null {
  const reason = noReplyReason(ctx.opened.outer, [ctx.teamAddress]);
  if (reason) return reason;
  const since = new Date(ctx.now.getTime() - DEFAULTS.autoReplyPerSenderWindow);
  const recentReplies = recentAutoReplies(ctx.db, address, since);
  if (recentReplies < DEFAULTS.autoReplyPerSenderLimit) return null;
  const mine = reportFingerprint(ctx.opened.subject, ctx.opened.text);
  const distinct = !recentReportsFrom(ctx.db, address, since, DEFAULTS.autoReplyPerSenderHardLimit).some((r) => reportFingerprint(r.subject, r.text) === mine);
  const cap = replyCap({ recentReplies, distinct, limit: DEFAULTS.autoReplyPerSenderLimit, hardLimit: DEFAULTS.autoReplyPerSenderHardLimit });
  if (cap.reply) {
    ctx.log.info(
      { spoolId: ctx.spool.id, recentReplies, limit: DEFAULTS.autoReplyPerSenderLimit },
      'per-sender reply cap passed: a distinct new report is acknowledged all the same',
    );
    return null;
  }
  return cap.why === 'hard_limit' ? 'rate_limited' : 'rate_limited_repeat';
}

/** On requeue: the case made on arrival takes how the message opened now. */
function reopenCase(ctx: RecordContext, r: Reopen, replayed: CaseRow | undefined): Opened {
  const o = ctx.opened;
  const eventId = reopenInbound(ctx, r.caseId, r.messageRowId);
  updateCaseOpened(
    ctx.db,
    r.caseId,
    {
      encryption: o.encryption,
      signature: o.signature.status,
      signerFingerprint: o.signature.best?.fingerprint ?? null,
      subject: o.subject || null,
      relatedCaseId: replayed?.id ?? null,
    },
    ctx.now,
  );
  return { c: getCase(ctx.db, r.caseId) as CaseRow, messageRowId: r.messageRowId, eventId };
}

/**
 * The new case names, or repeats the ciphertext of, a case reported by someone else:
 * both logs say so. A replay flags the first case too; a claimed tracking ID tells the team.
 */
function linkCases(ctx: RecordContext, c: CaseRow, relatedCaseId: number, replayed: CaseRow | undefined): void {
  const at = ctx.now.toISOString();
  const related = getCase(ctx.db, relatedCaseId);
  const why = replayed ? 'carries the same ciphertext as a case from another sender' : 'names a tracking ID of a case reported by someone else';
  appendEvent(ctx.db, { caseId: c.id, at, actor: 'system', type: 'linked_to_case', data: { relatedTrackingId: related?.tracking_id, why } });
  const id = appendEvent(ctx.db, {
    caseId: relatedCaseId,
    at,
    actor: 'system',
    type: 'linked_case_opened',
    data: { trackingId: c.tracking_id, from: c.reporter_email },
  });
  if (replayed)
    raiseAttention(ctx.db, relatedCaseId, { kind: 'replayed_by_other', text: attentionText.replayedByOther(c.reporter_email, c.tracking_id) }, ctx.now, id);
  else if (related) tellTeamOfClaim(systemActions(ctx), related, { trackingId: c.tracking_id, claimant: c.reporter_email, eventId: id }, teamOf(ctx));
}

function teamOf(ctx: RecordContext): Array<{ name: string; email: string; fingerprint: string | null }> {
  return ctx.config.team.map((m) => ({ name: m.name, email: m.email, fingerprint: ctx.teamMembers?.find((k) => k.email === m.email)?.fingerprint ?? null }));
}
