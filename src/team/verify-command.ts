/**
 * Decides whether a mail from a team member's address really comes from that member:
 * it must carry a valid OpenPGP signature by the key configured for that member
 * (team: publicKey). Shapes: PGP/MIME signed-and-encrypted (already opened and
 * verified against the team keyring by open-message.ts, see process.ts knownKeys),
 * RFC 3156 multipart/signed, and an inline clear-signed text (or one inline encrypted
 * and signed block; a partly encrypted mail is refused). The text whose
 * commands may run is ONLY the signed text; anything outside the signature (other
 * MIME parts, unencrypted text, the headers) is ignored. The From header is not
 * signed, but the member key carries the member's address, so a signature by
 * member A's key under member B's From is refused (signer_mismatch).
 */
import { createHash } from 'node:crypto';
import * as openpgp from 'openpgp';
import type { Limits } from '../limits.js';
import { findArmorBlocks } from '../open/armor.js';
import type { OpenedMessage } from '../open/open-message.js';
import { pgpConfig } from '../open/pgp-config.js';
import { checkSignatures, verifyDetached, type SignatureResult } from '../open/signatures.js';
import type { TeamMemberKey } from '../open/team-members.js';
import { parseMail } from '../parse/parse.js';
import { multipartParts, rawContentType } from '../parse/mime-raw.js';

export type Verdict =
  | { ok: true; fingerprint: string; text: string; signedHash: string }
  | {
      ok: false;
      reason:
        | 'not_signed'
        | 'bad_signature'
        | 'weak_signature'
        | 'old_signature'
        | 'unknown_key'
        | 'signer_mismatch'
        | 'no_member_key'
        | 'undecryptable'
        | 'partly_encrypted'
        | 'several_blocks';
    };

export async function verifyTeamMail(raw: Buffer, opened: OpenedMessage, member: TeamMemberKey, all: TeamMemberKey[], limits: Limits): Promise<Verdict> {
  if (!member.key || !member.fingerprint) return { ok: false, reason: 'no_member_key' };
  const keys = all.flatMap((m) => (m.key ? [m.key] : []));
  if (opened.encryption === 'undecryptable') return { ok: false, reason: 'undecryptable' };
  let signatures: SignatureResult[];
  let text: string;
  if (opened.encryption === 'partial') return { ok: false, reason: 'partly_encrypted' };
  if (opened.encryption === 'encrypted') {
    // Decrypted and verified by open-message.ts; `text` holds only what was inside the
    // encryption. Anyone can encrypt to the team key: a second inline block beside a
    // replayed, signed one would run unsigned commands, so only one block is accepted.
    const inline = findArmorBlocks(`${opened.outer.text ?? ''}\n${typeof opened.outer.html === 'string' ? opened.outer.html : ''}`, limits.maxPgpBlocks).filter(
      (b) => b.kind === 'MESSAGE',
    );
    // Encrypted files beside the block count too (open-message.ts decrypts those as well).
    if (inline.length > 1 || opened.payloadHashes.length > 1) return { ok: false, reason: 'several_blocks' };
    signatures = opened.signatures;
    text = opened.text;
  } else {
    const detached = await multipartSigned(raw, keys, member.email, limits);
    // The body as it came: open-message.ts has already cut the armor out of `opened.text`.
    const body = opened.outer.text ?? (typeof opened.outer.html === 'string' ? opened.outer.html : '');
    const clear = detached ? undefined : await clearSigned(body, keys, member.email, limits);
    const found = detached ?? clear;
    if (!found) return { ok: false, reason: 'not_signed' };
    ({ signatures, text } = found);
  }
  const valid = signatures.filter((s) => s.status === 'valid');
  // Every signature must be the member's: a text signed by several keys is not theirs alone.
  if (valid.length > 0 && valid.length === signatures.length && valid.every((s) => s.fingerprint === member.fingerprint)) {
    // The replay guard keys on what was signed and by whom, not on the bytes it came in:
    // re-armoring the signature, re-encrypting it to the team key or adding trailing
    // blanks changes the bytes, never this.
    return { ok: true, fingerprint: member.fingerprint, text, signedHash: signedContentHash(member.fingerprint, text) };
  }
  if (valid.some((s) => s.fingerprint && all.some((m) => m.fingerprint === s.fingerprint))) return { ok: false, reason: 'signer_mismatch' };
  if (signatures.some((s) => s.status === 'invalid')) return { ok: false, reason: 'bad_signature' };
  if (signatures.some((s) => s.status === 'weak')) return { ok: false, reason: 'weak_signature' };
  if (signatures.some((s) => s.status === 'unsupported')) return { ok: false, reason: 'old_signature' };
  if (signatures.length === 0) return { ok: false, reason: 'not_signed' };
  return { ok: false, reason: 'unknown_key' };
}

const sha256 = (b: Buffer | Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** The signer and the signed text as OpenPGP canonicalises it (CRLF, no trailing blanks). */
export function signedContentHash(fingerprint: string, text: string): string {
  const canonical = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .trim();
  return sha256(Buffer.from(`${fingerprint}\n${canonical}`, 'utf8'));
}

/** RFC 3156 §5: the text is the first part's, the signature covers its exact bytes. */
async function multipartSigned(raw: Buffer, keys: openpgp.PublicKey[], from: string, limits: Limits) {
  const ct = rawContentType(raw);
  if (ct.value !== 'multipart/signed' || (ct.params.protocol ?? '').toLowerCase() !== 'application/pgp-signature') return undefined;
  const [signed, sigPart] = multipartParts(raw, 3);
  if (!signed || !sigPart) return undefined;
  const sigEntity = await parseMail(sigPart, limits);
  const signature = sigEntity.attachments[0]?.content ?? Buffer.from(sigEntity.text ?? '');
  const signatures = await verifyDetached(signed, signature, keys, from, pgpConfig(limits));
  const inner = await parseMail(signed, limits);
  return { signatures, text: inner.text ?? '' };
}

/** An inline "-----BEGIN PGP SIGNED MESSAGE-----" block: only its cleartext counts. */
async function clearSigned(text: string, keys: openpgp.PublicKey[], from: string, limits: Limits) {
  const m = /-----BEGIN PGP SIGNED MESSAGE-----\r?\n[\s\S]*?-----END PGP SIGNATURE-----/.exec(text);
  if (!m) return undefined;
  let message: openpgp.CleartextMessage;
  try {
    message = await openpgp.readCleartextMessage({ cleartextMessage: m[0], config: pgpConfig(limits) });
  } catch {
    return { signatures: [{ status: 'invalid' as const, keyId: '0000000000000000', error: 'unreadable clear-signed block' }], text: '' };
  }
  const res = await openpgp.verify({ message, verificationKeys: keys, config: pgpConfig(limits) });
  return { signatures: await checkSignatures(res.signatures, keys, from), text: message.getText() };
}
