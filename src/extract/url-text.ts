/**
 * A URL or path as a report writes it, cut to what a triager copies: no list mark before it
 * ("[+] "), no diff mark written onto it ("---includes/x.php"), no sentence's punctuation
 * after it. Pure; trims by scanning from the end, so a hostile run of dots or braces stays
 * linear (a `[.,…]+$` pattern tried every start of the run: 40,000 dots took seconds).
 */

/** A URL in text, up to a blank, a quote or a closing bracket. */
export const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+/gi;

/** Characters that end a sentence or close a bracket around a place, not part of it. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', ')', ']', '>']);

export function cleanLocation(s: string): string {
  const v = s.replace(/^\[[+*!-]\]\s*/, '').replace(/^(?:-{3}|\+{3})(?=[\w.])/, '');
  let end = v.length;
  while (end > 0 && TRAILING.has(v[end - 1]!)) end--;
  // A closing ">" stays when it ends a "<name>" placeholder segment ("/blobs/<digest>").
  if (end < v.length && /\/<[\w-]{1,30}$/.test(v.slice(Math.max(0, end - 32), end))) end++;
  // A closing brace belongs to a "{id}" placeholder only when one was opened.
  if (v[end - 1] === '}' && !v.slice(0, end).includes('{')) while (end > 0 && v[end - 1] === '}') end--;
  return v.slice(0, end);
}
