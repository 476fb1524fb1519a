/**
 * The values of a list filter (`--state received,triaged`): a comma list, each checked
 * against what exists. An unknown value used to list nothing and exit 0 ("No cases."),
 * which reads as "there are none"; now it is refused with the values that exist. Pure.
 * Input: the operator's option text.
 */
import { SectriageError } from '../errors.js';

export const SPOOL_STATES = ['incoming', 'done', 'held'] as const;
export const OUTBOX_STATES = ['queued', 'sending', 'sent', 'failed', 'uncertain'] as const;

/**
 * The values named by `text` (comma-separated, case and `-`/`_` insensitive), each one of
 * `allowed`, without repeats; throws USAGE naming the unknown ones and the valid values.
 */
export function parseFilterList(option: string, text: string | undefined, allowed: readonly string[]): string[] | undefined {
  if (text === undefined) return undefined;
  const byKey = new Map(allowed.map((a) => [a.toLowerCase().replace(/-/g, '_'), a]));
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new SectriageError('USAGE', `${option}: give at least one of ${allowed.join(', ')}`);
  const unknown = parts.filter((p) => !byKey.has(p.toLowerCase().replace(/-/g, '_')));
  if (unknown.length) {
    throw new SectriageError(
      'USAGE',
      `${option}: unknown ${unknown.map((u) => `"${u}"`).join(', ')}; use one or more of ${allowed.join(', ')} (comma-separated)`,
    );
  }
  return [...new Set(parts.map((p) => byKey.get(p.toLowerCase().replace(/-/g, '_')) as string))];
}
