// The EU Cyber Resilience Act's clocks end to end through the built CLI, under a policy
// with `cra: true`: a report flagged exploited on a Friday evening owes the early warning
// on Saturday evening (24 h) and the notification on Monday evening (72 h), reminded
// beforehand; the early warning not recorded in time is escalated to the team; once the
// fix is released the final report is due 14 days later; `deadlines explain` shows each
// with how it was computed, and recording a notification made meets it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newGpgHome, type GpgHome } from '../helpers/gpg.js';
import { runCli, type CliResult } from '../helpers/intake-env.js';
import { plainMessage } from '../helpers/mail.js';
import { maildirInstall } from '../helpers/maildir-install.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const TEAM = 'security@example.com';
const REPORTER = 'rita@reporter.example';
let gpg: GpgHome;
let sink: SmtpSink;
let dir: string;
let config: string;
let seen = 0;
let id = '';

beforeAll(async () => {
  gpg = await newGpgHome();
  sink = await startSmtpSink();
  const team = await gpg.genKey(`Security Team <${TEAM}>`, 'cv25519', 'pw');
  const bob = await gpg.genKey('Bob <bob@example.com>', 'cv25519');
  dir = mkdtempSync(join(tmpdir(), 'sectriage-cra-'));
  // Only the acknowledgement besides the CRA milestones, so every mail below is the CRA's.
  writeFileSync(
    join(dir, 'cra-policy.yaml'),
    `name: cra-example
title: A manufacturer under the EU Cyber Resilience Act
milestones:
  acknowledge: { within: 48h, satisfiedBy: auto-acknowledgement, reminderLead: 12h, escalateTo: [team] }
cra: true
reporterNotices: []
`,
  );
  config = maildirInstall({
    dir,
    teamArmored: await gpg.exportSecret(team.fingerprint, 'pw'),
    passphrase: 'pw',
    smtpPort: sink.port,
    keyFiles: { 'bob.asc': await gpg.exportPublic(bob.fingerprint) },
    config: `policy: cra-policy.yaml
team:
  - { name: alice, email: alice@example.com }
  - { name: bob, email: bob@example.com, publicKey: bob.asc }
digest: { enabled: false }
`,
  });
  writeFileSync(
    join(dir, 'maildir', 'new', 'r1'),
    Buffer.concat([
      Buffer.from(`Return-Path: <${REPORTER}>\r\n`),
      plainMessage({ from: REPORTER, to: TEAM, subject: 'RCE in the upload handler, exploited in the wild', body: 'x\n' }),
    ]),
  );
}, 120_000);

