/**
 * Turns openpgp.js verification results into what a case records: valid, invalid,
 * unknown key or none; the signer's key ID and, when we hold the key, its
 * fingerprint and whether one of its UIDs carries the From address. A bad or
 * unverifiable signature never blocks intake: it is shown on the case.
 */
import type * as openpgp from 'openpgp';

export type SignatureStatus = 'valid' | 'invalid' | 'unknown_key' | 'none';

export interface SignatureResult {
  status: Exclude<SignatureStatus, 'none'>;
  keyId: string;
  fingerprint?: string;
  uidMatchesFrom?: boolean;
  error?: string;
}

export async function checkSignatures(
  sigs: openpgp.DecryptMessageResult["signatures"],
  keys: openpgp.PublicKey[],
  fromAddress: string | undefined,
): Promise<SignatureResult[]> {
  const out: SignatureResult[] = [];
  for (const sig of sigs) {
    const keyId = sig.keyID.toHex().toUpperCase();
    const signer = keys.find((k) => k.getKeyIDs().some((id) => id.equals(sig.keyID)));
    try {
      await sig.verified;
      const r: SignatureResult = { status: 'valid', keyId };
      if (signer) {
        r.fingerprint = signer.getFingerprint().toUpperCase();
        r.uidMatchesFrom = fromAddress ? keyHasAddress(signer, fromAddress) : false;
      }
      out.push(r);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (!signer || /could not find signing key/i.test(message)) out.push({ status: 'unknown_key', keyId });
      else out.push({ status: 'invalid', keyId, fingerprint: signer.getFingerprint().toUpperCase(), error: message });
    }
  }
  return out;
}

/** The strongest status among several signatures: one valid signature is enough to show "valid". */
export function summarise(results: SignatureResult[]): { status: SignatureStatus; best?: SignatureResult } {
  for (const status of ['valid', 'invalid', 'unknown_key'] as const) {
    const best = results.find((r) => r.status === status);
    if (best) return { status, best };
  }
  return { status: 'none' };
}

export function keyHasAddress(key: openpgp.PublicKey | openpgp.PrivateKey, address: string): boolean {
  const want = address.trim().toLowerCase();
  return key.users.some((u) => u.userID?.email?.toLowerCase() === want);
}
