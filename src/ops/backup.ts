/**
 * An online, consistent copy of the database (SQLite's backup API through
 * better-sqlite3: pages are copied from one read snapshot, so the daemon keeps
 * running and the copy is never half of one transaction). The target is created
 * exclusively with mode 0600 (it holds decrypted reports) and never overwritten;
 * the copy is checked (integrity_check, the event chain) before it is called good.
 * A failed copy is removed. The copy is one file: rollback-journal mode, no -wal or -shm.
 * Report content in it stays sealed (src/seal/): restoring it needs the sealing key
 * file, which is kept apart from backups on purpose.
 */
import { closeSync, openSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Db } from '../db/open.js';
import { schemaVersion } from '../db/migrate.js';
import { SectriageError } from '../errors.js';
import { verifyEventChain } from '../cases/store/event-log.js';
import { countCases } from '../cases/store/cases.js';
import { attachSealer, sealerOf } from '../seal/sealer.js';

export interface BackupResult {
  file: string;
  bytes: number;
  schema: number;
  cases: number;
  events: number;
}

export async function backupDatabase(db: Db, file: string): Promise<BackupResult> {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new SectriageError(
      'BACKUP_FAILED',
      code === 'EEXIST' ? `${file} already exists: a backup never overwrites a file; choose a new name` : `cannot create ${file}: ${(cause as Error).message}`,
      { cause },
    );
  }
  closeSync(fd);
  try {
    const { totalPages } = await db.backup(file);
    // The copy keeps the source's WAL mode, and opening it (to check it, or later to
    // restore or audit it) left -wal and -shm files beside it that the timer's cleanup
    // never removed. A copy in rollback-journal mode is one self-contained file.
    const rw = new Database(file, { fileMustExist: true });
    try {
      rw.pragma('journal_mode = DELETE');
    } finally {
      rw.close();
    }
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    // The copy is sealed as the source is: checking its event chain opens the sealed kinds with the same key.
    attachSealer(copy, sealerOf(db).ring);
    try {
      const integrity = copy.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') throw new SectriageError('BACKUP_FAILED', `the copy fails integrity_check: ${String(integrity)}`);
      const chain = verifyEventChain(copy);
      if (!chain.ok)
        throw new SectriageError(
          'BACKUP_FAILED',
          `the copy's event log is broken at event ${chain.brokenAt}: the source database was tampered with (run sectriage audit verify)`,
        );
      const cases = countCases(copy);
      const pageSize = copy.pragma('page_size', { simple: true }) as number;
      return { file, bytes: totalPages * pageSize, schema: schemaVersion(copy), cases, events: chain.count };
    } finally {
      copy.close();
    }
  } catch (e) {
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
    throw e instanceof SectriageError ? e : new SectriageError('BACKUP_FAILED', `backup to ${file} failed: ${(e as Error).message}`, { cause: e });
  }
}
