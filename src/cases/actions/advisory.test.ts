// Advisory fields set through the one command path every front door uses: each change
// is an advisory_set event by the actor, an unchanged value makes no event.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { caseEvents } from '../store/event-log.js';
import { advisoryFieldsOf, advisoryPublishedAt, craNotificationsOf } from '../store/advisory.js';
import { insertCase } from '../store/cases.js';
import { runCaseCommand, type ActionContext } from './index.js';

let db: Db;
const NOW = new Date('2026-06-02T09:00:00Z');
const ctx: () => ActionContext = () => ({ db, now: NOW, actor: 'cli:alice', reporterNotices: [], teamAddress: 'security@example.com', timezone: 'UTC' });
const run = (cmd: Parameters<typeof runCaseCommand>[2]) => db.transaction(() => runCaseCommand(ctx(), 'SEC-2026-AAAAA', cmd, { team: [] }))();

beforeEach(() => {
  db = openDatabase(':memory:');
  insertCase(db, {
    trackingId: 'SEC-2026-AAAAA',
    reporterName: null,
    reporterEmail: 'rita@example.net',
    subject: 's',
    policy: 'p',
    at: NOW,
    encryption: 'none',
    signature: 'none',
    signerFingerprint: null,
    relatedCaseId: null,
    noReplyReason: null,
  });
});
afterEach(() => db.close());

describe('advisory fields on a case', () => {
  it('records each field set as an advisory_set event by the actor, and reads the current values back', () => {
    expect(run({ name: 'advisory', field: 'product', value: 'Example Server' })).toBe('product Example Server');
    expect(run({ name: 'advisory', field: 'affected', value: ['>=1.0.0 <1.2.3'] })).toBe('affected >=1.0.0 <1.2.3');
    expect(run({ name: 'advisory', field: 'description', value: 'Long text.' })).toBe('description set');
    const events = caseEvents(db, 1).filter((e) => e.type === 'advisory_set');
    expect(events.map((e) => [e.actor, e.data])).toEqual([
      ['cli:alice', { v: 1, field: 'product', value: 'Example Server' }],
      ['cli:alice', { v: 1, field: 'affected', value: ['>=1.0.0 <1.2.3'] }],
      ['cli:alice', { v: 1, field: 'description', value: 'Long text.' }],
    ]);
    expect(advisoryFieldsOf(db, 1)).toMatchObject({ product: 'Example Server', affected: ['>=1.0.0 <1.2.3'], description: 'Long text.' });
  });

  it('makes no event for a value the field already holds, and clears a list with null', () => {
    run({ name: 'advisory', field: 'cwe', value: ['CWE-79'] });
    expect(run({ name: 'advisory', field: 'cwe', value: ['CWE-79'] })).toBe('cwe unchanged');
    expect(run({ name: 'advisory', field: 'cwe', value: null })).toBe('cwe none');
    expect(caseEvents(db, 1).filter((e) => e.type === 'advisory_set')).toHaveLength(2);
    expect(advisoryFieldsOf(db, 1).cwe).toEqual([]);
  });

  it('clears a one-value field with null too (cases set --summary none), and refuses a list for it', () => {
    run({ name: 'advisory', field: 'summary', value: 'SQL injection in search' });
    expect(run({ name: 'advisory', field: 'summary', value: null })).toBe('summary none');
    expect(advisoryFieldsOf(db, 1).summary).toBeNull();
    expect(() => run({ name: 'advisory', field: 'summary', value: ['a'] })).toThrow('summary takes one value');
  });

  it('records the advisory as published once, and each CRA notification once', () => {
    expect(run({ name: 'advisory-published', url: 'https://example.com/sa/1' })).toBe('advisory marked published');
    expect(run({ name: 'advisory-published' })).toBe('advisory already marked published');
    expect(advisoryPublishedAt(db, 1)).toBe(NOW.toISOString());
    expect(run({ name: 'cra-notified', notification: 'early_warning' })).toBe('CRA early warning recorded as made');
    expect(run({ name: 'cra-notified', notification: 'early_warning' })).toBe('CRA early warning already recorded');
    expect(craNotificationsOf(db, 1)).toEqual({ early_warning: NOW.toISOString() });
  });
});
