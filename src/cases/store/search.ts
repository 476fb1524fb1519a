/**
 * `cases search` over a case's decrypted content: its subject, its report fields, and
 * every message's subject and text (both directions). Decrypt-on-demand, not an index:
 * the texts are read and opened (they are sealed at rest, src/seal/) per query and ranked
 * in memory (cases/model/search.ts). That keeps no second copy of report words in the
 * database (an index of plain or keyed-hash tokens is a dictionary of the reports, and
 * a keyed hash of a word is still the same for every case that has it), at the cost of
 * a scan per query: ~10 ms per thousand cases of ordinary size (more with the opening),
 * which a team's search can afford. Input: our rows; the query
 * is the operator's, only ever compared.
 */
import type { Db } from '../../db/open.js';
import { queryWords, scoreCase, type SearchHit } from '../model/search.js';

export interface CaseSearchHit extends SearchHit {
  caseId: number;
  trackingId: string;
  state: string;
  subject: string | null;
  createdAt: string;
}

interface Row {
  id: number;
  tracking_id: string;
  state: string;
  subject: string | null;
  created_at: string;
  fields: string | null;
  messages: string | null;
}

/** The cases every word of `query` occurs in, best first, at most `limit`. */
export function searchCaseTexts(db: Db, query: string, limit: number): CaseSearchHit[] {
  const words = queryWords(query);
  if (!words.length) return [];
  const hits: CaseSearchHit[] = [];
  const rows = db
    .prepare(
      `SELECT c.id, c.tracking_id, c.state, case_text(c.subject, c.id, 'cases.subject') AS subject, c.created_at,
              (SELECT group_concat(case_text(value, case_id, 'case_fields.value'), ' ') FROM case_fields f WHERE f.case_id = c.id) AS fields,
              (SELECT group_concat(coalesce(case_text(m.subject, m.case_id, 'messages.subject'), '') || ' ' ||
                                   coalesce(case_text(m.body_text, m.case_id, 'messages.body_text'), ''), ' ') FROM messages m WHERE m.case_id = c.id) AS messages
         FROM cases c`,
    )
    .iterate() as Iterable<Row>;
  for (const r of rows) {
    const hit = scoreCase(words, { subject: r.subject ?? '', fields: r.fields ?? '', messages: r.messages ?? '' });
    if (hit) hits.push({ ...hit, caseId: r.id, trackingId: r.tracking_id, state: r.state, subject: r.subject, createdAt: r.created_at });
  }
  // Best first; among equals the newest case.
  return hits.sort((a, b) => b.score - a.score || b.caseId - a.caseId).slice(0, limit);
}
