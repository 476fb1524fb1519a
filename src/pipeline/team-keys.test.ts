// Which team key opens a report, and what happens when none does: mail to an older
// team key kept after the current one still opens, and the reply names the current key;
// mail to a key we do not have is held (PGP_NO_KEY), its case marked, and the sender
// asked once, automatically, to re-encrypt to our current key.
import { afterEach, describe, expect, it } from 'vitest';
import { dbViews, fixtureMessage, fixtureTeamKeys, memoryPipeline, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { openAttention } from '../cases/store/attention.js';
import { caseEvents } from '../cases/store/event-log.js';
import { render, type MailParams } from '../outbox/templates.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const views = () => dbViews(p!.db);
const grouped = (fpr: string) => fpr.replace(/(.{4})/g, '$1 ').trim();

describe('team keys', () => {
  it('still opens mail encrypted to an older team key kept after the current one; the reply names the current key', async () => {
    p = await memoryPipeline({ teamKeyFiles: ['team-gpg-rsa2048.sec.asc', 'team-gpg-cv25519.sec.asc'] });
    const [current, old] = await Promise.all([fixtureTeamKeys('team-gpg-rsa2048.sec.asc'), fixtureTeamKeys('team-gpg-cv25519.sec.asc')]);
    const s = views().spool(await p.deliver(fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml')));
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    expect(views().cases()[0]).toMatchObject({ encryption: 'encrypted', subject: 'Report' });
    expect(views().inbound()[0]!.bodyText).toContain('Marker: gpg-cv25519-pgpmime-encrypted');
    const [ack] = views().outbox();
    expect([ack!.kind, ack!.params.teamFingerprint]).toEqual(['ack', current.fingerprint]);
    const text = render(ack!.params as unknown as MailParams, false).text;
    expect(text).toContain(grouped(current.fingerprint));
    expect(text).not.toContain(grouped(old.fingerprint));
  });

  it('holds mail encrypted to a key we do not have, marks its case, and asks once, automatically, to re-encrypt to our key', async () => {
    p = await memoryPipeline({ teamKeyFile: 'team-gpg-cv25519.sec.asc' });
    const team = await fixtureTeamKeys('team-gpg-cv25519.sec.asc');
    const id = await p.deliver(fixtureMessage('gpg-rsa4096-inline-encrypted.eml'));
    const s = views().spool(id);
    expect([s.state, s.disposition, s.holdReason]).toEqual(['held', 'new_case', expect.stringMatching(/^PGP_NO_KEY/)]);
    const [c] = views().cases();
    expect([c!.id, c!.encryption, c!.reporter_email]).toEqual([s.caseId, 'undecryptable', 'rita@example.net']);
    expect(openAttention(p.db, c!.id).map((a) => a.kind)).toEqual(['undecryptable']);
    expect(caseEvents(p.db, c!.id).map((e) => e.type)).toEqual(['report_received', 'reencrypt_request_queued']);
    const rows = p.db.prepare('SELECT kind, auto, envelope_from AS envelopeFrom, rcpt_to AS rcpt FROM outbox').all();
    expect(rows).toEqual([{ kind: 'reencrypt_request', auto: 1, envelopeFrom: '', rcpt: 'rita@example.net' }]);
    const [req] = views().outbox();
    expect([req!.params.reasonCode, req!.params.teamFingerprint, req!.params.trackingId]).toEqual(['PGP_NO_KEY', team.fingerprint, c!.tracking_id]);
    const r = render(req!.params as unknown as MailParams, false);
    expect(r.subject).toMatch(/could not decrypt/);
    expect(r.text).toContain(grouped(team.fingerprint));
    // Asked once: the same message again is a redelivery, with no second request.
    const again = views().spool(
      await p.deliver(
        Buffer.concat([
          Buffer.from('Received: from mx2.example.net by mx.example.com; Mon, 23 Nov 2026 05:00:00 +0000\r\n'),
          fixtureMessage('gpg-rsa4096-inline-encrypted.eml'),
        ]),
      ),
    );
    expect([again.disposition, again.caseId]).toEqual(['duplicate', c!.id]);
    expect(views().outbox()).toHaveLength(1);
  });
});

describe('redelivery', () => {
  it('the same bytes again are the same spool entry; with another Received trace (same Message-ID) a duplicate, noted on the case, with nothing new', async () => {
    p = await memoryPipeline();
    const raw = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    const id = await p.deliver(raw);
    expect(await p.deliver(raw)).toBe(id);
    const traced = Buffer.concat([Buffer.from('Received: from mx2.example.net by mx.example.com; Mon, 23 Nov 2026 05:00:00 +0000\r\n'), raw]);
    const again = views().spool(await p.deliver(traced));
    const first = views().spool(id);
    expect([again.state, again.disposition, again.caseId]).toEqual(['done', 'duplicate', first.caseId]);
    expect(p.db.prepare('SELECT disposition FROM spool ORDER BY id').pluck().all()).toEqual(['new_case', 'duplicate']);
    expect(views().cases()).toHaveLength(1);
    expect(views().inbound()).toHaveLength(1);
    expect(views().outbox()).toHaveLength(1);
    expect(caseEvents(p.db, first.caseId!).filter((e) => e.type === 'duplicate_delivery')).toHaveLength(1);
  });
});
