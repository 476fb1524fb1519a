/**
 * Writes key material to disk the careful way: a private file is created with mode
 * 0600 through a temporary file and a rename, so a crash never leaves a half-written
 * key file, and an existing file is never overwritten unless the caller asks.
 */
import { existsSync, renameSync, writeFileSync, chmodSync } from 'node:fs';
import { SectriageError } from '../errors.js';

export function writeKeyFile(file: string, text: string, o: { private: boolean; replace?: boolean }): void {
  if (!o.replace && existsSync(file)) {
    throw new SectriageError('KEY_EXISTS', `${file} exists; refusing to overwrite it (move it away first, or use --rotate to add a new key in front of it)`);
  }
  const tmp = `${file}.tmp-${process.pid}`;
  const mode = o.private ? 0o600 : 0o644;
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    chmodSync(tmp, mode); // the umask may have narrowed a public file; a private one stays 0600
    renameSync(tmp, file);
  } catch (cause) {
    throw new SectriageError('KEY_UNREADABLE', `cannot write ${file}: ${(cause as Error).message}`, { cause });
  }
}

/** The armored blocks of a file with several keys, in order (openpgp.js reads only the first). */
export function armoredBlocks(text: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string[] {
  const re = new RegExp(`-----BEGIN PGP ${kind} BLOCK-----[\\s\\S]*?-----END PGP ${kind} BLOCK-----`, 'g');
  return text.match(re) ?? [];
}
