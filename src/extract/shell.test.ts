// A pasted terminal session: prompts and stack frames, one definition for every rule that reads them.
import { describe, expect, it } from 'vitest';
import { STACK_FRAME, USER_PROMPT } from './shell.js';

describe('terminal sessions', () => {
  it("knows a user's prompt, with or without user@host:dir, and not a bare dollar or a price", () => {
    expect(USER_PROMPT.test('$ cp /bin/sh /tmp/x')).toBe(true);
    expect(USER_PROMPT.test('john@fuzzing:~/catdoc/out$ catdoc id:000001')).toBe(true);
    expect(USER_PROMPT.test('$')).toBe(false);
    expect(USER_PROMPT.test('It costs $5 a month.')).toBe(false);
  });

  it('knows the frames of Valgrind, AddressSanitizer and gdb, and not a numbered step', () => {
    expect(STACK_FRAME.test('==27968== by 0x4159C7: v2ParseSrvReg (slp_v2message.c:327)')).toBe(true);
    expect(STACK_FRAME.test('    #1 0x8064aae in ole_init /src/ole.c:254')).toBe(true);
    expect(STACK_FRAME.test('    0 0x805f498 in getlong /src/numutils.c:22')).toBe(true);
    expect(STACK_FRAME.test('1. Open the admin page')).toBe(false);
  });

  it('does not run across blank lines under the m flag', () => {
    expect(new RegExp(USER_PROMPT.source, 'm').exec('\n\n\n$ id')?.index).toBe(3);
  });
});
