/**
 * `sectriage keys rotate-sealing`: a new key-encryption key for the reports sealed at
 * rest; every case's data key is rewrapped by it and the old key leaves the key file
 * (src/seal/rotate.ts says why that order is safe while the daemon runs, and after a
 * crash at any point). Run it as the service user: the key file keeps its owner and 0600.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { openDatabase } from '../db/open.js';
import { rotateSealingKey } from '../seal/rotate.js';
import { out } from './common.js';

function rotateSealing(o: { config: string }): void {
  const db = openDatabase(loadConfig(o.config).database);
  try {
    const r = rotateSealingKey(db);
    out(
      `sealing key ${r.to} is now the only key in ${r.keyFile} (was ${r.from.join(', ')}); ${r.rewrapped} data keys rewrapped, no report rewritten\n` +
        'backups made before now open only with the old key: keep a copy of the old key file with them if you kept one, or let them expire\n',
    );
  } finally {
    db.close();
  }
}

export function registerKeysSealing(keys: Command, defaultConfig: string): void {
  keys
    .command('rotate-sealing')
    .description('replace the key that seals stored reports (each case keeps its data key, rewrapped by the new key); safe while the daemon runs')
    .option('-c, --config <file>', 'config file', defaultConfig)
    .action((o: { config: string }) => rotateSealing(o));
}
