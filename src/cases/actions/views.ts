/**
 * A team member looked at a case's decrypted content (the web console's case page, or an
 * attachment downloaded): recorded as a case_viewed event with the member as actor, so the
 * log answers "who saw this report". Changes nothing else: not updated_at, not the deadlines.
 */
import type { CaseRow } from '../store/cases.js';
import { event, type ActionContext } from './context.js';

export function recordCaseView(ctx: ActionContext, c: CaseRow, part: 'case' | 'attachment', attachmentId?: number): number {
  return event(ctx, c.id, 'case_viewed', { part, ...(attachmentId !== undefined ? { attachmentId } : {}) });
}
