/**
 * What a pasted terminal session looks like, for the rules that must tell it from prose:
 * a user's shell prompt ("$ cmd", "john@fuzzing:~/out$ cmd") and a stack frame of Valgrind,
 * AddressSanitizer or gdb. One definition for the locations, steps, PoC and type rules.
 * Pure; the patterns are anchored to one line and use [ \t], not \s, so that under the m
 * flag they never run across blank lines (quadratic on a run of them).
 */

/** The start of a line typed at a user's prompt, up to the command. */
export const USER_PROMPT = /^[ \t]*(?:[\w.-]+@[\w.-]+:[^\s$#]*[ \t]*)?\$[ \t]+(?=\S)/;

/** A stack frame: "==27968== by 0x4159C7: fn (file.c:327)", "#1 0x805f498 in fn file.c:22", "    0 0x805f498 in getlong …". */
export const STACK_FRAME = /^[ \t]*(?:==\d+==[ \t]+)?(?:(?:at|by)[ \t]+0x[0-9a-f]+:|#?\d+[ \t]+0x[0-9a-f]+[ \t])/i;
