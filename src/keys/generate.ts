/**
 * Makes a new team key pair. Curve25519 by default, as the legacy EdDSA/ECDH
 * algorithms (RFC 4880bis) that GnuPG 2.2, Sequoia, Thunderbird and OpenKeychain all
 * read; RFC 9580's new X25519 would lock out reporters on GnuPG 2.2. RSA-4096 on
 * request for reporters on very old tools. The secret key is locked with the
 * configured passphrase; the revocation certificate comes with it.
 */
import * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';

export type TeamKeyType = 'cv25519' | 'rsa4096';

export interface NewTeamKey {
  fingerprint: string;
  privateArmored: string;
  publicArmored: string;
  revocationCertificate: string;
}

export async function generateTeamKey(o: {
  name: string;
  email: string;
  type: TeamKeyType;
  passphrase?: string;
  lifetimeSeconds: number | null;
  now: Date;
}): Promise<NewTeamKey> {
  if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(o.email)) throw new SectriageError('USAGE', `"${o.email}" is not an email address for the key's user ID`);
  const algo = o.type === 'rsa4096' ? { type: 'rsa' as const, rsaBits: 4096 } : { type: 'ecc' as const, curve: 'ed25519Legacy' as const };
  const { privateKey, publicKey, revocationCertificate } = await openpgp.generateKey({
    ...algo,
    userIDs: [{ name: o.name, email: o.email }],
    ...(o.passphrase ? { passphrase: o.passphrase } : {}),
    ...(o.lifetimeSeconds ? { keyExpirationTime: o.lifetimeSeconds } : {}),
    date: o.now,
    format: 'armored',
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return { fingerprint: key.getFingerprint().toUpperCase(), privateArmored: privateKey, publicArmored: publicKey, revocationCertificate };
}
