/**
 * Key sizes, in octets, of the symmetric ciphers openpgp.js decrypts with, by OpenPGP id:
 * what a decrypted session key must measure for the cipher it names (both fast session-key
 * paths read keys by it). Pure data.
 */
import * as openpgp from 'openpgp';

const { symmetric } = openpgp.enums;

export const CIPHER_KEY_SIZE: ReadonlyMap<number, number> = new Map<number, number>([
  [symmetric.idea, 16],
  [symmetric.tripledes, 24],
  [symmetric.cast5, 16],
  [symmetric.blowfish, 16],
  [symmetric.aes128, 16],
  [symmetric.aes192, 24],
  [symmetric.aes256, 32],
  [symmetric.twofish, 32],
]);
