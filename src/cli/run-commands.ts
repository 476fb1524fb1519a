/**
 * `sectriage run` (the daemon, or --once to drain what waits) and `sectriage ingest`
 * (the MTA pipe). ingest answers the MTA in sysexits terms: until the message is in
 * the spool any failure is temporary (75, retry); after that it is ours, whatever
 * happens to its processing.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { openApp } from '../daemon/app.js';
import { runForever, runOnce } from '../daemon/run.js';
import { openDatabase } from '../db/open.js';
import { SectriageError, describeError } from '../errors.js';
import { createLogger } from '../log.js';
import { processSpool } from '../pipeline/process.js';
import { drainOutbox } from '../send/sender.js';
import { ingestStream } from '../sources/stdin.js';
import { recordingClockAt } from '../util/clock.js';
import { spillDirFor } from '../util/spill-file.js';
import { DEFAULT_CONFIG } from './common.js';

export function registerRunCommands(program: Command): void {
  program
    .command('run')
    .description('run the daemon: read sources, process reports, send replies')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--once', 'drain what is waiting (sources, spool, outbox) and exit')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .action(async (o: { config: string; once?: boolean; now?: string }) => {
      const app = await openApp(o.config, o.now ? { now: o.now } : {});
      try {
        if (o.once) {
          const s = await runOnce(app);
          app.log.info(s, 'run --once finished');
          if (s.imapError) throw new SectriageError('IMAP', `the mailbox could not be read (everything else ran): ${s.imapError}`);
        } else {
          const metrics = app.config.metrics ? await serveMetrics(app, app.config.metrics.listen) : undefined;
          try {
            await runForever(app);
          } finally {
            metrics?.close();
          }
        }
      } finally {
        app.close();
      }
    });

  program
    .command('ingest')
    .description('take one message from standard input (an MTA pipe), then process it')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .option('--no-process', 'only spool the message; the daemon processes it')
    .action((o: { config: string; now?: string; process: boolean }) => ingest(o));
}

async function ingest(o: { config: string; now?: string; process: boolean }): Promise<void> {
  // Until the spool commit the MTA still holds the message: any failure up to there
  // (config, database, disk) must make it retry (exit 75), never bounce the report.
  let spooled: Awaited<ReturnType<typeof ingestStream>>;
  try {
    const config = loadConfig(o.config);
    const now = recordingClockAt(o.now, 'ingest');
    const db = openDatabase(config.database);
    try {
      spooled = await ingestStream(process.stdin, { db, limits: config.limits, heldDir: config.heldDir, spillDir: spillDirFor(config.database), now });
    } finally {
      db.close();
    }
  } catch (cause) {
    throw new SectriageError('SPOOL_UNAVAILABLE', `message not taken, the MTA should retry: ${describeError(cause)}`, { cause });
  }
  // From here on the message is ours: whatever happens, the MTA must not send it again.
  const log = createLogger();
  log.info({ spoolId: spooled.id, duplicate: spooled.duplicate, tooLarge: spooled.tooLarge }, 'message spooled');
  if (!o.process) return;
  try {
    const app = await openApp(o.config, o.now ? { now: o.now, log } : { log });
    try {
      await processSpool(app);
      await drainOutbox({ db: app.db, transport: app.transport, render: app.render, log: app.log, now: app.now });
    } finally {
      app.close();
    }
  } catch (e) {
    log.error({ spoolId: spooled.id, err: describeError(e) }, 'message spooled but not processed yet; the daemon will process it');
  }
}

/** The metrics endpoint beside the daemon (metrics.listen); loaded only when configured. */
async function serveMetrics(app: Awaited<ReturnType<typeof openApp>>, listen: string): Promise<{ close(): void }> {
  const { startMetricsServer } = await import('../metrics/server.js');
  const server = await startMetricsServer(
    listen,
    {
      db: app.db,
      now: () => new Date(),
      teamKeyExpires: async () => {
        const t = await app.teamKeys.current.getExpirationTime();
        return t instanceof Date ? t : null;
      },
    },
    app.log,
  );
  return { close: () => server.close() };
}
