/**
 * The openpgp.js configuration used for everything we decrypt or verify. Its
 * defaults are safe except for size: maxDecompressedMessageSize is unlimited there,
 * so a 65 KB zlib bomb would expand to gigabytes in memory. Loading it also puts a
 * DecompressionStream that inflates only as fast as it is read in place of Node's
 * (./decompression.ts), for every openpgp.js decryption in the thread.
 */
import * as openpgp from 'openpgp';
import type { Limits } from '../limits.js';
import { usePullDecompression } from './decompression.js';

// Before any decryption: Node's own DecompressionStream reads ahead without bound (./decompression.ts).
usePullDecompression();

/**
 * Message-signature digests we no longer take as proof of who wrote a text (SHA-1: chosen-
 * prefix collisions since 2020). openpgp.js refuses them outright; we verify them anyway
 * and record a good one as `weak` with the algorithm (signatures.ts), so a KMail 2010 mail
 * reads as "signed with SHA1, no longer accepted", not as forged. MD5 and RIPEMD-160 stay
 * refused by openpgp.js (broken, and never a default of any client we take mail from).
 */
export const WEAK_MESSAGE_HASHES: ReadonlySet<number> = new Set([openpgp.enums.hash.sha1]);

/**
 * Signing-key algorithms we no longer take as proof either: DSA (1024-bit keys dominate,
 * and FIPS 186-5 withdrew it). openpgp.js refuses DSA and ElGamal keys outright, which
 * made a Thunderbird user's old key vanish (unknown_key); we verify with them and record
 * a good DSA signature as `weak`. ElGamal only ever decrypts (an old team key of ours).
 */
export const WEAK_SIGNING_KEYS: ReadonlySet<string> = new Set(['dsa']);

/**
 * For reporters' keys (offering, pinning, encrypting our replies): DSA/ElGamal keys, which
 * old Thunderbird/Enigmail users still have, count like any other. Replying encrypted to
 * ElGamal-2048 is far better than replying in plain text, the only other choice; only
 * their signatures are `weak` (signatures.ts).
 */
export const REPORTER_KEY_CONFIG: openpgp.Config = { ...openpgp.config, rejectPublicKeyAlgorithms: new Set() };

export function pgpConfig(limits: Limits): openpgp.PartialConfig {
  return {
    rejectMessageHashAlgorithms: new Set([openpgp.enums.hash.md5, openpgp.enums.hash.ripemd]),
    rejectPublicKeyAlgorithms: new Set(),
    maxDecompressedMessageSize: limits.maxDecryptedBytes,
    // Efail: never hand out plaintext that was not integrity-protected (these are the defaults; pinned here on purpose).
    allowUnauthenticatedMessages: false,
    allowUnauthenticatedStream: false,
    allowInsecureDecryptionWithSigningKeys: false,
    // We decrypt anything a stranger sends: the RSA timing side channel is exactly this case.
    constantTimePKCS1Decryption: true,
    constantTimePKCS1DecryptionSupportedSymmetricAlgorithms: new Set([
      openpgp.enums.symmetric.aes128,
      openpgp.enums.symmetric.aes192,
      openpgp.enums.symmetric.aes256,
    ]),
  };
}
