/**
 * The inbound message's own rows: the message (inserted on arrival, or filled in when
 * a held one opens on requeue) with its attachments and payloads, what the event log
 * says of it (how it opened, never its words), and the reporter keys it offered.
 * Runs inside the recording transaction.
 */
import type { EventDataIn } from '../cases/model/events.js';
import { appendEvent } from '../cases/store/event-log.js';
import { insertAttachments, insertMessage, updateInboundMessage } from '../cases/store/messages.js';
import { pinnedFingerprint, recordOfferedKeys } from '../cases/store/reporter-keys.js';
import { clearAttention, raiseAttention } from '../cases/store/attention.js';
import { attentionText } from '../cases/model/attention.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import type { RecordContext } from './context.js';

export type StoredAttachments = ReturnType<typeof insertAttachments>;

/** Inserts the message on a new arrival; returns its row and stored attachments. */
export function storeInbound(ctx: RecordContext, caseId: number): { messageRowId: number; attachments: StoredAttachments } {
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
  return { messageRowId, attachments: insertAttachments(ctx.db, messageRowId, o.attachments) };
}

/**
 * A held message that opened on requeue: its row (if it has one) takes what it now
 * says, the log says how it opened, and that event clears the case's undecryptable
 * item. Returns the event's id (it raises whatever the opened message calls for).
 */
export function reopenInbound(ctx: RecordContext, caseId: number, messageRowId: number | undefined): number {
  const o = ctx.opened;
  let attachments: StoredAttachments = [];
  if (messageRowId !== undefined) {
    updateInboundMessage(ctx.db, messageRowId, {
      subject: o.subject || null,
      bodyText: o.text,
      unencryptedText: o.unencryptedText || null,
      encryption: o.encryption,
      signatures: o.signatures,
      protectedFrom: o.protectedFrom ?? null,
      payloadHashes: o.payloadHashes,
    });
    attachments = insertAttachments(ctx.db, messageRowId, o.attachments);
  }
  const signerFingerprint = o.signature.best?.fingerprint;
  const eventId = appendEvent(ctx.db, {
    caseId,
    at: ctx.now.toISOString(),
    actor: 'system',
    type: 'message_opened_on_requeue',
    data: { spoolId: ctx.spool.id, encryption: o.encryption, signature: o.signature.status, ...(signerFingerprint ? { signerFingerprint } : {}), attachments },
    spoolId: ctx.spool.id,
  });
  clearAttention(ctx.db, caseId, 'undecryptable', ctx.now, eventId);
  return eventId;
}

/** How the message opened, for its report_received / followup_received event. */
export function messageEventData(ctx: RecordContext, attachments: StoredAttachments): EventDataIn<'followup_received'> {
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
    attachments,
  };
}

/** The protected (RFC 9788) From differs from the envelope's: said in the log. */
export function noteProtectedFrom(ctx: RecordContext, caseId: number): void {
  const o = ctx.opened;
  if (o.protectedFrom)
    appendEvent(ctx.db, {
      caseId,
      at: ctx.now.toISOString(),
      actor: 'system',
      type: 'protected_from_differs',
      data: { outerFrom: o.from?.address, protectedFrom: o.protectedFrom },
    });
}

/**
 * Records the keys the message offered (TOFU: the first is pinned, a different later
 * one waits for the team as key_changed). Returns the fingerprint replies are encrypted to.
 */
export function handleKeys(ctx: RecordContext, caseId: number, email: string): string | null {
  const at = ctx.now.toISOString();
  // On first contact the key that made a valid signature is the one to pin, if any did.
  const signer = ctx.opened.signature.status === 'valid' ? ctx.opened.signature.best?.fingerprint : undefined;
  const offered = [...ctx.opened.offeredKeys].sort(
    (a, b) => Number(b.getFingerprint().toUpperCase() === signer) - Number(a.getFingerprint().toUpperCase() === signer),
  );
  const fingerprints = ctx.opened.offeredKeys.map((k) => k.getFingerprint().toUpperCase());
  const outcome = recordOfferedKeys(ctx.db, email, offered, 'message', ctx.spool.id, ctx.now);
  if (outcome === 'pinned') appendEvent(ctx.db, { caseId, at, actor: 'system', type: 'reporter_key_pinned', data: { fingerprints } });
  if (outcome === 'candidate') {
    const id = appendEvent(ctx.db, { caseId, at, actor: 'system', type: 'reporter_key_changed', data: { offered: fingerprints } });
    raiseAttention(ctx.db, caseId, { kind: 'key_changed', text: attentionText.keyChanged() }, ctx.now, id);
  }
  return pinnedFingerprint(ctx.db, email);
}
