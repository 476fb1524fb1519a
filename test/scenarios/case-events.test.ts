// How events recorded by other stages move the deadlines, end to end through the CLI:
// a team reply (kind 'team_reply', as `cases reply` records it) meets the first response
// and restarts the status-update clock; a needs_info pause delays the next update by
// exactly its length; flagging the case exploited pulls cgx's disclosure in to 7 days,
// with an immediate reminder and an escalation when it passes. The events are appended
// directly with the shared appendEvent, as the stages that own them would.
import { maildirInstall } from '../helpers/maildir-install.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/open.js';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor, EventType } from '../../src/cases/model/events.js';
import { appendEvent, type EventInput } from '../../src/cases/store/event-log.js';
import { newGpgHome, type GpgHome } from '../helpers/gpg.js';
import { runCli, type CliResult } from '../helpers/intake-env.js';
import { plainMessage } from '../helpers/mail.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';

const TEAM = 'security@example.com';
const REPORTER = 'rita@reporter.example';
let gpg: GpgHome;
let sink: SmtpSink;
let dir: string;
let config: string;
let seen = 0;

beforeAll(async () => {
  gpg = await newGpgHome();
  sink = await startSmtpSink();
  const team = await gpg.genKey(`Security Team <${TEAM}>`, 'cv25519', 'pw');
  dir = mkdtempSync(join(tmpdir(), 'sectriage-events-'));
  config = maildirInstall({
    dir,
    teamArmored: await gpg.exportSecret(team.fingerprint, 'pw'),
    passphrase: 'pw',
    smtpPort: sink.port,
    config: `policy: cgx
team:
  - { name: alice, email: alice@example.com }
contacts: { backup: anelson@cgx.sh }
digest: { enabled: false }
`,
  });
  writeFileSync(
    join(dir, 'maildir', 'new', 'r1'),
    Buffer.concat([
      Buffer.from(`Return-Path: <${REPORTER}>\r\n`),
      plainMessage({ from: REPORTER, to: TEAM, subject: 'SSRF in the webhook tester', body: 'x\n' }),
    ]),
  );
}, 120_000);

afterAll(async () => {
  await sink?.stop();
  await gpg?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]): Promise<CliResult> => runCli(args);

function record(at: string, actor: Actor, type: EventType, data: Record<string, unknown>): void {
  const db = openDatabase(join(dir, 'state.db'));
  try {
    db.transaction(() => appendEvent(db, { caseId: 1, at, actor, type, data } as EventInput))();
    if (type === 'state_changed') db.prepare('UPDATE cases SET state = ? WHERE id = 1').run(data.to);
  } finally {
    db.close();
  }
}

async function tick(at: string): Promise<string[]> {
  const r = await cli(['tick', '--config', config, '--now', at]);
  expect(r.code, r.stderr).toBe(0);
  const fresh = sink.messages.slice(seen);
  seen = sink.messages.length;
  return fresh.map(
    (m) => `${/^Subject: (.*)$/m.exec(m.raw.toString('utf8').replace(/\r?\n[ \t]+/g, ' '))?.[1]?.replace(/\[SEC-[^\]]+\] /, '')} -> ${m.rcptTo.join(',')}`,
  );
}

async function due(at: string, milestone: string): Promise<{ due: string; state: string; steps: string[] }> {
  const r = await cli(['deadlines', 'explain', 'SEC', '--config', config, '--now', at, '--json'].map((a) => (a === 'SEC' ? trackingId : a)));
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { deadlines: Array<{ milestone: string; due: string; state: string; steps: string[] }> }).deadlines.find(
    (d) => d.milestone === milestone,
  )!;
}

let trackingId = '';

it('team replies, pauses and the exploited flag move the deadlines and the mail that follows', async () => {
  expect((await cli(['run', '--once', '--config', config, '--now', '2026-11-20T18:00:00Z'])).code).toBe(0);
  trackingId = (JSON.parse((await cli(['cases', 'list', '--config', config, '--json'])).stdout) as Array<{ trackingId: string }>)[0]!.trackingId;
  seen = sink.messages.length; // the acknowledgement

  // A team reply on Monday meets the first response: no reminder, no escalation on Tuesday/Wednesday.
  record('2026-11-23T10:00:00.000Z', 'cli:alice', 'mail_sent', { outboxId: 999, kind: 'team_reply', messageId: '<reply@example.com>' });
  expect(await tick('2026-11-24T18:00:00Z')).toEqual([]);
  expect(await tick('2026-11-25T18:00:00Z')).toEqual([]);
  expect((await due('2026-11-25T18:00:00Z', 'firstResponse')).state).toBe('met');

  // The status-update clock restarted at the reply: nothing on Nov 27, the update on Nov 30 10:00.
  expect((await due('2026-11-27T18:00:00Z', 'statusUpdate')).due).toBe('2026-11-30T10:00:00.000Z');
  expect(await tick('2026-11-27T18:00:00Z')).toEqual([]);
  expect(await tick('2026-11-30T10:00:00Z')).toEqual(['Status update on your security report -> rita@reporter.example']);

  // Waiting on the reporter for two days moves the next update (Dec 7 10:00) to Dec 9 10:00.
  record('2026-12-01T00:00:00.000Z', 'cli:alice', 'state_changed', { from: 'received', to: 'needs_info' });
  record('2026-12-03T00:00:00.000Z', 'reporter:rita', 'state_changed', { from: 'needs_info', to: 'triaged' });
  const su = await due('2026-12-07T10:00:00Z', 'statusUpdate');
  expect(su.due).toBe('2026-12-09T10:00:00.000Z');
  expect(su.steps.join('\n')).toContain('paused (waiting on the reporter) 2026-12-01T00:00:00Z to 2026-12-03T00:00:00Z: +2d');
  expect(await tick('2026-12-07T10:00:00Z')).toEqual([]);
  expect(await tick('2026-12-09T10:00:00Z')).toEqual(['Status update on your security report -> rita@reporter.example']);
  const update = await simpleParser(sink.messages.at(-1)!.raw);
  expect(update.text).toContain('Current status: triaged: the team has confirmed it is looking at it.');
  // the pause moved the resolution target too: Feb 18 + 2 days
  expect(update.text).toContain('Next date our policy promises: Resolution target, by Sat, 20 Feb 2027, 18:00 UTC (2027-02-20T18:00Z).');

  // Exploited in the wild: disclosure is due 7 days after the flag; its 14-day reminder is already due.
  record('2026-12-10T00:00:00.000Z', 'cli:alice', 'flag_set', { flag: 'exploited', value: true });
  expect((await due('2026-12-10T00:01:00Z', 'disclosure')).due).toBe('2026-12-17T00:00:00.000Z');
  expect(await tick('2026-12-10T00:01:00Z')).toEqual([`Reminder: Public disclosure (at the latest) due Thu 17 Dec, 00:00 UTC -> alice@example.com`]);
  expect(await tick('2026-12-10T00:02:00Z')).toEqual([]);
  // ...and the weekly update (Dec 9 + 7 days) has come due as well
  expect(await tick('2026-12-17T00:00:00Z')).toEqual([
    'Status update on your security report -> rita@reporter.example',
    'OVERDUE: Public disclosure (at the latest) was due Thu 17 Dec, 00:00 UTC -> alice@example.com',
  ]);
  expect(await tick('2026-12-17T00:00:00Z')).toEqual([]);
});
