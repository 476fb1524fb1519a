// Reporter keys and who a message is from: trust on first use (a key the first mail
// signs with and attaches is pinned, and replies are encrypted to it); the report's
// words go back only to the key that signed them; once a key is pinned, another key
// with the reporter's address is "unknown", never "valid", and waits for the team; a
// protected (encrypted) From does not make the sender someone else.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  dbViews,
  memoryPipeline,
  PGP_FIXTURES,
  pipelineKey,
  pipelineMessage,
  plainMail,
  TEAM_ADDRESS,
  type MemoryPipeline,
} from '../../test/helpers/memory-pipeline.js';
import { renderMail } from '../outbox/render.js';
import { renderContext } from '../send/render-context.js';
import { openAttention } from '../cases/store/attention.js';
import { caseEvents } from '../cases/store/event-log.js';
import { render, type MailParams } from '../outbox/templates.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const MALLORY = 'mallory@evil.example';
const views = () => dbViews(p!.db);
const kinds = (caseId: number) => openAttention(p!.db, caseId).map((a) => a.kind);
const events = (caseId: number) => caseEvents(p!.db, caseId).map((e) => e.type);
const readAs = (params: Record<string, unknown>) => {
  const r = render(params as unknown as MailParams, true);
  return `${r.subject}\n${r.text}`;
};

describe('first contact', () => {
  it('a report signed by the key it attaches: the signature is valid, the key is pinned, the acknowledgement is encrypted to it and repeats the subject', async () => {
    p = await memoryPipeline();
    const rita = await pipelineKey('rita-attached');
    const s = views().spool(await p.deliver(pipelineMessage('signed-with-attached-key.eml')));
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    const [c] = views().cases();
    expect([c!.encryption, c!.signature, c!.signer_fingerprint, c!.subject]).toEqual(['encrypted', 'valid', rita.fingerprint, 'IDOR in /api/invoices']);
    expect(views().reporterKeys()).toEqual([{ email: RITA, fingerprint: rita.fingerprint, status: 'pinned' }]);
    expect(events(c!.id)).toContain('reporter_key_pinned');
    const [ack] = views().outbox();
    expect([ack!.kind, ack!.rcpt, ack!.params.encryptTo, ack!.params.reportSubject]).toEqual(['ack', RITA, rita.fingerprint, 'IDOR in /api/invoices']);
    // Only inside the encryption may the report's subject appear.
    expect(readAs(ack!.params)).toContain('IDOR in /api/invoices');
  });

  it('the acknowledgement repeats the report subject only to the key that signed the report: an attached key alone gets an encrypted reply that says nothing of the content', async () => {
    p = await memoryPipeline();
    const mallory = await pipelineKey('mallory');
    await p.deliver(pipelineMessage('unsigned-with-attached-key-mallory.eml'));
    const [c] = views().cases();
    expect([c!.encryption, c!.signature, c!.subject]).toEqual(['encrypted', 'none', 'Secret-subject-unsigned']);
    expect(views().reporterKeys()).toEqual([{ email: MALLORY, fingerprint: mallory.fingerprint, status: 'pinned' }]);
    const [ack] = views().outbox();
    expect([ack!.kind, ack!.params.encryptTo, ack!.params.reportSubject]).toEqual(['ack', mallory.fingerprint, null]);
    const text = readAs(ack!.params);
    expect(text).toContain('Your security report was received');
    expect(text).not.toContain('Secret-subject-unsigned');
  });
});

describe('a key change', () => {
  it("once a reporter's key is pinned, a signature by another key with their address is not 'valid': it is an unknown key, kept as a candidate, and the team is asked to look", async () => {
    p = await memoryPipeline();
    const rita = await pipelineKey('rita-attached');
    const fake = await pipelineKey('rita-fake');
    await p.deliver(pipelineMessage('signed-with-attached-key.eml'));
    const s = views().spool(await p.deliver(pipelineMessage('signed-by-other-key.eml')));
    expect(s.disposition).toBe('new_case');
    const cases = views().cases();
    expect(cases.map((c) => [c.reporter_email, c.signature, c.signer_fingerprint])).toEqual([
      [RITA, 'valid', rita.fingerprint],
      [RITA, 'unknown_key', null],
    ]);
    expect(kinds(cases[1]!.id)).toEqual(['key_changed']);
    expect(openAttention(p.db, cases[1]!.id)[0]!.text).toContain('different public key');
    expect(events(cases[1]!.id)).toContain('reporter_key_changed');
    expect(views().reporterKeys()).toEqual([
      { email: RITA, fingerprint: rita.fingerprint, status: 'pinned' },
      { email: RITA, fingerprint: fake.fingerprint, status: 'candidate' },
    ]);
    // Replies still go to the pinned key, and repeat nothing of what the other key signed.
    const ack = views().outbox()[1]!;
    expect([ack.caseId, ack.params.encryptTo, ack.params.reportSubject]).toEqual([cases[1]!.id, rita.fingerprint, null]);
  });
});

