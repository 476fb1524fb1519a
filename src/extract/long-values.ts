/**
 * A long-text field (steps, PoC, impact, configuration, mitigation) is what a triager
 * reads first on the case page and in a digest, not a copy of the report: a value found
 * as a whole block (a 60-line script, an HTTP request with its body) is cut to its head,
 * at a line or word end, with a mark that it goes on. The field's sources still span the
 * whole block, and the message keeps every byte. Pure.
 */
import { closesFenceStrictly, fenceMark } from './fence.js';
import type { Builder } from './builder.js';

/** About fifteen lines of code: what a case page shows of a field before "more"; the key line of a PoC is near its top. */
export const FIELD_TEXT_MAX_CHARS = 1000;

/** Marks a value cut here (the reporter's text goes on in the message). */
export const CUT_MARK = '[…]';

const LONG_TEXT_FIELDS = ['steps', 'poc', 'impact', 'configuration', 'mitigation'] as const;

/** The head of `value`, at most `max` characters ending at a line end (or else a word end), then a line with the mark. */
export function headOf(value: string, max = FIELD_TEXT_MAX_CHARS): string {
  if (value.length <= max) return value;
  // A break right at `max` still closes a head of `max` characters.
  const line = value.lastIndexOf('\n', max);
  const word = value.slice(0, max + 1).search(/\s\S*$/);
  // A line end in the second half of the bound, else the last word end, else a hard cut (one long token).
  let end = line >= max / 2 ? line : word > 0 ? word : max;
  // Not between the two halves of a character outside the Basic Multilingual Plane.
  if (end === max && /[\uD800-\uDBFF]/.test(value[end - 1] ?? '')) end--;
  return `${value.slice(0, end).trimEnd()}\n${CUT_MARK}`;
}

export function shortenLongValues(b: Builder): void {
  for (const k of LONG_TEXT_FIELDS) {
    const f = b.fields[k];
    if (f && f.value.length > FIELD_TEXT_MAX_CHARS) b.fields[k] = { ...f, value: headOf(f.value) };
  }
}

/**
 * A value without its fenced code blocks (its sources still span them), as Markdown shows them: a
 * fence (fence.ts's, so a plain-text advisory's rule of tildes is none) left open runs to the end. The value itself when that leaves nothing. One pass over the
 * lines (a pattern that looked for each fence's close was quadratic on a run of open fences).
 */
export function withoutFencedCode(text: string): string {
  const kept: string[] = [];
  let fence: string | null = null;
  let above = '';
  for (const line of text.split('\n')) {
    if (fence === null) {
      fence = fenceMark(line, above);
      if (fence === null) kept.push(line);
    } else if (closesFenceStrictly(line, fence)) fence = null;
    above = line;
  }
  const words = kept
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return words || text;
}
