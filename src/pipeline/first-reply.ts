/**
 * The first reply to a report: the acknowledgement with the policy's dates counted
 * from when the report arrived, or, when it could not be decrypted, the request to
 * re-encrypt. Automatic (RFC 3834: null sender, Auto-Submitted), queued in the
 * recording transaction. The report's own words go back only to the key that signed
 * them: otherwise anyone could send us someone else's ciphertext and read our reply.
 */
import { appendEvent } from '../cases/store/event-log.js';
import { enqueueMail } from '../cases/store/outbox.js';
import type { OpenedMessage } from '../open/open-message.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import { promisedDates } from '../policy/load.js';
import type { RecordContext } from './context.js';

export function enqueueFirstReply(
  ctx: RecordContext,
  c: { caseId: number; trackingId: string; receivedAt: Date; encryptTo: string | null; missing: string[] },
): void {
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
          reportSubject: signedByRecipientKey(o, c.encryptTo) ? o.subject || null : null,
          partial: o.encryption === 'partial',
          ...(c.missing.length ? { missing: c.missing } : {}),
        };
  const { id, messageId } = enqueueMail(db, {
    caseId: c.caseId,
    kind: params.kind,
    auto: true,
    to: from.address,
    envelopeFrom: '',
    params,
    at: ctx.now,
    domain: ctx.teamAddress.split('@')[1] as string,
  });
  appendEvent(db, {
    caseId: c.caseId,
    at: ctx.now.toISOString(),
    actor: 'system',
    type: params.kind === 'ack' ? 'acknowledgement_queued' : 'reencrypt_request_queued',
    data: { outboxId: id, messageId, encrypted: Boolean(c.encryptTo) },
  });
}

function signedByRecipientKey(o: OpenedMessage, encryptTo: string | null): boolean {
  return Boolean(encryptTo) && o.encryption === 'encrypted' && o.signatures.some((s) => s.status === 'valid' && s.fingerprint === encryptTo);
}
