/**
 * Strings in code-unit order: for ISO timestamps and tracking IDs the order they mean, with no
 * locale. localeCompare loads ICU's collation on its first call (~8 ms of a CLI's cold start,
 * issue 11) to apply language rules that no machine-made text needs. Pure.
 */
export function ordinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
