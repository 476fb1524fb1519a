// The daemon (`run` without --once, real clock, node-cron timers) sweeps deadlines at
// start-up: a deadline that passed while it was down is escalated as soon as it starts,
// and a restart does not escalate it again. Nothing here sleeps: the test waits for the
// mail at the sink and for the restarted daemon's sweep to be visible in the database.
import { maildirInstall } from './helpers/maildir-install.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { newGpgHome } from './helpers/gpg.js';
import { CLI, until } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';
import { startSmtpSink } from './helpers/smtp-sink.js';

const TEAM = 'security@example.com';
const REPORTER = 'rita@reporter.example';
const dir = mkdtempSync(join(tmpdir(), 'sectriage-daemon-deadlines-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<number | null> {
  return new Promise((resolve) => spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' }).on('close', resolve));
}

function daemon(config: string): ChildProcess {
  const c = spawn(process.execPath, [CLI, 'run', '--config', config], {
    env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(c);
  return c;
}

function stop(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    c.on('close', () => resolve());
    c.kill('SIGTERM');
  });
}

// A daemon's start (workers, key unlock, first sweep) took over 20 s once on a loaded 2-core CI host:
// the waits allow for that, and the test for two of them.
const DAEMON_WAIT_MS = 45_000;

it('escalates at start-up what fell due during downtime, and not again after a restart', async () => {
  const gpg = await newGpgHome();
  const sink = await startSmtpSink();
  try {
    const team = await gpg.genKey(`Security Team <${TEAM}>`, 'cv25519', 'pw');
    const config = maildirInstall({
      dir,
      teamArmored: await gpg.exportSecret(team.fingerprint, 'pw'),
      passphrase: 'pw',
      smtpPort: sink.port,
      config: `policy: generic-template
team:
  - { name: alice, email: alice@example.com }
digest: { enabled: false }
`,
    });
    // The report came in three days ago (real time): its 48-hour first response is overdue now.
    const arrived = new Date(Date.now() - 3 * 86_400_000).toISOString();
    writeFileSync(
      join(dir, 'maildir', 'new', 'r1'),
      Buffer.concat([Buffer.from(`Return-Path: <${REPORTER}>\r\n`), plainMessage({ from: REPORTER, to: TEAM, subject: 'XSS', body: 'x\n' })]),
    );
    expect(await runCli(['run', '--once', '--config', config, '--now', arrived])).toBe(0);
    const escalations = () => sink.messages.filter((m) => /Subject: \[SEC-[^\]]+\] OVERDUE: First response/.test(m.raw.toString('utf8')));
    expect(escalations()).toHaveLength(0);

    const first = daemon(config);
    await until('the start-up sweep to escalate', () => escalations().length === 1, DAEMON_WAIT_MS);
    await stop(first);

    const restartedAt = new Date().toISOString();
    const second = daemon(config);
    const db = new Database(join(dir, 'state.db'), { readonly: true });
    try {
      await until(
        'the restarted daemon to sweep',
        // The sweep's own mark: rows it computes again unchanged keep their computed_at (deadlines/store.ts saveDeadlines).
        () => ((db.prepare("SELECT value FROM settings WHERE key = 'deadline_sweep_last'").get() as { value: string } | undefined)?.value ?? '') >= restartedAt,
        DAEMON_WAIT_MS,
      );
    } finally {
      db.close();
    }
    await until('the outbox to be drained', () => {
      const d = new Database(join(dir, 'state.db'), { readonly: true });
      try {
        return (d.prepare("SELECT count(*) AS n FROM outbox WHERE state != 'sent'").get() as { n: number }).n === 0;
      } finally {
        d.close();
      }
    });
    await stop(second);
    expect(escalations()).toHaveLength(1);
    expect(escalations()[0]!.rcptTo).toEqual(['alice@example.com']);
  } finally {
    await sink.stop();
    await gpg.cleanup();
  }
}, 150_000);
