import { auditHead, checkExtendsHead, type AuditHead } from '../cases/store/audit-head.js';
import { describe, expect, it } from 'vitest';
import { appendEvent } from '../cases/store/event-log.js';
import { insertCase } from '../cases/store/cases.js';
import { resolveConfig } from '../config/load.js';
import { openDatabase, type Db } from '../db/open.js';
import { createLogger } from '../log.js';
import { loadPolicy } from '../policy/load.js';
import { render, type MailParams } from '../outbox/templates.js';
import { resolveEscalation, teamRecipients } from './recipients.js';
import { sweep, type SweepDeps } from './sweep.js';
import { DEFAULTS } from '../limits.js';
import { spoolTooLarge } from '../spool/spool.js';
import { OUTBOX_PARAMS } from '../../test/helpers/opened-sql.js';

const TEAM = 'security@example.com';

function setup(extra: Record<string, unknown> = {}): { db: Db; deps: (now: string) => SweepDeps } {
  const config = resolveConfig('/tmp/sweep-test.yaml', {
    smtp: { from: `Security <${TEAM}>`, pickupDir: 'out' },
    keys: { teamPrivateKey: 'team.asc' },
    database: ':memory:',
    policy: 'cgx',
    team: [
      { name: 'alice', email: 'alice@example.com' },
      { name: 'bob', email: 'bob@example.com' },
    ],
    contacts: { backup: 'anelson@cgx.sh' },
    digest: { schedule: '0 8 * * 1-5', timezone: 'Europe/Berlin' },
    ...extra,
  });
  const db = openDatabase(':memory:');
  const log = createLogger('silent');
  const cgx = loadPolicy('cgx');
  return { db, deps: (now) => ({ db, config, policyFor: () => cgx, teamAddress: TEAM, teamFingerprint: 'AB'.repeat(20), log, now: new Date(now) }) };
}

function newCase(db: Db, at: string, subject = 'RCE in upload'): number {
  const id = insertCase(db, {
    trackingId: `SEC-2026-${Math.random().toString(36).slice(2, 7).toUpperCase()}`,
    reporterName: 'Rita',
    reporterEmail: 'rita@example.net',
    subject,
    policy: 'cgx',
    at: new Date(at),
    encryption: 'none',
    signature: 'none',
    signerFingerprint: null,

    relatedCaseId: null,
    noReplyReason: null,
  });
  appendEvent(db, {
    caseId: id,
    at,
    actor: 'reporter:rita@example.net',
    type: 'report_received',
    data: { trackingId: 'SEC-2026-TEST1', policy: 'generic-template', spoolId: 1, encryption: 'none', signature: 'none', attachments: [] },
  });
  return id;
}

const outbox = (db: Db) =>
  db.prepare(`SELECT kind, rcpt_to AS rcpt, ${OUTBOX_PARAMS} AS params FROM outbox ORDER BY id`).all() as Array<{ kind: string; rcpt: string; params: string }>;

