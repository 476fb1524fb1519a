// One scenario per policy preset, through the built CLI against a loopback SMTP sink:
// a report arrives at a fixed instant (Friday evenings, the eve of Thanksgiving,
// Christmas), `run --once --now` takes it in and acknowledges it, then time advances
// with `tick --now`. Each step asserts the exact mails that reach the sink (reminder,
// escalation, reporter status update, digest), that nothing is sent twice, and that a
// new process at the same instant (a restart) sends nothing more. Due times are exact
// instants worked out by hand from each SECURITY.md's numbers and the calendar.
import { maildirInstall } from '../helpers/maildir-install.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newGpgHome, type GpgHome } from '../helpers/gpg.js';
import { runCli, type CliResult } from '../helpers/intake-env.js';
import { plainMessage } from '../helpers/mail.js';
import { startSmtpSink, type SinkMessage, type SmtpSink } from '../helpers/smtp-sink.js';

const TEAM = 'security@example.com';
const REPORTER = 'rita@reporter.example';
const SUBJECT = 'Stored XSS in the admin console';
const ALICE = 'alice@example.com'; // has a key: her mail is encrypted
const BOB = 'bob@example.com'; // no key: his mail is plain and carries no report text
const BACKUP = 'anelson@cgx.sh';

type Kind = 'ack' | 'reminder' | 'escalation' | 'status' | 'digest';
type Step = { at: string; expect: Array<[Kind, string]> };

interface Scenario {
  preset: string;
  arrives: string;
  /** Exact due instants (UTC) as of arrival; acknowledge is met by the ack at arrival. */
  due: Record<string, string>;
  remindFirstResponse: string;
  steps: Step[];
}

const DIGEST = (): Array<[Kind, string]> => [
  ['digest', ALICE],
  ['digest', BOB],
];
const REMIND = (): Array<[Kind, string]> => [
  ['reminder', ALICE],
  ['reminder', BOB],
];
const ESCALATE_TEAM = (): Array<[Kind, string]> => [
  ['escalation', ALICE],
  ['escalation', BOB],
];

