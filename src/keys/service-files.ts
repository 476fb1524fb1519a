/**
 * `keys generate --for-service`: the team key made where and as the systemd unit reads
 * it. The unit passes the passphrase with LoadCredential from a root-only folder and
 * runs as the service user, so the key file must be readable by the service group
 * (0640 root:GROUP), and the passphrase file must exist before the key is locked with
 * it. Run as root. Input: the operator's group name and folder; /etc/group is read, not trusted beyond the lookup.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SectriageError } from '../errors.js';

/** The credential the unit loads the key passphrase from (deploy/sectriage.service: LoadCredential=key-passphrase:...). */
export const PASSPHRASE_CREDENTIAL = 'key-passphrase';

/** The numeric id of a group, from /etc/group. */
export function groupId(name: string, groupFile = '/etc/group'): number {
  for (const line of readFileSync(groupFile, 'utf8').split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid && /^\d+$/.test(gid)) return Number(gid);
  }
  throw new SectriageError('USAGE', `no group "${name}" in ${groupFile}: create the service user first (README: Running under systemd)`);
}

/**
 * The passphrase credential in `dir`: made (32 random bytes, base64, 0600) when missing.
 * Returns whether it was made, so the operator is told to keep a copy.
 */
export function ensurePassphraseCredential(dir: string): { file: string; made: boolean } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, PASSPHRASE_CREDENTIAL);
  if (existsSync(file)) return { file, made: false };
  writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { file, made: true };
}

/** Makes a written key file the service's to read: group GROUP, mode 0640 (public: 0644). */
export function handToService(file: string, gid: number, o: { private: boolean }): void {
  chownSync(file, process.getuid?.() ?? 0, gid);
  chmodSync(file, o.private ? 0o640 : 0o644);
}
