/**
 * Read-only queries the team console (src/web/) needs beyond the CLI's views: the facts a
 * list filters and sorts on, counts per state, the cases whose mail contains a text (the
 * decrypted report text as stored, searched with LIKE, the text bound, never spliced), and
 * a case's attachments with their ids (a download names the case AND the attachment, so an
 * id from another case is not found). Our own rows; the search text is untrusted input.
 */
import type { Db } from '../../db/open.js';

export interface CaseFacts {
  id: number;
  trackingId: string;
  policy: string;
  state: string;
  flags: { exploited: boolean; public: boolean; onHold: boolean; embargo: boolean };
}

export function caseFacts(db: Db): Map<string, CaseFacts> {
  const rows = db.prepare('SELECT id, tracking_id, policy, state, flag_exploited, flag_public, flag_on_hold, embargo_until FROM cases').all() as Array<{
    id: number;
    tracking_id: string;
    policy: string;
    state: string;
    flag_exploited: number;
    flag_public: number;
    flag_on_hold: number;
    embargo_until: string | null;
  }>;
  return new Map(
    rows.map((r) => [
      r.tracking_id,
      {
        id: r.id,
        trackingId: r.tracking_id,
        policy: r.policy,
        state: r.state,
        flags: { exploited: r.flag_exploited === 1, public: r.flag_public === 1, onHold: r.flag_on_hold === 1, embargo: r.embargo_until !== null },
      },
    ]),
  );
}

export function countsByState(db: Db): Map<string, number> {
  const rows = db.prepare('SELECT state, count(*) AS n FROM cases GROUP BY state').all() as Array<{ state: string; n: number }>;
  return new Map(rows.map((r) => [r.state, r.n]));
}

export interface AttachmentInfo {
  id: number;
  messageRowId: number;
  filename: string | null;
  contentType: string | null;
  size: number;
  sha256: string;
  encrypted: boolean;
}

export function caseAttachments(db: Db, caseId: number): AttachmentInfo[] {
  return (
    db
      .prepare(
        `SELECT a.id, a.message_id, a.filename, a.content_type, a.size, a.sha256, a.encrypted FROM attachments a
         JOIN messages m ON m.id = a.message_id WHERE m.case_id = ? ORDER BY a.id`,
      )
      .all(caseId) as Array<{
      id: number;
      message_id: number;
      filename: string | null;
      content_type: string | null;
      size: number;
      sha256: string;
      encrypted: number;
    }>
  ).map((a) => ({
    id: a.id,
    messageRowId: a.message_id,
    filename: a.filename,
    contentType: a.content_type,
    size: a.size,
    sha256: a.sha256,
    encrypted: a.encrypted === 1,
  }));
}

/** One attachment of one case, or undefined (an id of another case's attachment is not found). */
export function caseAttachment(db: Db, caseId: number, attachmentId: number): AttachmentInfo | undefined {
  return caseAttachments(db, caseId).find((a) => a.id === attachmentId);
}
