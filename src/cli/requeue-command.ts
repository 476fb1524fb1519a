/**
 * `sectriage requeue`: opens held messages again, typically after the team key they
 * were encrypted to was added to the key file. Each one that opens continues its case
 * as if it had opened on arrival; one that still cannot be opened stays held with its
 * (new) reason. Prints spool ids and outcomes, never message content.
 */
import type { Command } from 'commander';
import { openApp } from '../daemon/app.js';
import { SectriageError } from '../errors.js';
import { processSpool } from '../pipeline/process.js';
import { drainOutbox } from '../send/sender.js';
import { requeueHeld, spoolOutcomes } from '../spool/spool.js';

export function registerRequeueCommand(program: Command, defaultConfig: string): void {
  program
    .command('requeue')
    .description('open held messages again (after adding the missing key), then send what follows')
    .argument('[ids...]', 'spool ids (see spool list --state held); default: every held message')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--code <code>', 'only messages held for this reason, e.g. PGP_NO_KEY')
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .action(async (ids: string[], o: { config: string; code?: string; now?: string }) => {
      const bad = ids.find((i) => !/^\d+$/.test(i));
      if (bad) throw new SectriageError('USAGE', `requeue: "${bad}" is not a spool id`);
      if (o.code && !/^[A-Z_]+$/.test(o.code)) throw new SectriageError('USAGE', `requeue --code: "${o.code}" is not a reason code such as PGP_NO_KEY`);
      const app = await openApp(o.config, o.now ? { now: o.now } : {});
      try {
        const chosen = requeueHeld(app.db, { ids: ids.map(Number), ...(o.code ? { code: o.code } : {}) });
        if (chosen.length === 0) {
          process.stdout.write('nothing to requeue\n');
          return;
        }
        await processSpool(app);
        await drainOutbox({ db: app.db, transport: app.transport, render: app.render, log: app.log, now: app.now });
        const rows = spoolOutcomes(app.db, chosen);
        for (const r of rows) process.stdout.write(`${r.id}\t${r.state === 'done' ? 'opened' : `still held: ${r.hold_reason ?? r.state}`}\n`);
        if (rows.some((r) => r.state !== 'done')) process.exitCode = 1;
      } finally {
        app.close();
      }
    });
}
