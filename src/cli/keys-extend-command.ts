/**
 * `sectriage keys extend [--expires 2y]`: moves the current team key's expiry date (see
 * keys/extend.ts). The key file is rewritten in place with the same owner, group and
 * mode (the service keeps reading it), the older keys after it untouched.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../config/load.js';
import { SectriageError } from '../errors.js';
import { DAY, DEFAULTS } from '../limits.js';
import { extendTeamKey } from '../keys/extend.js';
import { armoredBlocks, writeKeyFile } from '../keys/key-files.js';
import { recordingClockAt } from '../util/clock.js';
import { out } from './common.js';
import { parseLifetime, storedTeamKeys } from '../keys/team-key-file.js';

async function keysExtend(o: { config: string; expires: string; now?: string }): Promise<void> {
  const config = loadConfig(o.config);
  const file = config.keys.teamPrivateKey;
  const [current] = await storedTeamKeys(file);
  if (!current) throw new SectriageError('KEY_UNREADABLE', `${file} holds no team key`);
  const now = recordingClockAt(o.now, 'keys extend')();
  const extended = await extendTeamKey(current, { passphrase: config.keys.passphrase?.reveal(), lifetimeSeconds: parseLifetime(o.expires), now });
  // The current key is the first block; the older ones follow as they were.
  const older = armoredBlocks(readFileSync(file, 'utf8'), 'PRIVATE KEY').slice(1);
  writeKeyFile(file, [extended.armored.trim(), ...older].join('\n') + '\n', { private: true, replace: true });
  out(
    `team key ${extended.fingerprint} now ${extended.expires ? `expires ${extended.expires.toISOString()}` : 'does not expire'} (same key, new self-signatures)\n` +
      'publish it again so reporters see the new date: sectriage keys export --public (and --wkd), and refresh security.txt\n',
  );
}

export function registerKeysExtend(keys: Command, defaultConfig: string): void {
  keys
    .command('extend')
    .description("move the current team key's expiry date (same key and fingerprint, re-signed with the configured passphrase)")
    .option('-c, --config <file>', 'config file', defaultConfig)
    .option('--expires <lifetime>', 'from now: e.g. 730d, 2y, or never', `${DEFAULTS.teamKeyLifetime / DAY}d`)
    .option('--now <iso>', 'tests only (SECTRIAGE_TEST_CLOCK=1): act as if it were this instant')
    .action((o) => keysExtend(o));
}
