import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { appendEvent, eventHash, GENESIS_HASH, verifyEventChain } from './event-log.js';
import { insertCase } from './cases.js';
import { EVENT_DATA } from '../../../test/helpers/opened-sql.js';

let db: Db;
let caseA: number;
let caseB: number;

function newCase(trackingId: string): number {
  return insertCase(db, {
    trackingId,
    reporterName: null,
    reporterEmail: 'reporter@example.org',
    subject: 'x',
    policy: 'generic-template',
    at: new Date('2026-06-01T10:00:00Z'),
    encryption: 'none',
    signature: 'none',
    signerFingerprint: null,

    relatedCaseId: null,
    noReplyReason: null,
  });
}

const report = (spoolId: number) => ({
  trackingId: `SEC-${spoolId}`,
  policy: 'generic-template',
  spoolId,
  encryption: 'none',
  signature: 'none',
  attachments: [],
});

type Row = { id: number; case_id: number; at: string; actor: string; type: string; data: string; spool_id: number | null; prev_hash: string; hash: string };
const rows = (): Row[] => db.prepare(`SELECT *, ${EVENT_DATA} AS data FROM events ORDER BY id`).all() as Row[];

beforeEach(() => {
  db = openDatabase(':memory:');
  caseA = newCase('SEC-2026-AAAAA');
  caseB = newCase('SEC-2026-BBBBB');
  appendEvent(db, { caseId: caseA, at: '2026-06-01T10:00:00.000Z', actor: 'reporter:r@example.org', type: 'report_received', data: report(1) });
  appendEvent(db, { caseId: caseB, at: '2026-06-01T10:01:00.000Z', actor: 'system', type: 'report_received', data: report(2) });
  appendEvent(db, { caseId: caseA, at: '2026-06-01T10:02:00.000Z', actor: 'cli:alice', type: 'note_added', data: { note: 'n 3' } });
});
afterEach(() => db.close());

describe('event hash chain', () => {
  it('appendEvent chains each row to the previous row of the whole table, starting at the genesis hash', () => {
    const r = rows();
    expect(r).toHaveLength(3);
    expect(r[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(r[1]!.prev_hash).toBe(r[0]!.hash);
    expect(r[2]!.prev_hash).toBe(r[1]!.hash);
    for (const e of r) {
      expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(e.hash).toBe(eventHash(e.prev_hash, { caseId: e.case_id, at: e.at, actor: e.actor, type: e.type, data: e.data, spoolId: e.spool_id }));
    }
    expect(new Set(r.map((e) => e.hash)).size).toBe(3);
  });

  it('verifyEventChain reports an intact chain with its length', () => {
    expect(verifyEventChain(db)).toEqual({ ok: true, count: 3 });
  });

  it('an empty log verifies as intact', () => {
    const empty = openDatabase(':memory:');
    expect(verifyEventChain(empty)).toEqual({ ok: true, count: 0 });
    empty.close();
  });

  it("editing an event's data (after dropping the trigger) is reported at that event", () => {
    db.exec('DROP TRIGGER events_no_update');
    const victim = rows()[1]!.id;
    db.prepare('UPDATE events SET data = ? WHERE id = ?').run('{"n":999}', victim);
    expect(verifyEventChain(db)).toEqual({ ok: false, brokenAt: victim });
  });

  it('editing an event and recomputing its own hash is still caught at the next event', () => {
    db.exec('DROP TRIGGER events_no_update');
    const [, second, third] = rows();
    const forged = eventHash(second!.prev_hash, {
      caseId: second!.case_id,
      at: second!.at,
      actor: 'system',
      type: second!.type,
      data: '{"n":999}',
      spoolId: null,
    });
    db.prepare("UPDATE events SET actor = 'system', data = '{\"n\":999}', hash = ? WHERE id = ?").run(forged, second!.id);
    expect(verifyEventChain(db)).toEqual({ ok: false, brokenAt: third!.id });
  });

  it('deleting an event (after dropping the trigger) is reported at the event after the gap', () => {
    db.exec('DROP TRIGGER events_no_delete');
    const [, second, third] = rows();
    db.prepare('DELETE FROM events WHERE id = ?').run(second!.id);
    expect(verifyEventChain(db)).toEqual({ ok: false, brokenAt: third!.id });
  });

  it('moving an event to another case is detected (case_id is covered by the hash)', () => {
    db.exec('DROP TRIGGER events_no_update');
    const first = rows()[0]!;
    db.prepare('UPDATE events SET case_id = ? WHERE id = ?').run(caseB, first.id);
    expect(verifyEventChain(db)).toEqual({ ok: false, brokenAt: first.id });
  });
});
