/**
 * Which lines of a stack trace (a checker's, or a debugger's call stack) a triager would not write down as places: past the first two
 * frames of the product in each trace, the checker's and the C library's frames, and every
 * frame of where memory was allocated or freed. Pure; input is report text (untrusted), read
 * line by line with bounded patterns.
 */
import { STACK_FRAME } from './shell.js';

/** A frame of the checker or the C library, not of the product ("vg_replace_malloc.c", "asan_malloc_linux.cpp"). */
const RUNTIME_FRAME = /\b(?:vg_replace_\w+|asan_\w+|ubsan_\w+|sanitizer_\w+|libc[\w-]*|malloc)\.\w+\b|@GLIBC/i;
/** A frame of a debugger's call stack, as PhpStorm or Xdebug copy it ("class-wc-admin-report.php:369, WC_Admin_Report->get_order_report_data()"). */
const DEBUGGER_FRAME = /^[ \t]*[\w.-]{1,120}\.(?:php|py|rb|js|ts|java|go|cs|kt):\d{1,7}, (?:\{main\}|[\w\\]{1,120}(?:(?:->|::|\.)\w{1,120})?)\(\)/;
/** What makes such lines a call stack and not a list of findings ("settings.php:45, acme_save_settings()" for each
 *  handler that lacks a check): a method's frame or the script's own. */
const CALL_STACK_MARK = /->|::|\{main\}/;

/** The start offsets of the lines in runs of debugger frames that hold a call stack's mark. */
function debuggerStacks(lines: string[]): Set<number> {
  const out = new Set<number>();
  let run: number[] = [];
  let marked = false;
  let at = 0;
  const close = (): void => {
    if (marked) for (const x of run) out.add(x);
    run = [];
    marked = false;
  };
  for (const line of lines) {
    if (DEBUGGER_FRAME.test(line)) {
      run.push(at);
      marked ||= CALL_STACK_MARK.test(line);
    } else close();
    at += line.length + 1;
  }
  close();
  return out;
}
/** The line before a run of frames that says where memory was allocated or freed: that run is not where the bug is. */
const ALLOCATION_RUN = /\balloc'd\b|\bfree'd\b|\b(?:previously )?(?:allocated|freed) by\b/i;

/**
 * The start offsets of the stack-frame lines a triager would not write down: past the first two frames
 * of the product in each trace (the rest are its callers, down to main), the checker's
 * and the C library's own frames, and every frame of where the memory was allocated or freed.
 */
export function framesBeyondTheTop(text: string): Set<number> {
  const out = new Set<number>(); // the lines' start offsets
  let at = 0;
  let kept = 0;
  let inRun = false;
  let quietRun = false;
  let previous = '';
  const lines = text.split('\n');
  const stacks = debuggerStacks(lines);
  for (const line of lines) {
    if (STACK_FRAME.test(line) || stacks.has(at)) {
      if (!inRun) {
        inRun = true;
        kept = 0;
        quietRun = ALLOCATION_RUN.test(previous);
      }
      if (quietRun || RUNTIME_FRAME.test(line) || kept >= 2) out.add(at);
      else kept++;
    } else {
      inRun = false;
      if (line.trim()) previous = line;
    }
    at += line.length + 1;
  }
  return out;
}
