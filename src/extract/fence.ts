/**
 * Which lines open or close a fenced block ("```js", "~~~"). A line of tildes alone longer
 * than anyone writes a fence rules off the parts of a plain-text advisory (SySS's lines of 80
 * "~"): read as a fence, the prose between two of them would be taken for code. Pure.
 */

/** Characters: fences are written with 3 to 5 marks; a rule runs across the line. */
const MAX_TILDE_FENCE = 20;

/** The fence's marks ("```", "~~~~") when the line opens or closes one, else null. */
export function fenceMark(line: string): string | null {
  const m = /^\s*(```+|~~~+)/.exec(line);
  if (!m) return null;
  const mark = m[1] as string;
  return mark.startsWith('~') && mark.length > MAX_TILDE_FENCE && !line.slice(m[0].length).trim() ? null : mark;
}
