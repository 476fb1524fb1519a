import { describe, expect, it } from 'vitest';
import { CASE_STATES } from '../cases/model/states.js';
import { parseFilterList } from './list-filters.js';

describe('list filters', () => {
  it('refuses an unknown state with the valid values, instead of listing nothing with exit 0', () => {
    expect(() => parseFilterList('--state', 'bogus', CASE_STATES)).toThrow(/--state: unknown "bogus"; use one or more of received, needs_info/);
  });

  it('accepts a comma list, in any case and with dashes, without repeats', () => {
    expect(parseFilterList('--state', 'Received, needs-info,received', CASE_STATES)).toEqual(['received', 'needs_info']);
  });

  it('names every unknown value of a list, not only the first', () => {
    expect(() => parseFilterList('--state', 'a,triaged,b', CASE_STATES)).toThrow(/unknown "a", "b"/);
  });

  it('refuses an empty list', () => {
    expect(() => parseFilterList('--state', ' , ', CASE_STATES)).toThrow(/give at least one/);
  });

  it('leaves an absent filter absent', () => {
    expect(parseFilterList('--state', undefined, CASE_STATES)).toBeUndefined();
  });
});
