import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { thrown } from '../../../test/helpers/thrown.js';
import {
  acknowledge,
  addNote,
  assign,
  changeState,
  resumeAfterAnswer,
  loadCase,
  mergeInto,
  replyToReporter,
  runCaseCommand,
  setCve,
  setEmbargo,
  setFlag,
  setSeverity,
  type ActionContext,
} from './index.js';
import { credits } from '../store/credits.js';
import { verifyEventChain } from '../store/event-log.js';
import {
  checkTransition,
  parseCve,
  parseCvssVector,
  parseEmbargo,
  parseFlag,
  parseResolution,
  parseState,
  resolveAssignee,
  severityFromCvss,
} from '../model/lifecycle.js';
import { insertCase } from '../store/cases.js';
import { OUTBOX_PARAMS, opened } from '../../../test/helpers/opened-sql.js';

let db: Db;
const NOW = new Date('2026-06-02T09:00:00Z');

function newCase(trackingId: string, reporter = 'rita@example.net'): void {
  insertCase(db, {
    trackingId,
    reporterName: 'Rita',
    reporterEmail: reporter,
    subject: 'x',
    policy: 'cgx',
    at: new Date('2026-06-01T10:00:00Z'),
    encryption: 'none',
    signature: 'none',
    signerFingerprint: null,
    relatedCaseId: null,
    noReplyReason: null,
  });
}
const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({
  db,
  now: NOW,
  actor: 'cli:alice',
  reporterNotices: ['triaged', 'closed'],
  teamAddress: 'security@example.com',
  timezone: 'UTC',
  ...over,
});
// Each row's data carries its kind's version (v: 1, asserted once below); the rest is what the action said.
const events = (tid: string) =>
  (
    db
      .prepare(
        `SELECT e.type, e.actor, ${opened('events', 'data', 'e.case_id', 'e.')} AS data FROM events e JOIN cases c ON c.id = e.case_id WHERE c.tracking_id = ? ORDER BY e.id`,
      )
      .all(tid) as Array<{
      type: string;
      actor: string;
      data: string;
    }>
  ).map((e) => {
    const { v: _v, ...data } = JSON.parse(e.data) as Record<string, unknown>;
    return { ...e, data };
  });
const outbox = () =>
  db.prepare(`SELECT kind, rcpt_to, ${OUTBOX_PARAMS} AS params FROM outbox ORDER BY id`).all() as Array<{ kind: string; rcpt_to: string; params: string }>;

beforeEach(() => {
  db = openDatabase(':memory:');
  newCase('SEC-2026-AAAAA');
  newCase('SEC-2026-BBBBB', 'bob@example.org');
});
afterEach(() => db.close());

