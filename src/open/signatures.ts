/**
 * Turns openpgp.js verification results into what a case records: valid, weak (good,
 * but made with an algorithm we no longer accept, named in `error`), invalid, unknown
 * key, unsupported (a form we cannot check at all: version 3 signatures) or none; the signer's key ID and, when we hold the key, its fingerprint and
 * whether one of its UIDs carries the From address. A bad or unverifiable signature
 * never blocks intake: it is shown on the case. Only `valid` ever vouches for anyone.
 */
import * as openpgp from 'openpgp';
import { WEAK_MESSAGE_HASHES, WEAK_SIGNING_KEYS } from './pgp-config.js';

export type SignatureStatus = 'valid' | 'weak' | 'invalid' | 'unknown_key' | 'unsupported' | 'none';

export interface SignatureResult {
  status: Exclude<SignatureStatus, 'none'>;
  keyId: string;
  fingerprint?: string;
  uidMatchesFrom?: boolean;
  error?: string;
}

export async function checkSignatures(
  sigs: openpgp.DecryptMessageResult['signatures'],
  keys: openpgp.PublicKey[],
  fromAddress: string | undefined,
): Promise<SignatureResult[]> {
  const out: SignatureResult[] = [];
  for (const sig of sigs) {
    const keyId = sig.keyID.toHex().toUpperCase();
    const signer = keys.find((k) => k.getKeyIDs().some((id) => id.equals(sig.keyID)));
    try {
      await sig.verified;
      const weak = (await weakHash(sig)) ?? weakKey(signer, sig.keyID);
      const r: SignatureResult = weak ? { status: 'weak', keyId, error: `made with ${weak}, which we no longer accept` } : { status: 'valid', keyId };
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

const HASH_NAMES: Record<number, string> = { [openpgp.enums.hash.sha1]: 'SHA1' };

/** "a DSA key" when the (sub)key that made a good signature is of an algorithm we no longer accept. */
function weakKey(signer: openpgp.PublicKey | undefined, keyID: openpgp.KeyID): string | undefined {
  const algorithm = signer?.getKeys(keyID)[0]?.getAlgorithmInfo().algorithm;
  return algorithm && WEAK_SIGNING_KEYS.has(algorithm) ? `a ${algorithm.toUpperCase()} key` : undefined;
}

/** The digest algorithm's name when a good signature was made with one we no longer accept. */
async function weakHash(sig: openpgp.DecryptMessageResult['signatures'][number]): Promise<string | undefined> {
  const hash = (await sig.signature).packets[0]?.hashAlgorithm;
  if (hash === undefined || hash === null || !WEAK_MESSAGE_HASHES.has(hash)) return undefined;
  return HASH_NAMES[hash] ?? `hash algorithm ${hash}`;
}

/** The strongest status among several signatures: one valid signature is enough to show "valid". */
export function summarise(results: SignatureResult[]): { status: SignatureStatus; best?: SignatureResult } {
  for (const status of ['valid', 'weak', 'invalid', 'unknown_key', 'unsupported'] as const) {
    const best = results.find((r) => r.status === status);
    if (best) return { status, best };
  }
  return { status: 'none' };
}

/**
 * Signature packets openpgp.js could not read and skipped (it drops them, and the text
 * then looks unsigned): version 3 signatures, which GnuPG made up to 2.0, so most signed
 * mail before ~2015. Each is recorded as unsupported, with its key ID when it has one.
 */
export function unsupportedSignatures(packets: Iterable<unknown>): SignatureResult[] {
  const out: SignatureResult[] = [];
  for (const p of packets) {
    const packet = p as { tag?: unknown; rawContent?: unknown; constructor?: { name?: string } };
    if (packet.tag !== openpgp.enums.packet.signature || !(packet.rawContent instanceof Uint8Array)) continue;
    const raw = packet.rawContent;
    // RFC 4880 §5.2.2: version 3, hashed length 5, type, time (4), then the signer's key ID (8).
    const v3 = raw[0] === 3 && raw.length >= 15;
    out.push({
      status: 'unsupported',
      keyId: v3 ? Buffer.from(raw.subarray(7, 15)).toString('hex').toUpperCase() : '0000000000000000',
      error: v3 ? 'a version 3 signature (GnuPG 1.x or 2.0), which we cannot check' : `a version ${raw[0] ?? '?'} signature, which we cannot read`,
    });
  }
  return out;
}

export function keyHasAddress(key: openpgp.PublicKey | openpgp.PrivateKey, address: string): boolean {
  const want = address.trim().toLowerCase();
  return key.users.some((u) => u.userID?.email?.toLowerCase() === want);
}

/**
 * Verifies a detached signature (RFC 3156 multipart/signed) over the exact bytes of
 * the signed part. Some clients and relays turn CRLF into LF after signing; when the
 * bytes have bare LFs and the signature does not check, it is tried once more over
 * the canonical CRLF form, which is what the signer hashed.
 */
export async function verifyDetached(
  signed: Buffer,
  signature: Buffer,
  keys: openpgp.PublicKey[],
  fromAddress: string | undefined,
  config: openpgp.PartialConfig,
): Promise<SignatureResult[]> {
  const text = signature.toString('latin1');
  let sig: openpgp.Signature;
  try {
    sig = text.includes('-----BEGIN PGP SIGNATURE-----')
      ? await openpgp.readSignature({ armoredSignature: text, config })
      : await openpgp.readSignature({ binarySignature: new Uint8Array(signature), config });
  } catch (e) {
    return [{ status: 'invalid', keyId: '0000000000000000', error: `unreadable signature: ${e instanceof Error ? e.message : String(e)}` }];
  }
  const run = async (bytes: Buffer): Promise<SignatureResult[]> => {
    const message = await openpgp.createMessage({ binary: new Uint8Array(bytes) });
    const res = await openpgp.verify({ message, signature: sig, verificationKeys: keys, format: 'binary', config });
    return checkSignatures(res.signatures, keys, fromAddress);
  };
  const skipped = unsupportedSignatures(sig.packets);
  if (skipped.length === sig.packets.length) return skipped;
  const first = [...(await run(signed)), ...skipped];
  if (first.some((r) => r.status === 'invalid') && /(^|[^\r])\n/.test(signed.toString('latin1'))) {
    const canonical = Buffer.from(signed.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    const second = [...(await run(canonical)), ...skipped];
    if (second.every((r) => r.status !== 'invalid')) return second;
  }
  return first;
}
