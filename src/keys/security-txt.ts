/**
 * RFC 9116 security.txt: builds the fields from the config and the team key, signs
 * the file as an OpenPGP cleartext message (§2.3), and reads a published file back to
 * warn before its Expires passes. The config is operator input (validated by the
 * schema); a file read back may be anything and is only scanned for Expires.
 */
import * as openpgp from 'openpgp';
import { SectriageError } from '../errors.js';

export interface SecurityTxtFields {
  contact: string[];
  expires: Date;
  encryption: string[];
  policy?: string;
  preferredLanguages?: string;
  canonical: string[];
  acknowledgments?: string;
  hiring?: string;
}

/** RFC 9116 §2.5: web URIs MUST be https; Contact may also be mailto: or tel:. */
export function checkUri(field: string, uri: string, schemes: string[]): void {
  // new URL() drops newlines and tabs; written raw they would start a field of their own.
  if (/[\u0000-\u001f\u007f]/.test(uri))
    throw new SectriageError('CONFIG_INVALID', `securityTxt ${field}: "${JSON.stringify(uri)}" contains control characters`);
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new SectriageError('CONFIG_INVALID', `securityTxt ${field}: "${uri}" is not a URI`);
  }
  if (!schemes.includes(u.protocol))
    throw new SectriageError('CONFIG_INVALID', `securityTxt ${field}: "${uri}" must use ${schemes.join(' or ')} (RFC 9116 §2.5)`);
}

/** The Expires value: RFC 3339 / ISO 8601 in UTC, without fractional seconds. */
export function expiresValue(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function buildSecurityTxt(f: SecurityTxtFields): string {
  if (f.contact.length === 0) throw new SectriageError('CONFIG_INVALID', 'securityTxt: at least one Contact is required (RFC 9116 §2.5.3)');
  f.contact.forEach((c) => checkUri('contact', c, ['mailto:', 'https:', 'tel:']));
  f.encryption.forEach((c) => checkUri('encryption', c, ['https:', 'openpgp4fpr:', 'dns:']));
  f.canonical.forEach((c) => checkUri('canonical', c, ['https:']));
  if (f.policy) checkUri('policy', f.policy, ['https:']);
  if (f.preferredLanguages && !/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*(\s*,\s*[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*)*$/.test(f.preferredLanguages)) {
    throw new SectriageError(
      'CONFIG_INVALID',
      `securityTxt preferredLanguages: "${f.preferredLanguages}" is not a comma-separated list of language tags such as "en, de" (RFC 9116 §2.5.8)`,
    );
  }
  if (f.acknowledgments) checkUri('acknowledgments', f.acknowledgments, ['https:']);
  if (f.hiring) checkUri('hiring', f.hiring, ['https:']);
  const lines = [
    ...f.contact.map((c) => `Contact: ${c}`),
    `Expires: ${expiresValue(f.expires)}`,
    ...f.encryption.map((e) => `Encryption: ${e}`),
    ...(f.acknowledgments ? [`Acknowledgments: ${f.acknowledgments}`] : []),
    ...(f.preferredLanguages ? [`Preferred-Languages: ${f.preferredLanguages}`] : []),
    ...f.canonical.map((c) => `Canonical: ${c}`),
    ...(f.policy ? [`Policy: ${f.policy}`] : []),
    ...(f.hiring ? [`Hiring: ${f.hiring}`] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** Clear-signs the file with the team key (RFC 9116 §2.3: "digitally signed ... OpenPGP cleartext"). */
export async function signSecurityTxt(text: string, key: openpgp.PrivateKey, now: Date): Promise<string> {
  return openpgp.sign({ message: await openpgp.createCleartextMessage({ text }), signingKeys: key, date: now });
}

/** The Expires of a published file, or undefined when it has none (then it is invalid, §2.5.5). */
export function readExpires(text: string): Date | undefined {
  const m = /^Expires:[ \t]*(\S+)[ \t]*$/im.exec(text);
  if (!m) return undefined;
  const t = Date.parse(m[1] as string);
  return Number.isNaN(t) ? undefined : new Date(t);
}
