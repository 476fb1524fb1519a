/**
 * Turns an outbox row's parameters into the exact bytes to send: RFC 5322 headers
 * (threading, Auto-Submitted, Autocrypt), the text from templates.ts, our public key
 * attached; and, when we hold the reporter's pinned key, the whole body as RFC 3156
 * PGP/MIME, signed by the team key and encrypted to the reporter and to the team
 * (so the team can read what it sent). Mail to a team member (reminders, escalations,
 * digests) is encrypted the same way to the member's configured key when there is one.
 * A template may add an HTML alternative (the digest). Rendered once per row; retries
 * send the bytes.
 */
import { SectriageError } from '../errors.js';
import MimeNode from 'nodemailer/lib/mime-node/index.js';
import * as openpgp from 'openpgp';
import { REPORTER_KEY_CONFIG } from '../open/pgp-config.js';
import type { TeamKeys } from '../open/team-keys.js';
import { render, type MailParams } from './templates.js';
import { TEAM_MAIL_KINDS } from './templates-deadlines.js';

export interface RenderContext {
  from: string;
  teamAddress: string;
  teamKeys: TeamKeys;
  reporterKey(fingerprint: string): Promise<openpgp.PublicKey | undefined>;
  /** A team member's configured public key, by address (reminders, escalations, digests). */
  memberKey?(email: string): Promise<openpgp.PublicKey | undefined>;
}

export async function renderMail(p: MailParams & { messageId: string; date: string }, auto: boolean, ctx: RenderContext): Promise<Buffer> {
  const memberEmail = 'encryptToMember' in p ? p.encryptToMember : undefined;
  const key = p.encryptTo ? await ctx.reporterKey(p.encryptTo) : memberEmail ? await ctx.memberKey?.(memberEmail) : undefined;
  // A mail meant to be encrypted never falls back to plain: it is parked as failed.
  if (p.encryptTo && !key) throw new SectriageError('KEY_UNREADABLE', `no key ${p.encryptTo} to encrypt this mail to; not sent in plain text`);
  // The template sees whether the mail will really be encrypted: without a key it leaves report text out.
  const { subject, text, html } = render(p, Boolean(key));
  const to = p.toName ? { name: p.toName, address: p.to } : p.to;

  const headers: Record<string, string> = {
    From: ctx.from,
    To: typeof to === 'string' ? to : `"${to.name.replace(/["\\\r\n]/g, '')}" <${to.address}>`,
    Subject: subject,
    Date: new Date(p.date).toUTCString().replace('GMT', '+0000'),
    'Message-ID': p.messageId,
    Autocrypt: autocryptHeader(ctx.teamAddress, ctx.teamKeys),
  };
  if (TEAM_MAIL_KINDS.has(p.kind)) headers['Auto-Submitted'] = 'auto-generated';
  else if (auto) headers['Auto-Submitted'] = 'auto-replied';
  if (p.inReplyTo) headers['In-Reply-To'] = p.inReplyTo;
  const refs = [...(p.references ?? []), ...(p.inReplyTo && !(p.references ?? []).includes(p.inReplyTo) ? [p.inReplyTo] : [])];
  if (refs.length) headers.References = refs.join(' ');

  const body = new MimeNode('multipart/mixed', { disableFileAccess: true, disableUrlAccess: true } as MimeNode.Options);
  if (html) {
    const alt = body.createChild('multipart/alternative');
    alt.createChild('text/plain; charset=utf-8').setContent(text);
    alt.createChild('text/html; charset=utf-8').setContent(html);
  } else body.createChild('text/plain; charset=utf-8').setContent(text);
  body
    .createChild('application/pgp-keys; name="security-team-key.asc"')
    .setHeader('Content-Disposition', 'attachment; filename="security-team-key.asc"')
    .setContent(ctx.teamKeys.publicArmored);

  if (!key) {
    body.setHeader(headers);
    return body.build();
  }

  // Protected headers (RFC 9788): the real Subject travels inside the encryption too.
  body.setHeader('Content-Type', 'multipart/mixed; protected-headers="v1"');
  body.setHeader({ From: headers.From as string, To: headers.To as string, Subject: subject, 'Message-ID': p.messageId });
  const inner = await body.build();
  const encrypted = await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: new Uint8Array(inner) }),
    encryptionKeys: [key, ctx.teamKeys.current.toPublic()],
    signingKeys: ctx.teamKeys.current,
    format: 'armored',
    // A reporter's ElGamal subkey (an old GnuPG key) is encrypted to, not refused.
    config: REPORTER_KEY_CONFIG,
  });
  const outer = new MimeNode('multipart/encrypted; protocol="application/pgp-encrypted"', {
    disableFileAccess: true,
    disableUrlAccess: true,
  } as MimeNode.Options);
  outer.setHeader(headers);
  outer
    .createChild('application/pgp-encrypted')
    .setHeader('Content-Description', 'PGP/MIME version identification')
    .setHeader('Content-Transfer-Encoding', '7bit')
    .setContent('Version: 1\r\n');
  outer
    .createChild('application/octet-stream; name="encrypted.asc"')
    .setHeader('Content-Description', 'OpenPGP encrypted message')
    .setHeader('Content-Disposition', 'inline; filename="encrypted.asc"')
    .setHeader('Content-Transfer-Encoding', '7bit')
    .setContent(encrypted as string);
  return outer.build();
}

// The key's base64 per key object: serialising the public key was a fifth of rendering an
// acknowledgement (issue 11), and the same key goes into every header until it is rotated
// (a rotated key is a new object, so it is never served stale).
const keydataByKey = new WeakMap<object, string>();

/** Autocrypt Level 1 header: our address and our public key, base64 of the binary key. */
export function autocryptHeader(address: string, keys: TeamKeys): string {
  let keydata = keydataByKey.get(keys.current);
  if (keydata === undefined) {
    keydata = Buffer.from(keys.current.toPublic().write()).toString('base64');
    keydataByKey.set(keys.current, keydata);
  }
  return `addr=${address}; prefer-encrypt=mutual; keydata=${keydata}`;
}
