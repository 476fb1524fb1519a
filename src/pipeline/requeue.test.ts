// Requeue: a report held because no team key opened it (PGP_NO_KEY) continues, once
// the key is added and the entry requeued, on the case it made on arrival, as if it had
// opened then: text, signature, reporter key, and an acknowledgement whose dates count
// from the arrival. Requeued too early it stays held; failing again it keeps its case;
// a case closed meanwhile gets no acknowledgement but files the report.
import { afterEach, describe, expect, it } from 'vitest';
import { dbViews, fixtureTeamKeys, memoryPipeline, pipelineKey, pipelineMessage, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { openAttention } from '../cases/store/attention.js';
import { caseEvents } from '../cases/store/event-log.js';
import { LIMITS } from '../limits.js';
import { promisedDates } from '../policy/load.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const ARRIVAL = '2026-11-20T17:30:00Z'; // a Friday evening
const LATER = '2026-11-24T09:00:00Z';
const views = () => dbViews(p!.db);
const events = (caseId: number) => caseEvents(p!.db, caseId).map((e) => e.type);
/** The operator adds the old key (the one the report was encrypted to) after the current one. */
const bothKeys = () => fixtureTeamKeys('team-gpg-rsa2048.sec.asc', 'team-gpg-cv25519.sec.asc');

/** Rita's signed report (her key attached, and a log) encrypted to a team key the pipeline does not have yet. */
async function heldReport(config: Record<string, unknown> = {}) {
  p = await memoryPipeline({ teamKeyFile: 'team-gpg-rsa2048.sec.asc', now: ARRIVAL, config: { policy: 'cgx', ...config } });
  const id = await p.deliver(pipelineMessage('signed-with-attached-key.eml'));
  const held = views().spool(id);
  expect([held.state, held.disposition, held.holdReason]).toEqual(['held', 'new_case', expect.stringMatching(/^PGP_NO_KEY: /)]);
  expect(
    views()
      .outbox()
      .map((o) => o.kind),
  ).toEqual(['reencrypt_request']);
  p.setNow(LATER);
  return { id, caseId: held.caseId! };
}

describe('requeue', () => {
  it('opens mail held for a missing key once the key is added, and the case continues as if it had opened at once', async () => {
    const { id, caseId } = await heldReport();
    expect(views().cases()[0]).toMatchObject({ encryption: 'undecryptable', signature: 'none' });
    expect(openAttention(p!.db, caseId).map((a) => a.kind)).toEqual(['undecryptable']);

    // Nothing changes while the key is still missing.
    expect(await p!.requeue()).toEqual([id]);
    expect(views().spool(id)).toMatchObject({ state: 'held', disposition: 'new_case', caseId, holdReason: expect.stringMatching(/^PGP_NO_KEY: /) });
    expect(events(caseId).filter((t) => t === 'requeue_still_held')).toHaveLength(1);
    expect(views().outbox()).toHaveLength(1);
    expect(views().cases()).toHaveLength(1);

    expect(await p!.requeue(await bothKeys())).toEqual([id]);
    const rita = await pipelineKey('rita-attached');
    const [c] = views().cases();
    expect(views().cases()).toHaveLength(1);
    expect(c).toMatchObject({
      id: caseId,
      encryption: 'encrypted',
      signature: 'valid',
      signer_fingerprint: rita.fingerprint,
      subject: 'IDOR in /api/invoices',
    });
    expect(openAttention(p!.db, caseId)).toEqual([]);
    expect(
      views()
        .inbound()
        .map((m) => [m.caseId, m.bodyText.includes('Any user can read any invoice')]),
    ).toEqual([[caseId, true]]);
    expect(views().reporterKeys()).toEqual([{ email: RITA, fingerprint: rita.fingerprint, status: 'pinned' }]);
    expect(views().spool(id)).toMatchObject({ state: 'done', disposition: 'new_case', caseId, holdReason: null });
    expect(events(caseId)).toEqual(expect.arrayContaining(['message_opened_on_requeue', 'reporter_key_pinned', 'fields_extracted', 'acknowledgement_queued']));

    // The acknowledgement: encrypted to the reporter, naming the current team key, with the
    // policy's dates counted from the Friday evening the report arrived.
    const [, ack] = views().outbox();
    const current = await fixtureTeamKeys('team-gpg-rsa2048.sec.asc');
    expect([ack!.kind, ack!.caseId, ack!.params.trackingId, ack!.params.encryptTo, ack!.params.teamFingerprint]).toEqual([
      'ack',
      caseId,
      c!.tracking_id,
      rita.fingerprint,
      current.fingerprint,
    ]);
    const firstResponse = promisedDates(p!.deps.policy, new Date(ARRIVAL)).find((d) => d.milestone === 'firstResponse')!;
    expect(firstResponse.due.toISOString()).toBe('2026-11-25T17:30:00.000Z'); // 3 business days from Friday 17:30 UTC
    expect((ack!.params.promises as Array<{ due: string }>).map((d) => d.due)).toContain('2026-11-25T17:30:00.000Z');

    // Once opened, a second requeue finds nothing; nothing is sent twice.
    expect(await p!.requeue()).toEqual([]);
    expect(views().outbox()).toHaveLength(2);
  });
});

describe('requeue, when things go wrong again', () => {
  it('keeps the case of a message that fails to open a second time, so a later requeue still continues it', async () => {
    // Two attachments once decrypted (her key and a log): over a limit of one.
    const { id, caseId } = await heldReport({ limits: { maxAttachments: 1 } });
    expect(await p!.requeue(await bothKeys())).toEqual([id]);
    expect(views().spool(id)).toMatchObject({
      state: 'held',
      disposition: 'new_case',
      caseId,
      holdReason: expect.stringMatching(/^MESSAGE_UNPARSEABLE: .*maxAttachments/),
    });
    expect(views().outbox()).toHaveLength(1);

    p!.deps.config = { ...p!.deps.config, limits: { ...p!.deps.config.limits, maxAttachments: LIMITS.maxAttachments } };
    expect(await p!.requeue()).toEqual([id]);
    expect(views().spool(id)).toMatchObject({ state: 'done', disposition: 'new_case', caseId });
    expect(
      views()
        .cases()
        .map((c) => [c.id, c.encryption]),
    ).toEqual([[caseId, 'encrypted']]);
    expect(
      views()
        .outbox()
        .map((o) => o.kind),
    ).toEqual(['reencrypt_request', 'ack']);
  });

  it('sends no acknowledgement for a case the team closed meanwhile, but still files the decrypted report', async () => {
    const { id, caseId } = await heldReport();
    p!.db.prepare("UPDATE cases SET state = 'closed'").run();
    expect(await p!.requeue(await bothKeys())).toEqual([id]);
    expect(views().spool(id)).toMatchObject({ state: 'done', caseId });
    expect(views().inbound()[0]!.bodyText).toContain('Any user can read any invoice');
    expect(views().cases()[0]).toMatchObject({ state: 'closed', encryption: 'encrypted' });
    expect(
      views()
        .outbox()
        .map((o) => o.kind),
    ).toEqual(['reencrypt_request']);
  });
});
