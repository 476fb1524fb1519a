/**
 * The set-up a report was made on, as issue templates ask for it ("**Desktop (please complete
 * the following information):** - OS: Windows - Browser Edge - Version Latest", "- **Install
 * method:** [Docker]"): the list that holds an operating system, browser, install method or
 * runtime line with a value filled in. A triager copies that list as the configuration when
 * the report names no other. Pure; the input is report text (untrusted), matched line by
 * line with bounded regexes.
 */

/** A line of the list that names the set-up: a bullet or none, bold or not, an environment label, a colon. */
const ENVIRONMENT_LINE =
  /^[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\*\*|__)?[ \t]*(?:os|operating[ \t]system|browsers?|device|install(?:ation)?[ \t]method|distro|distribution|(?:php|python|node(?:\.js)?|java|ruby|go)[ \t]version)\b[^:\n]{0,40}:(?:\*\*|__)?[ \t]*(.*)$/i;
/** A list item, or a "label: value" line, that goes on the same list. */
const LIST_LINE = /^[ \t]{0,8}(?:[-*+][ \t]{1,4}\S|(?:\*\*|__)?[A-Za-z][\w .()/-]{0,40}:)/;
/** A value left as the template gave it: empty, "[e.g. chrome, safari]", "N/A", "-". */
const PLACEHOLDER = /^[\s[(]*(?:e\.g\.|eg\b|for example|n\/a|none|-|\]|\)|$)/i;
/** Lines: a set-up list is short; a longer run is something else (a header dump, a config file). */
const MAX_LIST_LINES = 12;

export interface EnvironmentList {
  text: string;
  start: number;
  end: number;
}

/** The first list in the text that holds a filled-in set-up line, whole (its other items too), or undefined. */
export function environmentList(text: string): EnvironmentList | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const m = ENVIRONMENT_LINE.exec(lines[i] as string);
    if (!m || PLACEHOLDER.test((m[1] ?? '').replace(/\*\*|__/g, ''))) continue;
    let first = i;
    let last = i;
    while (first > 0 && i - first < MAX_LIST_LINES && LIST_LINE.test(lines[first - 1] as string)) first--;
    while (last + 1 < lines.length && last - first < MAX_LIST_LINES && LIST_LINE.test(lines[last + 1] as string)) last++;
    if (last - first >= MAX_LIST_LINES) continue;
    const start = starts[first] as number;
    const end = (starts[last] as number) + (lines[last] as string).length;
    return { text: text.slice(start, end).trim(), start, end };
  }
  return undefined;
}
