/**
 * The report-fields part of recording a message, run inside the transaction of
 * record.ts: extract the fields of a new report, store them with what the policy
 * finds missing and the possible duplicates; for a follow-up, add the fields it
 * supplies that the case lacked and say so in the event log. The reporter is asked
 * for missing fields once, in the acknowledgement; follow-ups never ask again.
 */
import { setFlag } from '../cases/actions/workflow.js';
import { getCase } from '../cases/store/cases.js';
import { appendEvent } from '../cases/store/event-log.js';
import { recordDuplicateCandidates } from '../cases/store/duplicates.js';
import { addFields, caseFields, reportMeta, saveReportMeta } from '../cases/store/fields.js';
import { fieldsToAsk } from '../extract/asking.js';
import { missingFields } from '../extract/completeness.js';
import { extractReport } from '../extract/extract.js';
import { newReportFields } from '../extract/opened-report.js';
import { newReportSketch } from '../extract/report-sketch.js';
import type { FieldName } from '../extract/types.js';
import { systemActions, type RecordContext } from './context.js';

/** Quoted lines of a reply (our acknowledgement lists field names that must not count). */
export function withoutQuotedReply(text: string): string {
  const lines = text.split('\n');
  const cut = lines.findIndex((l) => /^On .{0,200}wrote:\s*$/.test(l) || /^-{2,}\s*Original Message\s*-{2,}/i.test(l));
  return (cut >= 0 ? lines.slice(0, cut) : lines).filter((l) => !/^\s*>/.test(l)).join('\n');
}

function attachmentsOf(ctx: RecordContext): Array<{ filename?: string | null | undefined }> {
  return ctx.opened.attachments.map((a) => ({ filename: a.filename }));
}

/** For a new case: returns the labels of the required fields to ask the reporter for
 *  (none when no acknowledgement goes out: then nobody is asked, and `asked` stays empty). */
export function recordReportFields(ctx: RecordContext, caseId: number, messageRowId: number, willAck: boolean): string[] {
  const o = ctx.opened;
  if (o.encryption === 'undecryptable') return [];
  const result = ctx.newReportFields ?? newReportFields(o);
  // The error names our code, not the report's text (which never goes to the log).
  if (result.failed) ctx.log.error({ caseId, err: result.failed }, 'report fields could not be read; the case opens without them');
  const added = addFields(ctx.db, caseId, messageRowId, result, ctx.now);
  const missing = missingFields(ctx.policy.report, added);
  // Spam is not asked for details; a report of several bugs is asked for what none of them
  // has; and nobody is asked for a field their text speaks to (asking.ts), found or not.
  const ask = result.spam.likely || !willAck ? [] : fieldsToAsk(missing.required, `${o.subject ?? ''}\n${o.text}`);
  saveReportMeta(
    ctx.db,
    caseId,
    {
      parts: result.multiple?.map(({ source: _, ...part }) => part) ?? null,
      spam: result.spam,
      missingRequired: missing.required.map((m) => m.entry),
      missingHelpful: missing.helpful.map((m) => m.entry),
      asked: ask.length ? ask.map((m) => m.entry) : null,
    },
    ctx.now,
  );
  // A report that says it is exploited in the wild starts the clocks an exploited case
  // has (the policy's disclosure rule, the EU CRA's 24 h early warning) at once, as the
  // system; the team clears the flag if the claim does not hold (cases set --no-flag exploited).
  if (result.fields.exploited?.value === true && !result.spam.likely) {
    const c = getCase(ctx.db, caseId);
    if (c) setFlag(systemActions(ctx), c, 'exploited', true);
  }
  // The worker's sketch goes with the worker's fields; fields read here get theirs here.
  const worker = ctx.newReportFields && ctx.newReportSketch;
  const sketch = worker ? ctx.newReportSketch! : newReportSketch(result, o.text);
  const duplicates = recordDuplicateCandidates(ctx.db, caseId, ctx.now, sketch, worker ? ctx.aheadDuplicates : undefined);
  appendEvent(ctx.db, {
    caseId,
    at: ctx.now.toISOString(),
    actor: 'system',
    type: 'fields_extracted',
    data: {
      fields: added,
      missing: missing.required.map((m) => m.entry),
      ...(result.multiple ? { parts: result.multiple.length } : {}),
      ...(result.spam.likely ? { spamLikely: true } : {}),
      ...(duplicates.length ? { duplicateCandidates: duplicates.length } : {}),
    },
  });
  return ask.map((m) => m.label);
}

/** For a follow-up: stores the fields the case lacked; returns their names. */
export function recordFollowUpFields(ctx: RecordContext, caseId: number, messageRowId: number): FieldName[] {
  const o = ctx.opened;
  if (o.encryption === 'undecryptable') return [];
  // No subject: "Re: [SEC-…] Your security report was received" is ours, not a title.
  const result = extractReport({ text: withoutQuotedReply(o.text), attachments: attachmentsOf(ctx) });
  const added = addFields(ctx.db, caseId, messageRowId, result, ctx.now);
  if (!added.length) return [];
  const meta = reportMeta(ctx.db, caseId);
  if (meta) {
    const missing = missingFields(
      ctx.policy.report,
      caseFields(ctx.db, caseId).map((f) => f.field),
    );
    saveReportMeta(
      ctx.db,
      caseId,
      { ...meta, missingRequired: missing.required.map((m) => m.entry), missingHelpful: missing.helpful.map((m) => m.entry) },
      ctx.now,
    );
  }
  appendEvent(ctx.db, {
    caseId,
    at: ctx.now.toISOString(),
    actor: `reporter:${o.from?.address ?? 'unknown'}`,
    type: 'fields_updated',
    data: { fields: added, spoolId: ctx.spool.id },
    spoolId: ctx.spool.id,
  });
  return added;
}
