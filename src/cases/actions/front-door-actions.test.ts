// The actions every front door shares, on an in-memory database: who acted is on each
// event, attention is cleared by kind, and a refused action leaves nothing behind.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open.js';
import { thrown } from '../../../test/helpers/thrown.js';
import { appendEvent, caseEvents } from '../store/event-log.js';
import { attentionHistory, openAttention, raiseAttention } from '../store/attention.js';
import { insertCase } from '../store/cases.js';
import { enqueueMail, outboxRow } from '../store/outbox.js';
import { dismissAttention, loadCase, pinReporterKey, retryOutbox, runCaseCommand, type ActionContext } from './index.js';
import { tellTeamOfClaim } from './team-notice.js';
import { OUTBOX_PARAMS } from '../../../test/helpers/opened-sql.js';

let db: Db;
const NOW = new Date('2026-06-02T09:00:00Z');
const ctx = (over: Partial<ActionContext> = {}): ActionContext => ({
  db,
  now: NOW,
  actor: 'web:alice',
  reporterNotices: ['triaged'],
  teamAddress: 'security@example.com',
  timezone: 'UTC',
  ...over,
});
const tx = <T>(fn: () => T): T => db.transaction(fn)();

beforeEach(() => {
  db = openDatabase(':memory:');
  for (const [tid, email] of [
    ['SEC-2026-AAAAA', 'rita@example.net'],
    ['SEC-2026-BBBBB', 'rita@example.net'],
    ['SEC-2026-CCCCC', 'bob@example.org'],
  ] as const) {
    insertCase(db, {
      trackingId: tid,
      reporterName: null,
      reporterEmail: email,
      subject: 's',
      policy: 'p',
      at: NOW,
      encryption: 'none',
      signature: 'none',
      signerFingerprint: null,
      relatedCaseId: null,
      noReplyReason: null,
    });
  }
});
afterEach(() => db.close());

describe("keys pin: the team's decision on a changed reporter key", () => {
  beforeEach(() => {
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', 'AAAA', 'x', 'message', 'pinned', 't'), ('rita@example.net', 'BBBB', 'y', 'message', 'candidate', 't')",
    ).run();
    for (const id of [1, 2]) raiseAttention(db, id, { kind: 'key_changed', text: 'the reporter sent a different public key' }, NOW, null);
    raiseAttention(db, 1, { kind: 'partial', text: 'part was not encrypted' }, NOW, null);
  });

  it("pins the offered key, retires the old one, and clears key_changed on each of the reporter's open cases by the event that says who", () => {
    const r = tx(() => pinReporterKey(ctx(), ' Rita@Example.NET ', 'bb bb'));
    expect(r).toEqual({ email: 'rita@example.net', fingerprint: 'BBBB', replaced: 'AAAA', cases: 2 });
    expect(db.prepare('SELECT fingerprint, status FROM reporter_keys ORDER BY fingerprint').all()).toEqual([
      { fingerprint: 'AAAA', status: 'retired' },
      { fingerprint: 'BBBB', status: 'pinned' },
    ]);
    for (const id of [1, 2]) {
      const pinned = caseEvents(db, id).find((e) => e.type === 'reporter_key_pinned');
      expect(pinned?.actor).toBe('web:alice');
      expect(attentionHistory(db, id).find((a) => a.kind === 'key_changed')?.clearedByEvent).toBe(pinned?.id);
    }
    expect(openAttention(db, 1).map((a) => a.kind)).toEqual(['partial']);
  });

  it('refuses a key that was never offered, changing nothing', () => {
    expect(thrown(() => tx(() => pinReporterKey(ctx(), 'rita@example.net', 'CCCC'))).code).toBe('CASE_NOT_FOUND');
    expect(openAttention(db, 2).map((a) => a.kind)).toEqual(['key_changed']);
  });
});

describe('dismissing attention', () => {
  it('clears one kind with an attention_cleared event naming who; an unknown or absent kind is refused', () => {
    raiseAttention(db, 1, { kind: 'partial', text: 'part was not encrypted' }, NOW, null);
    tx(() => dismissAttention(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'partial', 'checked with the reporter'));
    const e = caseEvents(db, 1).at(-1);
    expect([e?.type, e?.actor, e?.data]).toEqual(['attention_cleared', 'web:alice', { v: 1, kind: 'partial', note: 'checked with the reporter' }]);
    expect(openAttention(db, 1)).toEqual([]);
    expect(thrown(() => tx(() => dismissAttention(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'partial'))).message).toMatch(/no open partial/);
    expect(thrown(() => tx(() => dismissAttention(ctx(), loadCase(db, 'SEC-2026-AAAAA'), 'bogus'))).message).toMatch(/unknown attention kind/);
    expect(caseEvents(db, 1).filter((x) => x.type === 'attention_cleared')).toHaveLength(1);
  });
});

