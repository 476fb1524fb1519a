/**
 * Web Key Directory (draft-koch-openpgp-webkey-service): the files a web server
 * publishes so that mail clients find the team key by its address alone. Both layouts:
 * advanced (openpgpkey.<domain>, .well-known/openpgpkey/<domain>/hu/<hash>) and direct
 * (<domain>, .well-known/openpgpkey/hu/<hash>), each with its (empty) policy file. The
 * hash is the z-base-32 SHA-1 of the lower-cased local part; the file is the binary
 * public key, with only the user IDs of that address. Pure but for openpgp.js. Input:
 * our own key and address.
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';

const ZBASE32 = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** z-base-32 (RFC 6189 §5.1.6) of `bytes`, 5 bits per character, no padding. */
export function zbase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ZBASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ZBASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** The WKD hash of an address's local part (what gpg-wks-client --print-wkd-hash prints). */
export function wkdHash(localPart: string): string {
  return zbase32(createHash('sha1').update(localPart.toLowerCase(), 'utf8').digest());
}

function split(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1).toLowerCase() };
}

/** Where a WKD client looks for `address` under the direct layout at `base` (e.g. https://example.com/). */
export function wkdDirectUrl(base: string, address: string): string {
  const { local } = split(address);
  return new URL(`.well-known/openpgpkey/hu/${wkdHash(local)}?l=${encodeURIComponent(local)}`, base.endsWith('/') ? base : `${base}/`).toString();
}

/** The files of both layouts, by their path under the web root, for the team key and address. */
export async function wkdFiles(key: openpgp.PublicKey | openpgp.PrivateKey, address: string): Promise<Array<{ path: string; content: Uint8Array }>> {
  const { local, domain } = split(address);
  const pub = key.isPrivate() ? key.toPublic() : key;
  // Only the user IDs of this address: a WKD answer must not publish other identities.
  const mine = pub.users.filter((u) => u.userID?.email.toLowerCase() === address.toLowerCase());
  if (!mine.length) throw new Error(`the team key has no user ID for ${address}`);
  const copy = await openpgp.readKey({ binaryKey: pub.write() });
  copy.users = copy.users.filter((u) => u.userID?.email.toLowerCase() === address.toLowerCase());
  const content = copy.write();
  const hash = wkdHash(local);
  return [
    { path: `.well-known/openpgpkey/${domain}/hu/${hash}`, content },
    { path: `.well-known/openpgpkey/${domain}/policy`, content: new Uint8Array() },
    { path: `.well-known/openpgpkey/hu/${hash}`, content },
    { path: '.well-known/openpgpkey/policy', content: new Uint8Array() },
  ];
}
