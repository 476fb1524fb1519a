/**
 * Sends the outbox while a backlog is still being recorded: `kick` after each recorded
 * message starts a drain unless one is running (it then goes round once more), `finish`
 * waits until everything queued so far is sent. It runs in this thread, between the
 * recording's awaits (which wait on the open workers much of the time): one database
 * connection, so its writes never wait on a lock. A send worker with a connection of its
 * own was tried and measured: its four writes per mail waited on SQLite's busy handler
 * (sleeps of 1 ms and up) behind the recording transactions, and it sent no faster.
 * A relay that defers a row stops the sending for the rest of the round, as before.
 */

export interface ConcurrentSender {
  /** New outbox rows were committed: send them. */
  kick(): void;
  /** Nothing more comes: resolves with the round's counts once all of it is sent. */
  finish(): Promise<{ sent: number; deferred: number; failed: number }>;
}

export function concurrentSender(drain: () => Promise<{ sent: number; deferred: number; failed: number }>): ConcurrentSender {
  const totals = { sent: 0, deferred: 0, failed: 0 };
  let kicked = false;
  let deferred = false;
  let running: Promise<void> | null = null;
  // A drain that throws (the database, not a row: rows never throw) is rethrown by finish,
  // never left as an unhandled rejection while the recording goes on.
  let failure: unknown;
  const loop = async (): Promise<void> => {
    try {
      while (kicked && !deferred && failure === undefined) {
        kicked = false;
        const r = await drain();
        totals.sent += r.sent;
        totals.deferred += r.deferred;
        totals.failed += r.failed;
        deferred = r.deferred > 0;
      }
    } catch (e) {
      failure = e;
    }
  };
  const kick = (): void => {
    kicked = true;
    // Cleared in a later microtask, after the assignment, even when the loop has nothing to do.
    running ??= loop().finally(() => (running = null));
  };
  return {
    kick,
    finish: async () => {
      kick();
      while (running) await running;
      if (failure !== undefined) throw failure;
      return totals;
    },
  };
}
