// The pipeline end to end without servers: gpg-made fixture mail (test/fixtures/pgp)
// through spool -> open -> decide -> apply into an in-memory database.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureMessage, fixtureTeamKeys, memoryPipeline, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { caseEvents, verifyEventChain } from '../cases/store/event-log.js';
import { openAttention } from '../cases/store/attention.js';
import { promisedDates } from '../policy/load.js';
import { OUTBOX_PARAMS, opened } from '../../test/helpers/opened-sql.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const SIGNER = 'BBCEE2468F5363CEA41B0ED49E583BDD79754E2B';
const spool = (id: number) =>
  p!.db.prepare('SELECT state, disposition, case_id AS caseId, hold_reason AS holdReason FROM spool WHERE id = ?').get(id) as {
    state: string;
    disposition: string;
    caseId: number | null;
    holdReason: string | null;
  };
const outbox = () =>
  p!.db.prepare(`SELECT kind, rcpt_to AS rcpt, ${OUTBOX_PARAMS} AS params FROM outbox ORDER BY id`).all() as Array<{
    kind: string;
    rcpt: string;
    params: string;
  }>;
const kinds = (caseId: number) => caseEvents(p!.db, caseId).map((e) => e.type);
const attention = (caseId: number) => openAttention(p!.db, caseId).map((a) => a.kind);
/** The same bytes under another sender and Message-ID: the replay of a captured ciphertext. */
const resent = (raw: Buffer, from: string) =>
  Buffer.from(
    raw
      .toString('latin1')
      .replace(/^From: .*$/m, `From: <${from}>`)
      .replace(/^Return-Path: .*$/m, `Return-Path: <${from}>`)
      .replace(/^Message-ID: .*$/m, '<replay@evil.example>'.replace(/^/, 'Message-ID: ')),
    'latin1',
  );

