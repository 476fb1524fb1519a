import { describe, expect, it } from 'vitest';
import { applyListQuery, parseListQuery, type ListedCase } from './case-filter.js';

const flags = { exploited: false, public: false, onHold: false, embargo: false };
const c = (id: string, o: Partial<ListedCase>): ListedCase => ({
  trackingId: id,
  state: 'received',
  assignee: null,
  createdAt: '2026-11-01T00:00:00Z',
  policy: 'cgx',
  flags,
  nextDue: null,
  overdue: false,
  ...o,
});
const cases = [
  c('A', { nextDue: '2026-12-03T00:00:00Z', assignee: 'alice', createdAt: '2026-11-03T00:00:00Z' }),
  c('B', { nextDue: '2026-12-01T00:00:00Z', overdue: true, flags: { ...flags, exploited: true } }),
  c('C', { state: 'closed', policy: 'generic-template', createdAt: '2026-11-05T00:00:00Z' }),
];
const q = (params: Record<string, string>) => parseListQuery((n) => params[n], ['alice', 'bob'], ['cgx', 'generic-template']);

describe('case list filters', () => {
  it('sorts by the next due time, cases with none last; or newest first', () => {
    expect(applyListQuery([...cases], q({})).map((x) => x.trackingId)).toEqual(['B', 'A', 'C']);
    expect(applyListQuery([...cases], q({ sort: 'received' })).map((x) => x.trackingId)).toEqual(['C', 'A', 'B']);
  });
  it('filters by state, assignee (or none), overdue, flag, policy and search hits', () => {
    const ids = (p: Record<string, string>, hits?: Set<string>) => applyListQuery([...cases], q(p), hits).map((x) => x.trackingId);
    expect(ids({ state: 'closed' })).toEqual(['C']);
    expect(ids({ assignee: 'alice' })).toEqual(['A']);
    expect(ids({ assignee: 'none' })).toEqual(['B', 'C']);
    expect(ids({ overdue: '1' })).toEqual(['B']);
    expect(ids({ flag: 'exploited' })).toEqual(['B']);
    expect(ids({ policy: 'generic-template' })).toEqual(['C']);
    expect(ids({}, new Set(['A', 'C']))).toEqual(['A', 'C']);
  });
  it('ignores values outside the vocabulary instead of passing them on', () => {
    expect(q({ state: "x' OR 1=1", assignee: 'mallory', flag: 'evil', policy: '../../etc', sort: 'x' })).toEqual({ overdue: false, sort: 'due' });
  });
});
