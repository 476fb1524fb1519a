/**
 * What `sectriage doctor` says of the sealing of reports at rest (src/seal/): whether
 * the key file is there, readable by the service alone, and holds the key of every
 * stored data key, and whether the content stored before sealing existed was sealed.
 * Reads the key file and the database (read-only); prints key ids, never keys.
 */
import { existsSync, statSync } from 'node:fs';
import type { Db } from '../db/open.js';
import { describeError } from '../errors.js';
import { keyFileFor, readKeyFile } from '../seal/kek-file.js';
import { contentSealed, dataKeysByKek } from '../seal/seal-existing.js';

type Ok = (name: string, detail: string) => void;
type Report = (name: string, detail: string, fix: string) => void;

export function checkSealing(database: string, db: Db, ok: Ok, fail: Report): void {
  const file = keyFileFor(database);
  if (!existsSync(file)) {
    fail('sealing key', `${file} is missing`, 'Restore the key file from where you keep it (it is made with a new database; backups never carry it).');
    return;
  }
  const mode = statSync(file).mode & 0o777;
  if (mode & 0o077) fail('sealing key: permissions', `${file} is mode ${mode.toString(8)}`, `chmod 600 ${file} (owned by the service user).`);
  else ok('sealing key: permissions', `${file} is mode ${mode.toString(8)}`);
  let ids: Set<string>;
  try {
    ids = new Set(readKeyFile(file).keys.keys());
  } catch (e) {
    fail('sealing key', describeError(e), 'Restore the key file from where you keep it.');
    return;
  }
  const wrappedBy = dataKeysByKek(db);
  const lost = wrappedBy.filter((r) => !ids.has(r.kekId));
  if (lost.length)
    fail(
      'sealing key',
      `${lost.reduce((n, r) => n + r.count, 0)} data keys are wrapped by ${lost.map((r) => r.kekId).join(', ')}, which ${file} does not hold`,
      'Restore the key file that holds them; their reports cannot be read without it.',
    );
  else ok('sealing key', `${file} opens all ${wrappedBy.reduce((n, r) => n + r.count, 0)} data keys`);
  if (contentSealed(db)) ok('sealed at rest', 'report content is stored sealed');
  else fail('sealed at rest', 'content stored before sealing is still plain', 'Run sectriage migrate (or start the daemon) as the service user: it seals it.');
}
