/**
 * The key-encryption keys (KEKs) that wrap each case's data key, read from one file:
 * a systemd credential ($CREDENTIALS_DIRECTORY/sealing-key) when the service has one,
 * else `sealing.key` beside the database. One key per line, `ID BASE64`, the first line
 * the current key; older lines stay readable until a rotation has rewrapped every data
 * key under the new one (src/seal/rotate.ts). The file is trusted as the operator's own;
 * a malformed one is an error naming the line, never a guess.
 *
 * Why a file of its own: the database, its WAL and every `backup` copy hold only sealed
 * report content, so a copied or leaked database file reveals nothing without this file,
 * which backups do not include.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SectriageError } from '../errors.js';
import { KEY_BYTES, newKey } from './envelope.js';

export interface KeyRing {
  /** The key new data keys are wrapped with. */
  currentId: string;
  keys: ReadonlyMap<string, Buffer>;
  /** Where the keys were read from (for messages and rotation). */
  file: string;
}

export const CREDENTIAL_NAME = 'sealing-key';

/** The key file for a database: the service's credential if it has one, else beside the database. */
export function keyFileFor(database: string, env: NodeJS.ProcessEnv = process.env): string {
  const cred = env.CREDENTIALS_DIRECTORY ? join(env.CREDENTIALS_DIRECTORY, CREDENTIAL_NAME) : undefined;
  if (cred && existsSync(cred)) return cred;
  return join(dirname(database), 'sealing.key');
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update('sectriage-kek').update(key).digest('hex').slice(0, 16);
}

export function formatKeyFile(keys: Buffer[]): string {
  return `${keys.map((k) => `${keyId(k)} ${k.toString('base64')}`).join('\n')}\n`;
}

export function parseKeyFile(text: string, file: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  text.split('\n').forEach((line, i) => {
    const l = line.trim();
    if (!l || l.startsWith('#')) return;
    const m = /^([0-9a-f]{16})\s+([A-Za-z0-9+/]+={0,2})$/.exec(l);
    const key = m ? Buffer.from(m[2]!, 'base64') : undefined;
    if (!m || key?.length !== KEY_BYTES || keyId(key) !== m[1])
      throw new SectriageError(
        'SEAL_KEY_MISSING',
        `${file} line ${i + 1} is not "ID BASE64" of a ${KEY_BYTES}-byte key: restore the file from where you keep it`,
      );
    keys.set(m[1]!, key);
    currentId ??= m[1]!;
  });
  if (!currentId) throw new SectriageError('SEAL_KEY_MISSING', `${file} holds no key`);
  return { currentId, keys, file };
}

export function readKeyFile(file: string): KeyRing {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SectriageError('SEAL_KEY_MISSING', `cannot read the sealing key ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseKeyFile(text, file);
}

/**
 * Writes `text` as `file` (0600) in one step: a reader sees the old file or the new one,
 * never half. With `exclusive`, an existing file wins (two processes creating a new
 * database at once must not each make a key): returns false then.
 */
export function writeKeyFileAtomically(file: string, text: string, exclusive: boolean): boolean {
  const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.sealing-key.tmp`);
  writeFileSync(tmp, text, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600);
  try {
    if (!exclusive) {
      renameSync(tmp, file);
      return true;
    }
    try {
      linkSync(tmp, file);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** The ring of `file`, made with one new key when there is no file yet (a new installation). */
export function readOrCreateKeyFile(file: string): { ring: KeyRing; created: boolean } {
  if (existsSync(file)) return { ring: readKeyFile(file), created: false };
  const created = writeKeyFileAtomically(file, formatKeyFile([newKey()]), true);
  return { ring: readKeyFile(file), created };
}
