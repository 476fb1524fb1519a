/**
 * Mail in both directions that belongs to a case: message rows, their attachments
 * and OpenPGP payload hashes, and the lookups that thread a new message to a case
 * (our Message-IDs, the reporter's, a repeated ciphertext). Message text is stored
 * as it came (report content, untrusted); nothing here interprets it.
 */
import { IN_CHUNKS, readChunked, storedInChunks, writeChunks } from '../../db/chunks.js';
import type { Db } from '../../db/open.js';
import { forgetCheckedCase } from './duplicates.js';
import { DEFAULTS } from '../../limits.js';
import type { Attachment, Encryption } from '../../open/open-message.js';
import { summarise, type SignatureResult, type SignatureStatus } from '../../open/signatures.js';
import { sha256 } from '../../spool/spool.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';

/** A message's sealed texts, opened, for `SELECT *, ${MESSAGE_TEXTS} FROM messages` (the later columns win). */
export const MESSAGE_TEXTS = [
  "case_text(subject, case_id, 'messages.subject') AS subject",
  "case_text(body_text, case_id, 'messages.body_text') AS body_text",
  "case_text(unencrypted_text, case_id, 'messages.unencrypted_text') AS unencrypted_text",
].join(', ');

export function insertMessage(
  db: Db,
  m: {
    caseId: number;
    spoolId: number | null;
    outboxId?: number | null;
    direction: 'in' | 'out';
    messageId: string | null;
    inReplyTo: string | null;
    refs: string[];
    fromAddr: string | null;
    fromName: string | null;
    subject: string | null;
    bodyText: string | null;
    unencryptedText: string | null;
    encryption: Encryption;
    signatures: SignatureResult[];
    protectedFrom?: string | null;
    payloadHashes?: string[];
    at: Date;
  },
): number {
  const { best } = summarise(m.signatures);
  const status: SignatureStatus = best?.status ?? 'none';
  const seal = sealerOf(db);
  const scope = caseScope(m.caseId);
  const info = db
    .prepare(
      `INSERT INTO messages (case_id, spool_id, outbox_id, direction, message_id, in_reply_to, refs, from_addr, from_name, subject,
         body_text, unencrypted_text, encryption, signature, signer_fingerprint, signer_key_id, signer_uid_matches,
         protected_from, payload_sha256, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      m.caseId,
      m.spoolId,
      m.outboxId ?? null,
      m.direction,
      m.messageId,
      m.inReplyTo,
      m.refs.join(' '),
      m.fromAddr,
      m.fromName,
      seal.sealText(scope, 'messages.subject', m.subject),
      seal.sealText(scope, 'messages.body_text', m.bodyText),
      seal.sealText(scope, 'messages.unencrypted_text', m.unencryptedText || null),
      m.encryption,
      status,
      best?.fingerprint ?? null,
      best?.keyId ?? null,
      best?.uidMatchesFrom === undefined ? null : best.uidMatchesFrom ? 1 : 0,
      m.protectedFrom ?? null,
      m.payloadHashes?.[0] ?? null,
      m.at.toISOString(),
    );
  const id = Number(info.lastInsertRowid);
  setPayloads(db, id, m.payloadHashes ?? []);
  return id;
}

/** Records the OpenPGP payloads of a message (replacing any recorded before; found by message_payloads_by_message). */
export function setPayloads(db: Db, messageRowId: number, hashes: string[]): void {
  db.prepare('DELETE FROM message_payloads WHERE message_id = ?').run(messageRowId);
  const stmt = db.prepare('INSERT INTO message_payloads (message_id, sha256) VALUES (?, ?)');
  for (const h of new Set(hashes)) stmt.run(messageRowId, h);
}

export function insertAttachments(
  db: Db,
  messageRowId: number,
  attachments: Attachment[],
): Array<{ filename: string | null; size: number; sha256: string; encrypted: boolean }> {
  const stmt = db.prepare('INSERT INTO attachments (message_id, filename, content_type, size, sha256, encrypted, content) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const seal = sealerOf(db);
  const scope = attachments.length ? caseScope(db.prepare('SELECT case_id FROM messages WHERE id = ?').pluck().get(messageRowId) as number) : '';
  return attachments.map((a) => {
    // A large one in pieces (src/db/chunks.ts): binding it whole would copy it twice more;
    // one in a spill file is read from there a piece at a time, then its file is closed.
    const size = a.spilled ? a.spilled.file.size : a.content.length;
    const hash = a.spilled ? a.spilled.sha256 : sha256(a.content);
    const chunked = storedInChunks(size);
    const content = chunked ? IN_CHUNKS : seal.sealBytes(scope, 'attachments.content', bytesOf(a));
    const info = stmt.run(messageRowId, a.filename ?? null, a.contentType, size, hash, a.encrypted ? 1 : 0, content);
    if (chunked) writeChunks(db, 'attachment_chunks', Number(info.lastInsertRowid), a.spilled ? a.spilled.file.pieces() : [a.content], scope);
    a.spilled?.file.close();
    return { filename: a.filename ?? null, size, sha256: hash, encrypted: a.encrypted };
  });
}

function bytesOf(a: Attachment): Buffer {
  return a.spilled ? a.spilled.file.readAll() : a.content;
}

/** An attachment's bytes as stored (joined from their pieces when stored in pieces); undefined when there is no such row. */
export function attachmentContent(db: Db, attachmentId: number): Buffer | undefined {
  const row = db.prepare('SELECT a.content, a.size, m.case_id FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ?').get(attachmentId) as
    { content: Buffer; size: number; case_id: number } | undefined;
  return row && readChunked(db, 'attachment_chunks', attachmentId, row.content, row.size, caseScope(row.case_id), 'attachments.content');
}

/** The case an inbound Message-ID was already recorded on (a redelivery of the same message). */
export function caseForInboundMessageId(db: Db, messageId: string): number | undefined {
  return (db.prepare("SELECT case_id FROM messages WHERE direction = 'in' AND message_id = ? LIMIT 1").get(messageId) as { case_id: number } | undefined)
    ?.case_id;
}

/** The first inbound message that carried one of these exact ciphertexts, with its case and sender. */
export function messageWithPayload(db: Db, hashes: string[], exceptMessageId?: number): { case_id: number; from_addr: string | null } | undefined {
  if (hashes.length === 0) return undefined;
  return db
    .prepare(
      `SELECT m.case_id, m.from_addr FROM message_payloads p JOIN messages m ON m.id = p.message_id
       WHERE m.direction = 'in' AND p.sha256 IN (${hashes.map(() => '?').join(',')}) AND m.id != ? ORDER BY m.id LIMIT 1`,
    )
    .get(...hashes, exceptMessageId ?? -1) as { case_id: number; from_addr: string | null } | undefined;
}

/** A case that one of our own outgoing Message-IDs belongs to. */
export function caseForOurMessageIds(db: Db, ids: string[]): number | undefined {
  for (const id of ids) {
    const r = db.prepare('SELECT case_id FROM outbox WHERE message_id = ? AND case_id IS NOT NULL').get(id) as { case_id: number } | undefined;
    if (r) return r.case_id;
  }
  return undefined;
}

/** A case whose inbound messages include one of these Message-IDs and whose reporter is `from`. */
export function caseForReporterThread(db: Db, ids: string[], from: string): number | undefined {
  for (const id of ids) {
    const r = db
      .prepare("SELECT m.case_id FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.direction = 'in' AND m.message_id = ? AND c.reporter_email = ?")
      .get(id, from) as { case_id: number } | undefined;
    if (r) return r.case_id;
  }
  return undefined;
}

/** The inbound message a spool entry made (a held one keeps its row for the requeue). */
export function inboundMessageOfSpool(db: Db, spoolId: number): number | undefined {
  return (db.prepare("SELECT id FROM messages WHERE spool_id = ? AND direction = 'in' ORDER BY id LIMIT 1").get(spoolId) as { id: number } | undefined)?.id;
}

/** A held message that opened on requeue: its row takes the decrypted text, signature and payloads. */
export function updateInboundMessage(
  db: Db,
  id: number,
  m: {
    subject: string | null;
    bodyText: string;
    unencryptedText: string | null;
    encryption: Encryption;
    signatures: SignatureResult[];
    protectedFrom: string | null;
    payloadHashes: string[];
  },
): void {
  const { best } = summarise(m.signatures);
  const caseId = (db.prepare('SELECT case_id FROM messages WHERE id = ?').pluck().get(id) as number | null | undefined) ?? null;
  const seal = sealerOf(db);
  const scope = caseScope(caseId ?? 0);
  db.prepare(
    `UPDATE messages SET subject = ?, body_text = ?, unencrypted_text = ?, encryption = ?, signature = ?, signer_fingerprint = ?,
       signer_key_id = ?, signer_uid_matches = ?, protected_from = ?, payload_sha256 = ? WHERE id = ?`,
  ).run(
    seal.sealText(scope, 'messages.subject', m.subject),
    seal.sealText(scope, 'messages.body_text', m.bodyText),
    seal.sealText(scope, 'messages.unencrypted_text', m.unencryptedText || null),
    m.encryption,
    best?.status ?? 'none',
    best?.fingerprint ?? null,
    best?.keyId ?? null,
    best?.uidMatchesFrom === undefined ? null : best.uidMatchesFrom ? 1 : 0,
    m.protectedFrom,
    m.payloadHashes[0] ?? null,
    id,
  );
  setPayloads(db, id, m.payloadHashes);
  // A requeued message that opens now changes its case's text for duplicate checks.
  if (caseId !== null) forgetCheckedCase(db, caseId);
}

/** A team reply, kept on the case as an outgoing message beside its outbox row. */
export function insertOutgoingText(
  db: Db,
  m: {
    caseId: number;
    spoolId: number | null;
    outboxId: number;
    messageId: string;
    inReplyTo: string | null;
    references: string[];
    from: string;
    text: string;
    encrypted: boolean;
    at: Date;
  },
): void {
  db.prepare(
    `INSERT INTO messages (case_id, spool_id, outbox_id, direction, message_id, in_reply_to, refs, from_addr, subject, body_text, encryption, signature, at)
     VALUES (?, ?, ?, 'out', ?, ?, ?, ?, NULL, ?, ?, 'none', ?)`,
  ).run(
    m.caseId,
    m.spoolId,
    m.outboxId,
    m.messageId,
    m.inReplyTo,
    m.references.join(' '),
    m.from,
    sealerOf(db).sealText(caseScope(m.caseId), 'messages.body_text', m.text),
    m.encrypted ? 'encrypted' : 'none',
    m.at.toISOString(),
  );
}

/**
 * Threading for mail to the reporter: In-Reply-To the case's latest message (theirs or
 * ours), References every Message-ID of the case in order (the first and the latest
 * ones when there are more than DEFAULTS.threadReferencesMax).
 */
export function caseThread(db: Db, caseId: number): { inReplyTo: string | null; references: string[] } {
  const ids = (
    db
      .prepare(
        `SELECT message_id AS id, at FROM messages WHERE case_id = ? AND message_id IS NOT NULL
         UNION SELECT message_id AS id, created_at AS at FROM outbox WHERE case_id = ? AND kind IN ('ack', 'reencrypt_request', 'status_notice', 'team_reply')
         ORDER BY at, id`,
      )
      .all(caseId, caseId) as Array<{ id: string }>
  ).map((r) => r.id);
  const unique = [...new Set(ids)];
  const max = DEFAULTS.threadReferencesMax;
  const refs = unique.length > max ? [unique[0] as string, ...unique.slice(-(max - 1))] : unique;
  return { inReplyTo: unique.at(-1) ?? null, references: refs };
}

/** The reporter's first message on the case: status updates thread under it. */
export function firstInboundMessageId(db: Db, caseId: number): string | null {
  return (
    (
      db.prepare("SELECT message_id FROM messages WHERE case_id = ? AND direction = 'in' AND message_id IS NOT NULL ORDER BY id LIMIT 1").get(caseId) as
        { message_id: string } | undefined
    )?.message_id ?? null
  );
}
