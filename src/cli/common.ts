/**
 * What every CLI module shares: the default config path, printing, and opening the
 * database read-only for commands that only look.
 */
import { loadConfig, type Config } from '../config/load.js';
import { openDatabaseReadOnly, type Db } from '../db/open.js';

export const DEFAULT_CONFIG = process.env.SECTRIAGE_CONFIG ?? '/etc/sectriage/sectriage.yaml';

export function out(s: string): void {
  process.stdout.write(s);
}

/** For commands that only look: the database opened read-only, closed afterwards. */
export function withReadOnlyDb(configFile: string, fn: (db: Db, config: Config) => void): void {
  const config = loadConfig(configFile);
  const db = openDatabaseReadOnly(config.database);
  try {
    fn(db, config);
  } finally {
    db.close();
  }
}