describe('a new report', () => {
  it('signed and encrypted by gpg, from a reporter we know: a case, its message, a valid signature, an encrypted acknowledgement, all in one commit', async () => {
    p = await memoryPipeline({ pinReporter: true });
    const id = await p.deliver(fixtureMessage('gpg-cv25519-pgpmime-signed-encrypted.eml'));
    const s = spool(id);
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    const c = p.db.prepare(`SELECT *, ${opened('cases', 'subject', 'id')} AS subject FROM cases WHERE id = ?`).get(s.caseId) as {
      encryption: string;
      signature: string;
      signer_fingerprint: string;
      reporter_email: string;
    };
    expect([c.encryption, c.signature, c.signer_fingerprint, c.reporter_email]).toEqual(['encrypted', 'valid', SIGNER, 'rita@example.net']);
    expect(kinds(s.caseId!)).toEqual(['report_received', 'fields_extracted', 'acknowledgement_queued']);
    const ack = outbox();
    expect(ack.map((o) => [o.kind, o.rcpt, JSON.parse(o.params).encryptTo])).toEqual([['ack', 'rita@example.net', SIGNER]]);
    expect(attention(s.caseId!)).toEqual([]);
    expect(verifyEventChain(p.db).ok).toBe(true);
  });

  it('the same Message-ID again is a redelivery: nothing new, noted on the case', async () => {
    p = await memoryPipeline();
    const raw = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    const first = spool(await p.deliver(raw));
    const again = spool(await p.deliver(Buffer.concat([raw, Buffer.from('\r\n')])));
    expect([again.disposition, again.caseId]).toEqual(['duplicate', first.caseId]);
    expect(p.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    expect(outbox()).toHaveLength(1);
  });

  it('partly encrypted (text around an inline block): the case says so, and the acknowledgement says the part was seen', async () => {
    p = await memoryPipeline();
    const s = spool(await p.deliver(fixtureMessage('gpg-cv25519-inline-text-around.eml')));
    expect(attention(s.caseId!)).toEqual(['partial']);
    expect(JSON.parse(outbox()[0]!.params).partial).toBe(true);
  });
});

describe('a report no team key opens, then requeued with the key', () => {
  it('is held with a re-encrypt request and continues on the same case, dates counted from its arrival', async () => {
    p = await memoryPipeline({ teamKeyFile: 'team-gpg-rsa2048.sec.asc', pinReporter: true });
    const id = await p.deliver(fixtureMessage('gpg-cv25519-pgpmime-signed-encrypted.eml'));
    const held = spool(id);
    expect([held.state, held.holdReason]).toEqual(['held', expect.stringMatching(/^PGP_NO_KEY/)]);
    expect(attention(held.caseId!)).toEqual(['undecryptable']);
    expect(outbox().map((o) => o.kind)).toEqual(['reencrypt_request']);

    p.setNow('2026-11-24T12:00:00Z');
    expect(await p.requeue(await fixtureTeamKeys('team-gpg-cv25519.sec.asc'))).toEqual([id]);
    const done = spool(id);
    expect([done.state, done.caseId]).toEqual(['done', held.caseId]);
    expect(p.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    // The undecryptable item is cleared by the event that opened the message.
    const row = p.db.prepare('SELECT kind, cleared_by_event AS by FROM attention').get() as { kind: string; by: number };
    const opened = caseEvents(p.db, held.caseId!).find((e) => e.type === 'message_opened_on_requeue');
    expect(row).toEqual({ kind: 'undecryptable', by: opened?.id });
    expect(attention(held.caseId!)).toEqual([]);
    const [, ack] = outbox();
    const params = JSON.parse(ack!.params) as { kind: string; promises: Array<{ due: string }>; encryptTo: string };
    expect([params.kind, params.encryptTo]).toEqual(['ack', SIGNER]);
    // The policy's dates count from the ARRIVAL (Mon 23 Nov 09:30), not from the requeue a day later.
    const dues = (at: string) =>
      promisedDates(p!.deps.policy, new Date(at))
        .filter((d) => p!.deps.policy.milestones[d.milestone]?.satisfiedBy !== 'auto-acknowledgement')
        .map((d) => d.due.toISOString());
    expect(params.promises.map((x) => x.due)).toEqual(dues('2026-11-23T09:30:00Z'));
    expect(params.promises.map((x) => x.due)).not.toEqual(dues('2026-11-24T12:00:00Z'));
    expect(verifyEventChain(p.db).ok).toBe(true);
  });
});

describe('a replayed ciphertext', () => {
  it('from another sender becomes a new case linked to the first; both are flagged and the replay learns nothing', async () => {
    p = await memoryPipeline();
    const raw = fixtureMessage('gpg-cv25519-pgpmime-signed-encrypted.eml');
    const first = spool(await p.deliver(raw));
    const replay = spool(await p.deliver(resent(raw, 'mallory@evil.example')));
    expect(replay.disposition).toBe('new_case');
    expect(replay.caseId).not.toBe(first.caseId);
    expect(attention(replay.caseId!)).toEqual(['replay']);
    expect(attention(first.caseId!)).toEqual(['replayed_by_other']);
    const acks = outbox()
      .filter((o) => o.kind === 'ack')
      .map((o) => JSON.parse(o.params) as { to: string; reportSubject: string | null; missing?: string[] });
    const toMallory = acks.find((a) => a.to === 'mallory@evil.example');
    expect([toMallory?.reportSubject, toMallory?.missing]).toEqual([null, undefined]);
  });
});

describe('follow-ups and tracking IDs', () => {
  it('the reporter naming their tracking ID follows up; someone else naming it opens a linked case and the team is told', async () => {
    p = await memoryPipeline({ team: [{ name: 'alice', email: 'alice@example.com' }] });
    const first = spool(await p.deliver(fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml')));
    const tid = (p.db.prepare('SELECT tracking_id AS t FROM cases').get() as { t: string }).t;
    const mail = (from: string, id: string) =>
      `Return-Path: <${from}>\nFrom: <${from}>\nTo: security@example.com\nSubject: Re: [${tid}] more\nMessage-ID: <${id}@example.org>\nDate: Tue, 24 Nov 2026 09:00:00 +0000\n\nVersion: 2.4.1\n`;
    const follow = spool(await p.deliver(mail('rita@example.net', 'f1')));
    expect([follow.disposition, follow.caseId]).toEqual(['followup', first.caseId]);
    const claim = spool(await p.deliver(mail('mallory@evil.example', 'f2')));
    expect(claim.disposition).toBe('new_case');
    expect(attention(first.caseId!)).toEqual(['tracking_id_claimed']);
    expect(
      outbox()
        .filter((o) => o.kind === 'team_notice')
        .map((o) => o.rcpt),
    ).toEqual(['alice@example.com']);
    expect(kinds(first.caseId!)).toContain('followup_received');
  });
});

describe('mail from a team address with commands', () => {
  it('is always a command mail (never a report): unsigned, it is refused and logged, and no case is made', async () => {
    p = await memoryPipeline({ team: [{ name: 'alice', email: 'alice@example.com' }] });
    const s = spool(
      await p.deliver(
        'Return-Path: <alice@example.com>\nFrom: <alice@example.com>\nTo: security@example.com\nSubject: x\nMessage-ID: <c1@example.com>\n\n/state triaged\n',
      ),
    );
    expect([s.state, s.disposition, s.caseId]).toEqual(['done', 'team_command_refused', null]);
    expect(p.db.prepare('SELECT outcome, reason FROM team_commands').all()).toEqual([{ outcome: 'rejected', reason: 'no_member_key' }]);
    expect(p.db.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 0 });
  });
});
