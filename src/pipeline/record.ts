/**
 * The writes for each route of an opened message. Every function here runs inside
 * the transaction opened by process.ts and ends by finishing the spool entry, so a
 * message's effects and its "done" mark commit together.
 */
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { appendEvent } from '../cases/store/event-log.js';
import { recordOfferedKeys } from '../cases/store/reporter-keys.js';
import { getCase, insertAttachments, insertCase, insertMessage, touchCase, trackingIdExists } from '../cases/store/cases.js';
import { newTrackingId } from '../cases/model/tracking-id.js';
import { noReplyReason } from '../classify/automatic.js';
import { DEFAULTS } from '../limits.js';
import type { OpenedMessage } from '../open/open-message.js';
import type { TeamKeys } from '../open/team-keys.js';
import { enqueueMail } from '../cases/store/outbox.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import { promisedDates } from '../policy/load.js';
import { recordFollowUpFields, recordReportFields } from './record-fields.js';
import type { Policy } from '../policy/schema.js';
import { finishSpool, type SpoolRow } from '../spool/spool.js';
import type { Automatic } from '../classify/automatic.js';
import type { TeamMemberKey } from '../open/team-members.js';
import { tellTeamOfClaim } from '../team/notify-team.js';
import { resumeAfterAnswer, type WorkflowCase } from '../cases/actions/actions.js';

export interface RecordContext {
  db: Db;
  config: Config;
  policy: Policy;
  teamKeys: TeamKeys;
  teamAddress: string;
  log: Logger;
  now: Date;
  spool: SpoolRow;
  opened: OpenedMessage;
  teamMembers?: TeamMemberKey[];
}

const at = (ctx: RecordContext): string => ctx.now.toISOString();

export function recordDuplicate(ctx: RecordContext, caseId: number): number {
  appendEvent(ctx.db, { caseId, at: at(ctx), actor: 'system', type: 'duplicate_delivery', data: { spoolId: ctx.spool.id }, spoolId: ctx.spool.id });
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: 'duplicate', caseId, at: ctx.now });
  return caseId;
}

/** A team member's mail about a case without commands (a reply to a reminder, say): noted, nothing else. */
export function recordTeamMail(ctx: RecordContext, caseId: number): number {
  appendEvent(ctx.db, { caseId, at: at(ctx), actor: `team:${ctx.opened.from?.address ?? 'unknown'}`, type: 'team_mail_received', data: { spoolId: ctx.spool.id }, spoolId: ctx.spool.id });
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: 'team_mail', caseId, at: ctx.now });
  return caseId;
}

export function recordAutomatic(ctx: RecordContext, r: { automatic: Automatic; caseId: number | null }): number | null {
  if (r.caseId !== null) {
    appendEvent(ctx.db, { caseId: r.caseId, at: at(ctx), actor: 'system', type: r.automatic === 'bounce' ? 'bounce_received' : 'automatic_mail_received', data: { kind: r.automatic, spoolId: ctx.spool.id }, spoolId: ctx.spool.id });
  }
  finishSpool(ctx.db, ctx.spool.id, { state: 'done', disposition: r.automatic, caseId: r.caseId, at: ctx.now });
  return r.caseId;
}

export function storeInbound(ctx: RecordContext, caseId: number): { messageRowId: number; attachments: ReturnType<typeof insertAttachments> } {
  const o = ctx.opened;
  const messageRowId = insertMessage(ctx.db, {
    caseId,
    spoolId: ctx.spool.id,
    direction: 'in',
    messageId: normaliseMessageId(o.outer.messageId) ?? null,
    inReplyTo: normaliseMessageId(o.outer.inReplyTo) ?? null,
    refs: threadIds(o.outer),
    fromAddr: o.from?.address ?? null,
    fromName: o.from?.name || null,
    subject: o.subject || null,
    bodyText: o.text,
    unencryptedText: o.unencryptedText,
    encryption: o.encryption,
    signatures: o.signatures,
    protectedFrom: o.protectedFrom ?? null,
    payloadHashes: o.payloadHashes,
    at: ctx.now,
  });
  if (o.protectedFrom) {
    appendEvent(ctx.db, { caseId, at: at(ctx), actor: 'system', type: 'protected_from_differs', data: { outerFrom: o.from?.address, protectedFrom: o.protectedFrom } });
  }
  return { messageRowId, attachments: insertAttachments(ctx.db, messageRowId, o.attachments) };
}

export function messageEventData(ctx: RecordContext, stored: ReturnType<typeof storeInbound>): Record<string, unknown> {
  const o = ctx.opened;
  const best = o.signature.best;
  return {
    spoolId: ctx.spool.id,
    encryption: o.encryption,
    ...(o.failure ? { failure: o.failure.code } : {}),
    signature: o.signature.status,
    ...(o.signedPartly ? { signedPartly: true } : {}),
    ...(best?.keyId ? { signerKeyId: best.keyId } : {}),
    ...(best?.fingerprint ? { signerFingerprint: best.fingerprint, signerUidMatchesFrom: best.uidMatchesFrom ?? false } : {}),
    attachments: stored.attachments,
  };
}

