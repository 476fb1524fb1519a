/**
 * Keeps an IMAP connection alive for the daemon: IDLE (imapflow's auto-idle) tells
 * us of new mail at once, a poll timer catches what IDLE misses, and every
 * disconnect is followed by a fresh client after a doubling backoff. Passes never
 * overlap. `onSpooled` wakes the pipeline after a pass that took something in.
 */
import type { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config/load.js';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { DEFAULTS, type Limits } from '../limits.js';
import type { Logger } from '../log.js';
import { newImapClient } from './imap-client.js';
import { imapPass } from './imap-pass.js';

export interface ImapSourceDeps {
  db: Db;
  imap: ImapConfig;
  limits: Limits;
  log: Logger;
  now: () => Date;
  onSpooled: () => void;
}

/** Connects, runs one pass, logs out. For `run --once`. */
export async function imapOnce(deps: ImapSourceDeps): Promise<void> {
  const client = newImapClient(deps.imap, deps.limits, deps.log);
  client.on('error', (e: Error) => deps.log.warn({ err: describeError(e) }, 'IMAP error'));
  await client.connect();
  try {
    await ensureMailbox(client, deps.imap.processedMailbox, deps.log);
    await imapPass(client, deps.imap, deps);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

export class ImapSource {
  #client: ImapFlow | null = null;
  #stopped = false;
  #running: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  readonly #deps: ImapSourceDeps;
  /** Connections made so far; tests read it to see a reconnect. */
  connections = 0;

  constructor(deps: ImapSourceDeps) {
    this.#deps = deps;
  }

  start(): void {
    this.#running = this.#loop();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#wake?.();
    const c = this.#client;
    if (c) await c.logout().catch(() => c.close());
    await this.#running;
  }

  async #loop(): Promise<void> {
    const { log } = this.#deps;
    let delay = DEFAULTS.reconnectMinDelay;
    while (!this.#stopped) {
      const startedAt = Date.now();
      try {
        await this.#session();
      } catch (e) {
        log.warn({ err: describeError(e) }, 'IMAP session ended with an error');
      }
      if (this.#stopped) break;
      // A session that lasted a while was healthy: start the backoff over.
      if (Date.now() - startedAt > DEFAULTS.reconnectMaxDelay) delay = DEFAULTS.reconnectMinDelay;
      log.info({ retryInMs: delay }, 'IMAP disconnected; reconnecting');
      await this.#sleep(delay);
      delay = Math.min(delay * 2, DEFAULTS.reconnectMaxDelay);
    }
  }

  async #session(): Promise<void> {
    const deps = this.#deps;
    const client = newImapClient(deps.imap, deps.limits, deps.log);
    this.#client = client;
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.on('error', (e: Error) => deps.log.warn({ err: describeError(e) }, 'IMAP error'));
    await client.connect();
    this.connections++;
    deps.log.info({ host: deps.imap.host, mailbox: deps.imap.mailbox }, 'IMAP connected');
    await ensureMailbox(client, deps.imap.processedMailbox, deps.log);
    let passing = Promise.resolve();
    let again = false;
    let busy = false;
    const pass = (): void => {
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      passing = (async () => {
        do {
          again = false;
          try {
            const r = await imapPass(client, deps.imap, deps);
            if (r.spooled || r.tooLarge) deps.onSpooled();
          } catch (e) {
            deps.log.warn({ err: describeError(e) }, 'IMAP pass failed');
            if (!client.usable) return;
          }
        } while (again && !this.#stopped);
        busy = false;
      })();
    };
    client.on('exists', pass);
    const timer = setInterval(pass, deps.imap.pollIntervalMs);
    try {
      pass();
      await closed;
    } finally {
      clearInterval(timer);
      await passing.catch(() => {});
      this.#client = null;
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }
}

/** Creates the processed mailbox when it is missing, so the first move does not fail. */
async function ensureMailbox(client: ImapFlow, path: string | null, log: ImapSourceDeps['log']): Promise<void> {
  if (!path) return;
  const list = await client.list();
  if (list.some((m) => m.path === path)) return;
  await client.mailboxCreate(path);
  log.info({ mailbox: path }, 'created the processed mailbox');
}
