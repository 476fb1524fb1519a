/**
 * doctor's check of a published Web Key Directory: fetches the team address's key from
 * the configured keys.wkdUrl (only that URL, the way a client computes it) and compares
 * it with the current team key. The answer is the web server's: read as at most
 * DEFAULTS.wkdMaxBytes and parsed as a key, nothing else.
 */
import * as openpgp from 'openpgp';
import { DEFAULTS } from '../limits.js';
import { wkdDirectUrl } from './wkd.js';

export type WkdCheck = { ok: true; url: string } | { ok: false; url: string; why: string };

export async function checkPublishedWkd(base: string, address: string, teamFingerprint: string): Promise<WkdCheck> {
  const url = wkdDirectUrl(base, address);
  let bytes: Uint8Array;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(DEFAULTS.wkdFetchTimeout), redirect: 'error' });
    if (!res.ok) return { ok: false, url, why: `HTTP ${res.status}` };
    bytes = new Uint8Array(await res.arrayBuffer());
  } catch (e) {
    return { ok: false, url, why: (e as Error).message };
  }
  if (bytes.length > DEFAULTS.wkdMaxBytes) return { ok: false, url, why: `${bytes.length} bytes: not a key` };
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ binaryKey: bytes });
  } catch (e) {
    return { ok: false, url, why: `not an OpenPGP key: ${(e as Error).message}` };
  }
  const fpr = key.getFingerprint().toUpperCase();
  if (fpr !== teamFingerprint.toUpperCase()) return { ok: false, url, why: `it serves ${fpr}, not the current team key ${teamFingerprint}` };
  return { ok: true, url };
}