describe('a protected From', () => {
  it("that differs from the envelope From does not make the sender someone else: naming the victim's case, signed by a key made for her address, it opens a new linked case", async () => {
    p = await memoryPipeline();
    await p.deliver(plainMail({ from: RITA, subject: 'CSRF', body: 'token missing' }));
    // The fixture's protected Subject names this tracking ID (test/fixtures/pipeline/manifest.json).
    p.db.prepare("UPDATE cases SET tracking_id = 'SEC-2026-7QX4M'").run();
    const [victim] = views().cases();
    const s = views().spool(await p.deliver(pipelineMessage('protected-from-claims-rita.eml')));
    expect([s.state, s.disposition]).toEqual(['done', 'new_case']);
    const cases = views().cases();
    expect(cases).toHaveLength(2);
    expect(cases[1]!.reporter_email).toBe(MALLORY); // not Rita
    expect(cases[1]!.related_case_id).toBe(victim!.id);
    expect(cases[1]!.signature).toBe('unknown_key');
    expect(kinds(cases[1]!.id)).toEqual(['protected_from']);
    expect(openAttention(p.db, cases[1]!.id)[0]!.text).toContain(`says it is from ${RITA}, the envelope From is ${MALLORY}`);
    expect(caseEvents(p.db, cases[1]!.id).find((e) => e.type === 'protected_from_differs')?.data).toMatchObject({ outerFrom: MALLORY, protectedFrom: RITA });
    // Nothing joined Rita's case; she is told nothing, the team is told of the claim.
    expect(
      views()
        .inbound()
        .filter((m) => m.caseId === victim!.id),
    ).toHaveLength(1);
    expect(events(victim!.id)).toContain('linked_case_opened');
    expect(kinds(victim!.id)).toEqual(['tracking_id_claimed']);
    expect(
      views()
        .outbox()
        .filter((o) => o.kind === 'ack')
        .map((o) => [o.rcpt, o.caseId]),
    ).toEqual([
      [RITA, victim!.id],
      [MALLORY, cases[1]!.id],
    ]);
  });
});

describe('an old GnuPG key (DSA with an ElGamal subkey, test/fixtures/pgp/gnupg1)', () => {
  it('is offered and pinned like any other, and the acknowledgement is encrypted to its ElGamal subkey', async () => {
    p = await memoryPipeline();
    const dir = resolve(PGP_FIXTURES, 'gnupg1');
    const armored = readFileSync(resolve(dir, 'olga-dsa-elg.asc'), 'utf8');
    const olga = await openpgp.readKey({ armoredKey: armored });
    await p.deliver(plainMail({ from: 'olga@example.org', subject: 'backups', body: `The dump is world-readable. My key:\n\n${armored}` }));
    expect(views().reporterKeys()).toEqual([{ email: 'olga@example.org', fingerprint: olga.getFingerprint().toUpperCase(), status: 'pinned' }]);
    const [ack] = views().outbox();
    expect(ack!.params.encryptTo).toBe(olga.getFingerprint().toUpperCase());
    const raw = await renderMail(ack!.params as never, true, renderContext(p.config.smtp.from, TEAM_ADDRESS, p.deps.teamKeys, [], p.db));
    const armoredReply = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/.exec(raw.toString())![0];
    const secret = await openpgp.readPrivateKey({ armoredKey: readFileSync(resolve(dir, 'olga-dsa-elg.secret.asc'), 'utf8') });
    const message = await openpgp.readMessage({ armoredMessage: armoredReply });
    expect(message.getEncryptionKeyIDs().map((k) => k.toHex())).toContain(olga.getSubkeys()[0]!.getKeyID().toHex());
    const { data } = await openpgp.decrypt({ message, decryptionKeys: secret, config: { rejectPublicKeyAlgorithms: new Set() } });
    // Unsigned, so the report's words are not repeated; the tracking ID is.
    expect(String(data)).toContain(views().cases()[0]!.tracking_id);
  });
});
