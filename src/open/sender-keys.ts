/**
 * Which keys one message is decrypted and its signatures checked with: the team keys,
 * the sender's pinned keys, and on first contact only the keys the message itself
 * offers. Input is hostile: an offered key is anyone's claim to the sender's address,
 * so it is trusted only where nothing is pinned and only with that address on it.
 */
import type * as openpgp from 'openpgp';
import type { Address, ParsedMail } from '../parse/parse.js';
import { decryptPgp, decryptPgpToFile, type ArmoredBytes, type Decrypted, type DecryptOptions, type SpilledDecrypted } from './decrypt.js';
import { autocryptKeydata, offeredKeys, type Part } from './offered-keys.js';
import type { OpenContext } from './opened.js';

export async function decryptWithKnown(
  input: string | Uint8Array,
  from: Address | undefined,
  ctx: OpenContext,
  extra: openpgp.PublicKey[],
): Promise<Decrypted> {
  return decryptPgp(input, await decryptOptions(from, ctx, extra));
}

/** The same for a large message, its plaintext into a spill file in `spillDir` (decrypt.ts decryptPgpToFile). */
export async function decryptWithKnownToFile(
  input: Uint8Array | ArmoredBytes,
  from: Address | undefined,
  ctx: OpenContext,
  extra: openpgp.PublicKey[],
  spillDir: string,
): Promise<SpilledDecrypted> {
  return decryptPgpToFile(input, { ...(await decryptOptions(from, ctx, extra)), spillDir });
}

async function decryptOptions(from: Address | undefined, ctx: OpenContext, extra: openpgp.PublicKey[]): Promise<DecryptOptions> {
  const known = from ? await ctx.knownKeys(from.address) : [];
  return {
    keys: ctx.teamKeys,
    verificationKeys: [...known, ...extra],
    limits: ctx.limits,
    fromAddress: from?.address,
    ...(ctx.budget ? { budget: ctx.budget } : {}),
  };
}

/**
 * The keys a signature may be checked against: the sender's pinned key; or, on first
 * contact only (nothing pinned yet), the keys offered in this very message (trust on
 * first use). Once a key is pinned, a signature by some other key the message brings
 * along stays "unknown key": anyone can make a key with the reporter's address on it.
 */
export async function verificationKeys(from: Address | undefined, ctx: OpenContext, offered: openpgp.PublicKey[]): Promise<openpgp.PublicKey[]> {
  const known = from ? await ctx.knownKeys(from.address) : [];
  return known.length > 0 ? known : offered;
}

/** A signature by a key the reporter attached can only be checked after decrypting once. */
export async function reverifyWithOffered(
  input: string | Uint8Array,
  dec: Decrypted,
  from: Address | undefined,
  ctx: OpenContext,
  keys: openpgp.PublicKey[],
): Promise<Decrypted> {
  const usable = await offeredSigners(dec, from, ctx, keys);
  return usable ? decryptWithKnown(input, from, ctx, usable) : dec;
}

/** The offered keys to decrypt again with, when one of them may have made a signature we could not check; undefined when none can. */
export async function offeredSigners(
  dec: Pick<Decrypted, 'signatures'>,
  from: Address | undefined,
  ctx: OpenContext,
  keys: openpgp.PublicKey[],
): Promise<openpgp.PublicKey[] | undefined> {
  const usable = (await verificationKeys(from, ctx, keys)).filter((k) => keys.includes(k));
  const ids = new Set(usable.flatMap((k) => k.getKeyIDs().map((id) => id.toHex().toUpperCase())));
  return dec.signatures.some((s) => s.status === 'unknown_key' && ids.has(s.keyId)) ? usable : undefined;
}

/** Keys offered in the text and parts, plus the outer Autocrypt header's key. */
export function offeredFor(outer: ParsedMail, text: string, parts: Part[], from: Address | undefined): Promise<openpgp.PublicKey[]> {
  const h = outer.headers.get('autocrypt');
  const header = typeof h === 'string' ? h : undefined;
  return offeredKeys(text, parts, from?.address, autocryptKeydata(header, from?.address));
}