describe('outbox retry', () => {
  const queue = () =>
    enqueueMail(db, {
      caseId: 1,
      kind: 'ack',
      auto: true,
      to: 'rita@example.net',
      envelopeFrom: '',
      params: { kind: 'ack' } as never,
      at: NOW,
      domain: 'example.com',
    }).id;

  it('queues a failed or uncertain row again with its Message-ID and records who asked', () => {
    const id = queue();
    db.prepare("UPDATE outbox SET state = 'uncertain', data_ended_at = 't' WHERE id = ?").run(id);
    const before = outboxRow(db, id)!.message_id;
    expect(tx(() => retryOutbox(ctx({ actor: 'cli:ops' }), id))).toEqual({ was: 'uncertain' });
    const row = outboxRow(db, id)!;
    expect([row.state, row.data_ended_at, row.message_id]).toEqual(['queued', null, before]);
    expect(caseEvents(db, 1).at(-1)).toMatchObject({ type: 'mail_retry_requested', actor: 'cli:ops', data: { outboxId: id, was: 'uncertain' } });
  });

  it('leaves alone a queued row, and one a live process is sending', () => {
    const id = queue();
    expect(thrown(() => retryOutbox(ctx(), id)).message).toMatch(/only failed, uncertain or abandoned/);
    db.prepare("UPDATE outbox SET state = 'sending', claimed_by = ?, claimed_at = ? WHERE id = ?").run(`${hostname()}:${process.ppid}`, NOW.toISOString(), id);
    expect(thrown(() => retryOutbox(ctx(), id)).message).toMatch(/still running/);
    expect(thrown(() => retryOutbox(ctx(), 999)).code).toBe('CASE_NOT_FOUND');
  });
});

describe('one command runner for every front door', () => {
  it('says in one line what each command did, with the same words whichever door it came through', () => {
    const team = [{ name: 'alice' }];
    const run = (cmd: Parameters<typeof runCaseCommand>[2]) => tx(() => runCaseCommand(ctx(), 'sec-2026-ccccc', cmd, { team }));
    expect(run({ name: 'ack' })).toBe('acknowledged');
    expect(run({ name: 'ack' })).toBe(`already acknowledged at ${NOW.toISOString()}`);
    expect(run({ name: 'state', to: 'triaged' })).toBe('received -> triaged (the reporter is told, in plain mail: we hold no key for them)');
    expect(run({ name: 'assign', member: 'ALICE' })).toBe('assigned to alice');
    expect(run({ name: 'severity', cvss: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' })).toBe(
      'severity critical (CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H)',
    );
    expect(run({ name: 'severity', severity: 'low' })).toBe('severity low');
    expect(loadCase(db, 'SEC-2026-CCCCC').cvss_vector).toBeNull(); // a hand-set severity drops the vector it contradicts
    expect(run({ name: 'flag', flag: 'exploited', value: false })).toBe('exploited already clear');
    expect(thrown(() => run({ name: 'reply', text: 'hi', plain: false })).message).toMatch(/no key for bob@example.org/);
    expect(caseEvents(db, 3).every((e) => e.actor === 'web:alice')).toBe(true);
  });
});

describe('a claimed tracking ID', () => {
  it('raises tracking_id_claimed on the case and mails every member, encrypted where their key is known', () => {
    const opened = tx(() =>
      appendEvent(db, {
        caseId: 1,
        at: NOW.toISOString(),
        actor: 'system',
        type: 'linked_case_opened',
        data: { trackingId: 'SEC-2026-CCCCC', from: 'mallory@evil.example' },
      }),
    );
    tx(() =>
      tellTeamOfClaim(
        ctx({ actor: 'system' }),
        loadCase(db, 'SEC-2026-AAAAA'),
        { trackingId: 'SEC-2026-CCCCC', claimant: 'mallory@evil.example', eventId: opened },
        [
          { name: 'alice', email: 'alice@example.com', fingerprint: 'F1' },
          { name: 'bob', email: 'bob@example.com', fingerprint: null },
        ],
      ),
    );
    expect(openAttention(db, 1)).toEqual([
      {
        kind: 'tracking_id_claimed',
        text: 'mallory@evil.example, who is not the reporter, wrote naming this case: it became SEC-2026-CCCCC',
        raisedAt: NOW.toISOString(),
      },
    ]);
    const mails = db.prepare(`SELECT rcpt_to AS rcpt, ${OUTBOX_PARAMS} AS params FROM outbox WHERE kind = 'team_notice' ORDER BY id`).all() as Array<{
      rcpt: string;
      params: string;
    }>;
    expect(mails.map((m) => [m.rcpt, JSON.parse(m.params).encryptTo])).toEqual([
      ['alice@example.com', 'F1'],
      ['bob@example.com', null],
    ]);
    expect(caseEvents(db, 1).at(-1)?.type).toBe('team_notified');
    expect(attentionHistory(db, 1)[0]?.raisedByEvent).toBe(opened);
  });
});
