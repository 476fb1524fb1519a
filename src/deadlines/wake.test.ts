import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load.js';
import { EVENT_TYPES } from '../cases/model/events.js';
import { computeDeadlines, DEADLINE_EVENT_TYPES, type EngineEvent } from './engine.js';
import { nextSweepAt } from './wake.js';

const cgx = loadPolicy('cgx'); // acknowledge 48h (reminder 12h before), firstResponse 3 business days, statusUpdate every 7d, ...
const ev = (at: string, type: string, data: Record<string, unknown> = {}) => ({ at, type, data }) as EngineEvent;
const received = ev('2026-11-20T18:00:00.000Z', 'report_received');
const at = (iso: string) => new Date(iso);
const wake = (events: EngineEvent[], now: string) => nextSweepAt(computeDeadlines(events, cgx, at(now)), events, at(now))?.toISOString() ?? null;

describe('when the sweep must look at a case again', () => {
  it('is the earliest reminder still ahead of a running milestone', () => {
    // acknowledge: due Sun 22 18:00, reminded 12 h before
    expect(wake([received], '2026-11-20T18:00:00Z')).toBe('2026-11-22T06:00:00.000Z');
  });

  it('is the due time once the reminder has passed, so the milestone is seen turning overdue', () => {
    expect(wake([received], '2026-11-22T06:00:00Z')).toBe('2026-11-22T18:00:00.000Z');
  });

  it('leaves no change unseen: from one instant to the next, no state changes and no reminder falls due', () => {
    const events = [received, ev('2026-11-20T18:01:00.000Z', 'mail_sent', { kind: 'ack' })];
    const states = (t: number) => computeDeadlines(events, cgx, new Date(t)).map((d) => d.state);
    let now = at('2026-11-20T18:02:00Z');
    const seen: string[] = [];
    for (let next = nextSweepAt(computeDeadlines(events, cgx, now), events, now); next;) {
      seen.push(next.toISOString());
      const ds = computeDeadlines(events, cgx, now);
      for (let t = now.getTime(); t < next.getTime(); t += 3_600_000) {
        expect(states(t)).toEqual(ds.map((d) => d.state));
        expect(ds.filter((d) => d.state === 'due' && d.remindAt && d.remindAt.getTime() > now.getTime() && d.remindAt.getTime() <= t)).toEqual([]);
      }
      now = next;
      next = nextSweepAt(computeDeadlines(events, cgx, now), events, now);
    }
    // firstResponse (3 business days from Fri 18:00: Wed 18:00) reminded a business day before; status update due after 7 days
    expect(seen).toEqual([
      '2026-11-24T18:00:00.000Z',
      '2026-11-25T18:00:00.000Z',
      '2026-11-27T18:00:00.000Z',
      '2027-02-04T18:00:00.000Z',
      '2027-02-18T18:00:00.000Z',
    ]);
  });

  it('is an event dated after now, which starts to count at its time', () => {
    const later = ev('2026-11-21T09:00:00.000Z', 'mail_sent', { kind: 'ack' });
    expect(wake([received, later], '2026-11-21T00:00:00Z')).toBe('2026-11-21T09:00:00.000Z');
  });

  it('is none for a closed case, or one paused with nothing else running', () => {
    const closed = [received, ev('2026-11-20T19:00:00.000Z', 'state_changed', { from: 'received', to: 'closed', resolution: 'spam' })];
    expect(wake(closed, '2026-11-21T00:00:00Z')).toBeNull();
    const paused = [
      received,
      ev('2026-11-20T18:01:00.000Z', 'mail_sent', { kind: 'ack' }),
      ev('2026-11-20T19:00:00.000Z', 'state_changed', { from: 'received', to: 'needs_info' }),
    ];
    const ds = computeDeadlines(paused, cgx, at('2026-11-21T00:00:00Z'));
    expect(ds.filter((d) => d.state === 'due')).toEqual([]);
    expect(wake(paused, '2026-11-21T00:00:00Z')).toBeNull();
  });

  it('is none when every running milestone is already overdue (acted on; only an event changes it)', () => {
    const ds = computeDeadlines([received], cgx, at('2027-06-01T00:00:00Z'));
    expect(ds.every((d) => d.state !== 'due')).toBe(true);
    expect(nextSweepAt(ds, [received], at('2027-06-01T00:00:00Z'))).toBeNull();
  });

  it('needs no look for events of kinds the engine does not read (migration 0008 marks the case only for the others)', () => {
    const base = [received, ev('2026-11-20T18:01:00.000Z', 'mail_sent', { kind: 'ack' })];
    const others = EVENT_TYPES.filter((t) => !(DEADLINE_EVENT_TYPES as readonly string[]).includes(t));
    expect(others.length).toBeGreaterThan(20);
    const noise = others.map((type, i) =>
      ev(new Date(Date.parse('2026-11-20T18:02:00Z') + i * 3_600_000).toISOString(), type, {
        kind: 'team_reply',
        to: 'closed',
        flag: 'exploited',
        value: true,
      }),
    );
    for (const now of ['2026-11-21T00:00:00Z', '2026-11-25T00:00:00Z', '2027-03-01T00:00:00Z'])
      expect(computeDeadlines([...base, ...noise], cgx, at(now))).toEqual(computeDeadlines(base, cgx, at(now)));
  });
});
