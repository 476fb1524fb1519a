// Every mail of every public corpus (../shared/corpora, and GnuPG's armored sample
// messages pasted into a mail body), opened with every key the
// corpora hold (public keys as the senders' known keys, the unprotected secret keys as
// team keys): none may end "encryption: none" while it holds encrypted content, or
// "signature: none" while it holds a signature, unless the message says what was left
// out and why (issue 16). Silence is the bug: a mislabelled report looks ordinary.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { beforeAll, expect, it } from 'vitest';
import { LIMITS } from '../src/limits.js';
import { openMessage, type OpenContext } from '../src/open/open-message.js';

const CORPORA = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpora');

function filesUnder(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p, test) : test(p) ? [p] : [];
  });
}

const MAILS = filesUnder(CORPORA, (p) => p.endsWith('.eml'));
let ctx: OpenContext;

beforeAll(async () => {
  const publicKeys: openpgp.PublicKey[] = [];
  const teamKeys: openpgp.PrivateKey[] = [];
  for (const p of filesUnder(CORPORA, (n) => /\.(asc|gpg|pgp)$/.test(n))) {
    const text = readFileSync(p, 'latin1');
    try {
      if (text.includes('BEGIN PGP PUBLIC KEY')) publicKeys.push(...(await openpgp.readKeys({ armoredKeys: text })));
      if (text.includes('BEGIN PGP PRIVATE KEY')) {
        for (const k of await openpgp.readPrivateKeys({ armoredKeys: text })) {
          publicKeys.push(k.toPublic());
          if (k.isDecrypted()) teamKeys.push(k);
        }
      }
    } catch {
      // Some corpus files are deliberately broken keys: they are other tests' subject.
    }
  }
  expect(teamKeys.length).toBeGreaterThan(3);
  ctx = { teamKeys, limits: LIMITS, knownKeys: async () => publicKeys };
});

// GnuPG's armored sample messages, each pasted as the body of a plain mail (inline PGP).
const ARMORED = filesUnder(join(CORPORA, 'gnupg-samplemsgs', 'samplemsgs'), (p) => p.endsWith('.asc')).filter((p) =>
  readFileSync(p, 'latin1').includes('-----BEGIN PGP'),
);

function asMail(path: string): Buffer {
  if (path.endsWith('.eml')) return readFileSync(path);
  const head = 'From: Steve Biko <steve.biko@example.net>\r\nTo: security@example.com\r\nSubject: sample\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n';
  return Buffer.concat([Buffer.from(head), readFileSync(path)]);
}

it('the corpora are there', () => {
  expect(MAILS.length).toBeGreaterThan(100);
  expect(ARMORED.length).toBeGreaterThan(20);
});

it.each([...MAILS, ...ARMORED].map((p) => [p.slice(CORPORA.length + 1), p] as const))('%s: no OpenPGP content is dropped silently', async (_name, path) => {
  const raw = asMail(path);
  const text = raw.toString('latin1');
  const opened = await openMessage(raw, ctx);
  if (/-----BEGIN PGP MESSAGE-----|multipart\/encrypted/i.test(text) && opened.encryption === 'none') {
    // Opened as a signed-only message, or said on the case.
    expect(opened.signature.status !== 'none' || Boolean(opened.leftOut), 'encrypted content, encryption none, nothing said').toBe(true);
  }
  if (/-----BEGIN PGP SIGNATURE-----|application\/pgp-signature/i.test(text) && opened.signature.status === 'none' && opened.encryption !== 'undecryptable') {
    expect(opened.leftOut, 'a signature in it, signature none, nothing said').toBeTruthy();
  }
});
