// Automatic mail, both ways (RFC 3834): no reply to an auto-reply, a bounce or a
// mailing-list post, each noted on the case it concerns; at most 5 automatic replies per
// sender per day, every report still kept.
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { dbViews, fixtureMessage, memoryPipeline, plainMail, TEAM_ADDRESS, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { bounce, listMessage, outOfOffice } from '../../test/helpers/mail.js';
import { caseEvents } from '../cases/store/event-log.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const views = () => dbViews(p!.db);
const withReturnPath = (raw: Buffer, rp: string) => Buffer.concat([Buffer.from(`Return-Path: <${rp}>\r\n`), raw]);

describe('automatic mail', () => {
  it('gets no reply: an auto-reply and a bounce to our acknowledgement are noted on its case, a mailing-list post is kept as a case without a reply', async () => {
    p = await memoryPipeline();
    const report = views().spool(await p.deliver(fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml')));
    const [ack] = views().outbox();
    const ooo = views().spool(await p.deliver(withReturnPath(outOfOffice({ from: RITA, to: TEAM_ADDRESS, inReplyTo: ack!.messageId }), RITA)));
    // A bounce names our Message-ID only in the original it attaches.
    const bounced = views().spool(await p.deliver(withReturnPath(bounce({ to: TEAM_ADDRESS, originalMessageId: ack!.messageId }), '')));
    const list = views().spool(
      await p.deliver(
        withReturnPath(
          listMessage({ from: 'someone@lists.example', to: TEAM_ADDRESS, subject: '[oss-security] CVE-2026-0001 in libfoo' }),
          'bounces@lists.example',
        ),
      ),
    );

    expect([report, ooo, bounced, list].map((s) => [s.state, s.disposition])).toEqual([
      ['done', 'new_case'],
      ['done', 'auto_reply'],
      ['done', 'bounce'],
      ['done', 'new_case'],
    ]);
    expect([ooo.caseId, bounced.caseId]).toEqual([report.caseId, report.caseId]);
    expect(views().outbox()).toHaveLength(1);
    const types = caseEvents(p.db, report.caseId!).map((e) => e.type);
    expect(types).toContain('automatic_mail_received');
    expect(types).toContain('bounce_received');
    expect(types).not.toContain('followup_received');
    // The list post is kept as a case: it may be a report.
    const listCase = views()
      .cases()
      .find((c) => c.id === list.caseId)!;
    expect([listCase.reporter_email, listCase.no_reply_reason]).toEqual(['someone@lists.example', 'mailing_list']);
    expect(caseEvents(p.db, listCase.id).find((e) => e.type === 'no_auto_reply')?.data).toMatchObject({ reason: 'mailing_list' });
  });

  it('an auto-reply that threads to nothing of ours is dropped without a case', async () => {
    p = await memoryPipeline();
    const s = views().spool(await p.deliver(withReturnPath(outOfOffice({ from: RITA, to: TEAM_ADDRESS }), RITA)));
    expect([s.state, s.disposition, s.caseId]).toEqual(['done', 'auto_reply', null]);
    expect(views().cases()).toHaveLength(0);
    expect(views().outbox()).toHaveLength(0);
  });
});

describe('the per-sender limit on automatic replies (RFC 3834 loop guard)', () => {
  const BOT = 'loop@bot.example';
  const toBot = () =>
    views()
      .outbox()
      .filter((o) => o.rcpt === BOT);

  it('acknowledges a researcher sixth and seventh distinct report of the day, past the cap, and logs it', async () => {
    p = await memoryPipeline();
    for (let i = 0; i < 7; i++) {
      p.setNow(`2026-11-23T10:0${i}:00Z`);
      await p.deliver(plainMail({ from: BOT, subject: `report ${i}`, body: `a different finding, number ${i}` }));
    }
    expect(views().cases()).toHaveLength(7);
    expect(toBot()).toHaveLength(7);
    expect(
      views()
        .cases()
        .map((c) => c.no_reply_reason),
    ).toEqual([null, null, null, null, null, null, null]);
  });

  it('does not acknowledge the same report sent again past the cap, and tells the team', async () => {
    p = await memoryPipeline();
    for (let i = 0; i < 5; i++) {
      p.setNow(`2026-11-23T10:0${i}:00Z`);
      await p.deliver(plainMail({ from: BOT, subject: `report ${i}`, body: `finding ${i}` }));
    }
    p.setNow('2026-11-23T10:06:00Z');
    await p.deliver(plainMail({ from: BOT, subject: 'Report 0', body: 'finding  0' }));
    const again = views().cases().at(-1)!;
    expect(again.no_reply_reason).toBe('rate_limited_repeat');
    expect(toBot()).toHaveLength(5);
    expect(caseEvents(p.db, again.id).find((e) => e.type === 'no_auto_reply')?.data).toMatchObject({ reason: 'rate_limited_repeat' });
    expect(p.db.prepare('SELECT kind, text FROM attention WHERE case_id = ?').all(again.id)).toEqual([
      { kind: 'reply_cap', text: expect.stringMatching(/no acknowledgement went to loop@bot.example: past the per-sender cap, and the same text/) },
    ]);
  });

  it('still stops a loop of ever-different mail at the hard ceiling, keeps every report, and answers again a day later', async () => {
    p = await memoryPipeline();
    for (let i = 0; i < 22; i++) {
      p.setNow(new Date(Date.parse('2026-11-23T10:00:00Z') + i * 60_000).toISOString());
      await p.deliver(plainMail({ from: BOT, subject: `report ${i}`, body: `n${i}` }));
    }
    const cases = views().cases();
    expect(cases).toHaveLength(22); // every report is kept...
    expect(toBot()).toHaveLength(20); // ...but the replies stop at the ceiling
    expect(cases.slice(20).map((c) => c.no_reply_reason)).toEqual(['rate_limited', 'rate_limited']);
    // Another sender is not limited by this one.
    await p.deliver(plainMail({ from: RITA, subject: 'mine', body: 'x' }));
    expect(
      views()
        .outbox()
        .filter((o) => o.rcpt === RITA),
    ).toHaveLength(1);
    // A day later the sender can be answered again.
    p.setNow('2026-11-24T10:30:00Z');
    await p.deliver(plainMail({ from: BOT, subject: 'report 23', body: 'n23' }));
    expect(toBot()).toHaveLength(21);
    expect(views().cases().at(-1)!.no_reply_reason).toBeNull();
  });
});

describe('what the log says about acknowledgements', () => {
  it('names the tracking ID and the reason of every acknowledgement not sent, and never the report text', async () => {
    p = await memoryPipeline();
    const lines: string[] = [];
    p.deps.log = pino({ level: 'info' }, { write: (l: string) => void lines.push(l) });
    // No Return-Path: RFC 3834 forbids the automatic reply.
    const raw = plainMail({ from: RITA, subject: 'Secret subject', body: 'secret exploit body' })
      .toString()
      .replace(/^Return-Path: .*\r?\n/, '');
    await p.deliver(Buffer.from(raw));
    const c = views().cases()[0]!;
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({ trackingId: c.tracking_id, reason: 'missing_return_path', msg: 'no acknowledgement sent: missing_return_path' }),
    );
    expect(logged).toContainEqual(expect.objectContaining({ trackingId: c.tracking_id, msg: 'message processed' }));
    expect(lines.join('\n')).not.toMatch(/secret exploit body|Secret subject/);
  });
});
