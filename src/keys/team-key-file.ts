/**
 * The team key file as the key commands read it: every armored secret key block in it,
 * still locked (listing, exporting and extending need no passphrase to find them), and
 * the --expires lifetimes they take. Input: our own key file and the operator's text.
 */
import { readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';
import { DAY } from '../limits.js';
import { armoredBlocks } from './key-files.js';

/** The team's secret keys as stored (still locked): listing and exporting need no passphrase. */
export async function storedTeamKeys(file: string): Promise<openpgp.PrivateKey[]> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new SectriageError('KEY_UNREADABLE', `cannot read the team key file ${file}: ${(cause as Error).message}; run "sectriage keys generate"`, { cause });
  }
  const keys: openpgp.PrivateKey[] = [];
  for (const block of armoredBlocks(text, 'PRIVATE KEY')) keys.push(...(await openpgp.readPrivateKeys({ armoredKeys: block })));
  if (keys.length === 0) throw new SectriageError('KEY_UNREADABLE', `${file} holds no armored OpenPGP secret key`);
  return keys;
}

export function parseLifetime(v: string): number | null {
  if (v === 'never') return null;
  const m = /^(\d+)(d|y)$/.exec(v);
  if (!m) throw new SectriageError('USAGE', `--expires: "${v}" is not a lifetime such as 730d, 2y or never`);
  return Number(m[1]) * (m[2] === 'y' ? 365 : 1) * (DAY / 1000);
}
