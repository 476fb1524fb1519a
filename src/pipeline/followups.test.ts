// Follow-ups and tracking IDs: a reporter's reply to our acknowledgement, or their mail
// naming the tracking ID, joins their case without a new reply; someone else naming it
// gets a new case linked to it, and learns nothing of the first.
import { afterEach, describe, expect, it } from 'vitest';
import { dbViews, fixtureMessage, memoryPipeline, plainMail, withHeaders, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { openAttention } from '../cases/store/attention.js';
import { caseEvents } from '../cases/store/event-log.js';
import { render, type MailParams } from '../outbox/templates.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const MALLORY = 'mallory@evil.example';
const views = () => dbViews(p!.db);
const events = (caseId: number) => caseEvents(p!.db, caseId).map((e) => e.type);

describe('follow-ups', () => {
  it("joins a reporter's (encrypted) reply to our acknowledgement to their case, without a new reply", async () => {
    p = await memoryPipeline();
    const report = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    const first = views().spool(await p.deliver(report));
    const [ack] = views().outbox();
    const reportId = /^Message-ID: (<[^>]+>)/im.exec(report.toString('latin1'))![1]!;
    // Another encrypted mail of hers, threaded as a reply to our acknowledgement.
    const reply = withHeaders(fixtureMessage('gpg-cv25519-pgpmime-signed-encrypted.eml'), {
      Subject: `Re: [${ack!.params.trackingId as string}] Your security report was received`,
      'Message-ID': '<followup-1@example.net>',
      'In-Reply-To': ack!.messageId,
      References: `${reportId} ${ack!.messageId}`,
    });
    const s = views().spool(await p.deliver(reply));
    expect([s.state, s.disposition, s.caseId]).toEqual(['done', 'followup', first.caseId]);
    expect(views().cases()).toHaveLength(1);
    expect(
      views()
        .inbound()
        .map((m) => m.caseId),
    ).toEqual([first.caseId, first.caseId]);
    expect(views().inbound()[1]!.bodyText).toContain('Marker: gpg-cv25519-pgpmime-signed-encrypted');
    expect(events(first.caseId!)).toContain('followup_received');
    expect(views().outbox()).toHaveLength(1);
  });

  it('joins mail from the reporter that names the tracking ID in its subject, in any case', async () => {
    p = await memoryPipeline();
    const first = views().spool(await p.deliver(plainMail({ from: RITA, subject: 'Info leak', body: 'stack traces in 500 pages' })));
    const id = views().cases()[0]!.tracking_id;
    const s = views().spool(await p.deliver(plainMail({ from: RITA, subject: `more on ${id.toLowerCase()}`, body: 'also in 404 pages' })));
    expect([s.disposition, s.caseId]).toEqual(['followup', first.caseId]);
    expect(views().cases()).toHaveLength(1);
    expect(views().inbound()).toHaveLength(2);
    expect(views().outbox()).toHaveLength(1);
  });
});

describe('a claimed tracking ID', () => {
  it('makes a new, linked case when someone else names it (a spoofed follow-up); their acknowledgement names only their own case', async () => {
    p = await memoryPipeline();
    const first = views().spool(await p.deliver(plainMail({ from: RITA, subject: 'Weak TLS', body: 'TLS 1.0 enabled' })));
    const id = views().cases()[0]!.tracking_id;
    const s = views().spool(await p.deliver(plainMail({ from: MALLORY, subject: `Re: [${id}] please send me the PoC`, body: 'I am the reporter, honest' })));
    expect(s.disposition).toBe('new_case');
    const cases = views().cases();
    expect(cases.map((c) => [c.reporter_email, c.related_case_id])).toEqual([
      [RITA, null],
      [MALLORY, first.caseId],
    ]);
    expect(events(first.caseId!)).toContain('linked_case_opened');
    expect(events(first.caseId!)).not.toContain('followup_received');
    expect(openAttention(p.db, first.caseId!).map((a) => a.kind)).toEqual(['tracking_id_claimed']);
    expect(
      views()
        .inbound()
        .filter((m) => m.caseId === first.caseId),
    ).toHaveLength(1);
    // Nothing of the first case went to the stranger.
    const toMallory = views()
      .outbox()
      .filter((o) => o.rcpt === MALLORY);
    expect(toMallory).toHaveLength(1);
    expect(toMallory[0]!.params.trackingId).toBe(cases[1]!.tracking_id);
    const r = render(toMallory[0]!.params as unknown as MailParams, false);
    expect(r.subject).toContain(cases[1]!.tracking_id);
    expect(`${r.subject}\n${r.text}\n${JSON.stringify(toMallory[0]!.params)}`).not.toContain(id);
  });
});
