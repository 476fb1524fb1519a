// A large installation: 100,000 cases with ~1,000,000 events (seed-db.ts). Measures one
// deadline sweep (a daemon tick a minute after the last), building the digest, and the
// two team views, `cases list --overdue` and `cases show`, each two ways: in-process (the
// same functions the CLI command calls, on the database opened read-only) and as the
// real CLI process (`node bin/sectriage.js`, wall time, nothing subtracted). Then the
// CLI's cold start: `cases list` on 10,000 cases. Baseline for the processes: `node -e ''`
// in this same run, which no CLI can beat.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { appendEvent } from '../src/cases/store/event-log.js';
import { loadConfig, type Config } from '../src/config/load.js';
import { openDatabase, openFileReadOnly, type Db } from '../src/db/open.js';
import { keyFileFor } from '../src/seal/kek-file.js';
import { sealExistingContent } from '../src/seal/seal-existing.js';
import { sealerOf } from '../src/seal/sealer.js';
import { buildDigest } from '../src/deadlines/digest.js';
import { digestTotal } from '../src/outbox/templates-deadlines.js';
import { digestCases, sweep, type SweepDeps } from '../src/deadlines/sweep.js';
import { silentLogger } from '../src/log.js';
import { loadPolicy } from '../src/policy/load.js';
import type { Policy } from '../src/policy/schema.js';
import { caseShowView } from '../src/cli/case-show.js';
import { caseListView } from '../src/cli/case-views.js';
import { overdueCases } from '../src/deadlines/current.js';
import { REPO, timeCli } from './install.js';
import { percentile, type Report, type Section } from './report.js';
import { SEED_NOW, seededDb } from './seed-db.js';

const BIG = Number(process.env.BENCH_DB_CASES ?? 100_000);
const SMALL = Number(process.env.BENCH_DB_SMALL_CASES ?? 10_000);
const ROUNDS = Number(process.env.BENCH_DB_ROUNDS ?? 5);
const MINUTE = 60_000;
/** Open cases changed in the busy minute before one measured tick. */
const BUSY = 200;

/**
 * The bench's policies by name, from the repository's presets (the compiled bench has no
 * config/ of its own); loaded once, as the daemon loads its policies once at start-up.
 */
const cache = new Map<string, Policy>();
function policyFor(name: string): Policy {
  let p = cache.get(name);
  if (!p) cache.set(name, (p = loadPolicy(join(REPO, 'config', 'policies', `${name}.yaml`))));
  return p;
}

function writeConfig(dir: string, database: string, name: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `smtp:
  from: Example Security <security@example.com>
  host: 127.0.0.1
  port: 2525
  secure: false
database: ${database}
keys:
  dir: keys
  teamPrivateKey: team.asc
policy: cgx
timezone: UTC
team:
  - { name: alice, email: alice@example.com }
  - { name: bob, email: bob@example.com }
  - { name: carol, email: carol@example.com }
contacts:
  backup: backup@example.org
`,
  );
  return file;
}

function deps(db: Db, config: Config, now: Date): SweepDeps {
  return { db, config, policyFor, teamAddress: 'security@example.com', teamFingerprint: 'AB'.repeat(20), log: silentLogger, now };
}

/** What the running daemon leaves behind: its deadline sweep has run (through the real code) at SEED_NOW. */
function finishSeed(config: Config): (path: string) => void {
  return (path) => {
    // Opened as the daemon opens it (WAL, synchronous NORMAL, foreign keys, statement cache); the schema is
    // already there. The rows written by SQL are sealed as a database from before sealing is on its first open.
    const db = openDatabase(path, { migrate: false });
    sealExistingContent(db, sealerOf(db), SEED_NOW);
    sweep(deps(db, config, SEED_NOW));
    db.close();
  };
}

function median(samples: number[]): number {
  return percentile(samples, 50);
}

function timed<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

async function processMs(args: string[]): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) out.push((await timeCli(args)).ms);
  return out;
}

function nodeStartMs(): number[] {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '']);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Sweeps a minute apart, as the daemon's ticks come; the median of ROUNDS ticks. */
function measureSweep(report: Report, db: Db, config: Config): void {
  const ms: number[] = [];
  let acted = 0;
  let cases = 0;
  for (let k = 1; k <= ROUNDS; k++) {
    const { ms: t, value } = timed(() => sweep(deps(db, config, new Date(SEED_NOW.getTime() + k * MINUTE))));
    ms.push(t);
    acted += value.reminders + value.escalations + value.reporterUpdates + value.digests;
    cases += value.cases;
  }
  report.figure('deadline sweep, one tick (median of 5)', median(ms), ' ms', { atMost: 100, baseline: `max ${Math.max(...ms).toFixed(0)} ms` });
  report.note(`the ${ROUNDS} ticks recomputed ${cases} case(s) in all and queued ${acted} action(s)`);
  // A busy minute: the sender sent a status update on many open cases (events the engine reads), so the next tick computes those cases.
  const at = new Date(SEED_NOW.getTime() + (ROUNDS + 1) * MINUTE);
  const changed = db.prepare("SELECT id FROM cases WHERE state != 'closed' ORDER BY id DESC LIMIT ?").all(BUSY) as Array<{ id: number }>;
  db.transaction(() => {
    for (const { id } of changed)
      appendEvent(db, {
        caseId: id,
        at: at.toISOString(),
        actor: 'system',
        type: 'mail_sent',
        data: { outboxId: 0, kind: 'status_update', messageId: '<bench@example.com>' },
      });
  })();
  const busy = timed(() => sweep(deps(db, config, new Date(at.getTime() + 30_000))));
  report.note(
    `a tick after ${changed.length} open cases had a status update sent: ${busy.ms.toFixed(0)} ms, ${busy.value.cases} cases computed (${(busy.ms / Math.max(1, busy.value.cases)).toFixed(2)} ms each)`,
  );
}

