/**
 * A text's lines, found once: the bounds of the line holding an offset by binary search over
 * the newline offsets (per-match scans of a long line were quadratic), and its text when it
 * is short enough to be a command, a header or a label. Pure.
 */
export class Lines {
  readonly #breaks: number[] = [];
  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.#breaks.push(i);
  }
  /** [start, end) of the line holding `index`. */
  bounds(index: number): [number, number] {
    let lo = 0;
    let hi = this.#breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.#breaks[mid] as number) < index) lo = mid + 1;
      else hi = mid;
    }
    return [lo === 0 ? 0 : (this.#breaks[lo - 1] as number) + 1, this.#breaks[lo] ?? this.text.length];
  }
  /** The line holding `index` in `same` (the text with spans blanked, same length), or '' for a line too long to be a command. */
  line(same: string, index: number): string {
    const [a, b] = this.bounds(index);
    return b - a > MAX_LINE ? '' : same.slice(a, b);
  }
  /** The line's text before `index`, or '' past its first MAX_PREFIX characters (commands and headers start their line). */
  before(same: string, index: number): string {
    const [a] = this.bounds(index);
    return index - a > MAX_PREFIX ? '' : same.slice(a, index);
  }
}
/** Characters: a shell line or an HTTP header is not longer; a longer line is read as prose. */
const MAX_LINE = 2000;
const MAX_PREFIX = 200;
