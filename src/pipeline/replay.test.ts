// Replayed ciphertexts (Efail's reply oracle): someone sends us a report's ciphertext
// they cannot read under their own name, hoping our reply echoes it. Each test is one
// way of doing it; the replay is kept as its own case, linked and flagged on both sides,
// and what goes back to the replayer names nothing of the report.
import { afterEach, describe, expect, it } from 'vitest';
import {
  dbViews,
  fixtureMessage,
  memoryPipeline,
  pipelineCiphertext,
  pipelineKey,
  plainMail,
  withHeaders,
  type MemoryPipeline,
} from '../../test/helpers/memory-pipeline.js';
import { openAttention } from '../cases/store/attention.js';
import { caseEvents } from '../cases/store/event-log.js';
import { render, type MailParams } from '../outbox/templates.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const MALLORY = 'mallory@evil.example';
const views = () => dbViews(p!.db);
const attention = (caseId: number) => openAttention(p!.db, caseId);
const kinds = (caseId: number) => attention(caseId).map((a) => a.kind);
/** The victim's bytes sent again by Mallory: her From, her Return-Path, a new Message-ID. */
const asMallory = (raw: Buffer, id = 'replay') =>
  withHeaders(raw, { From: `<${MALLORY}>`, 'Return-Path': `<${MALLORY}>`, 'Message-ID': `<${id}@evil.example>` });
/** Everything the reply says, as its reader sees it once decrypted. */
const readAs = (params: Record<string, unknown>, encrypted: boolean) => {
  const r = render(params as unknown as MailParams, encrypted);
  return `${r.subject}\n${r.text}`;
};

