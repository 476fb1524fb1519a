/**
 * Read-only views of cases for the CLI: one case with its messages, attachments
 * (metadata only), outgoing mail and event log; the list is in case-list.ts.
 */
import type { Db } from '../../db/open.js';
import { attentionLine } from '../model/attention.js';
import { attentionHistory, openAttention } from './attention.js';
import { advisoryFieldsOf, advisoryPublishedAt, craNotificationsOf } from './advisory.js';
import { credits } from './credits.js';
import { caseOutbox } from './outbox.js';
import { reporterKeyList } from './reporter-keys.js';
import { caseEvents } from './event-log.js';
import { trackingIdOf, type CaseRow } from './cases.js';
import { reportFieldsDetail } from './fields.js';
import { MESSAGE_TEXTS } from './messages.js';
import { ordinal } from '../../util/ordinal.js';

export { listCases, possibleDuplicatesOf, type CaseFilter, type CaseListItem } from './case-list.js';

/** A case's messages, in and out, with their attachments' metadata (never their content). */
function messagesOf(db: Db, caseId: number) {
  const rows = db.prepare(`SELECT *, ${MESSAGE_TEXTS} FROM messages WHERE case_id = ? ORDER BY id`).all(caseId) as Array<
    Record<string, unknown> & { id: number }
  >;
  const attachments = db.prepare('SELECT filename, content_type AS contentType, size, sha256, encrypted FROM attachments WHERE message_id = ? ORDER BY id');
  return rows.map((m) => ({
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
    attachments: attachments.all(m.id),
  }));
}

/** The thread: mail in (messages) and out (the outbox, with the team's own words for team replies), in time order. */
function threadOf(db: Db, caseId: number, messages: ReturnType<typeof messagesOf>, outbox: ReturnType<typeof caseOutbox>) {
  const teamTexts = new Map(
    (
      db
        .prepare(
          "SELECT outbox_id, case_text(body_text, case_id, 'messages.body_text') AS body_text FROM messages WHERE case_id = ? AND direction = 'out' AND outbox_id IS NOT NULL",
        )
        .all(caseId) as Array<{
        outbox_id: number;
        body_text: string | null;
      }>
    ).map((r) => [r.outbox_id, r.body_text]),
  );
  const none = { to: null as string | null, kind: null as string | null, state: null as string | null, text: null as string | null };
  const incoming = messages
    .filter((m) => m.direction === 'in')
    .map((m) => ({ direction: 'in' as const, at: String(m.at), from: m.from as string | null, ...none, messageId: m.messageId as string | null }));
  const outgoing = outbox.map((o) => ({
    direction: 'out' as const,
    at: o.createdAt,
    from: null,
    to: o.to,
    kind: o.kind,
    state: o.state,
    messageId: o.messageId,
    text: teamTexts.get(o.id) ?? null,
  }));
  return [...incoming, ...outgoing].sort((a, b) => ordinal(a.at, b.at));
}

/** What the team recorded while working the case. */
function workflowOf(db: Db, c: CaseRow) {
  return {
    assignee: c.assignee ?? null,
    severity: c.severity ?? null,
    cvssVector: c.cvss_vector ?? null,
    cve: c.cve ?? null,
    resolution: c.resolution ?? null,
    duplicateOf: c.duplicate_of ? (trackingIdOf(db, c.duplicate_of) ?? null) : null,
    acknowledgedAt: c.acknowledged_at ?? null,
    closedAt: c.closed_at ?? null,
    flags: { exploited: c.flag_exploited === 1, public: c.flag_public === 1, onHold: c.flag_on_hold === 1, embargoUntil: c.embargo_until ?? null },
    credits: credits(db, c.id),
    advisory: { ...advisoryFieldsOf(db, c.id), publishedAt: advisoryPublishedAt(db, c.id), craNotified: craNotificationsOf(db, c.id) },
  };
}

export function caseDetail(db: Db, c: CaseRow) {
  const messages = messagesOf(db, c.id);
  const outbox = caseOutbox(db, c.id);
  // The kind's version stands beside its data, so views show the data as it was given.
  const events = caseEvents(db, c.id).map((e) => {
    const { v, ...data } = e.data as { v?: number };
    return { at: e.at, actor: e.actor, type: e.type, version: v ?? null, data: data as unknown };
  });
  const attention = openAttention(db, c.id);
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
    attention: attentionLine(attention),
    attentionItems: attention,
    attentionHistory: attentionHistory(db, c.id),
    relatedCase: c.related_case_id ? (trackingIdOf(db, c.related_case_id) ?? null) : null,
    noReplyReason: c.no_reply_reason,
    reporterKeys: reporterKeyList(db, c.reporter_email).map(({ email: _email, ...k }) => k),
    reportFields: reportFieldsDetail(db, c.id),
    workflow: workflowOf(db, c),
    messages,
    outbox,
    thread: threadOf(db, c.id, messages, outbox),
    events,
  };
}

export type CaseDetail = ReturnType<typeof caseDetail>;
