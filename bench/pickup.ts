// Pickup latency on IDLE: APPEND to Dovecot -> the acknowledgement at the SMTP sink, with
// the daemon's poll timer set to 5 minutes so only IDLE can wake it, against Dovecot's own
// announcement of the same APPEND to a bare imapflow client in IDLE (the floor no IMAP
// client can beat). Measured again after Dovecot drops every connection (a reconnect).
import { performance } from 'node:perf_hooks';
import { ImapFlow } from 'imapflow';
import { intakeEnv, type IntakeEnv } from '../test/helpers/intake-env.js';
import { sleep } from '../test/helpers/proc.js';
import { encryptedReports, senderOf } from './corpus.js';
import { percentile, type Section } from './report.js';

const ROUNDS = Number(process.env.BENCH_PICKUP_ROUNDS ?? 15);

/**
 * APPEND -> EXISTS seen by a bare client idling on another mailbox, ms per round. Like
 * any client that takes mail, it leaves IDLE to fetch what was announced and goes back
 * into IDLE: Dovecot announces the first change of a fresh IDLE ~0.5 s after it (its
 * change-notification delay), later ones of a long-lived IDLE sooner, so a client that
 * never leaves IDLE would measure a floor no taker of mail can reach.
 */
async function bareIdle(env: IntakeEnv, raw: Buffer): Promise<number[]> {
  const { host, port, user, pass } = env.dovecot;
  await env.dovecot.withClient((c) => c.mailboxCreate('Baseline').then(() => undefined));
  const client = new ImapFlow({ host, port, secure: false, auth: { user, pass }, logger: false });
  await client.connect();
  try {
    await client.mailboxOpen('Baseline');
    let seen: (() => void) | null = null;
    client.on('exists', () => seen?.());
    void client.idle();
    const out: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const arrived = new Promise<void>((r) => (seen = r));
      const t0 = performance.now();
      await env.dovecot.append(raw, 'Baseline');
      await arrived;
      out.push(performance.now() - t0);
      await client.fetchOne('*', { uid: true, envelope: true });
      void client.idle();
      await sleep(200);
    }
    return out;
  } finally {
    await client.logout().catch(() => undefined);
  }
}

/** APPEND of report i -> its acknowledgement at the sink, ms per round. */
async function daemonPickup(env: IntakeEnv, reports: Buffer[], from: number, output: () => string): Promise<number[]> {
  const out: number[] = [];
  for (let i = from; i < from + ROUNDS; i++) {
    const before = env.sink.messages.length;
    const t0 = performance.now();
    await env.dovecot.append(reports[i]!);
    await env.sink.waitFor(before + 1, 30_000).catch((e: Error) => {
      console.error(output()); // the daemon's warnings say why no ack came
      throw e;
    });
    out.push(performance.now() - t0);
    await sleep(200);
  }
  return out;
}

const p = (xs: number[]): string => `p50 ${percentile(xs, 50).toFixed(0)} ms / p95 ${percentile(xs, 95).toFixed(0)} ms`;

export const pickup: Section = {
  name: 'pickup',
  title: `APPEND -> ack at the SMTP sink with the daemon on IDLE (poll every 300 s), ${ROUNDS} reports, against Dovecot's bare IDLE announcement`,
  async run(report) {
    const env = await intakeEnv({ pollIntervalSeconds: 300 });
    const daemon = env.spawnDaemon([], { SECTRIAGE_LOG_LEVEL: 'warn' });
    try {
      // Reports carry Return-Path (corpus.ts) and a sender each: RFC 3834 limits replies per sender.
      const reports = await encryptedReports(env.gpg, env.teamFpr, `pickup-${env.teamFpr.slice(-8)}`, 'security@example.com', 0, 2 * ROUNDS);
      const floor = await bareIdle(env, reports[0]!);
      await sleep(1000); // the daemon is in IDLE by now
      const first = await daemonPickup(env, reports, 0, daemon.output);
      report.figure('pickup on IDLE, p50 above the bare announcement', percentile(first, 50) - percentile(floor, 50), ' ms', {
        atMost: 100,
        baseline: `bare IDLE ${p(floor)}; sectriage ${p(first)}`,
      });
      await env.dovecot.kickConnections();
      await sleep(3000); // reconnect backoff starts at 1 s
      const after = await daemonPickup(env, reports, ROUNDS, daemon.output);
      report.figure('after a reconnect, p50 above the bare announcement', percentile(after, 50) - percentile(floor, 50), ' ms', {
        atMost: 100,
        baseline: `sectriage ${p(after)}`,
      });
      report.note(`senders ${senderOf(0)} .. ${senderOf(2 * ROUNDS - 1)}`);
    } finally {
      if (daemon.exitCode === null && daemon.signalCode === null) {
        const exited = new Promise((r) => daemon.once('exit', r));
        daemon.kill('SIGTERM');
        await exited;
      }
      await env.close();
    }
  },
};
