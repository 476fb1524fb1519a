/**
 * Rotation of the key-encryption key: a new key becomes current and every case's data
 * key is rewrapped by it; the content itself is not touched (it stays sealed by the same
 * data keys), so a rotation costs one small row per case, not a rewrite of the reports.
 *
 * Safe while the daemon runs, and at every instant of a crash, because of the order:
 *  1. the key file gets the new key first, the old ones after it: every process that
 *     makes a data key from now on wraps it with the new one (src/seal/sealer.ts reads the
 *     file again when it changes), and every key wrapped either way still opens;
 *  2. every data key not yet under the new key is rewrapped, in one transaction, again
 *     until none is left (a writer that read the file just before step 1);
 *  3. the file keeps only the new key.
 * A crash before 3 leaves a file with both keys; running the rotation again finishes it.
 * Input: our own rows and key file.
 */
import type { Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { newKey, unwrapKey, wrapKey } from './envelope.js';
import { formatKeyFile, keyId, readKeyFile, writeKeyFileAtomically } from './kek-file.js';
import { sealerOf } from './sealer.js';

export interface RotationResult {
  keyFile: string;
  from: string[];
  to: string;
  rewrapped: number;
}

export function rotateSealingKey(db: Db): RotationResult {
  const sealer = sealerOf(db);
  const old = sealer.ring;
  if (!old || old.file === ':memory:') throw new SectriageError('SEAL_KEY_MISSING', 'this database has no sealing key file to rotate');
  const fresh = newKey();
  const to = keyId(fresh);
  writeKeyFileAtomically(old.file, formatKeyFile([fresh, ...old.keys.values()]), false);
  const both = readKeyFile(old.file);
  sealer.useRing(both);
  failpoint('after-sealing-key-file');
  let rewrapped = 0;
  for (;;) {
    const n = db
      .transaction(() => {
        const rows = db.prepare('SELECT scope, kek_id, wrapped FROM data_keys WHERE kek_id != ?').all(to) as Array<{
          scope: string;
          kek_id: string;
          wrapped: Buffer;
        }>;
        const update = db.prepare('UPDATE data_keys SET kek_id = ?, wrapped = ? WHERE scope = ?');
        for (const r of rows) {
          const kek = both.keys.get(r.kek_id);
          if (!kek) throw new SectriageError('SEAL_KEY_MISSING', `the data key of ${r.scope} is wrapped by key ${r.kek_id}, which ${old.file} does not hold`);
          update.run(to, wrapKey(fresh, r.scope, unwrapKey(kek, r.scope, r.wrapped)), r.scope);
        }
        return rows.length;
      })
      .immediate();
    rewrapped += n;
    if (n === 0) break;
  }
  failpoint('after-sealing-rewrap');
  writeKeyFileAtomically(old.file, formatKeyFile([fresh]), false);
  sealer.useRing(readKeyFile(old.file));
  return { keyFile: old.file, from: [...old.keys.keys()], to, rewrapped };
}