// Digest schedule for every scenario: Mondays 09:00 UTC.
const SCENARIOS: Scenario[] = [
  {
    preset: 'cgx',
    arrives: '2026-11-20T18:00:00Z', // Friday evening
    due: {
      acknowledge: '2026-11-22T18:00:00.000Z',
      firstResponse: '2026-11-25T18:00:00.000Z', // 3 working days: Mon, Tue, Wed
      statusUpdate: '2026-11-27T18:00:00.000Z',
      resolution: '2027-02-18T18:00:00.000Z',
      disclosure: '2027-02-18T18:00:00.000Z',
    },
    remindFirstResponse: '2026-11-24T18:00:00.000Z',
    steps: [
      { at: '2026-11-24T18:00:00Z', expect: [...REMIND(), ...DIGEST()] },
      { at: '2026-11-24T18:00:00Z', expect: [] },
      { at: '2026-11-25T18:00:00Z', expect: [['escalation', BACKUP]] }, // the SECURITY.md's backup contact
      { at: '2026-11-27T18:00:00Z', expect: [['status', REPORTER]] },
      { at: '2026-11-27T18:30:00Z', expect: [] },
      { at: '2026-12-01T12:00:00Z', expect: DIGEST() }, // the next update is due Dec 4, a week after the last
    ],
  },
  {
    preset: 'sangoma',
    arrives: '2026-11-25T22:30:00Z', // Wed 17:30 New York, eve of Thanksgiving
    due: {
      acknowledge: '2026-12-01T22:30:00.000Z',
      firstResponse: '2026-12-01T22:30:00.000Z', // Fri 27, Mon 30, Tue 1 (Thanksgiving skipped)
      resolution: '2027-02-24T22:30:00.000Z', // 60 US business days
    },
    remindFirstResponse: '2026-11-30T22:30:00.000Z',
    steps: [
      { at: '2026-11-30T22:30:00Z', expect: [...REMIND(), ...DIGEST()] },
      { at: '2026-11-30T22:30:00Z', expect: [] },
      { at: '2026-12-01T22:30:00Z', expect: ESCALATE_TEAM() },
      { at: '2026-12-01T23:00:00Z', expect: [] },
      { at: '2026-12-08T12:00:00Z', expect: DIGEST() },
    ],
  },
  {
    preset: 'otrs-community-edition',
    arrives: '2026-12-25T09:00:00Z', // Christmas Day, 10:00 Berlin
    due: {
      acknowledge: '2027-01-01T09:00:00.000Z',
      firstResponse: '2027-01-01T09:00:00.000Z',
      disclosure: '2027-02-13T09:00:00.000Z', // 50 days
    },
    remindFirstResponse: '2026-12-30T09:00:00.000Z',
    steps: [
      { at: '2026-12-30T09:00:00Z', expect: [...REMIND(), ...DIGEST()] },
      { at: '2026-12-30T09:00:00Z', expect: [] },
      { at: '2027-01-01T09:00:00Z', expect: ESCALATE_TEAM() },
      { at: '2027-01-05T12:00:00Z', expect: DIGEST() },
    ],
  },
  {
    preset: 'generic-template',
    arrives: '2026-11-20T21:00:00Z', // Friday evening
    due: { acknowledge: '2026-11-22T21:00:00.000Z', firstResponse: '2026-11-22T21:00:00.000Z' },
    remindFirstResponse: '2026-11-22T09:00:00.000Z',
    steps: [
      { at: '2026-11-22T09:00:00Z', expect: REMIND() },
      { at: '2026-11-22T09:00:00Z', expect: [] },
      { at: '2026-11-22T21:00:00Z', expect: ESCALATE_TEAM() },
      { at: '2026-11-24T12:00:00Z', expect: DIGEST() },
    ],
  },
  {
    preset: 'c3-webex-cc',
    arrives: '2026-11-25T22:00:00Z', // Wed 16:00 Chicago, eve of Thanksgiving
    due: {
      acknowledge: '2026-11-26T22:00:00.000Z',
      firstResponse: '2026-11-30T22:00:00.000Z', // 2 US business days: Fri 27, Mon 30
      statusUpdate: '2026-12-09T22:00:00.000Z',
      resolution: '2027-01-09T22:00:00.000Z',
    },
    remindFirstResponse: '2026-11-27T22:00:00.000Z',
    steps: [
      { at: '2026-11-27T22:00:00Z', expect: REMIND() },
      { at: '2026-11-27T22:00:00Z', expect: [] },
      { at: '2026-11-30T22:00:00Z', expect: [...ESCALATE_TEAM(), ...DIGEST()] },
      { at: '2026-12-09T22:00:00Z', expect: [['status', REPORTER], ...DIGEST()] },
      { at: '2026-12-09T22:00:00Z', expect: [] },
      { at: '2026-12-10T12:00:00Z', expect: [] },
    ],
  },
  {
    preset: 'google-project-zero',
    arrives: '2026-12-24T20:00:00Z', // Christmas Eve
    due: {
      acknowledge: '2026-12-26T20:00:00.000Z',
      firstResponse: '2026-12-31T20:00:00.000Z',
      resolution: '2027-03-24T20:00:00.000Z',
      disclosure: '2027-03-24T20:00:00.000Z',
    },
    remindFirstResponse: '2026-12-29T20:00:00.000Z',
    steps: [
      { at: '2026-12-29T20:00:00Z', expect: [...REMIND(), ...DIGEST()] },
      { at: '2026-12-29T20:00:00Z', expect: [] },
      { at: '2026-12-31T20:00:00Z', expect: ESCALATE_TEAM() },
      { at: '2027-01-05T12:00:00Z', expect: DIGEST() },
    ],
  },
  {
    preset: 'cert-cc',
    arrives: '2026-11-21T00:00:00Z', // Friday 19:00 New York
    due: {
      acknowledge: '2026-11-23T00:00:00.000Z',
      firstResponse: '2026-12-01T00:00:00.000Z', // 5 US business days, Thanksgiving skipped
      resolution: '2027-01-05T00:00:00.000Z',
      disclosure: '2027-01-05T00:00:00.000Z', // 45 days
    },
    remindFirstResponse: '2026-11-28T00:00:00.000Z',
    steps: [
      { at: '2026-11-28T00:00:00Z', expect: [...REMIND(), ...DIGEST()] },
      { at: '2026-11-28T00:00:00Z', expect: [] },
      { at: '2026-12-01T00:00:00Z', expect: [...ESCALATE_TEAM(), ...DIGEST()] },
      { at: '2026-12-02T12:00:00Z', expect: [] },
    ],
  },
];

let gpg: GpgHome;
let teamArmored: string;
let aliceArmored: string;

