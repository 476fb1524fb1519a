/**
 * Which lines open or close a fenced block ("```js", "~~~"). A line of tildes alone longer
 * than anyone writes a fence rules off the parts of a plain-text advisory (SySS's lines of 80
 * "~"): read as a fence, the prose between two of them would be taken for code. Inside an open
 * fence, any run of its marks closes it, however long. Pure.
 */

/** Characters: fences are written with 3 to 5 marks, now and then a few more; a rule runs across the line. */
const MAX_TILDE_FENCE = 40;

const MARKS = /^\s*(```+|~~~+)/;

/** The fence's marks ("```", "~~~~") when the line opens one, else null. `above`: the line before it, if any. */
export function fenceMark(line: string, above = ''): string | null {
  const m = MARKS.exec(line);
  if (!m) return null;
  const mark = m[1] as string;
  if (!mark.startsWith('~') || line.slice(m[0].length).trim()) return mark;
  return mark.length > MAX_TILDE_FENCE || underlines(mark.length, above) ? null : mark;
}

/** Tildes under a title about as long as they are ("Disclosure Timeline" over 19 "~"): a plain-text advisory's underline. */
function underlines(marks: number, above: string): boolean {
  const title = above.trim();
  if (!title || MARKS.test(above) || /:$/.test(title) || title.split(/\s+/).length > 12) return false;
  return marks >= 5 && marks >= title.length * 0.6 && marks <= title.length * 1.5 + 2;
}

/** Whether the line closes a fence opened with `mark`. */
export function closesFence(line: string, mark: string): boolean {
  return MARKS.exec(line)?.[1]?.startsWith(mark.slice(0, 3)) === true;
}

/**
 * Whether the line closes a fence opened with `mark` as Markdown renders it: the same mark, as long or longer, alone on
 * its line ("```bash" opens one, never closes one). What a reader sees as code; `closesFence` is the looser reading the
 * block finders keep.
 */
export function closesFenceStrictly(line: string, mark: string): boolean {
  const m = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line)?.[1];
  return m !== undefined && m[0] === mark[0] && m.length >= mark.length;
}
