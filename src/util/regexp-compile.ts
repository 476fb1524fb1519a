/**
 * Regular expressions compiled to machine code at their first use instead of interpreted
 * first and compiled on the second (V8's default tier-up). The extractor runs several
 * hundred expressions, most a few times per report, so each was compiled twice over a
 * process's first reports: its first report took ~230 ms to read and its second ~33 ms;
 * with this, ~100 ms and ~3 ms, and later reports no slower (the 283 tune reports: 3.9 ->
 * 3.5 ms each, issue 11). V8 flags are process-wide, so the open workers have it too; set
 * first thing by the command line (cli/main.ts), before the extractor has run, and only for
 * the commands that read reports: a command that runs each expression once or twice is
 * faster interpreting them (`cases list` on 10,000 cases took 11% longer with the flag).
 * Where a V8 ignores the flag, expressions only tier up as they always did.
 */
import { setFlagsFromString } from 'node:v8';

export const REGEXP_COMPILE_FLAG = '--no-regexp-tier-up';

export function compileRegexpsAtFirstUse(): void {
  setFlagsFromString(REGEXP_COMPILE_FLAG);
}
