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

export function pgpConfig(limits: Limits): openpgp.PartialConfig {
  return {
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
