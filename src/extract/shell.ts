/**
 * What a pasted terminal session looks like, for the rules that must tell it from prose:
 * a user's shell prompt ("$ cmd", "john@fuzzing:~/out$ cmd"), an interpreter's prompt ("irb(main):009:0> ") and a stack frame of Valgrind,
 * AddressSanitizer or gdb. One definition for the locations, steps, PoC and type rules.
 * Pure; the patterns are anchored to one line and use [ \t], not \s, so that under the m
 * flag they never run across blank lines (quadratic on a run of them).
 */

/** The start of a line typed at a user's prompt, up to the command. */
export const USER_PROMPT = /^[ \t]*(?:[\w.-]+@[\w.-]+:[^\s$#]*[ \t]*)?\$[ \t]+(?=\S)/;

/**
 * The start of a line typed at an interpreter's prompt, up to the input: Ruby's irb ("irb(main):009:0> "), IPython's
 * "In [3]: ", a database shell ("mysql> ", "sqlite> ", "postgres=# "), Scala's, Elixir's iex, PowerShell's "PS C:\\> ".
 * Not Python's ">>> ", which mail also uses to quote a quote of a quote.
 */
export const REPL_PROMPT =
  /^[ \t]*(?:irb\([\w.]{0,40}\):\d{1,5}:\d{1,3}[>*]|In \[\d{1,5}\]:|(?:mysql|mariadb|sqlite|scala|mongo|redis[\w.:-]{0,40})>|[\w-]{1,40}=[#>]|iex\(\d{1,5}\)>|PS [A-Za-z]:\\[^>\n]{0,80}>)[ \t]+(?=\S)/;

/** A stack frame: "==27968== by 0x4159C7: fn (file.c:327)", "#1 0x805f498 in fn file.c:22", "    0 0x805f498 in getlong …". */
export const STACK_FRAME = /^[ \t]*(?:==\d+==[ \t]+)?(?:(?:at|by)[ \t]+0x[0-9a-f]+:|#?\d+[ \t]+0x[0-9a-f]+[ \t])/i;
