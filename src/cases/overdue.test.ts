import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load.js';
import { overdueMilestones } from './overdue.js';

const policy = loadPolicy('generic-template', '.'); // acknowledge 48h (auto), firstResponse 48h (team-reply)
const c = { state: 'received', created_at: '2026-06-01T00:00:00.000Z' };
const later = new Date('2026-06-10T00:00:00Z');

describe('overdue milestones', () => {
  it('lists each milestone past due whose condition the events do not show met', () => {
    expect(overdueMilestones(policy, c, [], later).map((o) => o.milestone)).toEqual(['acknowledge', 'firstResponse']);
    const acked = [{ type: 'mail_sent', data: { kind: 'ack' } }];
    expect(overdueMilestones(policy, c, acked, later).map((o) => o.milestone)).toEqual(['firstResponse']);
    expect(overdueMilestones(policy, c, [...acked, { type: 'mail_sent', data: { kind: 'team_reply' } }], later)).toEqual([]);
  });

  it('nothing is overdue before its time, while waiting on the reporter, or once closed', () => {
    expect(overdueMilestones(policy, c, [], new Date('2026-06-02T00:00:00Z'))).toEqual([]);
    expect(overdueMilestones(policy, { ...c, state: 'needs_info' }, [], later)).toEqual([]);
    expect(overdueMilestones(policy, { ...c, state: 'closed' }, [], later)).toEqual([]);
  });
});
