// A message's payload rows are found by the message through an index: scanned, each report
// recorded cost more the more messages the database held (issue 11: 15x at 3,000 cases).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';

let db: Db;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => db.close());

const plan = (sql: string, ...args: unknown[]): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as Array<{ detail: string }>).map((r) => r.detail).join('; ');

describe("a message's payload rows", () => {
  it('are replaced and read by the message through its index, not by a scan of every payload', () => {
    for (const p of [plan('DELETE FROM message_payloads WHERE message_id = ?', 1), plan('SELECT sha256 FROM message_payloads WHERE message_id = ?', 1)]) {
      expect(p).toContain('message_payloads_by_message');
      expect(p).not.toMatch(/\bSCAN message_payloads\b/);
    }
  });
});
