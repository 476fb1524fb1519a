// The SectriageError a synchronous call throws, for asserting on its code and message.
import { expect } from 'vitest';
import { SectriageError } from '../../src/errors.js';

export function thrown(fn: () => unknown): SectriageError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SectriageError);
    return e as SectriageError;
  }
  throw new Error('expected a SectriageError, nothing was thrown');
}
