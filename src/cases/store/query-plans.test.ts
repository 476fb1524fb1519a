// Lookups made once per report or per mail use an index, so their cost does not grow with
// the database (issue 11). The sender's lookups of the next queued mail walk the partial
// index of queued rows in id order: through (state, next_attempt_at) they gathered and
// sorted every queued row for each mail sent, quadratic in a burst of acknowledgements.
// A message's payload rows are found by the message: scanned, each report recorded cost
// more the more messages the database held (15x at 3,000 cases). A week of the SLA sums'
// rebuild starts from its cases, not from every met deadline (142 s for 100,000 cases).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { OPEN_DIGEST_SQL } from '../../deadlines/store.js';
import { QUEUED_AFTER_SQL } from './outbox.js';
import { WINDOW_SQL } from '../../deadlines/sla-sums.js';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const plan = (sql: string, ...args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');

describe('finding the next queued mail', () => {
  it('nextDue and dueUnrendered read the queued rows by id, with no sort', () => {
    const at = '2026-12-05T00:00:00Z';
    for (const p of [plan(QUEUED_AFTER_SQL.nextDue, at, 0), plan(QUEUED_AFTER_SQL.dueUnrendered, at, 0, 8)]) {
      expect(p).toContain('outbox_queued');
      expect(p).not.toContain('TEMP B-TREE');
    }
  });
});

describe("a message's payload rows", () => {
  it('are replaced and read by the message through its index, not by a scan of every payload', () => {
    for (const p of [plan('DELETE FROM message_payloads WHERE message_id = ?', 1), plan('SELECT sha256 FROM message_payloads WHERE message_id = ?', 1)]) {
      expect(p).toContain('message_payloads_by_message');
      expect(p).not.toMatch(/\bSCAN message_payloads\b/);
    }
  });
});

describe("the digest's open cases", () => {
  it('are read from their covering index alone, in id order, with no lookup in the table of sealed texts', () => {
    const p = plan(OPEN_DIGEST_SQL);
    expect(p).toContain('USING COVERING INDEX cases_open_digest');
    expect(p).not.toContain('TEMP B-TREE');
  });
});

describe("a window of the SLA sums' rebuild", () => {
  it("reads the window's cases by their receipt, then their rows: not every met row for each week", () => {
    for (const sql of [WINDOW_SQL.days, WINDOW_SQL.times]) {
      const p = plan(sql, { from: '2026-01-01', to: '2026-01-08' });
      expect(p).toMatch(/^(?:COMPOUND QUERY; LEFT-MOST SUBQUERY; )?SEARCH c USING COVERING INDEX cases_by_created/);
      expect(p).not.toMatch(/deadlines_by_due|SCAN d\b/);
    }
  });
});
