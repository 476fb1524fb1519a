/**
 * The team records what a case's advisory needs (issue 13): one `advisory_set` event per
 * field changed, an advisory marked published, a CRA notification made. Values arrive
 * checked for form (model/advisory.ts parsers). Runs in the caller's transaction.
 */
import { SectriageError } from '../../errors.js';
import { LIST_FIELDS, type AdvisoryField } from '../model/advisory.js';
import type { CraNotification } from '../model/cra.js';
import { advisoryFieldsOf, advisoryPublishedAt, craNotificationsOf } from '../store/advisory.js';
import { updateCase, type CaseRow } from '../store/cases.js';
import { event, type ActionContext } from './context.js';

/** Sets (or, with null, clears) one field; false when it already held that value. */
export function setAdvisoryField(ctx: ActionContext, c: CaseRow, field: AdvisoryField, value: string | string[] | null): boolean {
  // null clears either kind of field (the CLI's "none", an emptied console field).
  if (value !== null && LIST_FIELDS.has(field) !== Array.isArray(value))
    throw new SectriageError('USAGE', `${field} takes ${LIST_FIELDS.has(field) ? 'a list' : 'one value'}`);
  const now = advisoryFieldsOf(ctx.db, c.id)[field];
  const same = Array.isArray(value)
    ? JSON.stringify(now) === JSON.stringify(value)
    : value === null
      ? now === null || (Array.isArray(now) && !now.length)
      : now === value;
  if (same) return false;
  event(ctx, c.id, 'advisory_set', { field, value: value !== null && Array.isArray(value) && !value.length ? null : value });
  updateCase(ctx.db, c.id, ctx.now);
  return true;
}

/** The advisory is public: it meets the disclosure milestone like the state `disclosed`. False when it already was. */
export function markAdvisoryPublished(ctx: ActionContext, c: CaseRow, url?: string): boolean {
  if (advisoryPublishedAt(ctx.db, c.id)) return false;
  event(ctx, c.id, 'advisory_published', url ? { url } : {});
  updateCase(ctx.db, c.id, ctx.now);
  return true;
}

/** The team made a CRA notification; false when it was recorded before. */
export function recordCraNotified(ctx: ActionContext, c: CaseRow, notification: CraNotification): boolean {
  if (craNotificationsOf(ctx.db, c.id)[notification]) return false;
  event(ctx, c.id, 'cra_notified', { notification });
  updateCase(ctx.db, c.id, ctx.now);
  return true;
}