function measureDigest(report: Report, db: Db, config: Config): void {
  const ms: number[] = [];
  let counts = '';
  for (let k = 0; k < ROUNDS; k++) {
    const d = deps(db, config, new Date(SEED_NOW.getTime() + 10 * MINUTE));
    // The daily digest: its new cases are those of the day before (the seed's own digest went out at SEED_NOW).
    const since = new Date(d.now.getTime() - 24 * 60 * MINUTE);
    const { ms: t, value } = timed(() => buildDigest(digestCases(d, since), d.now, since));
    ms.push(t);
    // The whole lists' counts, and how many items each list keeps (deadlines/digest.ts cuts them).
    counts = `${digestTotal(value, 'overdue')} overdue, ${digestTotal(value, 'waiting')} waiting (${value.overdue.length} and ${value.waiting.length} listed), ${value.newCases.length} new, SLA over ${value.sla.map((s) => s.cases).join('/')} cases`;
  }
  report.figure('digest: cases, deadlines and figures (median of 5)', median(ms), ' ms', { atMost: 100, baseline: counts });
}

async function measureViews(report: Report, path: string, configFile: string, nodeMs: number): Promise<void> {
  const now = new Date(SEED_NOW.getTime() + 10 * MINUTE).toISOString();
  const db = openFileReadOnly(path, keyFileFor(path));
  const id = (db.prepare("SELECT tracking_id AS t FROM cases WHERE state = 'fixing' ORDER BY id DESC LIMIT 1").get() as { t: string }).t;
  const list: number[] = [];
  const show: number[] = [];
  let listed = 0;
  for (let k = 0; k < ROUNDS; k++) {
    list.push(timed(() => (listed = caseListView(db, {}, (d) => overdueCases({ db: d, policyFor, now: new Date(now) })).split('\n').length - 2)).ms);
    show.push(timed(() => caseShowView(db, id, policyFor, new Date(now), 'UTC')).ms);
  }
  db.close();
  report.figure('cases list --overdue, in-process (median of 5)', median(list), ' ms', { atMost: 100, baseline: `${listed} overdue cases listed` });
  report.figure('cases show, in-process (median of 5)', median(show), ' ms', { atMost: 100, baseline: `${id}` });
  const listProc = median(await processMs(['cases', 'list', '--overdue', '--now', now, '--config', configFile]));
  const showProc = median(await processMs(['cases', 'show', id, '--now', now, '--config', configFile]));
  // The goal is held against the in-process figures above; these are whole processes, Node's own start included.
  report.figure('cases list --overdue, whole CLI process', listProc, ' ms', { baseline: `node -e '' ${nodeMs.toFixed(0)} ms; 100 ms goal is for the query` });
  report.figure('cases show, whole CLI process', showProc, ' ms', { baseline: `node -e '' ${nodeMs.toFixed(0)} ms; 100 ms goal is for the query` });
}

export const dbScale: Section = {
  name: 'db-scale',
  title: `${BIG.toLocaleString('en')} cases: deadline sweep, digest, cases list --overdue, cases show; CLI cold start on ${SMALL.toLocaleString('en')} cases`,
  async run(report) {
    const dir = mkdtempSync(join(tmpdir(), 'sectriage-bench-db-'));
    try {
      const config = loadConfig(writeConfig(dir, join(dir, 'unused.db'), 'seed'));
      const big = seededDb(BIG, dir, finishSeed(config));
      report.note(
        `${big.cases} cases (${big.open} open), ${big.events} events; ${big.seedSeconds === null ? 'seeded file from the cache' : `seeded in ${big.seedSeconds.toFixed(1)} s (rows by SQL, then the real sweep over every case)`}`,
      );
      const db = openDatabase(big.path, { migrate: false });
      measureSweep(report, db, config);
      measureDigest(report, db, config);
      db.close();
      const nodeMs = median(nodeStartMs());
      await measureViews(report, big.path, writeConfig(dir, big.path, 'big'), nodeMs);
      const small = seededDb(SMALL, dir, finishSeed(config));
      const smallConfig = writeConfig(dir, small.path, 'small');
      // `cases list` lists the cases not closed (as a tracker lists open issues); --all lists every case, each
      // subject opened with its own case's key: both are printed, the goal is held to the command as typed.
      const cold = median(await processMs(['cases', 'list', '--config', smallConfig]));
      report.figure(`CLI cold start: cases list on ${small.cases} cases (median of 5)`, cold, ' ms', {
        atMost: 300,
        baseline: `node -e '' ${nodeMs.toFixed(0)} ms; ${small.open} cases not closed listed`,
      });
      const all = median(await processMs(['cases', 'list', '--all', '--config', smallConfig]));
      report.figure(`cases list --all: every one of ${small.cases} cases (median of 5)`, all, ' ms', {
        baseline: `node -e '' ${nodeMs.toFixed(0)} ms`,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
