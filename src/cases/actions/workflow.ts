/**
 * The team's bookkeeping on a case: acknowledge, assign, note, severity and CVSS,
 * CVE id, flags and the embargo date. Each writes its columns and one event in the
 * caller's transaction. Values arrive checked for form (model/lifecycle.ts).
 */
import { SectriageError } from '../../errors.js';
import { severityFromCvss, type Severity } from '../model/lifecycle.js';
import type { CaseFlag } from '../model/states.js';
import { caseWithCve, updateCase, type CaseRow } from '../store/cases.js';
import { event, type ActionContext } from './context.js';

export function acknowledge(ctx: ActionContext, c: CaseRow): boolean {
  if (c.acknowledged_at) return false;
  updateCase(ctx.db, c.id, ctx.now, { acknowledged_at: ctx.now.toISOString() });
  event(ctx, c.id, 'acknowledged', {});
  return true;
}

export function assign(ctx: ActionContext, c: CaseRow, member: string | null): void {
  if (c.assignee === member)
    throw new SectriageError('USAGE', member ? `${c.tracking_id} is already assigned to ${member}` : `${c.tracking_id} is not assigned`);
  updateCase(ctx.db, c.id, ctx.now, { assignee: member });
  event(ctx, c.id, 'assigned', { from: c.assignee, to: member });
}

export function addNote(ctx: ActionContext, c: CaseRow, note: string): void {
  if (!note.trim()) throw new SectriageError('USAGE', 'the note is empty');
  event(ctx, c.id, 'note_added', { note });
  updateCase(ctx.db, c.id, ctx.now);
}

/**
 * Severity by hand, or from a CVSS vector: a vector alone sets the severity it scores
 * to unless the team gives one; a severity alone keeps the vector only when unchanged.
 * Returns the severity set.
 */
export function setSeverity(ctx: ActionContext, c: CaseRow, v: { severity?: Severity | undefined; cvss?: string | undefined }): Severity | null {
  const severity = v.severity ?? (v.cvss ? severityFromCvss(v.cvss) : c.severity);
  updateCase(ctx.db, c.id, ctx.now, { severity, cvss_vector: v.cvss ?? (severity === c.severity ? c.cvss_vector : null) });
  event(ctx, c.id, 'severity_set', { from: c.severity, to: severity, ...(v.cvss ? { cvssVector: v.cvss } : {}) });
  return severity;
}

export function setCve(ctx: ActionContext, c: CaseRow, cve: string | null): void {
  const other = cve ? caseWithCve(ctx.db, cve, c.id) : undefined;
  if (other) throw new SectriageError('USAGE', `${cve} is already on ${other.tracking_id}`);
  updateCase(ctx.db, c.id, ctx.now, { cve });
  event(ctx, c.id, 'cve_set', { from: c.cve, to: cve });
}

const FLAG_COLUMNS = { exploited: 'flag_exploited', public: 'flag_public', on_hold: 'flag_on_hold' } as const;

export function setFlag(ctx: ActionContext, c: CaseRow, flag: Exclude<CaseFlag, 'embargo'>, value: boolean): boolean {
  const column = FLAG_COLUMNS[flag];
  if ((c[column] === 1) === value) return false;
  updateCase(ctx.db, c.id, ctx.now, { [column]: value ? 1 : 0 });
  event(ctx, c.id, 'flag_set', { flag, value });
  return true;
}

export function setEmbargo(ctx: ActionContext, c: CaseRow, date: string | null): boolean {
  if (c.embargo_until === date) return false;
  updateCase(ctx.db, c.id, ctx.now, { embargo_until: date });
  event(ctx, c.id, 'flag_set', { flag: 'embargo', value: date });
  return true;
}
