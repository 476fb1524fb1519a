/**
 * Loads the team's secret keys (current first, older ones after, so mail encrypted
 * to a retired key still opens) from the armored file named in the config, and
 * unlocks them with the passphrase. The file is operator-supplied and trusted; its
 * permissions are checked because a world-readable private key is a leak.
 */
import { readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';
import type { Secret } from '../config/secret.js';
import { assertPrivateFile } from '../config/load.js';
import { SectriageError } from '../errors.js';
import type { Logger } from '../log.js';

export interface TeamKeys {
  /** Unlocked secret keys, current first. */
  keys: openpgp.PrivateKey[];
  /** The key replies are signed with and whose fingerprint we publish. */
  current: openpgp.PrivateKey;
  fingerprint: string;
  publicArmored: string;
}

export async function loadTeamKeys(file: string, passphrase: Secret | undefined, log: Logger): Promise<TeamKeys> {
  assertPrivateFile(file, 'keys.teamPrivateKey');
  let armored: string;
  try {
    armored = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SectriageError(
      'KEY_UNREADABLE',
      `cannot read the team key file ${file}: ${(cause as Error).message}; run "sectriage keys generate" or fix keys.teamPrivateKey`,
      { cause },
    );
  }
  // One armor block may hold several keys, but a file made by concatenating exports
  // (`gpg --export-secret-keys NEW OLD`, or `cat new.asc old.asc`) has several blocks,
  // and openpgp.js reads only the first block of a string.
  const blocks = armored.match(/-----BEGIN PGP PRIVATE KEY BLOCK-----[\s\S]*?-----END PGP PRIVATE KEY BLOCK-----/g) ?? [];
  if (blocks.length === 0) throw new SectriageError('KEY_UNREADABLE', `${file} holds no armored OpenPGP secret key (-----BEGIN PGP PRIVATE KEY BLOCK-----)`);
  const locked: openpgp.PrivateKey[] = [];
  for (const block of blocks) {
    try {
      locked.push(...(await openpgp.readPrivateKeys({ armoredKeys: block })));
    } catch (cause) {
      throw new SectriageError('KEY_UNREADABLE', `${file} holds an unreadable OpenPGP secret key block: ${(cause as Error).message}`, { cause });
    }
  }
  const keys: openpgp.PrivateKey[] = [];
  for (const key of locked) {
    const fpr = key.getFingerprint().toUpperCase();
    if (key.isDecrypted()) {
      log.warn({ fingerprint: fpr }, 'team secret key is not protected by a passphrase; anyone who can read the key file can decrypt reports');
      keys.push(key);
      continue;
    }
    if (!passphrase) {
      throw new SectriageError(
        'KEY_PASSPHRASE',
        `team key ${fpr} is passphrase-protected but no passphrase is configured: set keys.passphraseFile or SECTRIAGE_KEY_PASSPHRASE`,
      );
    }
    try {
      keys.push(await openpgp.decryptKey({ privateKey: key, passphrase: passphrase.reveal() }));
    } catch (cause) {
      throw new SectriageError('KEY_PASSPHRASE', `cannot unlock team key ${fpr}: wrong passphrase (${(cause as Error).message})`, { cause });
    }
  }
  const current = keys[0];
  if (!current) throw new SectriageError('KEY_UNREADABLE', `${file} holds no secret key`);
  return {
    keys,
    current,
    fingerprint: current.getFingerprint().toUpperCase(),
    publicArmored: current.toPublic().armor(),
  };
}
