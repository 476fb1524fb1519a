/**
 * `sectriage web --config FILE`: the team console (src/web/). Runs until SIGTERM. No clock
 * override: what members do there is recorded at the real time.
 */
import type { Command } from 'commander';
import { DEFAULT_CONFIG } from './common.js';

export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('serve the team console (web.listen, default 127.0.0.1:8420)')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG)
    .action(async (o: { config: string }) => {
      const { runConsole } = await import('../web/server.js');
      await runConsole(o.config);
    });
}