describe('a replayed ciphertext', () => {
  it("under another sender's name is kept apart, linked and flagged on both cases, and its reply (encrypted to the replayer's own pinned key) reveals nothing", async () => {
    p = await memoryPipeline();
    // Mallory pins her own key first, with a harmless plain report.
    const mallory = await pipelineKey('mallory');
    await p.deliver(plainMail({ from: MALLORY, subject: 'hi', body: `my key:\n${mallory.armored}` }));
    expect(views().reporterKeys()).toEqual([{ email: MALLORY, fingerprint: mallory.fingerprint, status: 'pinned' }]);
    // The victim's report, signed and with a protected Subject; then Mallory re-sends its bytes.
    const victim = fixtureMessage('gpg-cv25519-protected-headers.eml');
    const first = views().spool(await p.deliver(victim));
    const replay = views().spool(await p.deliver(asMallory(victim)));

    const cases = views().cases();
    expect(cases.map((c) => c.reporter_email)).toEqual([MALLORY, RITA, MALLORY]);
    expect([first.caseId, replay.caseId]).toEqual([cases[1]!.id, cases[2]!.id]);
    // The replay opened: the report's words were there to leak.
    expect(cases[2]!.subject).toBe('Protected: SQL injection in search');
    expect(replay.disposition).toBe('new_case');
    expect(cases[2]!.related_case_id).toBe(cases[1]!.id);
    expect(cases[1]!.related_case_id).toBeNull();
    expect(kinds(cases[2]!.id)).toContain('replay');
    expect(attention(cases[2]!.id).find((a) => a.kind === 'replay')?.text).toContain(`came first from ${RITA} (${cases[1]!.tracking_id})`);
    expect(kinds(cases[1]!.id)).toEqual(['replayed_by_other']);
    expect(attention(cases[1]!.id)[0]!.text).toContain(`${MALLORY} sent the same ciphertext (${cases[2]!.tracking_id})`);
    expect(caseEvents(p.db, cases[1]!.id).map((e) => e.type)).toContain('linked_case_opened');
    expect(caseEvents(p.db, cases[2]!.id).map((e) => e.type)).toContain('linked_to_case');

    // Both of Mallory's replies go to her key; the replay's names only its own tracking ID.
    const toMallory = views()
      .outbox()
      .filter((o) => o.rcpt === MALLORY);
    expect(toMallory.map((o) => [o.kind, o.params.encryptTo])).toEqual([
      ['ack', mallory.fingerprint],
      ['ack', mallory.fingerprint],
    ]);
    const replayAck = toMallory[1]!;
    expect(replayAck.caseId).toBe(cases[2]!.id);
    expect([replayAck.params.trackingId, replayAck.params.reportSubject, replayAck.params.missing]).toEqual([cases[2]!.tracking_id, null, undefined]);
    // Decrypted as she would: nothing of the report, not its subject, not its text, not the victim's case.
    for (const o of toMallory) {
      const text = readAs(o.params, true);
      expect(text).not.toMatch(/Protected: SQL injection in search|search endpoint|users table|Marker:/);
      expect(text).not.toContain(cases[1]!.tracking_id);
    }
    // The victim's own reply is unaffected.
    expect(
      views()
        .outbox()
        .filter((o) => o.rcpt === RITA)
        .map((o) => o.kind),
    ).toEqual(['ack']);
  });

  it('sent first by an attacker: the real reporter still gets a case of their own, linked, and a reply', async () => {
    p = await memoryPipeline();
    const victim = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    const stolen = views().spool(await p.deliver(asMallory(victim)));
    const real = views().spool(await p.deliver(victim));
    expect([stolen.disposition, real.disposition]).toEqual(['new_case', 'new_case']);
    const cases = views().cases();
    expect(cases.map((c) => c.reporter_email)).toEqual([MALLORY, RITA]);
    expect(cases[1]!.related_case_id).toBe(cases[0]!.id);
    expect(kinds(cases[1]!.id)).toEqual(['replay']);
    expect(kinds(cases[0]!.id)).toEqual(['replayed_by_other']);
    const acks = views()
      .outbox()
      .filter((o) => o.kind === 'ack');
    expect(acks.map((o) => o.rcpt)).toEqual([MALLORY, RITA]);
    expect(acks[1]!.caseId).toBe(cases[1]!.id);
  });

  it('is recognised even with other encrypted data of the attacker beside it (her own inline block and an encrypted file)', async () => {
    p = await memoryPipeline();
    const victim = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    await p.deliver(victim);
    // Mallory pastes the victim's armored ciphertext after a block of her own, so the
    // message as a whole is new, and attaches a third as a file.
    const victimBlock = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/.exec(victim.toString('latin1'))![0];
    const own = pipelineCiphertext('mallory-own-block.asc').trim();
    const file = pipelineCiphertext('mallory-notes.asc').trim();
    const crlf = (s: string) => s.replace(/\r?\n/g, '\r\n');
    const raw = Buffer.from(
      crlf(
        `Return-Path: <${MALLORY}>\nFrom: ${MALLORY}\nTo: security@example.com\nSubject: two findings\nMessage-ID: <m2@evil.example>\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n${own}\n${victimBlock}\n--b\nContent-Type: application/octet-stream; name="notes.txt.asc"\nContent-Disposition: attachment; filename="notes.txt.asc"\n\n${file}\n--b--\n`,
      ),
    );
    const s = views().spool(await p.deliver(raw));
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    const cases = views().cases();
    expect(cases.map((c) => c.reporter_email)).toEqual([RITA, MALLORY]);
    expect(cases[1]!.related_case_id).toBe(cases[0]!.id);
    expect(attention(cases[1]!.id).find((a) => a.kind === 'replay')?.text).toContain(`came first from ${RITA}`);
    expect(kinds(cases[0]!.id)).toEqual(['replayed_by_other']);
    // Her encrypted file opened too, beside the inline blocks.
    const att = p.db.prepare('SELECT a.filename, a.encrypted FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.case_id = ?').all(cases[1]!.id);
    expect(att).toEqual([{ filename: 'notes.txt', encrypted: 1 }]);
    const ack = views()
      .outbox()
      .find((o) => o.rcpt === MALLORY)!;
    expect([ack.params.reportSubject, ack.params.missing]).toEqual([null, undefined]);
  });

  it('from its own sender again (a new Message-ID, the same ciphertext) is a redelivery, not a replay', async () => {
    p = await memoryPipeline();
    const raw = fixtureMessage('gpg-cv25519-pgpmime-encrypted.eml');
    const first = views().spool(await p.deliver(raw));
    const again = views().spool(await p.deliver(withHeaders(raw, { 'Message-ID': '<resent@example.net>' })));
    expect([again.disposition, again.caseId]).toEqual(['duplicate', first.caseId]);
    expect(views().cases()).toHaveLength(1);
    expect(kinds(first.caseId!)).toEqual([]);
    expect(views().outbox()).toHaveLength(1);
  });
});
