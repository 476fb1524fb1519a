// The metrics endpoint as Prometheus scrapes it: the daemon serves it on loopback
// (metrics.listen) beside a real Dovecot; after a report that opens and one encrypted to
// a key we lack, the queues, hold codes, the last IMAP pass and backup show in it.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { intakeEnv, REPORTER, TEAM, until, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';
import { freePort } from './helpers/smtp-sink.js';

let env: IntakeEnv;
let port: number;

beforeAll(async () => {
  port = await freePort();
  env = await intakeEnv({ extraConfig: `metrics:\n  listen: 127.0.0.1:${port}\n` });
}, 120_000);
afterAll(async () => env?.close());

const scrape = async (): Promise<string> => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const value = (text: string, series: string): number => {
  const v = new RegExp(`^${series.replace(/[{}"=.]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1];
  return v === '+Inf' ? Infinity : Number(v);
};

it('serves queue sizes, hold codes, the last IMAP pass, the last backup and the key expiry', async () => {
  const daemon = env.spawnDaemon();
  try {
    await until('metrics listening', () => daemon.output().includes('metrics: listening'), 30_000);
    const before = Date.now() / 1000;
    await env.dovecot.append(
      Buffer.concat([Buffer.from(`Return-Path: <${REPORTER}>\r\n`), plainMessage({ from: REPORTER, to: TEAM, subject: 'XSS', body: 'in the search box' })]),
    );
    // A PGP message for a key the team does not hold: held as PGP_NO_KEY.
    const stranger = await env.gpg.genKey('Stranger <s@example.org>', 'cv25519');
    const cipher = (await env.gpg.encrypt('for someone else\n', [stranger.fingerprint])).toString();
    await env.dovecot.append(
      Buffer.from(
        `Return-Path: <${REPORTER}>\r\nFrom: ${REPORTER}\r\nTo: ${TEAM}\r\nSubject: enc\r\nMessage-ID: <m2@example.org>\r\n\r\n${cipher.replace(/\n/g, '\r\n')}`,
      ),
    );
    const text: string = await until('both messages taken', async () => {
      const t = await scrape();
      return value(t, 'sectriage_held_messages{code="PGP_NO_KEY"}') >= 1 && value(t, 'sectriage_last_imap_pass_timestamp_seconds') >= before ? t : '';
    });
    expect(text).toMatch(/^# TYPE sectriage_spool_entries gauge$/m);
    expect(value(text, 'sectriage_spool_entries{state="incoming"}')).toBe(0);
    expect(value(text, 'sectriage_team_key_expiry_days')).toBeGreaterThan(0);
    expect(value(text, 'sectriage_last_backup_timestamp_seconds')).toBe(0);
    expect((await env.cli(['backup', '--config', env.configPath, '--to', join(env.dir, 'b.db')])).code).toBe(0);
    expect(value(await scrape(), 'sectriage_last_backup_timestamp_seconds')).toBeGreaterThanOrEqual(Math.floor(before));
    // Only /metrics is answered, and nothing of a report is in it.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    expect(text).not.toMatch(/search box|XSS/);
  } finally {
    daemon.kill('SIGTERM');
  }
});
