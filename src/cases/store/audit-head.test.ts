import { describe, expect, it } from 'vitest';
import { recomputeChain } from '../../../test/helpers/rewrite-chain.js';
import { openDatabase, type Db } from '../../db/open.js';
import { auditHead, checkExtendsHead, formatAuditHead, parseAuditHead } from './audit-head.js';
import { insertCase } from './cases.js';
import { appendEvent } from './event-log.js';

let caseId = 0;
function dbWithCase(): Db {
  const db = openDatabase(':memory:');
  caseId = insertCase(db, {
    trackingId: 'SEC-2026-AAAAA',
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
  return db;
}
const note = (db: Db, text: string) =>
  appendEvent(db, { caseId, at: '2026-01-01T00:00:00Z', actor: 'cli:alice', type: 'note_added', data: { v: 1, note: text } });

describe('the audit head that leaves the host', () => {
  it('proves a log that only grew extends a head taken earlier', () => {
    const db = dbWithCase();
    note(db, 'one');
    note(db, 'two');
    const head = auditHead(db);
    expect(head.count).toBe(2);
    note(db, 'three');
    expect(checkExtendsHead(db, parseAuditHead(formatAuditHead(head)))).toEqual({ ok: true, count: 3, since: 1 });
  });

  it('catches a rewrite that recomputed the whole chain, which audit verify alone calls intact', () => {
    const db = dbWithCase();
    note(db, 'one');
    note(db, 'two');
    const head = auditHead(db);
    // Whoever can write the file drops the triggers, rewrites event 1 and recomputes every hash.
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET data = ? WHERE id = 1').run(JSON.stringify({ v: 1, note: 'rewritten' }));
    recomputeChain(db);
    const check = checkExtendsHead(db, head);
    expect(check).toMatchObject({ ok: false, reason: 'diverged', count: 2 });
  });

  it('catches events cut off the end', () => {
    const db = dbWithCase();
    note(db, 'one');
    note(db, 'two');
    const head = auditHead(db);
    db.exec('DROP TRIGGER events_no_delete');
    db.prepare('DELETE FROM events WHERE id = 2').run();
    expect(checkExtendsHead(db, head)).toEqual({ ok: false, reason: 'shorter', count: 1 });
  });

  it('reports an edited event as a broken chain before comparing heads', () => {
    const db = dbWithCase();
    note(db, 'one');
    const head = auditHead(db);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare('UPDATE events SET actor = ? WHERE id = 1').run('cli:mallory');
    expect(checkExtendsHead(db, head)).toEqual({ ok: false, reason: 'chain_broken', brokenAt: 1 });
  });

  it('refuses a head that is not COUNT:HASH', () => {
    expect(() => parseAuditHead('abc')).toThrow(/COUNT:HASH/);
    expect(() => parseAuditHead(`3:${'g'.repeat(64)}`)).toThrow(/COUNT:HASH/);
    expect(parseAuditHead(` 3:${'A'.repeat(64)} `)).toEqual({ count: 3, hash: 'a'.repeat(64) });
  });

  it('gives an empty log the genesis head, which every log extends', () => {
    const db = dbWithCase();
    const head = auditHead(db);
    expect(head).toEqual({ count: 0, hash: '0'.repeat(64) });
    note(db, 'one');
    expect(checkExtendsHead(db, head)).toEqual({ ok: true, count: 1, since: 1 });
  });
});
