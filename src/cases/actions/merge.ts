/**
 * Closing a case as a duplicate of another: the duplicate is closed, and its reporter
 * (and anyone credited on it) is credited on the case it duplicates, so the first
 * finder and the later ones all appear when the advisory is written.
 */
import { SectriageError } from '../../errors.js';
import { repointDuplicates, updateCase, type CaseRow } from '../store/cases.js';
import { addCredit, creditsOf } from '../store/credits.js';
import { event, type ActionContext } from './context.js';
import { changeState } from './state.js';

export function mergeInto(ctx: ActionContext, source: CaseRow, target: CaseRow, note?: string): void {
  if (source.id === target.id) throw new SectriageError('USAGE', 'a case cannot be merged into itself');
  if (target.state === 'closed' && target.resolution === 'duplicate')
    throw new SectriageError('USAGE', `${target.tracking_id} is itself a duplicate; merge into the case it duplicates`);
  changeState(ctx, source, { to: 'closed', resolution: 'duplicate', duplicateOf: target.tracking_id, ...(note ? { note } : {}) });
  addCredit(ctx.db, target.id, { email: target.reporter_email, name: target.reporter_name }, null, ctx.now);
  addCredit(ctx.db, source.id, { email: source.reporter_email, name: source.reporter_name }, null, ctx.now);
  const added: string[] = [];
  for (const m of creditsOf(ctx.db, source.id)) if (addCredit(ctx.db, target.id, m, source.id, ctx.now)) added.push(m.email);
  // Later duplicates of the source now point at the target.
  repointDuplicates(ctx.db, source.id, target.id);
  event(ctx, target.id, 'duplicate_merged', { from: source.tracking_id, credited: added });
  updateCase(ctx.db, target.id, ctx.now);
}
