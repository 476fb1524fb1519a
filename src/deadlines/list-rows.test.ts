// The stored rows the digest reads for its lists (store.ts storedListRows): every row a
// list may show, whatever its due time for the milestones the lists name; the rows due
// past the lists' horizon and the rows no list shows stay in the database.
import { describe, expect, it } from 'vitest';
import { addBareCase } from '../../test/helpers/bare-case.js';
import { openDatabase } from '../db/open.js';
import { notYetApplicable, type Deadline, type DeadlineState } from './deadline.js';
import { saveDeadlines, storedListRows } from './store.js';
import type { DeadlineName } from '../policy/schema.js';

const now = new Date('2026-03-01T00:00:00Z');
const inDays = (d: number): Date => new Date(now.getTime() + d * 86_400_000);
const row = (milestone: string, state: DeadlineState, due: Date): Deadline => ({ ...notYetApplicable(milestone as DeadlineName, []), state, due });

describe("the digest's stored list rows", () => {
  it('keep overdue rows, due acknowledgements, first responses and CRA notifications at any distance, and the rest only up to the horizon', () => {
    const db = openDatabase(':memory:');
    const id = addBareCase(db, { trackingId: 'SEC-1', at: now.toISOString() });
    saveDeadlines(
      db,
      id,
      [
        row('acknowledge', 'due', inDays(20)),
        row('firstResponse', 'due', inDays(30)),
        row('cra_notification', 'due', inDays(40)),
        row('resolution', 'overdue', inDays(-5)),
        row('disclosure', 'due', inDays(10)),
        row('statusUpdate', 'due', inDays(20)),
        row('cra_final_report', 'met', inDays(1)),
      ],
      now,
    );
    const got = (storedListRows(db, [id], inDays(14)).get(id) ?? []).map((d) => d.milestone).sort();
    expect(got).toEqual(['acknowledge', 'cra_notification', 'disclosure', 'firstResponse', 'resolution']);
    expect(storedListRows(db, [id + 1], inDays(14)).size).toBe(0);
    db.close();
  });
});
