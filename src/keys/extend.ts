/**
 * Moves a team key's expiry date without making a new key: the same key material and
 * fingerprint, new self-signatures (user IDs and subkey bindings) carrying the new
 * expiry, so reporters who hold the key keep encrypting to it once they refresh it.
 * openpgp.js reformatKey does the re-signing; the key is unlocked with the configured
 * passphrase and locked again with it. Input: our own key file.
 */
import * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';

export interface ExtendedKey {
  fingerprint: string;
  armored: string;
  expires: Date | null;
}

/** The key re-signed to expire `lifetimeSeconds` after `now` (null: never), locked with `passphrase` when given. */
export async function extendTeamKey(
  key: openpgp.PrivateKey,
  o: { passphrase?: string | undefined; lifetimeSeconds: number | null; now: Date },
): Promise<ExtendedKey> {
  let unlocked = key;
  if (!key.isDecrypted()) {
    if (!o.passphrase) throw new SectriageError('KEY_PASSPHRASE', 'the team key is locked and no passphrase is configured (keys.passphraseFile)');
    try {
      unlocked = await openpgp.decryptKey({ privateKey: key, passphrase: o.passphrase });
    } catch (cause) {
      throw new SectriageError('KEY_PASSPHRASE', `the configured passphrase does not unlock ${key.getFingerprint().toUpperCase()}`, { cause });
    }
  }
  const userIDs = key.users.flatMap((u) => (u.userID ? [{ name: u.userID.name, email: u.userID.email, comment: u.userID.comment }] : []));
  // The expiry subpacket counts from the key's creation, not from the new signature.
  const created = key.getCreationTime().getTime();
  const expiresAt = o.lifetimeSeconds === null ? null : o.now.getTime() + o.lifetimeSeconds * 1000;
  if (expiresAt !== null && expiresAt <= o.now.getTime()) throw new SectriageError('USAGE', '--expires must be in the future');
  const { privateKey } = await openpgp.reformatKey({
    privateKey: unlocked,
    userIDs,
    ...(o.passphrase ? { passphrase: o.passphrase } : {}),
    ...(expiresAt !== null ? { keyExpirationTime: Math.ceil((expiresAt - created) / 1000) } : {}),
    date: o.now,
    format: 'armored',
  });
  const again = await openpgp.readPrivateKey({ armoredKey: privateKey });
  if (again.getFingerprint() !== key.getFingerprint()) throw new SectriageError('KEY_MISMATCH', 're-signing changed the fingerprint: nothing written');
  const exp = await again.getExpirationTime();
  return { fingerprint: again.getFingerprint().toUpperCase(), armored: privateKey, expires: exp instanceof Date ? exp : null };
}
