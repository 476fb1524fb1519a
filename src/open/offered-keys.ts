/**
 * Finds public keys a reporter offers with their message (an application/pgp-keys
 * part, a .asc attachment, an armored key in the text, or an Autocrypt header whose
 * addr is the sender) and keeps those with a UID
 * carrying the sender's address and a usable encryption subkey. Key material is
 * hostile input: parsing errors are ignored (the key is simply not offered).
 */
import * as openpgp from 'openpgp';
import type { SpilledContent } from '../util/spill-file.js';
import { findArmorBlocks } from './armor.js';
import { REPORTER_KEY_CONFIG } from './pgp-config.js';
import { keyHasAddress } from './signatures.js';

export interface Part {
  filename?: string | undefined;
  contentType: string;
  content: Buffer;
  /** A large decrypted part (open/pgp-mime-large.ts): its bytes are in this spill file and
   *  `content` is empty. Stored from the file (cases/store/messages.ts), which closes it. */
  spilled?: SpilledContent | undefined;
}

const MAX_KEY_BYTES = 1024 * 1024;

/**
 * The keydata of an Autocrypt header (Autocrypt Level 1 §2.1) when its addr is the
 * sender: attributes are `;`-separated `name=value`; unknown critical attributes (no
 * leading underscore) make the header invalid.
 */
export function autocryptKeydata(header: string | undefined, fromAddress: string | undefined): Uint8Array | undefined {
  if (!header || !fromAddress || header.length > MAX_KEY_BYTES * 2) return undefined;
  const attrs = new Map<string, string>();
  for (const piece of header.split(';')) {
    const eq = piece.indexOf('=');
    if (eq < 0) return undefined;
    attrs.set(piece.slice(0, eq).trim().toLowerCase(), piece.slice(eq + 1).trim());
  }
  if ([...attrs.keys()].some((k) => !['addr', 'prefer-encrypt', 'keydata'].includes(k) && !k.startsWith('_'))) return undefined;
  if (attrs.get('addr')?.toLowerCase() !== fromAddress.toLowerCase()) return undefined;
  const b64 = attrs.get('keydata')?.replace(/\s+/g, '');
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export async function offeredKeys(text: string, parts: Part[], fromAddress: string | undefined, autocrypt?: Uint8Array): Promise<openpgp.PublicKey[]> {
  if (!fromAddress) return [];
  const candidates: Array<{ armored?: string; binary?: Uint8Array }> = [];
  for (const b of findArmorBlocks(text, 5)) if (b.kind === 'PUBLIC KEY BLOCK') candidates.push({ armored: b.text });
  for (const p of parts) {
    if (p.spilled || p.content.length > MAX_KEY_BYTES) continue; // a spilled part is larger than a blob piece (1 MiB)
    const isKeyType = p.contentType.toLowerCase() === 'application/pgp-keys';
    const s = p.content.toString('latin1');
    if (s.includes('-----BEGIN PGP PUBLIC KEY BLOCK-----')) {
      for (const b of findArmorBlocks(s, 5)) if (b.kind === 'PUBLIC KEY BLOCK') candidates.push({ armored: b.text });
    } else if (isKeyType) {
      candidates.push({ binary: new Uint8Array(p.content) });
    }
  }
  const out = await usableKeys(candidates, fromAddress);
  // The Autocrypt header travels outside any encryption and signature: anyone on the
  // path can add one. It counts only when the message offers no key of its own, so it
  // can never push aside (or be pinned before) the key the reporter put in the message.
  if (out.length === 0 && autocrypt) return usableKeys([{ binary: autocrypt }], fromAddress);
  return out;
}

async function usableKeys(candidates: Array<{ armored?: string; binary?: Uint8Array }>, fromAddress: string): Promise<openpgp.PublicKey[]> {
  const out: openpgp.PublicKey[] = [];
  for (const c of candidates) {
    let keys: openpgp.Key[];
    try {
      keys = c.armored ? await openpgp.readKeys({ armoredKeys: c.armored }) : await openpgp.readKeys({ binaryKeys: c.binary as Uint8Array });
    } catch {
      continue;
    }
    for (const k of keys) {
      const pub = k.isPrivate() ? k.toPublic() : (k as openpgp.PublicKey);
      if (!keyHasAddress(pub, fromAddress)) continue;
      try {
        await pub.getEncryptionKey(undefined, new Date(), undefined, REPORTER_KEY_CONFIG);
      } catch {
        continue; // expired, revoked or signing-only: we could not encrypt to it
      }
      if (!out.some((o) => o.getFingerprint() === pub.getFingerprint())) out.push(pub);
    }
  }
  return out;
}
