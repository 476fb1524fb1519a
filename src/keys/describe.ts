/**
 * What an operator needs to know about a key: fingerprint, algorithm, dates, user IDs
 * and what it can do now. Pure over openpgp.js key objects; keys come from our own
 * files or from the database, already parsed.
 */
import * as openpgp from 'openpgp';
import { DAY } from '../limits.js';
import { REPORTER_KEY_CONFIG } from '../open/pgp-config.js';

export interface KeyInfo {
  fingerprint: string;
  algorithm: string;
  created: string;
  /** ISO time, or null when the key never expires. */
  expires: string | null;
  userIds: string[];
  canEncrypt: boolean;
  canSign: boolean;
  revoked: boolean;
}

function algorithmName(key: openpgp.Key): string {
  const a = key.getAlgorithmInfo() as { algorithm: string; bits?: number; curve?: string };
  if (a.bits) return `${a.algorithm.replace(/_?(encrypt|sign)$/i, '')}${a.bits}`;
  return a.curve ? `${a.algorithm}/${a.curve}` : a.algorithm;
}

export async function describeKey(key: openpgp.Key, now: Date): Promise<KeyInfo> {
  const exp = await key.getExpirationTime();
  const usable = async (fn: () => Promise<unknown>) =>
    fn().then(
      () => true,
      () => false,
    );
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    algorithm: algorithmName(key),
    created: key.getCreationTime().toISOString(),
    expires: exp instanceof Date ? exp.toISOString() : null,
    userIds: key.getUserIDs(),
    canEncrypt: await usable(() => key.getEncryptionKey(undefined, now, undefined, REPORTER_KEY_CONFIG)),
    canSign: await usable(() => key.getSigningKey(undefined, now, undefined, REPORTER_KEY_CONFIG)),
    revoked: await key.isRevoked(undefined, undefined, now),
  };
}

export interface KeyWarning {
  fingerprint: string;
  message: string;
}

/**
 * Warnings for keys that expire within `leadDays` or can no longer do their job:
 * a team key that cannot decrypt or sign stops intake and replies.
 */
export function keyWarnings(info: KeyInfo, now: Date, leadDays: number, role: string): KeyWarning[] {
  const out: KeyWarning[] = [];
  const fpr = info.fingerprint;
  if (info.revoked) out.push({ fingerprint: fpr, message: `${role} ${fpr} is revoked: replace it (sectriage keys generate --rotate)` });
  if (info.expires) {
    const left = (Date.parse(info.expires) - now.getTime()) / DAY;
    if (left <= 0)
      out.push({
        fingerprint: fpr,
        message: `${role} ${fpr} expired on ${info.expires.slice(0, 10)}: extend it (gpg --quick-set-expire) or replace it (sectriage keys generate --rotate)`,
      });
    else if (left <= leadDays)
      out.push({
        fingerprint: fpr,
        message: `${role} ${fpr} expires on ${info.expires.slice(0, 10)} (in ${Math.ceil(left)} days): extend it (gpg --quick-set-expire) or rotate it (sectriage keys generate --rotate)`,
      });
  }
  return out;
}
