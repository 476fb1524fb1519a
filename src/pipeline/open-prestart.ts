/**
 * Open workers started before a command has loaded its own modules (`run --once`, set
 * off by cli/main.ts). A worker takes ~0.45 s to load its modules and the main thread
 * about as long to load the command's; started here, the two loads run side by side on
 * two cores instead of one after the other (the pool used to start its workers only
 * once the Maildir pass had found a backlog), and the first messages of a backlog find
 * a worker ready (issue 11).
 * A prestarted worker waits for its configuration (open-worker.ts) and holds the
 * process open only once the pool adopts it (open-pool.ts): a command that fails first,
 * or a config that wants fewer workers, leaves the rest to end with the process. One that
 * fails before it is adopted is dropped; the pool then starts a fresh one, whose failure
 * it reports. Trust: nothing from outside reaches here.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DEFAULTS } from '../limits.js';

interface Prestarted {
  worker: Worker;
  failed: boolean;
  drop(): void;
}

const waiting: Prestarted[] = [];

/** How many open workers a run uses (config `workers`; by default one per core the main thread leaves, up to a limit). */
export function workerCount(configured: number | undefined, cores = availableParallelism()): number {
  return configured ?? Math.min(Math.max(cores - 1, 0), DEFAULTS.openWorkersMax);
}

/** Starts the default number of open workers, unconfigured. */
export function prestartOpenWorkers(count = workerCount(undefined)): void {
  for (let i = 0; i < count; i++) {
    const worker = new Worker(new URL('./open-worker.js', import.meta.url), { workerData: { prestarted: true } });
    const p: Prestarted = { worker, failed: false, drop: () => (p.failed = true) };
    worker.on('error', p.drop);
    worker.on('exit', p.drop);
    worker.unref();
    waiting.push(p);
  }
}

/** A prestarted worker still alive, now holding the process open; undefined when none is left. */
export function adoptPrestarted(): Worker | undefined {
  for (let p = waiting.shift(); p; p = waiting.shift()) {
    p.worker.off('error', p.drop);
    p.worker.off('exit', p.drop);
    if (p.failed) continue;
    p.worker.ref();
    return p.worker;
  }
  return undefined;
}

/** How many prestarted workers wait to be adopted (tests). */
export function prestartedWaiting(): number {
  return waiting.filter((p) => !p.failed).length;
}
