import { describe, expect, it } from 'vitest';
import { formatWhen, render, type AckParams, type ReencryptParams } from './templates.js';

const FPR = 'EB85BB5FA33A75E15E944E63F231550C4F47E38E';
const SUBJECT = 'Pre-auth RCE in /api/upload via crafted zip';

function ack(extra: Partial<AckParams> = {}): AckParams {
  return {
    kind: 'ack',
    trackingId: 'SEC-2026-7K3QD',
    to: 'reporter@example.org',
    toName: 'Rita Reporter',
    teamFingerprint: FPR,
    teamAddress: 'security@example.com',
    timezone: 'America/New_York',
    policyTitle: 'cgx security policy',
    promises: [
      { text: 'Acknowledgement', due: '2026-06-05T10:00:00.000Z' },
      { text: 'First response from the team', due: '2026-06-08T14:30:00.000Z' },
      { text: 'Public disclosure (at the latest)', due: '2026-09-01T10:00:00.000Z' },
    ],
    reportSubject: SUBJECT,
    ...extra,
  };
}

function reencrypt(reasonCode: string): ReencryptParams {
  return {
    kind: 'reencrypt_request',
    trackingId: 'SEC-2026-7K3QD',
    to: 'reporter@example.org',
    teamFingerprint: FPR,
    teamAddress: 'security@example.com',
    timezone: 'UTC',
    reasonCode,
  };
}

describe('acknowledgement', () => {
  it('unencrypted: names the tracking ID, every promised date and our fingerprint', () => {
    const p = ack();
    const { subject, text } = render(p, false);
    expect(subject).toContain('[SEC-2026-7K3QD]');
    expect(text).toContain('SEC-2026-7K3QD');
    expect(text).toContain('cgx security policy');
    for (const pr of p.promises) {
      expect(text).toContain(`${pr.text}: by ${formatWhen(pr.due, p.timezone)}`);
      expect(text).toContain(pr.due.slice(0, 16) + 'Z'); // the UTC instant, to the minute
    }
    expect(text).toContain('EB85 BB5F A33A 75E1 5E94 4E63 F231 550C 4F47 E38E');
    expect(text.replace(/\s/g, '')).toContain(FPR);
  });

  it('unencrypted: never carries the report subject, even when reportSubject is set', () => {
    const { subject, text } = render(ack(), false);
    expect(text).not.toContain(SUBJECT);
    expect(subject).not.toContain(SUBJECT);
    expect(text).not.toContain('crafted zip');
    expect(text).not.toContain('Your report:');
  });

  it('encrypted: includes the report subject', () => {
    const { subject, text } = render(ack(), true);
    expect(text).toContain(`Your report: ${SUBJECT}`);
    expect(subject).not.toContain(SUBJECT); // the Subject header is rendered from the ID only
  });

  it('dates are shown in the configured time zone with the UTC instant next to them', () => {
    const s = formatWhen('2026-06-08T14:30:00.000Z', 'America/New_York');
    expect(s).toMatch(/10:30/); // 14:30Z is 10:30 EDT
    expect(s).toContain('(2026-06-08T14:30Z)');
    expect(formatWhen('2026-06-08T14:30:00.000Z', 'UTC')).toMatch(/14:30/);
  });

  it('a partial report gets the warning that part of it was not encrypted', () => {
    expect(render(ack({ partial: true }), false).text).toMatch(/NOT encrypted/);
    expect(render(ack({ partial: false }), false).text).not.toMatch(/NOT encrypted/);
  });

  it('no promises means no promise section', () => {
    const { text } = render(ack({ promises: [] }), false);
    expect(text).not.toContain('promises you');
    expect(text).toContain('SEC-2026-7K3QD');
  });

  it('greets by name when there is one', () => {
    expect(render(ack(), false).text.startsWith('Hello Rita Reporter,')).toBe(true);
    expect(render(ack({ toName: null }), false).text.startsWith('Hello,')).toBe(true);
  });
});

describe('re-encrypt request', () => {
  it.each([
    ['PGP_NO_KEY', 'a key we do not hold'],
    ['PGP_CORRUPT', 'damaged'],
    ['PGP_INTEGRITY', 'no integrity protection'],
    ['PGP_UNSUPPORTED', 'cannot read'],
    ['PGP_LIMIT', 'names more recipients, than we accept'],
  ])('names the reason for %s', (code, words) => {
    const { subject, text } = render(reencrypt(code), false);
    expect(subject).toContain('[SEC-2026-7K3QD]');
    expect(subject).toMatch(/could not decrypt/);
    expect(text).toContain(words);
    expect(text).toContain('EB85 BB5F A33A 75E1 5E94 4E63 F231 550C 4F47 E38E');
  });

  it('an unknown reason code still gives a sentence, never the code or undefined', () => {
    const { text } = render(reencrypt('SOMETHING_NEW'), false);
    expect(text).toContain('it could not be decrypted');
    expect(text).not.toContain('undefined');
    expect(text).not.toContain('SOMETHING_NEW');
  });
});

describe('acknowledgement asks for missing report fields', () => {
  it('lists the missing fields by our labels, also in plain text, and says nothing when none are missing', () => {
    const { text } = render(ack({ missing: ['the affected version(s)', 'the impact: what an attacker could achieve'] }), false);
    expect(text).toContain('we would also need:\n  - the affected version(s)\n  - the impact: what an attacker could achieve\n');
    expect(render(ack(), false).text).not.toContain('would also need');
  });
});