beforeAll(async () => {
  gpg = await newGpgHome();
  const team = await gpg.genKey(`Security Team <${TEAM}>`, 'cv25519', 'team passphrase');
  const alice = await gpg.genKey(`Alice <${ALICE}>`, 'cv25519');
  teamArmored = await gpg.exportSecret(team.fingerprint, 'team passphrase');
  aliceArmored = await gpg.exportPublic(alice.fingerprint);
}, 120_000);
afterAll(async () => gpg?.cleanup());

const cli = (args: string[]): Promise<CliResult> => runCli(args);

function header(raw: string, name: string): string {
  const m = new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, 'mi').exec(raw);
  return m ? (m[1] as string).replace(/\r?\n[ \t]/g, ' ') : '';
}

function kindOf(m: SinkMessage): Kind {
  const raw = m.raw.toString('utf8');
  const subject = header(raw, 'Subject');
  // Encrypted mail carries its real subject inside; the outer one is the same here (we set it), so read that.
  if (/Your security report was received/.test(subject)) return 'ack';
  if (/\] Reminder: /.test(subject)) return 'reminder';
  if (/\] OVERDUE: /.test(subject)) return 'escalation';
  if (/Status update on your security report/.test(subject)) return 'status';
  if (/^Security digest: /.test(subject)) return 'digest';
  throw new Error(`unexpected mail: ${subject}`);
}

/** As the delivering MTA leaves it in the Maildir: with Return-Path (else no automatic reply goes out). */
const delivered = (raw: Buffer): Buffer => Buffer.concat([Buffer.from(`Return-Path: <${REPORTER}>\r\n`), raw]);

const norm = (xs: Array<[Kind, string]>) => xs.map(([k, to]) => `${k} -> ${to}`).sort();

