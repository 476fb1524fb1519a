import { describe, expect, it } from 'vitest';
import { countAtOrBefore } from './sorted-search.js';

describe('counting sorted items at or before an offset', () => {
  const starts = [10, 20, 20, 35];
  it('counts the items whose key is at or before it, ties included', () => {
    expect([0, 10, 19, 20, 34, 35, 99].map((at) => countAtOrBefore(starts, at, (x) => x))).toEqual([0, 1, 1, 3, 3, 4, 4]);
  });
  it('counts none in an empty list', () => {
    expect(countAtOrBefore([], 5, (x: number) => x)).toBe(0);
  });
});
