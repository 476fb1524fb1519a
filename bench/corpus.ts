// Synthetic but varied vulnerability reports for the drain bench, PGP/MIME-encrypted by
// the gpg CLI (an independent implementation, as reporters' clients are), cached under
// the OS temp dir so a rerun does not spend a minute encrypting again. Each report has its
// own sender: RFC 3834 limits auto-replies per sender, and a bench must not hit it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GpgHome } from '../test/helpers/gpg.js';
import { innerMime, pgpMimeEncrypted } from '../test/helpers/mail.js';

export const PRODUCTS = [
  'billing API',
  'admin console',
  'mobile app',
  'SSO gateway',
  'file uploader',
  'search service',
  'webhook relay',
  'report exporter',
  'CLI agent',
];
export const FLAWS = [
  ['SQL injection', 'the `sort` parameter is concatenated into the ORDER BY clause'],
  ['stored XSS', 'the display name is rendered without escaping in the activity feed'],
  ['SSRF', 'the URL preview fetches internal addresses such as 169.254.169.254'],
  ['IDOR', 'changing the numeric id in the path returns another tenant’s invoice'],
  ['path traversal', 'a filename of ../../etc/passwd is joined to the storage root'],
  ['open redirect', 'the next= parameter accepts any absolute URL after login'],
  ['CSRF', 'the email-change form has no token and accepts cross-site POSTs'],
  ['RCE via deserialisation', 'the session cookie is unpickled without a signature check'],
  ['auth bypass', 'a JWT with alg=none is accepted by the token verifier'],
] as const;
const WORDS = 'request header token cookie tenant upload proxy cache worker queue header redirect parser template session role admin export import'.split(' ');

/** The plaintext of report i: deterministic, different per i, similar within a flaw class. */
export function reportText(i: number): { subject: string; body: string } {
  const product = PRODUCTS[i % PRODUCTS.length]!;
  const [flaw, detail] = FLAWS[(i * 7) % FLAWS.length]!;
  const h = createHash('sha256').update(String(i)).digest();
  const words = Array.from({ length: 40 }, (_, k) => WORDS[h[k % 32]! % WORDS.length]!).join(' ');
  const body = [
    `Hello security team,`,
    ``,
    `I found a ${flaw} in your ${product} (build ${1000 + i}).`,
    ``,
    `Summary: ${detail}.`,
    ``,
    `Steps to reproduce:`,
    `1. Log in as a normal user on https://app${i % 13}.example.com/`,
    `2. Send the request below with the parameter changed (ref ${h.toString('hex', 0, 8)}).`,
    `3. Observe the response.`,
    ``,
    `Impact: an attacker can read or change data of other users. Notes: ${words}.`,
    ``,
    `Affected version: ${product} ${2 + (i % 5)}.${i % 10}.${i % 7}`,
    `Please credit me as Reporter ${i}.`,
    ``,
    `Thanks,`,
    `Reporter ${i}`,
  ].join('\n');
  return { subject: `${flaw} in ${product} (${i})`, body };
}

export const senderOf = (i: number): string => `reporter${i}@bench.example.net`;

/**
 * n PGP/MIME reports to `to`, encrypted with gpg to `teamFpr` (two gpg processes at a
 * time). Cached by (key, n, first index): the returned list holds the files' contents.
 */
export async function encryptedReports(gpg: GpgHome, teamFpr: string, cacheKey: string, to: string, from: number, n: number): Promise<Buffer[]> {
  const dir = join(tmpdir(), 'sectriage-bench', `${cacheKey}-${from}-${n}`);
  if (existsSync(join(dir, 'done')))
    return readdirSync(dir, { withFileTypes: true })
      .filter((f) => f.name.endsWith('.eml'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((f) => readFileSync(join(dir, f.name)));
  mkdirSync(dir, { recursive: true });
  const out: Buffer[] = new Array(n);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let k = next++; k < n; k = next++) {
      const i = from + k;
      const { subject, body } = reportText(i);
      const inner = innerMime({ from: senderOf(i), to, subject, body, protectedHeaders: true });
      const ct = await gpg.encrypt(inner, [teamFpr]);
      // Return-Path as the delivering MTA adds it: without one, no auto-reply is sent (RFC 3834).
      const mail = pgpMimeEncrypted({ from: senderOf(i), to, armoredCiphertext: ct, messageId: `<bench-${cacheKey}-${i}@bench.example.net>` });
      out[k] = Buffer.concat([Buffer.from(`Return-Path: <${senderOf(i)}>\r\n`), mail]);
      writeFileSync(join(dir, `${String(k).padStart(6, '0')}.eml`), out[k]!);
    }
  };
  await Promise.all([worker(), worker()]);
  writeFileSync(join(dir, 'done'), '');
  return out;
}

/** The armored ciphertext inside a PGP/MIME message made by encryptedReports. */
export function ciphertextOf(mail: Buffer): string {
  const s = mail.toString('utf8');
  const start = s.indexOf('-----BEGIN PGP MESSAGE-----');
  const end = s.indexOf('-----END PGP MESSAGE-----');
  return s.slice(start, end + '-----END PGP MESSAGE-----'.length);
}
