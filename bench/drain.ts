// Backlog drain: N PGP/MIME reports waiting in a Maildir, `sectriage run --once` until
// the last acknowledgement has reached the SMTP sink, against (1) gpg --decrypt one
// process per message and (2) openpgp.js decrypting in-process, one message at a time,
// both on the same ciphertexts in the same run. Then 300 more reports on top of 3,000
// cases: the cost per report must not grow with the number of cases.
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as openpgp from 'openpgp';
import Database from 'better-sqlite3';
import type { KeyAlgo } from '../test/helpers/gpg.js';
import { ciphertextOf, encryptedReports } from './corpus.js';
import { install, PASSPHRASE, TEAM, teamKey, timeCli, type Install, type TeamKey } from './install.js';
import type { Report, Section } from './report.js';

const N = Number(process.env.BENCH_DRAIN_N ?? 300);
const FILL = Number(process.env.BENCH_DRAIN_FILL ?? 3000);
/** Odd, so that the median is one of the runs; at least 1. */
const ROUNDS = Math.max(1, Math.floor(Number(process.env.BENCH_DRAIN_ROUNDS ?? 3)) | 1);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;

/**
 * Puts the messages into the Maildir, runs `run --once`, checks every report got a case and an ack; msgs/s until the
 * last ack reached the SMTP sink (the issue's measure, "run --once until the last ack") and until the process exited
 * (which adds the deadline sweep of the new cases and the workers' shutdown after the last ack).
 */
async function drain(inst: Install, mails: Buffer[], tag: string): Promise<{ ack: number; exit: number }> {
  mails.forEach((m, k) => writeFileSync(join(inst.maildir, 'new', `${tag}-${String(k).padStart(6, '0')}.bench`), m));
  const before = inst.sink.messages.length;
  const casesBefore = countCases(inst);
  const started = Date.now();
  const { ms } = await timeCli(['run', '--once', '--config', inst.configPath]);
  const sent = inst.sink.messages.slice(before);
  const made = countCases(inst) - casesBefore;
  if (made !== mails.length || sent.length < mails.length) throw new Error(`drain ${tag}: ${made} cases and ${sent.length} mails for ${mails.length} reports`);
  const lastAck = Math.max(...sent.map((m) => m.receivedAt.getTime()));
  return { ack: mails.length / (Math.max(1, lastAck - started) / 1000), exit: mails.length / (ms / 1000) };
}

function countCases(inst: Install): number {
  try {
    const db = new Database(join(inst.dir, 'state', 'sectriage.db'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // no database before the first run
  }
}

async function gpgRate(key: TeamKey, mails: Buffer[]): Promise<number> {
  const t0 = performance.now();
  for (const m of mails) await key.gpg.decrypt(ciphertextOf(m), { passphrase: PASSPHRASE });
  return mails.length / ((performance.now() - t0) / 1000);
}

async function openpgpRate(key: TeamKey, mails: Buffer[]): Promise<number> {
  const privateKey = await openpgp.decryptKey({ privateKey: await openpgp.readPrivateKey({ armoredKey: key.armoredSecret }), passphrase: PASSPHRASE });
  const t0 = performance.now();
  for (const m of mails) {
    const message = await openpgp.readMessage({ armoredMessage: ciphertextOf(m) });
    await openpgp.decrypt({ message, decryptionKeys: privateKey, format: 'binary' });
  }
  return mails.length / ((performance.now() - t0) / 1000);
}

async function drainFor(report: Report, algo: KeyAlgo, goalVsGpg: number, withFill: boolean): Promise<void> {
  const key = await teamKey(algo);
  try {
    const mails = await encryptedReports(key.gpg, key.fpr, `${algo}-${key.fpr.slice(-8)}`, TEAM, 0, N);
    // One run of each is as noisy as this machine (±20% from run to run): the runs are taken in
    // turn (gpg, openpgp.js, a fresh install drained) so that a slow spell of the machine weighs
    // on all three alike, and each ratio is the median of the rounds' own ratios. The last
    // install goes on to the fill.
    const runs = { gpg: [] as number[], js: [] as number[], ours: [] as number[], exit: [] as number[] };
    let inst: Install | undefined;
    try {
      for (let r = 0; r < ROUNDS; r++) {
        runs.gpg.push(await gpgRate(key, mails));
        runs.js.push(await openpgpRate(key, mails));
        await inst?.close();
        inst = undefined;
        inst = await install(key);
        const d = await drain(inst, mails, 'first');
        runs.ours.push(d.ack);
        runs.exit.push(d.exit);
      }
      const [gpg, js, rate] = [median(runs.gpg), median(runs.js), median(runs.ours)];
      const cores = Math.min(2, availableParallelism());
      const perRound = (base: number[], scale = 1): number => median(runs.ours.map((o, i) => o / ((base[i] as number) * scale)));
      report.figure(`${algo}: drain ${N} reports until the last ack (msgs/s, median of ${ROUNDS})`, rate, '/s');
      report.note(`until the process exited (the sweep of the new cases and shutdown after the last ack): ${median(runs.exit).toFixed(1)}/s`);
      report.ratio(`${algo}: drain vs gpg per process`, perRound(runs.gpg), {
        atLeast: goalVsGpg,
        baseline: `gpg --decrypt per message: ${gpg.toFixed(1)}/s (medians)`,
      });
      report.ratio(`${algo}: drain vs openpgp.js x ${cores} cores`, perRound(runs.js, cores), {
        atLeast: 0.7,
        baseline: `openpgp.js decrypt only, one core: ${js.toFixed(1)}/s`,
      });
      if (!withFill) return;
      const fill = await encryptedReports(key.gpg, key.fpr, `${algo}-${key.fpr.slice(-8)}`, TEAM, N, FILL - N);
      const filled = await drain(inst!, fill, 'fill');
      const fillRate = filled.ack;
      report.note(`filled to ${FILL} cases at ${fillRate.toFixed(1)} reports/s until the last ack (${filled.exit.toFixed(1)}/s until exit)`);
      // The same drain on a longer backlog: a run's fixed cost (start-up ~0.6 s, workers loading and their
      // code warming ~1 s, the last acks) weighs on 300 reports and hardly on 2,700, where the rate is the steady one.
      report.ratio(`${algo}: drain of ${FILL - N} reports vs gpg per process`, fillRate / gpg, {
        atLeast: goalVsGpg,
        baseline: `${fillRate.toFixed(1)}/s vs gpg --decrypt per message ${gpg.toFixed(1)}/s`,
      });
      const more = await encryptedReports(key.gpg, key.fpr, `${algo}-${key.fpr.slice(-8)}`, TEAM, FILL, N);
      const late = (await drain(inst!, more, 'late')).ack;
      report.ratio(`${algo}: ${N} reports on ${FILL} cases vs on none`, late / rate, {
        atLeast: 0.8,
        baseline: `${late.toFixed(1)}/s vs ${rate.toFixed(1)}/s`,
      });
    } finally {
      await inst?.close();
    }
  } finally {
    await key.gpg.cleanup();
  }
}

export const drainSection: Section = {
  name: 'drain',
  title: `backlog of ${N} PGP/MIME reports, run --once until the last ack, against gpg and openpgp.js on the same ciphertexts`,
  async run(report) {
    await drainFor(report, 'cv25519', 1.5, true);
    await drainFor(report, 'rsa4096', 2, false);
  },
};
