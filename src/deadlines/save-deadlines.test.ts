// saveDeadlines writes only what changed: the sweep recomputes many cases whose rows stay
// the same, and every row written moves the SLA sums (triggers) and grows the WAL.
import { describe, expect, it } from 'vitest';
import { addBareCase } from '../../test/helpers/bare-case.js';
import { openDatabase } from '../db/open.js';
import { notYetApplicable, type Deadline, type DeadlineState } from './deadline.js';
import { saveDeadlines } from './store.js';
import type { DeadlineName } from '../policy/schema.js';

const at = new Date('2026-03-01T00:00:00Z');
const row = (milestone: string, state: DeadlineState, metAt: Date | null = null): Deadline => ({
  ...notYetApplicable(milestone as DeadlineName, []),
  state,
  due: new Date('2026-03-02T00:00:00Z'),
  metAt,
});

describe('saving a case’s deadlines', () => {
  it('writes nothing when they are what is stored, only the changed row when one changes, and drops a milestone no longer there', () => {
    const db = openDatabase(':memory:');
    const id = addBareCase(db, { trackingId: 'SEC-1', at: at.toISOString() });
    const changes = (): number => (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
    const stored = () => db.prepare('SELECT milestone, state, computed_at AS at FROM deadlines ORDER BY milestone').all();
    saveDeadlines(db, id, [row('acknowledge', 'due'), row('resolution', 'due'), row('disclosure', 'due')], at);
    const before = changes();
    saveDeadlines(db, id, [row('acknowledge', 'due'), row('resolution', 'due'), row('disclosure', 'due')], new Date('2026-03-01T01:00:00Z'));
    expect(changes()).toBe(before);
    const later = new Date('2026-03-01T02:00:00Z');
    saveDeadlines(db, id, [row('acknowledge', 'met', new Date('2026-03-01T01:30:00Z')), row('resolution', 'due')], later);
    expect(stored()).toEqual([
      { milestone: 'acknowledge', state: 'met', at: later.toISOString() },
      { milestone: 'resolution', state: 'due', at: at.toISOString() },
    ]);
    expect(db.prepare("SELECT milestone, n, met FROM sla_days WHERE milestone != '' ORDER BY milestone").all()).toEqual([
      { milestone: 'acknowledge', n: 1, met: 1 },
      { milestone: 'disclosure', n: 0, met: 0 },
      { milestone: 'resolution', n: 1, met: 0 },
    ]);
    db.close();
  });
});
