/**
 * The case list's filters and sort, read from the query string (untrusted: each value is
 * checked against the vocabulary, anything else is ignored), and applied to the listed
 * cases with each one's deadline reading. Pure.
 */
import { CASE_STATES } from '../cases/model/states.js';
import { ordinal } from '../util/ordinal.js';

export const LIST_FLAGS = ['exploited', 'public', 'onHold', 'embargo'] as const;
export type ListFlag = (typeof LIST_FLAGS)[number];

export interface ListQuery {
  state?: string;
  assignee?: string;
  overdue: boolean;
  flag?: ListFlag;
  policy?: string;
  q?: string;
  sort: 'due' | 'received';
}

const oneOf = <T extends string>(v: string | undefined, allowed: readonly T[]): T | undefined =>
  (allowed as readonly string[]).includes(v ?? '') ? (v as T) : undefined;

export function parseListQuery(get: (name: string) => string | undefined, teamNames: readonly string[], policies: readonly string[]): ListQuery {
  const q = get('q')?.trim().slice(0, 200);
  const assignee = get('assignee');
  return {
    ...(oneOf(get('state'), CASE_STATES) ? { state: get('state') as string } : {}),
    ...(assignee && (assignee === 'none' || teamNames.includes(assignee)) ? { assignee } : {}),
    overdue: get('overdue') === '1',
    ...(oneOf(get('flag'), LIST_FLAGS) ? { flag: get('flag') as ListFlag } : {}),
    ...(oneOf(get('policy'), policies) ? { policy: get('policy') as string } : {}),
    ...(q ? { q } : {}),
    sort: get('sort') === 'received' ? 'received' : 'due',
  };
}

export interface ListedCase {
  trackingId: string;
  state: string;
  assignee?: string | null | undefined;
  createdAt: string;
  policy: string;
  flags: Record<ListFlag, boolean>;
  /** The earliest due time of a milestone not yet met (ISO), or null. */
  nextDue: string | null;
  overdue: boolean;
}

/** The cases the query keeps, sorted: by next due time (none last), or newest first. `textMatches`: the search's hits. */
export function applyListQuery<T extends ListedCase>(items: T[], q: ListQuery, textMatches?: ReadonlySet<string>): T[] {
  const kept = items.filter(
    (c) =>
      (!q.state || c.state === q.state) &&
      (!q.assignee || (q.assignee === 'none' ? !c.assignee : c.assignee === q.assignee)) &&
      (!q.overdue || c.overdue) &&
      (!q.flag || c.flags[q.flag]) &&
      (!q.policy || c.policy === q.policy) &&
      (!textMatches || textMatches.has(c.trackingId)),
  );
  return q.sort === 'received'
    ? kept.sort((a, b) => ordinal(b.createdAt, a.createdAt))
    : kept.sort((a, b) => ordinal(a.nextDue ?? '\uffff', b.nextDue ?? '\uffff') || ordinal(a.createdAt, b.createdAt));
}
