import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load.js';
import type { EngineEvent } from './engine.js';
import { overdueMilestones } from './overdue.js';

const policy = loadPolicy('generic-template', '.'); // acknowledge 48h (auto), firstResponse (team-reply)
// Bodies trimmed to what the engine reads.
const ev = (at: string, type: string, data: Record<string, unknown>) => ({ at, type, data }) as EngineEvent;
const received = ev('2026-06-01T00:00:00.000Z', 'report_received', {});
const later = new Date('2026-06-10T00:00:00Z');

describe('overdue milestones', () => {
  it('lists each milestone past due whose condition the events do not show met', () => {
    const names = (events: Array<ReturnType<typeof ev>>) => overdueMilestones(policy, events, later).map((o) => o.milestone);
    expect(names([received])).toContain('acknowledge');
    const acked = [received, ev('2026-06-01T00:01:00Z', 'mail_sent', { kind: 'ack' })];
    expect(names(acked)).not.toContain('acknowledge');
    const replied = [...acked, ev('2026-06-01T01:00:00Z', 'mail_sent', { kind: 'team_reply' })];
    expect(names(replied)).not.toContain('firstResponse');
  });

  it('nothing is overdue before its time, while waiting on the reporter, or once closed', () => {
    expect(overdueMilestones(policy, [received], new Date('2026-06-01T01:00:00Z'))).toEqual([]);
    const waiting = [received, ev('2026-06-01T00:10:00Z', 'state_changed', { from: 'received', to: 'needs_info' })];
    expect(overdueMilestones(policy, waiting, later)).toEqual([]);
    const closed = [received, ev('2026-06-01T00:10:00Z', 'state_changed', { from: 'received', to: 'closed', resolution: 'spam' })];
    expect(overdueMilestones(policy, closed, later)).toEqual([]);
  });
});
