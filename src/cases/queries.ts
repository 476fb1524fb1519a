/**
 * Read-only views of cases for the CLI: the list, and one case with its messages,
 * attachments (metadata only), outgoing mail and event log.
 */
import type { Db } from '../db/open.js';
import type { CaseRow } from './store.js';
import { reportFieldsDetail } from './fields.js';

export interface CaseListItem {
  trackingId: string;
  state: string;
  reporter: string;
  subject: string | null;
  createdAt: string;
  encryption: string;
  signature: string;
  attention: string | null;
  messages: number;
}

export function listCases(db: Db, filter: { state?: string | undefined } = {}): CaseListItem[] {
  const rows = db
    .prepare(
      `SELECT c.*, (SELECT count(*) FROM messages m WHERE m.case_id = c.id) AS n
       FROM cases c ${filter.state ? 'WHERE c.state = ?' : ''} ORDER BY c.created_at, c.id`,
    )
    .all(...(filter.state ? [filter.state] : [])) as Array<CaseRow & { n: number }>;
  return rows.map((c) => ({
    trackingId: c.tracking_id,
    state: c.state,
    reporter: c.reporter_name ? `${c.reporter_name} <${c.reporter_email}>` : c.reporter_email,
    subject: c.subject,
    createdAt: c.created_at,
    encryption: c.encryption,
    signature: c.signature,
    attention: c.attention,
    messages: c.n,
  }));
}

export function caseDetail(db: Db, c: CaseRow) {
  const related = c.related_case_id ? (db.prepare('SELECT tracking_id FROM cases WHERE id = ?').get(c.related_case_id) as { tracking_id: string } | undefined) : undefined;
  const messages = (
    db.prepare('SELECT * FROM messages WHERE case_id = ? ORDER BY id').all(c.id) as Array<Record<string, unknown> & { id: number }>
  ).map((m) => ({
    id: m.id,
    direction: m.direction,
    at: m.at,
    messageId: m.message_id,
    from: m.from_addr,
    subject: m.subject,
    encryption: m.encryption,
    signature: m.signature,
    signerFingerprint: m.signer_fingerprint,
    signerKeyId: m.signer_key_id,
    signerUidMatchesFrom: m.signer_uid_matches === null ? null : m.signer_uid_matches === 1,
    body: m.body_text,
    unencryptedText: m.unencrypted_text,
    attachments: db.prepare('SELECT filename, content_type AS contentType, size, sha256, encrypted FROM attachments WHERE message_id = ? ORDER BY id').all(m.id),
  }));
  const outbox = db.prepare('SELECT id, kind, state, rcpt_to AS "to", message_id AS messageId, attempts, last_error AS lastError, created_at AS createdAt, sent_at AS sentAt FROM outbox WHERE case_id = ? ORDER BY id').all(c.id);
  const events = (db.prepare('SELECT at, actor, type, data FROM events WHERE case_id = ? ORDER BY id').all(c.id) as Array<{ at: string; actor: string; type: string; data: string }>).map((e) => ({ ...e, data: JSON.parse(e.data) as unknown }));
  const reporterKeys = db.prepare('SELECT fingerprint, status, source, first_seen_at AS firstSeenAt FROM reporter_keys WHERE email = ? ORDER BY id').all(c.reporter_email);
  return {
    trackingId: c.tracking_id,
    state: c.state,
    reporter: { name: c.reporter_name, email: c.reporter_email },
    subject: c.subject,
    policy: c.policy,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    encryption: c.encryption,
    signature: c.signature,
    signerFingerprint: c.signer_fingerprint,
    attention: c.attention,
    relatedCase: related?.tracking_id ?? null,
    noReplyReason: c.no_reply_reason,
    reporterKeys,
    reportFields: reportFieldsDetail(db, c.id),
    messages,
    outbox,
    events,
  };
}

export type CaseDetail = ReturnType<typeof caseDetail>;
