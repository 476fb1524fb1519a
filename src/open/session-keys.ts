/**
 * The session keys of a message through our fast paths (issue 11): RSA through OpenSSL's raw
 * RSA with implicit rejection (./rsa-session-key.ts), Curve25519 through node:crypto's X25519
 * with the key built once (./ecdh-session-key.ts). undefined when any PKESK that may be ours
 * is something neither takes (ElGamal, X25519 of v6 keys, a hidden recipient, a key openpgp.js
 * would refuse, an ECDH key that does not open) or none is ours, so that openpgp.js's own path
 * runs exactly as before. Picks our key packets with openpgp.js's own getDecryptionKeys.
 * Input: hostile PKESKs; our keys.
 */
import * as openpgp from 'openpgp';
import { ecdhSessionKey, type EcdhKeyPacket, type EcdhPkesk } from './ecdh-session-key.js';
import { rsaSessionKeyCandidates, type Pkesk, type RsaKeyPacket } from './rsa-session-key.js';

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
        // The RSA path mirrors openpgp.js's constant-time PKCS#1 mode only (pgpConfig always sets it).
        const candidates =
          pkesk.publicKeyAlgorithm === publicKey.ecdh
            ? [ecdhSessionKey(pkesk, packet)]
            : config.constantTimePKCS1Decryption
              ? rsaSessionKeyCandidates(pkesk, packet, ciphers)
              : null;
        if (!candidates || candidates.some((c) => c === null)) return undefined;
        found.push(...(candidates as openpgp.SessionKey[]));
      }
    }
  }
  return found.length > 0 ? found : undefined;
}