afterAll(async () => {
  await sink?.stop();
  await gpg?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliResult> => runCli([...args, '--config', config]);

async function tick(at: string): Promise<string[]> {
  const r = await cli('tick', '--now', at);
  expect(r.code, r.stderr).toBe(0);
  const fresh = sink.messages.slice(seen);
  seen = sink.messages.length;
  return fresh.map(
    (m) => `${/^Subject: (.*)$/m.exec(m.raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' '))?.[1]?.replace(/\[SEC-[^\]]+\] /, '')} -> ${m.rcptTo.join(',')}`,
  );
}

async function explain(at: string): Promise<Array<{ milestone: string; due: string | null; state: string; steps: string[] }>> {
  const r = await cli('deadlines', 'explain', id, '--now', at, '--json');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { deadlines: Array<{ milestone: string; due: string | null; state: string; steps: string[] }> }).deadlines;
}

async function act(...args: string[]): Promise<void> {
  const r = await cli(...args);
  expect(r.code, r.stderr).toBe(0);
}

it('a report flagged exploited on a Friday evening gets the three CRA milestones, reminders and an escalation, and explain shows each', async () => {
  expect((await cli('run', '--once', '--now', '2026-11-20T17:30:00Z')).code).toBe(0);
  id = (JSON.parse((await cli('cases', 'list', '--json')).stdout) as Array<{ trackingId: string }>)[0]!.trackingId;
  seen = sink.messages.length; // the acknowledgement

  // Friday 20 Nov 2026, 18:00 UTC: the team learns it is exploited and flags it.
  await act('cases', 'set', id, '--flag', 'exploited', '--now', '2026-11-20T18:00:00Z');
  const first = await explain('2026-11-20T18:05:00Z');
  expect(first.slice(0, 3).map((d) => [d.milestone, d.due, d.state])).toEqual([
    ['cra_early_warning', '2026-11-21T18:00:00.000Z', 'due'],
    ['cra_notification', '2026-11-23T18:00:00.000Z', 'due'],
    ['cra_final_report', null, 'not_applicable'],
  ]);
  expect(first[0]?.steps[0]).toBe('flagged exploited 2026-11-20T18:00:00Z + 24h (EU CRA Art. 14) → 2026-11-21T18:00:00Z');
  expect(first[2]?.steps[0]).toMatch(/14 days after a fix is released .*no fix released yet/);
  expect(await tick('2026-11-20T18:05:00Z')).toEqual([]);

  // Saturday 12:00: the early warning's reminder (6 h before); 18:00: not recorded, escalated.
  expect(await tick('2026-11-21T12:00:00Z')).toEqual([
    'Reminder: CRA early warning (24 h) due Sat 21 Nov, 18:00 UTC -> alice@example.com',
    'Reminder: CRA early warning (24 h) due Sat 21 Nov, 18:00 UTC -> bob@example.com',
  ]);
  expect(await tick('2026-11-21T18:00:00Z')).toEqual([
    'OVERDUE: CRA early warning (24 h) was due Sat 21 Nov, 18:00 UTC -> alice@example.com',
    'OVERDUE: CRA early warning (24 h) was due Sat 21 Nov, 18:00 UTC -> bob@example.com',
  ]);
  // bob holds a key: his escalation carries the draft early warning, from what the case records;
  // alice's plain one says the draft is sent only encrypted.
  const [alicesMail, bobsMail] = sink.messages.slice(-2).map((m) => m.raw);
  const alices = (await simpleParser(alicesMail!)).text ?? '';
  expect(alices).toContain('A draft of this notification is sent only encrypted');
  expect(alices).not.toContain('EARLY WARNING');
  const armored = /-----BEGIN PGP MESSAGE-----[\s\S]*?-----END PGP MESSAGE-----/.exec(bobsMail!.toString('utf8'))?.[0];
  const text = (await simpleParser((await gpg.decrypt(armored!)).plaintext)).text ?? '';
  expect(text).toContain('EARLY WARNING of an actively exploited vulnerability (CRA Art. 14(2)(a))');
  expect(text).toContain('the manufacturer became aware on 2026-11-20T18:00:00.000Z');
  expect(text).toContain(`sectriage cases set ${id} --cra-notified early_warning`);
  expect(await tick('2026-11-21T18:01:00Z')).toEqual([]); // once

  // The team sends it at 19:00 and records it: met, late.
  await act('cases', 'set', id, '--cra-notified', 'early_warning', '--now', '2026-11-21T19:00:00Z');
  const ew = (await explain('2026-11-21T19:05:00Z')).find((d) => d.milestone === 'cra_early_warning');
  expect(ew?.state).toBe('met');
  expect(ew?.steps.at(-1)).toBe('met 2026-11-21T19:00:00Z: the team recorded the early warning as made (late)');

  // Sunday 18:00: the notification's reminder (24 h before); recorded Monday in time: no escalation.
  expect(await tick('2026-11-22T18:00:00Z')).toEqual([
    'Reminder: CRA vulnerability notification (72 h) due Mon 23 Nov, 18:00 UTC -> alice@example.com',
    'Reminder: CRA vulnerability notification (72 h) due Mon 23 Nov, 18:00 UTC -> bob@example.com',
  ]);
  await act('cases', 'set', id, '--cra-notified', 'notification', '--now', '2026-11-23T09:00:00Z');
  expect(await tick('2026-11-23T18:00:00Z')).toEqual([]);

  // The fix ships Wednesday 10:00: the final report is due 14 days later, reminded 3 days before.
  for (const [state, at] of [
    ['triaged', '2026-11-23T10:00:00Z'],
    ['fixing', '2026-11-24T10:00:00Z'],
    ['fix_released', '2026-11-25T10:00:00Z'],
  ])
    await act('cases', 'state', id, state as string, '--now', at as string);
  const fr = (await explain('2026-11-25T10:05:00Z')).find((d) => d.milestone === 'cra_final_report');
  expect([fr?.due, fr?.state]).toEqual(['2026-12-09T10:00:00.000Z', 'due']);
  expect(fr?.steps[0]).toBe('fix released 2026-11-25T10:00:00Z + 14 days (EU CRA Art. 14) → 2026-12-09T10:00:00Z');
  expect(await tick('2026-12-06T10:00:00Z')).toEqual([
    'Reminder: CRA final report (14 days after the fix) due Wed 09 Dec, 10:00 UTC -> alice@example.com',
    'Reminder: CRA final report (14 days after the fix) due Wed 09 Dec, 10:00 UTC -> bob@example.com',
  ]);
  expect(await tick('2026-12-09T10:00:00Z')).toEqual([
    'OVERDUE: CRA final report (14 days after the fix) was due Wed 09 Dec, 10:00 UTC -> alice@example.com',
    'OVERDUE: CRA final report (14 days after the fix) was due Wed 09 Dec, 10:00 UTC -> bob@example.com',
  ]);
});
