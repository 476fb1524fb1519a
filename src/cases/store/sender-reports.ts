/**
 * A sender's recent reports, for the per-sender reply cap (pipeline/reply-cap.ts): is
 * this report new, or the same one again? Reads the subject and first inbound text of
 * the sender's cases opened since `since`, newest first and bounded. Input: our rows.
 */
import type { Db } from '../../db/open.js';

export function recentReportsFrom(db: Db, address: string, since: Date, max: number): Array<{ subject: string | null; text: string }> {
  const rows = db
    .prepare(
      `SELECT case_text(c.subject, c.id, 'cases.subject') AS subject,
              (SELECT case_text(m.body_text, m.case_id, 'messages.body_text') FROM messages m WHERE m.case_id = c.id AND m.direction = 'in' ORDER BY m.id LIMIT 1) AS text
         FROM cases c WHERE c.reporter_email = ? AND c.created_at >= ? ORDER BY c.id DESC LIMIT ?`,
    )
    .all(address, since.toISOString(), max) as Array<{ subject: string | null; text: string | null }>;
  return rows.map((r) => ({ subject: r.subject, text: r.text ?? '' }));
}
