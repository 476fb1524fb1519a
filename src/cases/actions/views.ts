/**
 * A team member looked at a case's decrypted content (the web console's case page, an
 * attachment downloaded or written out, a search that matched it): recorded as a
 * case_viewed event with the member as actor, so the log answers "who saw this report",
 * and a search cannot confirm a guessed word without a trace. Changes nothing else: not
 * updated_at, not the deadlines.
 */
import type { CaseRow } from '../store/cases.js';
import { searchCaseTexts, type CaseSearchHit } from '../store/search.js';
import { event, type ActionContext } from './context.js';

export function recordCaseView(ctx: ActionContext, c: CaseRow, part: 'case' | 'attachment', attachmentId?: number): number {
  return event(ctx, c.id, 'case_viewed', { part, ...(attachmentId !== undefined ? { attachmentId } : {}) });
}

/** Searches the cases' decrypted content; each case found gets a case_viewed 'search' event with the query. */
export function searchCases(ctx: ActionContext, query: string, limit: number): CaseSearchHit[] {
  const hits = searchCaseTexts(ctx.db, query, limit);
  for (const h of hits) event(ctx, h.caseId, 'case_viewed', { part: 'search', query: query.slice(0, 200) });
  return hits;
}
