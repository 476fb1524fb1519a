/**
 * A pool of open workers (open-worker.ts): each message of a backlog is decrypted and
 * parsed on another core while the main thread records the one before it; the replies
 * the recording queues are rendered (signed, encrypted) there too, while it goes on. Jobs go to
 * the worker with the fewest in hand. A worker that dies fails only the jobs it held
 * (they count as failed attempts, like any processing failure, and a message that kills
 * workers every time ends up held); a fresh one takes its place. A pool whose workers
 * cannot even start (a config or key problem they alone hit) says so once and steps
 * aside: `open` then gives undefined and the caller opens in its own thread.
 */
import { Worker } from 'node:worker_threads';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import { adoptPrestarted } from './open-prestart.js';
import type { Configure, RenderJob } from './open-worker.js';
import { outcomeFromWire, type OpenOutcome, type WireOutcome } from './open-stage.js';

type Reply = { ready: true } | { id: number; outcome: WireOutcome } | { id: number; rendered: Uint8Array } | { id: number; error: string };

interface Job {
  /** A render job never fails: the caller renders it itself, and a real error shows there. */
  render: boolean;
  resolve(o: OpenOutcome | Buffer | undefined): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  /** It said it has loaded its config and keys. */
  ready: boolean;
  /** Started with the command (open-prestart.ts): it has loaded its modules, or nearly, and
   *  takes jobs at once; they wait in it while it loads its keys, not here. */
  prestarted: boolean;
  jobs: Map<number, Job>;
}

export interface Opener {
  /** How many messages to read ahead so that every worker has one to open. */
  readonly window: number;
  /** Whether a worker has loaded (or was prestarted) and takes work; until then the caller opens in its own thread. */
  readonly ready: boolean;
  /** Starts the workers (once) without giving them work: they take ~0.5 s to load. */
  warm(): void;
  /** The outcome, or undefined when the pool cannot take work (open in the caller's thread). */
  open(raw: Buffer): Promise<OpenOutcome | undefined>;
  /** An outbox row's bytes (outbox/render.ts); undefined at once when no worker is free, or
   *  resolving to undefined when the worker could not: then the caller renders it. */
  render(params: RenderJob['render']['params'], auto: boolean): Promise<Buffer | undefined> | undefined;
  close(): Promise<void>;
}

export function openPool(configFile: string, teamAddress: string, size: number, aheadPerWorker: number, log: Logger): Opener {
  const slots: Slot[] = [];
  let nextId = 1;
  let broken = false;
  let closing = false;
  const start = (): Slot => {
    // A worker started at the command's start (open-prestart.ts) has loaded already; it learns its config now.
    const prestarted = adoptPrestarted();
    if (prestarted) prestarted.postMessage({ configure: { configFile, teamAddress } } satisfies Configure);
    const worker = prestarted ?? new Worker(new URL('./open-worker.js', import.meta.url), { workerData: { configFile, teamAddress } });
    const slot: Slot = { worker, ready: false, prestarted: prestarted !== undefined, jobs: new Map() };
    worker.on('message', (m: Reply) => {
      if ('ready' in m) return void (slot.ready = true);
      const job = slot.jobs.get(m.id);
      if (!job) return;
      slot.jobs.delete(m.id);
      if ('error' in m) {
        if (!job.render) log.warn({ err: m.error }, 'an open worker could not return its result; opening the message in the main thread');
        job.resolve(undefined);
      } else if ('rendered' in m) job.resolve(Buffer.from(m.rendered.buffer, m.rendered.byteOffset, m.rendered.byteLength));
      else outcomeFromWire(m.outcome).then(job.resolve, job.reject);
    });
    worker.on('error', (e) => gone(slot, describeError(e)));
    worker.on('exit', (code) => gone(slot, `exited with code ${code}`));
    return slot;
  };
  const gone = (slot: Slot, why: string): void => {
    const i = slots.indexOf(slot);
    if (i < 0) return;
    slots.splice(i, 1);
    // Jobs of a worker that never started are no fault of their messages: the caller opens them.
    for (const job of slot.jobs.values()) {
      if (slot.ready && !job.render) job.reject(new Error(`open worker died: ${why}`));
      else job.resolve(undefined);
    }
    if (closing) return;
    // Dying before it was ever ready is a start-up problem every new worker would repeat.
    if (!slot.ready) {
      broken = true;
      log.error({ err: why }, 'open workers cannot start; opening messages in the main thread');
      return;
    }
    log.warn({ err: why, jobs: slot.jobs.size }, 'an open worker died; starting another');
    slots.push(start());
  };
  let started = false;
  // Started on first need: a daemon that only ever sees one message at a time needs none.
  const warm = (): void => {
    if (started) return;
    started = true;
    for (let i = 0; i < size; i++) slots.push(start());
    log.info({ workers: size }, 'open workers started');
  };
  return {
    window: size * aheadPerWorker,
    get ready() {
      return !broken && slots.some((s) => s.ready || s.prestarted);
    },
    warm,
    open(raw) {
      warm();
      if (broken || slots.length === 0) return Promise.resolve(undefined);
      const slot = slots.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
      const id = nextId++;
      return new Promise<OpenOutcome | undefined>((resolve, reject) => {
        slot.jobs.set(id, { render: false, resolve: resolve as Job['resolve'], reject });
        // A copy, not a transfer: the main thread still needs the bytes to record the message.
        slot.worker.postMessage({ id, raw });
      });
    },
    render(params, auto) {
      // Only a worker already loaded and with nothing in hand: a lone reply is rendered at
      // once by the caller, and so is one while every worker is opening the backlog (the
      // caller would otherwise wait for its own reply behind messages still to open).
      const slot = slots.find((s) => s.ready && s.jobs.size === 0);
      if (broken || closing || !slot) return undefined;
      const id = nextId++;
      return new Promise<Buffer | undefined>((resolve, reject) => {
        slot.jobs.set(id, { render: true, resolve: resolve as Job['resolve'], reject });
        slot.worker.postMessage({ id, render: { params, auto } } satisfies RenderJob);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
    },
  };
}
