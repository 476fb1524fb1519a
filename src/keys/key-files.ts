/**
 * Writes key material to disk the careful way: through a temporary file made with its
 * final mode (0600 for secrets), linked or renamed into place, so a crash never leaves
 * a half-written key file and an existing file is never overwritten unless asked.
 */
import { chmodSync, chownSync, linkSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from 'node:fs';
import { SectriageError } from '../errors.js';

export function writeKeyFile(file: string, text: string, o: { private: boolean; replace?: boolean }): void {
  // Replacing keeps the file's owner, group and mode (the service user must still read
  // it after root rotated or extended the key: the install makes it 0640 root:sectriage),
  // narrowed to 0640/0644 at the widest; a new private file is 0600.
  const before = o.replace ? statOrUndefined(file) : undefined;
  const widest = o.private ? (before ? 0o640 : 0o600) : 0o644;
  const mode = before ? before.mode & widest & 0o777 : widest;
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text, { mode, flag: 'wx' });
    chmodSync(tmp, mode); // the umask may have narrowed it further than intended
    if (before) {
      try {
        chownSync(tmp, before.uid, before.gid);
      } catch {
        // Not root: the file stays ours, which is who could read the old one anyway.
      }
      renameSync(tmp, file);
    } else {
      // link() fails if the name exists, where rename() would replace it: no race
      // between a check and the write can overwrite a key.
      linkSync(tmp, file);
      unlinkSync(tmp);
    }
  } catch (cause) {
    rmSync(tmp, { force: true });
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new SectriageError('KEY_EXISTS', `${file} exists; refusing to overwrite it (move it away first, or use --rotate to add a new key in front of it)`, {
        cause,
      });
    }
    throw new SectriageError('KEY_UNREADABLE', `cannot write ${file}: ${(cause as Error).message}`, { cause });
  }
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The armored blocks of a file with several keys, in order (openpgp.js reads only the first). */
export function armoredBlocks(text: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string[] {
  const re = new RegExp(`-----BEGIN PGP ${kind} BLOCK-----[\\s\\S]*?-----END PGP ${kind} BLOCK-----`, 'g');
  return text.match(re) ?? [];
}
