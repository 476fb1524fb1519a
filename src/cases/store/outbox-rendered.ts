/**
 * An outbox row whose bytes were rendered before it was written (the console's login link):
 * the row's params are what may be kept, the bytes what is sent, so a secret that must not
 * sit in the database (the link) travels only inside the encrypted mail. The sender sends a
 * row's stored bytes as they are (send/sender.ts); it re-renders from params only a row
 * without bytes, and these never lack them.
 */
import type { Db } from '../../db/open.js';
import type { MailParams } from '../../outbox/templates.js';
import { outboxScope, sealerOf } from '../../seal/sealer.js';

export function enqueueRendered(
  db: Db,
  input: { kind: MailParams['kind']; to: string; envelopeFrom: string; messageId: string; params: MailParams; raw: Buffer; at: Date },
): number {
  const at = input.at.toISOString();
  const seal = sealerOf(db);
  const scope = outboxScope(input.messageId);
  const info = db
    .prepare(
      `INSERT INTO outbox (case_id, kind, auto, message_id, envelope_from, rcpt_to, params, raw, next_attempt_at, created_at)
       VALUES (NULL, ?, 0, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      input.kind,
      input.messageId,
      input.envelopeFrom,
      input.to,
      seal.sealText(scope, 'outbox.params', JSON.stringify({ ...input.params, messageId: input.messageId, date: at })),
      seal.sealBytes(scope, 'outbox.raw', input.raw),
      at,
      at,
    );
  return Number(info.lastInsertRowid);
}
