/**
 * Case rows and the messages, attachments and reporter keys that belong to them.
 * Every write here is meant to run inside the one transaction that processes a
 * spool entry (see pipeline/process.ts), together with its events and outbox rows.
 */
import type { Db } from '../../db/open.js';
import type { Attachment, Encryption } from '../../open/open-message.js';
import type { SignatureResult, SignatureStatus } from '../../open/signatures.js';
import { sha256 } from '../../spool/spool.js';

export interface CaseRow {
  id: number;
  tracking_id: string;
  state: string;
  reporter_name: string | null;
  reporter_email: string;
  subject: string | null;
  policy: string;
  created_at: string;
  updated_at: string;
  encryption: Encryption;
  signature: SignatureStatus;
  signer_fingerprint: string | null;
  attention: string | null;
  related_case_id: number | null;
  no_reply_reason: string | null;
}

export function insertCase(
  db: Db,
  c: {
    trackingId: string;
    reporterName: string | null;
    reporterEmail: string;
    subject: string | null;
    policy: string;
    at: Date;
    encryption: Encryption;
    signature: SignatureStatus;
    signerFingerprint: string | null;
    attention: string | null;
    relatedCaseId: number | null;
    noReplyReason: string | null;
  },
): number {
  const at = c.at.toISOString();
  const info = db
    .prepare(
      `INSERT INTO cases (tracking_id, reporter_name, reporter_email, subject, policy, created_at, updated_at,
         encryption, signature, signer_fingerprint, attention, related_case_id, no_reply_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(c.trackingId, c.reporterName, c.reporterEmail, c.subject, c.policy, at, at, c.encryption, c.signature, c.signerFingerprint, c.attention, c.relatedCaseId, c.noReplyReason);
  return Number(info.lastInsertRowid);
}

export function trackingIdExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE tracking_id = ?').get(id) !== undefined;
}

export function getCase(db: Db, trackingIdOrId: string | number): CaseRow | undefined {
  return (
    typeof trackingIdOrId === 'number'
      ? db.prepare('SELECT * FROM cases WHERE id = ?').get(trackingIdOrId)
      : db.prepare('SELECT * FROM cases WHERE tracking_id = ?').get(trackingIdOrId.toUpperCase())
  ) as CaseRow | undefined;
}

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
  const best = m.signatures.find((s) => s.status === 'valid') ?? m.signatures[0];
  const status: SignatureStatus = best?.status ?? 'none';
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
      m.subject,
      m.bodyText,
      m.unencryptedText || null,
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

/** Records the OpenPGP payloads of a message (replacing any recorded before). */
export function setPayloads(db: Db, messageRowId: number, hashes: string[]): void {
  db.prepare('DELETE FROM message_payloads WHERE message_id = ?').run(messageRowId);
  const stmt = db.prepare('INSERT INTO message_payloads (message_id, sha256) VALUES (?, ?)');
  for (const h of new Set(hashes)) stmt.run(messageRowId, h);
}

export function insertAttachments(db: Db, messageRowId: number, attachments: Attachment[]): Array<{ filename: string | null; size: number; sha256: string; encrypted: boolean }> {
  const stmt = db.prepare('INSERT INTO attachments (message_id, filename, content_type, size, sha256, encrypted, content) VALUES (?, ?, ?, ?, ?, ?, ?)');
  return attachments.map((a) => {
    const hash = sha256(a.content);
    stmt.run(messageRowId, a.filename ?? null, a.contentType, a.content.length, hash, a.encrypted ? 1 : 0, a.content);
    return { filename: a.filename ?? null, size: a.content.length, sha256: hash, encrypted: a.encrypted };
  });
}

/** The case an inbound Message-ID was already recorded on (a redelivery of the same message). */
export function caseForInboundMessageId(db: Db, messageId: string): number | undefined {
  return (db.prepare("SELECT case_id FROM messages WHERE direction = 'in' AND message_id = ? LIMIT 1").get(messageId) as { case_id: number } | undefined)?.case_id;
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

export function touchCase(db: Db, caseId: number, at: Date, set: { attention?: string | null } = {}): void {
  if (set.attention !== undefined) db.prepare('UPDATE cases SET updated_at = ?, attention = ? WHERE id = ?').run(at.toISOString(), set.attention, caseId);
  else db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at.toISOString(), caseId);
}