export function handleKeys(ctx: RecordContext, caseId: number, email: string): string | null {
  // On first contact the key that made a valid signature is the one to pin, if any did.
  const signer = ctx.opened.signature.status === 'valid' ? ctx.opened.signature.best?.fingerprint : undefined;
  const offered = [...ctx.opened.offeredKeys].sort((a, b) => Number(b.getFingerprint().toUpperCase() === signer) - Number(a.getFingerprint().toUpperCase() === signer));
  const outcome = recordOfferedKeys(ctx.db, email, offered, 'message', ctx.spool.id, ctx.now);
  if (outcome === 'pinned') appendEvent(ctx.db, { caseId, at: at(ctx), actor: 'system', type: 'reporter_key_pinned', data: { fingerprints: ctx.opened.offeredKeys.map((k) => k.getFingerprint().toUpperCase()) } });
  if (outcome === 'candidate') {
    appendEvent(ctx.db, { caseId, at: at(ctx), actor: 'system', type: 'reporter_key_changed', data: { offered: ctx.opened.offeredKeys.map((k) => k.getFingerprint().toUpperCase()) } });
    touchCase(ctx.db, caseId, ctx.now, { attention: 'the reporter sent a different public key than the one pinned; replies still go to the pinned key' });
  }
  const pinned = ctx.db.prepare("SELECT fingerprint FROM reporter_keys WHERE email = ? AND status = 'pinned'").get(email) as { fingerprint: string } | undefined;
  return pinned?.fingerprint ?? null;
}

export function recordFollowUp(ctx: RecordContext, caseId: number): number {
  const o = ctx.opened;
  const stored = storeInbound(ctx, caseId);
  appendEvent(ctx.db, { caseId, at: at(ctx), actor: `reporter:${o.from?.address ?? 'unknown'}`, type: 'followup_received', data: messageEventData(ctx, stored), spoolId: ctx.spool.id });
  recordFollowUpFields(ctx, caseId, stored.messageRowId);
  if (o.from) handleKeys(ctx, caseId, o.from.address);
  touchCase(ctx.db, caseId, ctx.now);
  if (o.encryption !== 'undecryptable') resumeIfWaiting(ctx, caseId);
  finishSpool(ctx.db, ctx.spool.id, {
    state: o.encryption === 'undecryptable' ? 'held' : 'done',
    disposition: 'followup',
    caseId,
    holdReason: o.failure ? describeError(o.failure) : null,
    at: ctx.now,
  });
  return caseId;
}

/** A case waiting on its reporter (needs_info) resumes when they answer. */
export function resumeIfWaiting(ctx: RecordContext, caseId: number): void {
  const c = getCase(ctx.db, caseId) as WorkflowCase | undefined;
  if (c?.state !== 'needs_info') return;
  resumeAfterAnswer(
    { db: ctx.db, now: ctx.now, actor: 'system', spoolId: ctx.spool.id, reporterNotices: ctx.policy.reporterNotices, teamAddress: ctx.teamAddress, timezone: ctx.config.timezone },
    c,
  );
}

export function recordNewCase(ctx: RecordContext, relatedCaseId: number | null, autoReplyAllowed: (to: string) => boolean, replayOf?: number): number {
  const o = ctx.opened;
  const from = o.from as { address: string; name: string };
  const { db, config } = ctx;
  let trackingId: string;
  do trackingId = newTrackingId(config.trackingPrefix, ctx.now, config.timezone, DEFAULTS.trackingIdRandomChars);
  while (trackingIdExists(db, trackingId));

  const undecryptable = o.encryption === 'undecryptable';
  let noReply: string | undefined = noReplyReason(o.outer, [ctx.teamAddress]);
  if (!noReply && !autoReplyAllowed(from.address)) noReply = 'rate_limited';
  const replayed = replayOf !== undefined ? getCase(db, replayOf) : undefined;
  const attention = caseAttention(o, from.address, replayed);
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
    attention,
    relatedCaseId,
    noReplyReason: noReply ?? null,
  });
  const stored = storeInbound(ctx, caseId);
  appendEvent(db, { caseId, at: at(ctx), actor: `reporter:${from.address}`, type: 'report_received', data: { trackingId, policy: ctx.policy.name, ...messageEventData(ctx, stored) }, spoolId: ctx.spool.id });
  // Someone replaying another's ciphertext learns nothing of it, not even what it lacks.
  const missing = recordReportFields(ctx, caseId, stored.messageRowId, !noReply && !undecryptable && replayOf === undefined);
  if (relatedCaseId !== null) {
    const related = getCase(db, relatedCaseId);
    const why = replayed ? 'carries the same ciphertext as a case from another sender' : 'names a tracking ID of a case reported by someone else';
    appendEvent(db, { caseId, at: at(ctx), actor: 'system', type: 'linked_to_case', data: { relatedTrackingId: related?.tracking_id, why } });
    if (replayed) touchCase(db, relatedCaseId, ctx.now, { attention: `${from.address} sent the same ciphertext (${trackingId}): one of the two senders is replaying the other's report` });
    appendEvent(db, { caseId: relatedCaseId, at: at(ctx), actor: 'system', type: 'linked_case_opened', data: { trackingId, from: from.address } });
    if (!replayed && related) tellTeamOfClaim(ctx, related, trackingId, from.address);
  }
  const encryptTo = handleKeys(ctx, caseId, from.address);

  if (noReply) appendEvent(db, { caseId, at: at(ctx), actor: 'system', type: 'no_auto_reply', data: { reason: noReply } });
  else enqueueFirstReply(ctx, { caseId, trackingId, receivedAt: ctx.now, encryptTo, missing });
  finishSpool(db, ctx.spool.id, {
    state: undecryptable ? 'held' : 'done',
    disposition: 'new_case',
    caseId,
    holdReason: o.failure ? describeError(o.failure) : null,
    at: ctx.now,
  });
  return caseId;
}

