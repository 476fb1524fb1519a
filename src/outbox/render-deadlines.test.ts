import { simpleParser } from 'mailparser';
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TeamKeys } from '../open/team-keys.js';
import { renderMail, type RenderContext } from './render.js';
import type { DigestData, DeadlineItem } from './templates-deadlines.js';
import type { MailParams } from './templates.js';

const SUBJECT = 'Heap overflow in the PNG decoder';
let ctx: RenderContext;
let reporterPriv: openpgp.PrivateKey;
let alicePriv: openpgp.PrivateKey;

beforeAll(async () => {
  const gen = async (email: string) => (await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email }], format: 'object' })).privateKey;
  const team = await gen('security@example.com');
  reporterPriv = await gen('rita@reporter.example');
  alicePriv = await gen('alice@example.com');
  const teamKeys: TeamKeys = { current: team, keys: [team], fingerprint: team.getFingerprint().toUpperCase(), publicArmored: team.toPublic().armor() };
  ctx = {
    from: 'Example Security <security@example.com>',
    teamAddress: 'security@example.com',
    teamKeys,
    reporterKey: async (fpr) => (fpr === reporterPriv.getFingerprint().toUpperCase() ? reporterPriv.toPublic() : undefined),
    memberKey: async (email) => (email === 'alice@example.com' ? alicePriv.toPublic() : undefined),
  };
});

async function decryptedText(raw: Buffer, key: openpgp.PrivateKey): Promise<{ text: string; html: string }> {
  const armored = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/.exec(raw.toString('utf8'))![0];
  const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ armoredMessage: armored }), decryptionKeys: key, format: 'binary' });
  const inner = await simpleParser(Buffer.from(data as Uint8Array));
  return { text: inner.text ?? '', html: inner.html || '' };
}

const item: DeadlineItem = {
  trackingId: 'SEC-2026-AAAAA',
  subject: SUBJECT,
  milestone: 'firstResponse',
  label: 'First response from the team',
  due: '2026-11-25T18:00:00.000Z',
  state: 'due',
};
const stamp = { messageId: '<x@example.com>', date: '2026-11-24T18:00:00.000Z' };

describe('deadline mail rendering', () => {
  it('a reminder to a member with a key is PGP/MIME-encrypted to them and names the report inside', async () => {
    const p: MailParams = {
      kind: 'deadline_reminder',
      trackingId: item.trackingId,
      item,
      steps: ['a step'],
      to: 'alice@example.com',
      toName: 'alice',
      timezone: 'UTC',
      encryptToMember: 'alice@example.com',
    };
    const raw = await renderMail({ ...p, ...stamp }, false, ctx);
    expect(raw.toString('utf8')).toContain('multipart/encrypted');
    expect(raw.toString('utf8')).toContain('Auto-Submitted: auto-generated');
    const { text } = await decryptedText(raw, alicePriv);
    expect(text).toContain(`"${SUBJECT}"`);
    expect(text).toContain('a step');
  });

  it('a reminder to a member without a key is plain and leaves the report subject out', async () => {
    const p: MailParams = {
      kind: 'deadline_reminder',
      trackingId: item.trackingId,
      item,
      steps: [],
      to: 'bob@example.com',
      timezone: 'UTC',
      encryptToMember: 'bob@example.com',
    };
    const raw = await renderMail({ ...p, ...stamp }, false, ctx);
    const parsed = await simpleParser(raw);
    expect(raw.toString('utf8')).not.toContain('multipart/encrypted');
    expect(parsed.text).toContain('SEC-2026-AAAAA');
    expect(parsed.text).not.toContain(SUBJECT);
  });

  it("the reporter's status update is encrypted to their pinned key, with the state and next date", async () => {
    const p: MailParams = {
      kind: 'status_update',
      trackingId: item.trackingId,
      to: 'rita@reporter.example',
      timezone: 'UTC',
      teamFingerprint: ctx.teamKeys.fingerprint,
      teamAddress: 'security@example.com',
      encryptTo: reporterPriv.getFingerprint().toUpperCase(),
      state: 'triaged',
      next: { text: 'Resolution target', due: '2027-02-18T18:00:00.000Z' },
    };
    const raw = await renderMail({ ...p, ...stamp }, true, ctx);
    expect(raw.toString('utf8')).toContain('multipart/encrypted');
    expect(raw.toString('utf8')).toContain('Auto-Submitted: auto-replied');
    const { text } = await decryptedText(raw, reporterPriv);
    expect(text).toContain('Current status: triaged');
    expect(text).toContain('Next date our policy promises: Resolution target, by Thu, 18 Feb 2027, 18:00 UTC (2027-02-18T18:00Z).');
  });

  it('the digest has a text part and an HTML part whose chart is inline and escapes what it shows', async () => {
    const digest: DigestData = {
      at: '2026-11-23T08:00:00.000Z',
      since: null,
      newCases: [],
      overdue: [{ ...item, subject: '<script>alert(1)</script>', state: 'overdue' }],
      waiting: [],
      statusUpdatesDue: [],
      disclosures: [],
      sla: [
        {
          days: 90,
          cases: 3,
          medianAckMs: 60_000,
          medianFirstResponseMs: 30 * 3_600_000,
          perMilestone: [{ milestone: 'firstResponse', label: 'First response from the team', met: 2, missed: 1 }],
        },
      ],
      auditHead: { count: 42, hash: 'ab'.repeat(32) },
    };
    const p: MailParams = { kind: 'digest', digest, to: 'alice@example.com', timezone: 'UTC', encryptToMember: 'alice@example.com' };
    const raw = await renderMail({ ...p, ...stamp }, false, ctx);
    const { text, html } = await decryptedText(raw, alicePriv);
    expect(text).toContain('Overdue (1)');
    expect(text).toContain('First response from the team: 2 met, 1 missed (67% met)');
    expect(text).toContain('median time to acknowledgement 0.0 h, to first response 30.0 h');
    expect(html).toContain('width:67%');
    expect(html).toContain('width:33%');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    // The log head each member keeps, with the command that checks it.
    expect(text).toContain(`42 events, head 42:${'ab'.repeat(32)}`);
    expect(text).toContain(`sectriage audit verify --head 42:${'ab'.repeat(32)}`);
  });
});