describe.each(SCENARIOS)('preset $preset: report at $arrives', (s) => {
  let dir: string;
  let config: string;
  let sink: SmtpSink;
  let seen = 0;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `sectriage-${s.preset}-`));
    sink = await startSmtpSink();
    config = maildirInstall({
      dir,
      teamArmored,
      passphrase: 'team passphrase',
      smtpPort: sink.port,
      keyFiles: { 'alice.asc': aliceArmored },
      config: `policy: ${s.preset}
timezone: UTC
team:
  - { name: alice, email: ${ALICE}, publicKey: alice.asc }
  - { name: bob, email: ${BOB} }
contacts: { backup: ${BACKUP} }
digest: { schedule: "0 9 * * 1", timezone: UTC }
`,
    });
    writeFileSync(
      join(dir, 'maildir', 'new', `report.${s.preset}`),
      delivered(
        plainMessage({
          from: `Rita Reporter <${REPORTER}>`,
          to: TEAM,
          subject: SUBJECT,
          date: new Date(s.arrives),
          body: 'The admin console renders the display name unescaped.\n',
        }),
      ),
    );
  });
  afterAll(async () => {
    await sink?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const newMail = (): SinkMessage[] => {
    const fresh = sink.messages.slice(seen);
    seen = sink.messages.length;
    return fresh;
  };

  it('takes the report in and acknowledges it at once', async () => {
    const r = await cli(['run', '--once', '--config', config, '--now', s.arrives]);
    expect(r.code, r.stderr).toBe(0);
    const mail = newMail();
    expect(norm(mail.map((m) => [kindOf(m), m.rcptTo.join(',')]))).toEqual(norm([['ack', REPORTER]]));
  });

  it('explains the exact due times, the acknowledgement met', async () => {
    const r = await cli(['deadlines', 'explain', '--config', config, '--now', s.arrives, '--json', await trackingId()]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { deadlines: Array<{ milestone: string; due: string; state: string; remindAt: string | null; steps: string[] }> };
    expect(Object.fromEntries(j.deadlines.map((d) => [d.milestone, d.due]))).toEqual(s.due);
    expect(j.deadlines.find((d) => d.milestone === 'acknowledge')?.state).toBe('met');
    const fr = j.deadlines.find((d) => d.milestone === 'firstResponse');
    expect(fr?.state).toBe('due');
    expect(fr?.remindAt).toBe(s.remindFirstResponse);
    // the human-readable form names the computation
    const text = await cli(['deadlines', 'explain', '--config', config, '--now', s.arrives, await trackingId()]);
    expect(text.stdout).toContain(`report received ${s.arrives}`);
  });

  it('as time advances, sends exactly the due mails once; a new process at the same instant sends nothing more', async () => {
    for (const step of s.steps) {
      const r = await cli(['tick', '--config', config, '--now', step.at]);
      expect(r.code, r.stderr).toBe(0);
      const mail = newMail();
      expect(norm(mail.map((m) => [kindOf(m), m.rcptTo.join(',')])), `tick at ${step.at}`).toEqual(norm(step.expect));
      for (const m of mail) {
        const raw = m.raw.toString('utf8');
        const to = m.rcptTo[0];
        if (to === ALICE) expect(raw).toContain('multipart/encrypted');
        else {
          // nothing plain carries the report's words
          expect(raw).not.toContain('multipart/encrypted');
          const parsed = await simpleParser(m.raw);
          expect(`${parsed.text}${parsed.html || ''}`).not.toContain('Stored XSS');
          expect(parsed.text).toContain(kindOf(m) === 'digest' ? 'Security digest for' : 'SEC-2026-');
        }
        expect(raw).toContain('Auto-Submitted: ');
      }
    }
    // every action row is unique and every outbox row went out exactly once
    const count = await cli(['outbox', 'list', '--config', config, '--json']);
    const rows = JSON.parse(count.stdout) as Array<{ state: string }>;
    expect(rows.every((r) => r.state === 'sent')).toBe(true);
    expect(rows).toHaveLength(sink.messages.length);
  });

  async function trackingId(): Promise<string> {
    const r = await cli(['cases', 'list', '--config', config, '--json']);
    return (JSON.parse(r.stdout) as Array<{ trackingId: string }>)[0]!.trackingId;
  }
});

describe('what the team reads', () => {
  it("alice's encrypted digest names the report and carries a met-vs-missed chart; bob's plain one does not", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sectriage-digest-'));
    const sink = await startSmtpSink();
    try {
      const config = maildirInstall({
        dir,
        teamArmored,
        passphrase: 'team passphrase',
        smtpPort: sink.port,
        keyFiles: { 'alice.asc': aliceArmored },
        config: `policy: generic-template
team:
  - { name: alice, email: ${ALICE}, publicKey: alice.asc }
  - { name: bob, email: ${BOB} }
digest: { schedule: "0 9 * * 1", timezone: UTC }
`,
      });
      writeFileSync(
        join(dir, 'maildir', 'new', 'r1'),
        delivered(plainMessage({ from: REPORTER, to: TEAM, subject: SUBJECT, date: new Date('2026-11-20T21:00:00Z'), body: 'x\n' })),
      );
      expect((await cli(['run', '--once', '--config', config, '--now', '2026-11-20T21:00:00Z'])).code).toBe(0);
      const preview = await cli(['digest', '--preview', '--config', config, '--now', '2026-11-23T10:00:00Z']);
      expect(preview.code, preview.stderr).toBe(0);
      expect(preview.stdout).toMatch(/^Subject: Security digest: 1 overdue, 0 waiting, 1 new/);
      expect(preview.stdout).toContain('First response from the team due');
      expect(preview.stdout).toContain('Acknowledgement: 1 met, 0 missed (100% met)');
      const html = await cli(['digest', '--preview', '--html', '--config', config, '--now', '2026-11-23T10:00:00Z']);
      expect(html.stdout).toContain('Deadlines met vs missed, last 90 days');
      expect(html.stdout).not.toMatch(/<img|<script|https?:\/\//i);
      // the preview recorded nothing: the tick still sends Monday's digest
      expect((await cli(['tick', '--config', config, '--now', '2026-11-23T10:00:00Z'])).code).toBe(0);
      const digests = sink.messages.filter((m) => /Subject: Security digest/.test(m.raw.toString('utf8')));
      expect(digests.map((m) => m.rcptTo[0]).sort()).toEqual([ALICE, BOB]);
      const bobRaw = digests.find((m) => m.rcptTo[0] === BOB)!.raw;
      expect(bobRaw.toString('utf8')).toContain('multipart/alternative');
      const bob = await simpleParser(bobRaw);
      expect(bob.html || '').toContain('Deadlines met vs missed');
      expect(bob.text).toContain('Overdue (1)');
      expect(`${bob.text}${bob.html || ''}`).not.toContain(SUBJECT);
      const alice = digests.find((m) => m.rcptTo[0] === ALICE)!.raw.toString('utf8');
      const armored = /-----BEGIN PGP MESSAGE-----[\s\S]+?-----END PGP MESSAGE-----/.exec(alice)![0];
      const { plaintext } = await gpg.decrypt(armored);
      const inner = await simpleParser(plaintext);
      expect(inner.text).toContain(`"${SUBJECT}"`);
      expect(inner.html || '').toContain('Deadlines met vs missed');
    } finally {
      await sink.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
