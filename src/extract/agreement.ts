/**
 * How far two people who label the same reports agree, scored by the extractor's own strict
 * scorer (evaluate.ts): one labelling is read as the reference, the other as if an extractor
 * had returned it. What two careful labellers reach is what any extractor can be shown to
 * reach against one of them, so it bounds the goals of `npm run eval:extract`. Pure: the
 * caller loads both labellings (corpus.ts). Labels are our own files, trusted as JSON of the
 * Expected shape; a field whose value has the wrong shape simply does not match.
 */
import { type Expected, type ReportScore, scoreReport } from './evaluate.js';
import type { ExtractedFields, ExtractResult, FieldName } from './types.js';
import { FIELD_NAMES } from './types.js';

/**
 * A label as the extractor would have returned it. The one shape that differs is
 * affectedVersions: a label lists versions and ranges, the extractor gives them as one
 * comma-separated value.
 */
export function labelAsResult(label: Expected): ExtractResult {
  const fields: ExtractedFields = {};
  for (const f of FIELD_NAMES) {
    const v = label.fields[f];
    if (v == null) continue;
    const value = f === 'affectedVersions' && Array.isArray(v) ? v.map(String).join(', ') : v;
    (fields as Record<FieldName, { value: unknown; sources: [] }>)[f] = { value, sources: [] };
  }
  return {
    fields,
    ...(label.multiple?.length ? { multiple: label.multiple.map((title) => ({ title, source: { start: 0, end: 0 } })) } : {}),
    spam: { likely: label.spam === true, score: 0, reasons: [] },
  };
}

/** The second labelling scored against the reference, report by report (the names both hold). */
export function scoreAgreement(reference: ReadonlyMap<string, Expected>, second: ReadonlyMap<string, Expected>): ReportScore[] {
  return [...second.keys()]
    .filter((name) => reference.has(name))
    .sort()
    .map((name) => scoreReport(name, reference.get(name)!, labelAsResult(second.get(name)!)));
}