/** Why a person must look at a new case, if they must: the most serious reason first. */
export function caseAttention(o: OpenedMessage, from: string, replayed: { reporter_email: string; tracking_id: string } | undefined): string | null {
  if (replayed) return `the same ciphertext came first from ${replayed.reporter_email} (${replayed.tracking_id}): one of the two senders is replaying the other's report`;
  if (o.encryption === 'undecryptable') return `could not decrypt: ${o.failure?.code ?? 'unknown'}; the message is held (sectriage spool list --state held) and the sender was asked to re-encrypt`;
  if (o.encryption === 'partial') return 'part of the message was not encrypted; the unencrypted text is kept apart';
  if (o.protectedFrom) return `the encrypted part says it is from ${o.protectedFrom}, the envelope From is ${from}; replies go to the envelope From`;
  return null;
}

/**
 * The first reply to a report: the acknowledgement with the policy's dates counted from
 * when the report arrived, or, when it could not be decrypted, the request to re-encrypt.
 */
export function enqueueFirstReply(ctx: RecordContext, c: { caseId: number; trackingId: string; receivedAt: Date; encryptTo: string | null; missing: string[] }): void {
  const { db, config } = ctx;
  const o = ctx.opened;
  const from = o.from as { address: string; name: string };
  const common = {
    trackingId: c.trackingId,
    to: from.address,
    toName: from.name || null,
    inReplyTo: normaliseMessageId(o.outer.messageId) ?? null,
    references: threadIds(o.outer),
    teamFingerprint: ctx.teamKeys.fingerprint,
    teamAddress: ctx.teamAddress,
    timezone: config.timezone,
    encryptTo: c.encryptTo,
  };
  const params =
    o.encryption === 'undecryptable'
      ? { ...common, kind: 'reencrypt_request' as const, reasonCode: o.failure?.code ?? 'PGP_CORRUPT' }
      : {
          ...common,
          kind: 'ack' as const,
          policyTitle: ctx.policy.title,
          // A milestone that this very mail satisfies (the automatic acknowledgement) is no promise.
          promises: promisedDates(ctx.policy, c.receivedAt)
            .filter((p) => ctx.policy.milestones[p.milestone]?.satisfiedBy !== 'auto-acknowledgement')
            .map((p) => ({ text: p.text, due: p.due.toISOString() })),
          // The report's own words go back only to the key that signed them: otherwise
          // anyone could send us someone else's ciphertext and read our reply.
          reportSubject: signedByRecipientKey(o, c.encryptTo) ? o.subject || null : null,
          partial: o.encryption === 'partial',
          ...(c.missing.length ? { missing: c.missing } : {}),
        };
  const { id, messageId } = enqueueMail(db, { caseId: c.caseId, kind: params.kind, auto: true, to: from.address, envelopeFrom: '', params, at: ctx.now, domain: ctx.teamAddress.split('@')[1] as string });
  appendEvent(db, { caseId: c.caseId, at: at(ctx), actor: 'system', type: params.kind === 'ack' ? 'acknowledgement_queued' : 'reencrypt_request_queued', data: { outboxId: id, messageId, encrypted: Boolean(c.encryptTo) } });
}

function signedByRecipientKey(o: OpenedMessage, encryptTo: string | null): boolean {
  return Boolean(encryptTo) && o.encryption === 'encrypted' && o.signatures.some((s) => s.status === 'valid' && s.fingerprint === encryptTo);
}