describe('deadline sweep', () => {
  it('reminds the team inside the reminder window, once, however often it runs', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    // ack due Sun 22 18:00, reminder 12 h before
    expect(sweep(deps('2026-11-22T05:59:00Z')).reminders).toBe(0);
    expect(sweep(deps('2026-11-22T06:00:00Z')).reminders).toBe(1);
    expect(sweep(deps('2026-11-22T06:01:00Z')).reminders).toBe(0);
    expect(sweep(deps('2026-11-22T06:00:00Z')).reminders).toBe(0);
    const rows = outbox(db).filter((r) => r.kind === 'deadline_reminder');
    expect(rows.map((r) => r.rcpt)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(JSON.parse(rows[0]!.params).encryptToMember).toBe('alice@example.com');
  });

  it('after an upgrade, sends nothing for deadlines that fell due before the database had deadlines', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    // What migration 0005 records when it finds cases already there.
    db.prepare("INSERT INTO settings (key, value) VALUES ('deadline_mail_since', '2026-11-24T00:00:00.000Z')").run();
    const r = sweep(deps('2026-11-24T00:00:00Z'));
    expect([r.reminders, r.escalations, r.reporterUpdates]).toEqual([0, 0, 0]);
    expect(outbox(db).filter((x) => x.kind !== 'digest')).toEqual([]);
    // What falls due afterwards is mailed as usual: cgx's first response, 3 business days from Friday 18:00.
    expect(sweep(deps('2026-11-25T18:00:00Z')).escalations).toBe(1);
  });

  it('sends nothing for a case on hold, and picks up when the hold is lifted', () => {
    const { db, deps } = setup();
    const id = newCase(db, '2026-11-20T18:00:00.000Z');
    db.prepare('UPDATE cases SET flag_on_hold = 1 WHERE id = ?').run(id);
    const held = sweep(deps('2026-11-23T18:00:00Z'));
    expect([held.reminders, held.escalations, held.reporterUpdates]).toEqual([0, 0, 0]);
    expect(outbox(db).filter((r) => r.kind !== 'digest')).toEqual([]);
    db.prepare('UPDATE cases SET flag_on_hold = 0 WHERE id = ?').run(id);
    expect(sweep(deps('2026-11-23T18:01:00Z')).escalations).toBeGreaterThan(0);
  });

  it("escalates cgx's acknowledgement to the configured backup contact, once", () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    expect(sweep(deps('2026-11-22T18:00:00Z')).escalations).toBe(1);
    expect(sweep(deps('2026-11-23T18:00:00Z')).escalations).toBe(0);
    const rows = outbox(db).filter((r) => r.kind === 'deadline_escalation');
    expect(rows.map((r) => r.rcpt)).toEqual(['anelson@cgx.sh']);
    // a contact has no configured key: the mail says nothing of the report
    const { text } = render(JSON.parse(rows[0]!.params) as MailParams, false);
    expect(text).toContain('ESCALATION: Acknowledgement for SEC-2026-');
    expect(text).toContain('is overdue');
    expect(text).not.toContain('RCE in upload');
  });

  it('after downtime past the due time it escalates and skips the stale reminder', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    const r = sweep(deps('2026-11-24T00:00:00Z'));
    expect(r.reminders).toBe(0);
    expect(r.escalations).toBe(1);
  });

  it('sends the reporter a status update when 7 days pass without one, then every 7 days', () => {
    const { db, deps } = setup();
    const id = newCase(db, '2026-11-02T10:00:00.000Z');
    expect(sweep(deps('2026-11-09T09:59:00Z')).reporterUpdates).toBe(0);
    expect(sweep(deps('2026-11-09T10:00:00Z')).reporterUpdates).toBe(1);
    expect(sweep(deps('2026-11-09T10:05:00Z')).reporterUpdates).toBe(0);
    // the update went out at 10:05 (the sender records mail_sent): the next is due a week later
    appendEvent(db, {
      caseId: id,
      at: '2026-11-09T10:05:00.000Z',
      actor: 'system',
      type: 'mail_sent',
      data: { outboxId: 1, messageId: '<u@example.com>', kind: 'status_update' },
    });
    expect(sweep(deps('2026-11-16T10:04:00Z')).reporterUpdates).toBe(0);
    expect(sweep(deps('2026-11-16T10:05:00Z')).reporterUpdates).toBe(1);
    const p = JSON.parse(outbox(db).find((r) => r.kind === 'status_update')!.params);
    expect(p.to).toBe('rita@example.net');
    expect(p.encryptTo).toBeNull();
    const { text } = render(p as MailParams, false);
    expect(text).not.toContain('RCE in upload');
    expect(text).toContain('Current status: received, awaiting triage.');
  });

  it("encrypts the status update to the reporter's pinned key, and never threads it under nothing", () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-02T10:00:00.000Z');
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', 'F00D', 'x', 'attachment', 'pinned', '2026-11-02T10:00:00.000Z')",
    ).run();
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', 'BEEF', 'x', 'attachment', 'candidate', '2026-11-03T10:00:00.000Z')",
    ).run();
    sweep(deps('2026-11-09T10:00:00Z'));
    const p = JSON.parse(outbox(db).find((r) => r.kind === 'status_update')!.params);
    expect(p.encryptTo).toBe('F00D');
    expect(p.inReplyTo).toBeNull();
    expect(p.references).toEqual([]);
  });

  it('sends no status updates on a case intake chose not to answer (lists, auto-replies)', () => {
    const { db, deps } = setup();
    const id = newCase(db, '2026-11-02T10:00:00.000Z');
    db.prepare("UPDATE cases SET no_reply_reason = 'mailing_list' WHERE id = ?").run(id);
    expect(sweep(deps('2026-11-20T10:00:00Z')).reporterUpdates).toBe(0);
  });

  it('sends one digest per schedule slot, and one after downtime however many slots passed', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    // Mon 23 Nov 08:00 Berlin = 07:00Z
    expect(sweep(deps('2026-11-23T06:59:00Z')).digests).toBe(0); // Fri 20 08:00's slot came before the first case
    expect(sweep(deps('2026-11-23T07:00:00Z')).digests).toBe(1);
    expect(sweep(deps('2026-11-23T07:30:00Z')).digests).toBe(0);
    // down from Monday to Thursday noon: one digest, for Thursday's slot
    expect(sweep(deps('2026-11-26T11:00:00Z')).digests).toBe(1);
    expect(sweep(deps('2026-11-26T11:01:00Z')).digests).toBe(0);
    expect(outbox(db).filter((r) => r.kind === 'digest')).toHaveLength(4);
  });

  it('carries the event log head in the digest, so it leaves the host', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    const before = auditHead(db);
    expect(sweep(deps('2026-11-23T07:00:00Z')).digests).toBe(1);
    const digest = outbox(db).find((r) => r.kind === 'digest');
    const carried = (JSON.parse(digest!.params) as { digest: { auditHead: AuditHead } }).digest.auditHead;
    // The head as it was when the digest was made: at least what was there before the sweep, and one the log extends.
    expect(carried.count).toBeGreaterThanOrEqual(before.count);
    expect(checkExtendsHead(db, carried)).toMatchObject({ ok: true });
    expect(checkExtendsHead(db, { ...carried, hash: 'f'.repeat(64) })).toMatchObject({ ok: false, reason: 'diverged' });
  });

  it('lists the first held messages without a case and counts them all in the title', () => {
    const { db, deps } = setup();
    newCase(db, '2026-11-20T18:00:00.000Z');
    const held = DEFAULTS.digestHeldListed + 2;
    for (let k = 0; k < held; k++)
      spoolTooLarge(db, {
        source: 'maildir',
        sourceRef: `big-${k}`,
        size: 99,
        receivedAt: new Date('2026-11-21T00:00:00Z'),
        sha256: String(k).padStart(64, '0'),
        limit: 10,
      });
    expect(sweep(deps('2026-11-23T07:00:00Z')).digests).toBe(1);
    const digest = JSON.parse(outbox(db).find((r) => r.kind === 'digest')!.params) as MailParams & { kind: 'digest' };
    expect(digest.digest.held).toHaveLength(DEFAULTS.digestHeldListed);
    expect(digest.digest.totals).toEqual({ held });
    expect(render(digest, false).text).toContain(`Held without a case (${held})\n`);
  });

  it('with no team configured it mails nobody (never the security@ inbox itself)', () => {
    const { db, deps } = setup({ team: [], contacts: {} });
    newCase(db, '2026-11-20T18:00:00.000Z');
    sweep(deps('2026-11-22T06:00:00Z'));
    sweep(deps('2026-11-25T00:00:00Z'));
    expect(outbox(db).filter((r) => r.kind !== 'status_update')).toEqual([]);
    expect(outbox(db).some((r) => r.rcpt === TEAM)).toBe(false);
  });
});

describe('escalation recipients', () => {
  const team = [
    { name: 'alice', email: 'alice@example.com' },
    { name: 'bob', email: 'bob@example.com' },
  ];
  it('team, member names, contacts and addresses; unknown names fall back to the team', () => {
    expect(resolveEscalation(['bob', 'backup', 'x@y.org'], team, { backup: 'b@cgx.sh' }, TEAM).recipients.map((r) => r.email)).toEqual([
      'bob@example.com',
      'b@cgx.sh',
      'x@y.org',
    ]);
    const r = resolveEscalation(['backup'], team, {}, TEAM);
    expect(r.unresolved).toEqual(['backup']);
    expect(r.recipients.map((x) => x.email)).toEqual(['alice@example.com', 'bob@example.com']);
    expect(resolveEscalation([TEAM], team, {}, TEAM).recipients).toEqual([]);
    expect(resolveEscalation(['team'], [...team, { name: 'inbox', email: TEAM }], {}, TEAM).recipients.map((x) => x.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    expect(teamRecipients([...team, { name: 'inbox', email: TEAM }], TEAM).map((x) => x.email)).toEqual(['alice@example.com', 'bob@example.com']);
  });
});
