/**
 * `sectriage web --config FILE`: the team console (src/web/). Runs until SIGTERM.
 */
import type { Command } from 'commander';
import { DEFAULT_CONFIG } from './common.js';

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('serve the team console (web.listen, default 127.0.0.1:8420)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .option('--now <iso>', 'run with the clock at this instant (previews and tests only)')
    .action(async (o: { config: string; now?: string }) => {
      const { runConsole } = await import('../web/server.js');
      await runConsole(o.config, o.now ? { now: o.now } : {});
    });
}