describe('case lifecycle rules', () => {
  it('refuses moves the lifecycle does not allow, and says where the case may go', () => {
    expect(thrown(() => checkTransition({ from: 'received', to: 'disclosed' })).message).toMatch(/may go to needs_info, triaged, fixing, closed/);
    expect(thrown(() => checkTransition({ from: 'closed', to: 'triaged' })).message).toMatch(/reopen/);
    expect(thrown(() => checkTransition({ from: 'triaged', to: 'closed' })).message).toMatch(/needs a resolution/);
    expect(thrown(() => checkTransition({ from: 'triaged', to: 'closed', resolution: 'duplicate' })).message).toMatch(/names the case it duplicates/);
    expect(() => checkTransition({ from: 'fix_released', to: 'disclosed' })).not.toThrow();
  });

  it('derives severity from a CVSS vector on the FIRST rating scale (3.1 and 4.0)', () => {
    expect(severityFromCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toBe('critical'); // 9.8
    expect(severityFromCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toBe('medium'); // 6.1
    expect(severityFromCvss('CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N')).toBe('low'); // 1.8
    expect(severityFromCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBe('critical'); // 9.3
  });

  it('reads values the way people type them and rejects malformed ones', () => {
    expect(parseState('fix-released')).toBe('fix_released');
    expect(parseResolution("won't fix")).toBe('wont_fix');
    expect(parseResolution('not applicable')).toBe('not_applicable');
    expect(parseCve('cve-2026-12345')).toBe('CVE-2026-12345');
    expect(thrown(() => parseCve('CVE-2026-123')).code).toBe('USAGE');
    expect(parseCvssVector('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatch(/^CVSS:3\.1/);
    expect(thrown(() => parseCvssVector('CVSS:3.1/AV:N/AV:L')).message).toMatch(/twice/);
    // Form alone is not enough: a vector missing base metrics cannot be scored.
    expect(thrown(() => parseCvssVector('CVSS:3.1/AV:N/AC:L')).message).toMatch(/not a complete CVSS vector/);
    expect(thrown(() => parseCvssVector('AV:N/AC:L/Au:N/C:P/I:P/A:P')).message).toMatch(/CVSS v2 vector: give a CVSS 3.1 or 4.0/);
    expect(parseEmbargo('2026-07-01')).toBe('2026-07-01');
    expect(parseEmbargo('none')).toBeNull();
    expect(thrown(() => parseEmbargo('2026-02-30')).code).toBe('USAGE');
    expect(parseFlag('on-hold')).toBe('on_hold');
    expect(resolveAssignee('ALICE', [{ name: 'alice' }])).toBe('alice');
    expect(thrown(() => resolveAssignee('mallory', [{ name: 'alice' }])).message).toMatch(/not on the team/);
  });
});

describe('team actions on a case', () => {
  it('records a state change as a state_changed event and tells the reporter of states that matter to them', () => {
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'triaged', note: 'reproduced' }))();
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'fixing' }))();
    expect(loadCase(db, 'SEC-2026-AAAAA').state).toBe('fixing');
    const ev = events('SEC-2026-AAAAA').filter((e) => e.type === 'state_changed');
    expect(ev.map((e) => e.data)).toEqual([
      { from: 'received', to: 'triaged', note: 'reproduced' },
      { from: 'triaged', to: 'fixing' },
    ]);
    expect(ev[0]!.actor).toBe('cli:alice');
    // fixing is not in reporterNotices: one notice only.
    expect(outbox().map((o) => [o.kind, o.rcpt_to, JSON.parse(o.params).state])).toEqual([['status_notice', 'rita@example.net', 'triaged']]);
  });

  it('closes with a resolution, refuses to act on a closed case, and reopens', () => {
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'closed', resolution: 'informative' }))();
    const closed = loadCase(db, 'SEC-2026-AAAAA');
    expect([closed.state, closed.resolution, closed.closed_at]).toEqual(['closed', 'informative', NOW.toISOString()]);
    expect(thrown(() => changeState(ctx(), closed, { to: 'fixing' })).message).toMatch(/reopen/);
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'reopen' }))();
    const reopened = loadCase(db, 'SEC-2026-AAAAA');
    expect([reopened.state, reopened.resolution, reopened.closed_at]).toEqual(['triaged', null, null]);
    expect(events('SEC-2026-AAAAA').at(-1)!.data).toEqual({ from: 'closed', to: 'triaged', reopened: true });
  });

  it("the reporter's answer takes a needs_info case back to where it was, without a notice", () => {
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'triaged' }))();
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'needs_info' }))();
    const before = outbox().length;
    expect(resumeAfterAnswer(ctx({ actor: 'system' }), loadCase(db, 'SEC-2026-AAAAA'))).toBe('triaged');
    expect(loadCase(db, 'SEC-2026-AAAAA').state).toBe('triaged');
    expect(events('SEC-2026-AAAAA').at(-1)).toEqual({
      type: 'state_changed',
      actor: 'system',
      data: { from: 'needs_info', to: 'triaged', note: 'the reporter answered' },
    });
    expect(outbox()).toHaveLength(before);
    expect(resumeAfterAnswer(ctx(), loadCase(db, 'SEC-2026-AAAAA'))).toBeNull();
  });

  it('does not mail a reporter whose case is closed as spam', () => {
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'closed', resolution: 'spam' }))();
    expect(outbox()).toEqual([]);
    db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-BBBBB'), { to: 'closed', resolution: 'resolved' }))();
    expect(outbox().map((o) => [o.kind, o.rcpt_to])).toEqual([['status_notice', 'bob@example.org']]);
  });

  it('a failed action changes nothing and appends no event', () => {
    const before = db.prepare('SELECT count(*) AS n FROM events').get();
    expect(() =>
      db.transaction(() => changeState(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { to: 'closed', resolution: 'duplicate', duplicateOf: 'SEC-2026-ZZZZZ' }))(),
    ).toThrow(/no case SEC-2026-ZZZZZ/);
    expect(db.prepare('SELECT count(*) AS n FROM events').get()).toEqual(before);
    expect(loadCase(db, 'SEC-2026-AAAAA').state).toBe('received');
  });

  it('sets flags and the embargo as flag_set events, once per real change', () => {
    expect(setFlag(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'exploited', true)).toBe(true);
    expect(setFlag(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'exploited', true)).toBe(false);
    setEmbargo(ctx(), loadCase(db, 'SEC-2026-AAAAA'), '2026-07-01');
    setEmbargo(ctx(), loadCase(db, 'SEC-2026-AAAAA'), null);
    expect(
      events('SEC-2026-AAAAA')
        .filter((e) => e.type === 'flag_set')
        .map((e) => e.data),
    ).toEqual([
      { flag: 'exploited', value: true },
      { flag: 'embargo', value: '2026-07-01' },
      { flag: 'embargo', value: null },
    ]);
  });

  it('assigns, notes, sets severity and CVE, acknowledges once, and keeps the chain intact', () => {
    assign(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'alice');
    addNote(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'looks real');
    setSeverity(ctx(), loadCase(db, 'SEC-2026-AAAAA'), { severity: 'high', cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N' });
    setCve(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'CVE-2026-1234');
    expect(thrown(() => setCve(ctx(), loadCase(db, 'SEC-2026-BBBBB'), 'CVE-2026-1234')).message).toMatch(/already on SEC-2026-AAAAA/);
    expect(acknowledge(ctx(), loadCase(db, 'SEC-2026-AAAAA'))).toBe(true);
    expect(acknowledge(ctx(), loadCase(db, 'SEC-2026-AAAAA'))).toBe(false);
    const c = loadCase(db, 'SEC-2026-AAAAA');
    expect([c.assignee, c.severity, c.cve, c.acknowledged_at]).toEqual(['alice', 'high', 'CVE-2026-1234', NOW.toISOString()]);
    expect(events('SEC-2026-AAAAA').map((e) => e.type)).toEqual(['assigned', 'note_added', 'severity_set', 'cve_set', 'acknowledged']);
    expect(verifyEventChain(db).ok).toBe(true);
    // Stored with the version of its kind, so a later shape can be told apart.
    expect((db.prepare("SELECT data FROM events WHERE type = 'assigned'").get() as { data: string }).data).toBe('{"v":1,"from":null,"to":"alice"}');
  });

  it('merges a duplicate: closes it, points it at the target and credits its reporter there', () => {
    db.transaction(() => mergeInto(ctx(), loadCase(db, 'SEC-2026-BBBBB'), loadCase(db, 'SEC-2026-AAAAA')))();
    const dup = loadCase(db, 'SEC-2026-BBBBB');
    expect([dup.state, dup.resolution, dup.duplicate_of]).toEqual(['closed', 'duplicate', loadCase(db, 'SEC-2026-AAAAA').id]);
    expect(credits(db, loadCase(db, 'SEC-2026-AAAAA').id).map((c) => [c.email, c.via])).toEqual([
      ['rita@example.net', null],
      ['bob@example.org', 'SEC-2026-BBBBB'],
    ]);
    expect(events('SEC-2026-BBBBB').at(-2)!.data).toEqual({ from: 'received', to: 'closed', resolution: 'duplicate', duplicateOf: 'SEC-2026-AAAAA' });
    expect(events('SEC-2026-AAAAA').at(-1)!.type).toBe('duplicate_merged');
  });

  it('closing as a duplicate by state is a merge: the reporter is credited too', () => {
    const line = db.transaction(() =>
      runCaseCommand(ctx(), 'SEC-2026-BBBBB', { name: 'state', to: 'closed', resolution: 'duplicate', duplicateOf: 'sec-2026-aaaaa' }, { team: [] }),
    )();
    expect(line).toBe('closed as a duplicate of SEC-2026-AAAAA; bob@example.org credited there (the reporter is told, in plain mail: we hold no key for them)');
    expect(credits(db, loadCase(db, 'SEC-2026-AAAAA').id).map((c) => c.email)).toEqual(['rita@example.net', 'bob@example.org']);
    expect(loadCase(db, 'SEC-2026-BBBBB').resolution).toBe('duplicate');
  });

  it('refuses to send a team reply unencrypted unless told to, and threads it to the case', () => {
    db.prepare(
      "INSERT INTO messages (case_id, direction, message_id, encryption, signature, at) VALUES (1, 'in', '<r1@example.net>', 'none', 'none', '2026-06-01T10:00:00Z')",
    ).run();
    expect(thrown(() => replyToReporter(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'hello', { allowPlain: false })).message).toMatch(/--allow-plain/);
    const r = replyToReporter(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'hello', { allowPlain: true });
    const p = JSON.parse(outbox()[0]!.params);
    expect([outbox()[0]!.kind, p.inReplyTo, p.references, p.text, r.encrypted]).toEqual([
      'team_reply',
      '<r1@example.net>',
      ['<r1@example.net>'],
      'hello',
      false,
    ]);
  });
});
