/**
 * A team member dismisses an attention item once they have looked at it (the web
 * console's "done", `cases clear`): cleared by its kind, with an event saying who.
 */
import { SectriageError } from '../../errors.js';
import { ATTENTION_KINDS, isAttentionKind } from '../model/attention.js';
import { clearAttention } from '../store/attention.js';
import type { CaseRow } from '../store/cases.js';
import { event, type ActionContext } from './context.js';

export function dismissAttention(ctx: ActionContext, c: CaseRow, kind: string, note?: string): void {
  if (!isAttentionKind(kind)) throw new SectriageError('USAGE', `unknown attention kind "${kind}": use one of ${ATTENTION_KINDS.join(', ')}`);
  const id = event(ctx, c.id, 'attention_cleared', { kind, ...(note ? { note } : {}) });
  if (!clearAttention(ctx.db, c.id, kind, ctx.now, id)) throw new SectriageError('USAGE', `${c.tracking_id} has no open ${kind} attention`);
}
