/**
 * The fields of one report as they are being found, and the rule every reader
 * follows: the first value set for a field wins (labelled sections are read before
 * prose, so the reporter's own structure wins). Pure. Values come from hostile text
 * and are kept as text with their offsets; nothing here interprets them.
 */
import type { ExtractedFields, FieldName, FieldValues, Span } from './types.js';

export interface Builder {
  text: string;
  fields: ExtractedFields;
}

/** A value that says there is none ("n/a", "unknown", "-", "not sure"). */
// Also a GitHub issue form's answer to a field left blank ("_No response_").
export const EMPTY = /^(?:n\/?a|none|unknown|tbd|-+|\?+|not (?:sure|known|applicable)|no idea|nil|_?no response_?)\.?$/i;

export function set<K extends FieldName>(b: Builder, k: K, value: FieldValues[K], sources: Span[]): void {
  if (b.fields[k] !== undefined) return;
  (b.fields as Record<string, unknown>)[k] = { value, sources };
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function trimmedSpan(text: string, start: number, end: number): { start: number; end: number; text: string } {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end, text: text.slice(start, end) };
}
