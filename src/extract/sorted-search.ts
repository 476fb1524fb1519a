/**
 * How many items of a list sorted by a key have their key at or before an offset: the index
 * after the last such item, by binary search. Pure.
 */
export function countAtOrBefore<T>(items: readonly T[], at: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
