// SLA truth at the end of a case (issue 13): the disclosure milestone is met only by
// publishing (state disclosed, or an advisory marked published); a case closed without it
// has the milestone waived, with the resolution as the reason, and the SLA figures count
// waived apart from met and missed, from computed and from stored rows alike.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addBareCase } from '../../test/helpers/bare-case.js';
import { openDatabase, type Db } from '../db/open.js';
import { loadPolicy } from '../policy/load.js';
import { slaTally } from './digest.js';
import { computeDeadlines, type Deadline, type EngineEvent } from './engine.js';
import { storedSla } from './sla-days.js';
import { saveDeadlines, storedSlaByRows } from './store.js';

const ev = (at: string, type: string, data: Record<string, unknown> = {}): EngineEvent => ({ at, type, data }) as EngineEvent;
const p0 = loadPolicy('google-project-zero');
const received = ev('2026-01-10T00:00:00Z', 'report_received', { trackingId: 'SEC-1' });
const to = (at: string, from: string, state: string, resolution?: string) =>
  ev(at, 'state_changed', { from, to: state, ...(resolution ? { resolution } : {}) });
const disclosure = (events: EngineEvent[], now = '2026-06-01T00:00:00Z'): Deadline =>
  computeDeadlines([received, ...events], p0, new Date(now)).find((d) => d.milestone === 'disclosure') as Deadline;

describe('the disclosure milestone at the end of a case', () => {
  it('is waived, not met, when the case is closed without being disclosed, with the resolution as the reason', () => {
    const d = disclosure([to('2026-01-11T00:00:00Z', 'received', 'triaged'), to('2026-02-01T00:00:00Z', 'triaged', 'closed', 'wont_fix')]);
    expect(d.state).toBe('waived');
    expect(d.metAt).toBeNull();
    expect(d.waived).toEqual({ at: new Date('2026-02-01T00:00:00Z'), reason: 'wont_fix' });
    expect(d.steps.at(-1)).toBe('case closed 2026-02-01T00:00:00Z (wont_fix) without being disclosed: waived, not met');
  });

  it('is met by the state disclosed, and stays met when the case is closed afterwards', () => {
    const d = disclosure([
      to('2026-01-11T00:00:00Z', 'received', 'triaged'),
      to('2026-02-01T00:00:00Z', 'triaged', 'fix_released'),
      to('2026-02-10T00:00:00Z', 'fix_released', 'disclosed'),
      to('2026-02-11T00:00:00Z', 'disclosed', 'closed', 'resolved'),
    ]);
    expect([d.state, d.metAt?.toISOString()]).toEqual(['met', '2026-02-10T00:00:00.000Z']);
  });

  it('is met by an advisory marked published, even when the case is then closed without the state disclosed', () => {
    const d = disclosure([
      to('2026-01-11T00:00:00Z', 'received', 'triaged'),
      ev('2026-02-05T00:00:00Z', 'advisory_published', {}),
      to('2026-02-06T00:00:00Z', 'triaged', 'closed', 'resolved'),
    ]);
    expect([d.state, d.metAt?.toISOString()]).toEqual(['met', '2026-02-05T00:00:00.000Z']);
    expect(d.steps.join('\n')).toContain('advisory marked published');
  });

  it('is owed again when a waived case is reopened', () => {
    const d = disclosure(
      [
        to('2026-01-11T00:00:00Z', 'received', 'triaged'),
        to('2026-02-01T00:00:00Z', 'triaged', 'closed', 'informative'),
        to('2026-02-02T00:00:00Z', 'closed', 'triaged'),
      ],
      '2026-03-01T00:00:00Z',
    );
    expect(d.state).toBe('due');
  });

  it('leaves the other milestones as they were: a close still ends the resolution milestone', () => {
    const ds = computeDeadlines(
      [received, to('2026-01-11T00:00:00Z', 'received', 'triaged'), to('2026-02-01T00:00:00Z', 'triaged', 'closed', 'wont_fix')],
      p0,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(ds.find((d) => d.milestone === 'resolution')?.state).toBe('met');
  });
});

describe('SLA figures count waived apart', () => {
  const closedUnpublished = [received, to('2026-01-11T00:00:00Z', 'received', 'triaged'), to('2026-02-01T00:00:00Z', 'triaged', 'closed', 'wont_fix')];
  const now = new Date('2026-02-20T00:00:00Z');

  it('in the tally of computed deadlines', () => {
    const t = slaTally(
      [{ trackingId: 'SEC-1', subject: null, state: 'closed', receivedAt: new Date(received.at), deadlines: computeDeadlines(closedUnpublished, p0, now) }],
      now,
      90,
    );
    expect(t.milestones.disclosure).toEqual({ met: 0, missed: 0, waived: 1 });
  });

  describe('in the sums over stored rows', () => {
    let db: Db;
    beforeEach(() => {
      db = openDatabase(':memory:');
      addBareCase(db, { trackingId: 'SEC-1', at: received.at, policy: 'google-project-zero', state: 'closed' });
    });
    afterEach(() => db.close());

    it('stores a waived milestone so that the SQL sums read it as waived, not met', () => {
      saveDeadlines(db, 1, computeDeadlines(closedUnpublished, p0, now), now);
      expect(db.prepare("SELECT state FROM deadlines WHERE milestone = 'disclosure'").get()).toEqual({ state: 'waived' });
      db.prepare('UPDATE cases SET sweep_at = NULL').run(); // rows that hold: the SQL path reads them
      const q = { bounds: [new Date(now.getTime() - 90 * 86_400_000)], until: now, now, policies: ['google-project-zero'], except: [] };
      // From the sums per day (the digest's reading) and row by row alike.
      for (const got of [storedSla(db, q, ['disclosure'], []), storedSlaByRows(db, q, ['disclosure'], [])])
        expect(got.counts.find((c) => c.milestone === 'disclosure')).toMatchObject({ met: 0, missed: 0, waived: 1 });
    });
  });
});
