/**
 * A held message processed again by `sectriage requeue` (typically after the missing
 * team key was added). Its case already exists, made when it arrived: the case goes on
 * as if the message had opened at once. The stored message gets its decrypted text and
 * payloads, the case its encryption, signature and the attention a new case would get
 * (replay, partial encryption, a differing protected From, a changed key), the
 * reporter's key is pinned, and, unless the team closed the case meanwhile, the
 * acknowledgement goes out with the policy's dates counted from the original arrival.
 * Runs inside processOne's transaction, like record.ts.
 */
import { appendEvent } from '../cases/store/event-log.js';
import { getCase, insertAttachments, messageWithPayload, setPayloads } from '../cases/store/cases.js';
import { describeError } from '../errors.js';
import { finishSpool } from '../spool/spool.js';
import { caseAttention, enqueueFirstReply, handleKeys, resumeIfWaiting, type RecordContext } from './record.js';
import { recordFollowUpFields, recordReportFields } from './record-fields.js';

export function recordRequeued(ctx: RecordContext, caseId: number, disposition: string): number {
  const { db, opened: o, spool } = ctx;
  const at = ctx.now.toISOString();
  if (o.encryption === 'undecryptable') {
    appendEvent(db, { caseId, at, actor: 'system', type: 'requeue_still_held', data: { spoolId: spool.id, failure: o.failure?.code ?? null }, spoolId: spool.id });
    finishSpool(db, spool.id, { state: 'held', disposition, caseId, holdReason: o.failure ? describeError(o.failure) : spool.hold_reason, at: ctx.now });
    return caseId;
  }
  const message = db.prepare("SELECT id FROM messages WHERE spool_id = ? AND direction = 'in' ORDER BY id LIMIT 1").get(spool.id) as { id: number } | undefined;
  const best = o.signatures.find((s) => s.status === 'valid') ?? o.signatures[0];
  let attachments: ReturnType<typeof insertAttachments> = [];
  // Looked up before this message's own payloads are recorded.
  const first = messageWithPayload(db, o.payloadHashes, message?.id);
  const replayed = first && first.case_id !== caseId && first.from_addr !== o.from?.address ? getCase(db, first.case_id) : undefined;
  if (message) {
    db.prepare(
      `UPDATE messages SET subject = ?, body_text = ?, unencrypted_text = ?, encryption = ?, signature = ?, signer_fingerprint = ?,
         signer_key_id = ?, signer_uid_matches = ?, protected_from = ?, payload_sha256 = ? WHERE id = ?`,
    ).run(
      o.subject || null,
      o.text,
      o.unencryptedText || null,
      o.encryption,
      best?.status ?? 'none',
      best?.fingerprint ?? null,
      best?.keyId ?? null,
      best?.uidMatchesFrom === undefined ? null : best.uidMatchesFrom ? 1 : 0,
      o.protectedFrom ?? null,
      o.payloadHashes[0] ?? null,
      message.id,
    );
    setPayloads(db, message.id, o.payloadHashes);
    attachments = insertAttachments(db, message.id, o.attachments);
  }
  appendEvent(db, {
    caseId,
    at,
    actor: 'system',
    type: 'message_opened_on_requeue',
    data: { spoolId: spool.id, encryption: o.encryption, signature: o.signature.status, ...(o.signature.best?.fingerprint ? { signerFingerprint: o.signature.best.fingerprint } : {}), attachments },
    spoolId: spool.id,
  });
  if (o.protectedFrom) appendEvent(db, { caseId, at, actor: 'system', type: 'protected_from_differs', data: { outerFrom: o.from?.address, protectedFrom: o.protectedFrom } });
  if (replayed) {
    appendEvent(db, { caseId, at, actor: 'system', type: 'linked_to_case', data: { relatedTrackingId: replayed.tracking_id, why: 'carries the same ciphertext as a case from another sender' } });
    appendEvent(db, { caseId: replayed.id, at, actor: 'system', type: 'linked_case_opened', data: { trackingId: getCase(db, caseId)?.tracking_id, from: o.from?.address } });
  }
  const c = getCase(db, caseId);
  if (disposition === 'new_case' && c && o.from) {
    db.prepare('UPDATE cases SET encryption = ?, signature = ?, signer_fingerprint = ?, subject = COALESCE(?, subject), attention = ?, related_case_id = COALESCE(related_case_id, ?), updated_at = ? WHERE id = ?').run(
      o.encryption,
      o.signature.status,
      o.signature.best?.fingerprint ?? null,
      o.subject || null,
      caseAttention(o, o.from.address, replayed),
      replayed?.id ?? null,
      at,
      caseId,
    );
  }
  // After the attention above: a changed key sets its own, which must not be overwritten.
  const encryptTo = o.from ? handleKeys(ctx, caseId, o.from.address) : null;
  const askMissing = disposition === 'new_case' && !replayed && Boolean(c && o.from && !c.no_reply_reason && c.state !== 'closed');
  // The report's fields, as a report that opened at once would have had them extracted.
  let missing: string[] = [];
  if (message && disposition === 'new_case') missing = recordReportFields(ctx, caseId, message.id, askMissing);
  else if (message) {
    recordFollowUpFields(ctx, caseId, message.id);
    resumeIfWaiting(ctx, caseId); // the reporter's answer, late to open, still ends the wait
  }
  if (disposition === 'new_case' && c && o.from && !c.no_reply_reason && c.state !== 'closed') enqueueFirstReply(ctx, { caseId, trackingId: c.tracking_id, receivedAt: new Date(c.created_at), encryptTo, missing });
  finishSpool(db, spool.id, { state: 'done', disposition, caseId, at: ctx.now });
  return caseId;
}
