/**
 * What a report still lacks, measured against the policy's own list of required and
 * helpful fields. An entry "steps|poc" is satisfied by either field. Pure; the labels
 * returned are our words (FIELD_LABELS), never report text, so they may go in plain mail.
 */
import { FIELD_LABELS, FIELD_NAMES, type FieldName } from './types.js';

export interface ReportFieldsPolicy {
  required: string[];
  helpful: string[];
}

/** Used when a policy names no fields: what nearly every policy (and CERT/CC's form) asks. */
export const DEFAULT_REPORT_FIELDS: ReportFieldsPolicy = {
  required: ['vulnType', 'component', 'affectedVersions', 'steps|poc', 'impact'],
  helpful: ['poc', 'mitigation', 'credit'],
};

export interface MissingField {
  /** The policy's entry, e.g. "steps|poc". */
  entry: string;
  fields: FieldName[];
  label: string;
}

export function parseFieldEntry(entry: string): FieldName[] | undefined {
  const names = entry.split('|').map((x) => x.trim());
  return names.every((n) => (FIELD_NAMES as readonly string[]).includes(n)) ? (names as FieldName[]) : undefined;
}

function labelOf(fields: FieldName[]): string {
  return fields.map((f) => FIELD_LABELS[f]).join(', or ');
}

export function missingFields(policy: ReportFieldsPolicy | undefined, present: Iterable<FieldName>): { required: MissingField[]; helpful: MissingField[] } {
  const have = new Set(present);
  const p = policy ?? DEFAULT_REPORT_FIELDS;
  const check = (entries: string[]): MissingField[] =>
    entries.flatMap((entry) => {
      const fields = parseFieldEntry(entry) ?? [];
      return fields.length && !fields.some((f) => have.has(f)) ? [{ entry, fields, label: labelOf(fields) }] : [];
    });
  const required = check(p.required);
  const requiredEntries = new Set(required.map((r) => r.entry));
  return { required, helpful: check(p.helpful.filter((h) => !requiredEntries.has(h))) };
}
