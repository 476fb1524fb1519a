/**
 * The session keys of a message through our fast paths (issue 11): RSA through OpenSSL's raw
 * RSA with implicit rejection (./rsa-session-key.ts), Curve25519 through node:crypto's X25519
 * with the key built once (./ecdh-session-key.ts). undefined when any PKESK that may be ours
 * is something neither takes (ElGamal, X25519 keys of algorithm 25, a hidden recipient, a key
 * openpgp.js would refuse, an ECDH key that does not open, a cipher openpgp.js would not take
 * from that key) or none is ours, so that openpgp.js's own path runs exactly as before.
 * Picks our key packets with openpgp.js's own getDecryptionKeys.
 * Input: hostile PKESKs; our keys.
 */
import * as openpgp from 'openpgp';
import { ecdhSessionKey, type EcdhKeyPacket, type EcdhPkesk } from './ecdh-session-key.js';
import { rsaSessionKeyCandidates, type Pkesk, type RsaKeyPacket } from './rsa-session-key.js';

/** A key's primary self-signature: not in openpgp.js's typings, but what its own decryptSessionKeys reads. */
interface SelfSigned {
  getPrimarySelfSignature(date: Date, userID: undefined, config: openpgp.Config): Promise<{ preferredSymmetricAlgorithms?: number[] | null }>;
}

/**
 * The ciphers openpgp.js accepts a session key for outside its constant-time mode: the four
 * fallbacks of the standards and old encoders, and those the key's primary self-signature
 * prefers (Message.decryptSessionKeys in openpgp.js 6). Read per message as openpgp.js does
 * (it keeps the verified signature: ~0.02 ms), so a key that expires is seen at once.
 */
async function preferredCiphers(key: openpgp.PrivateKey, config: openpgp.Config): Promise<Set<number>> {
  const { symmetric } = openpgp.enums;
  const out = new Set<number>([symmetric.aes256, symmetric.aes128, symmetric.tripledes, symmetric.cast5]);
  try {
    const self = await (key as unknown as SelfSigned).getPrimarySelfSignature(new Date(), undefined, config);
    for (const c of self.preferredSymmetricAlgorithms ?? []) out.add(c);
  } catch {
    // A key without a valid self-signature now: the fallbacks alone, as openpgp.js does.
  }
  return out;
}

export async function fastSessionKeys(
  message: openpgp.Message<Uint8Array | string>,
  keys: openpgp.PrivateKey[],
  partial: openpgp.PartialConfig,
): Promise<openpgp.SessionKey[] | undefined> {
  const config = { ...openpgp.config, ...partial } as openpgp.Config;
  const pkesks = message.packets.filterByTag(openpgp.enums.packet.publicKeyEncryptedSessionKey) as unknown as Array<Pkesk & EcdhPkesk>;
  const { packet: tag, publicKey } = openpgp.enums;
  const data = message.packets.filterByTag(tag.symmetricallyEncryptedData, tag.symEncryptedIntegrityProtectedData, tag.aeadEncryptedData)[0] as
    { cipherAlgorithm?: number | null } | undefined;
  if (!data || pkesks.length === 0) return undefined;
  const ciphers = data.cipherAlgorithm ? [data.cipherAlgorithm] : [...config.constantTimePKCS1DecryptionSupportedSymmetricAlgorithms];
  const found: openpgp.SessionKey[] = [];
  for (const pkesk of pkesks) {
    if (/^0+$/.test(pkesk.publicKeyID.toHex())) return undefined; // hidden recipient: openpgp.js tries every key
    for (const key of keys) {
      if (!key.getKeyIDs().some((id) => id.equals(pkesk.publicKeyID))) continue;
      let packets: Array<RsaKeyPacket & EcdhKeyPacket>;
      try {
        packets = (await key.getDecryptionKeys(pkesk.publicKeyID, null, undefined, config)).map((k) => k.keyPacket as unknown as RsaKeyPacket & EcdhKeyPacket);
      } catch {
        return undefined; // ours but not usable for decryption: openpgp.js says why
      }
      for (const packet of packets) {
        if (pkesk.publicKeyAlgorithm === publicKey.ecdh) {
          const sessionKey = ecdhSessionKey(pkesk, packet);
          // openpgp.js refuses a cipher outside the fallbacks and the key's preferences here (not in its constant-time RSA mode).
          const cipher = data.cipherAlgorithm || (sessionKey && openpgp.enums.symmetric[sessionKey.algorithm]);
          if (!sessionKey || !(await preferredCiphers(key, config)).has(cipher as number)) return undefined;
          found.push(sessionKey);
          continue;
        }
        // The RSA path mirrors openpgp.js's constant-time PKCS#1 mode only (pgpConfig always sets it).
        const candidates = config.constantTimePKCS1Decryption ? rsaSessionKeyCandidates(pkesk, packet, ciphers) : null;
        if (!candidates) return undefined;
        found.push(...candidates);
      }
    }
  }
  return found.length > 0 ? found : undefined;
}
