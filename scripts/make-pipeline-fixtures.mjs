#!/usr/bin/env node
// Makes the PGP material the pipeline unit tests (src/pipeline/*.test.ts) need and the
// shape fixtures of test/fixtures/pgp lack, with the real `gpg` CLI, ONCE: the tests
// read the files and never run gpg. Output: test/fixtures/pipeline/ (see its README).
//
//   keys/rita-attached.pub.asc   "Rita Reporter <rita@example.net>": signs and attaches itself
//                                (first contact: pinned; a valid signature)
//   keys/rita-fake.pub.asc       "Rita (fake) <rita@example.net>": someone else's key with
//                                Rita's address (a key change; a forged protected From)
//   keys/mallory.pub.asc         "Mallory <mallory@evil.example>": the attacker's own key
//   messages/*.eml               PGP/MIME, encrypted to test/fixtures/pgp/keys/team-gpg-cv25519
//                                (whose secret key is in that folder), see MESSAGES below
//   ciphertexts/*.asc            armored ciphertexts to the same team key, for tests that
//                                build a message around them (an attacker's own blocks)
//   manifest.json                every file, what it is, and the fingerprints
//
// Run: `node scripts/make-pipeline-fixtures.mjs` (needs gpg on PATH). Re-running replaces
// the folder with new keys and ciphertexts; the tests read fingerprints from the key
// files, so they keep passing. The keys are throw-away test keys without passphrases,
// and only their public halves are kept.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'test', 'fixtures', 'pipeline');
const TEAM_KEY = path.join(root, 'test', 'fixtures', 'pgp', 'keys', 'team-gpg-cv25519.sec.asc');
const TEAM = 'security@example.com';
const GNUPGHOME = mkdtempSync('/tmp/g-'); // short: gpg-agent's socket path has a length limit
const CRLF = (s) => s.replace(/\r?\n/g, '\r\n');

const gpg = (args, input) =>
  execFileSync('gpg', ['--homedir', GNUPGHOME, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', '--trust-model', 'always', ...args], {
    input,
    env: { ...process.env, GNUPGHOME, LC_ALL: 'C' },
    maxBuffer: 1 << 26,
    stdio: ['pipe', 'pipe', 'pipe'],
  });

function newKey(uid) {
  gpg(['--quick-gen-key', uid, 'ed25519', 'sign', '0']);
  const fpr = gpg(['--with-colons', '--list-keys', uid])
    .toString()
    .match(/^fpr:+([0-9A-F]{40}):/m)[1];
  gpg(['--quick-add-key', fpr, 'cv25519', 'encr', '0']);
  return { uid, fpr, public: gpg(['--armor', '--export', fpr]).toString() };
}

function encrypt(data, o = {}) {
  const args = ['--encrypt', '--armor', '--recipient', teamFpr];
  if (o.signWith) args.push('--sign', '--local-user', o.signWith.fpr);
  return gpg(args, Buffer.from(data)).toString().trim();
}

function pgpMime(m, armored) {
  return CRLF(`Return-Path: <${m.envelope}>
From: ${m.from}
To: Security Team <${TEAM}>
Subject: ${m.outerSubject}
Date: Mon, 23 Nov 2026 09:00:00 +0000
Message-ID: <${m.id}@fixtures.example>
MIME-Version: 1.0
Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"

This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)
--enc
Content-Type: application/pgp-encrypted
Content-Description: PGP/MIME version identification

Version: 1

--enc
Content-Type: application/octet-stream; name="encrypted.asc"
Content-Description: OpenPGP encrypted message
Content-Disposition: inline; filename="encrypted.asc"

${armored}

--enc--
`);
}

/** The encrypted entity: protected headers (RFC 9788) over a text part and attachments. */
function inner(m) {
  const hdrs = [`Subject: ${m.subject}`, ...(m.protectedFrom ? [`From: ${m.protectedFrom}`] : []), `To: ${TEAM}`].join('\n');
  const parts = (m.attachments ?? [])
    .map((a) => `--inner\nContent-Type: ${a.type}; name="${a.name}"\nContent-Disposition: attachment; filename="${a.name}"\n\n${a.content.trim()}\n`)
    .join('');
  return CRLF(
    `Content-Type: multipart/mixed; boundary="inner"; protected-headers="v1"\n${hdrs}\n\n--inner\nContent-Type: text/plain; charset=utf-8\n\n${m.body}\n${parts}--inner--\n`,
  );
}

rmSync(OUT, { recursive: true, force: true });
for (const d of ['keys', 'messages', 'ciphertexts']) mkdirSync(path.join(OUT, d), { recursive: true });

gpg(['--import'], readFileSync(TEAM_KEY));
const teamFpr = gpg(['--with-colons', '--list-keys', TEAM])
  .toString()
  .match(/^fpr:+([0-9A-F]{40}):/m)[1];
const rita = newKey('Rita Reporter <rita@example.net>');
const fake = newKey('Rita (fake) <rita@example.net>');
const mallory = newKey('Mallory <mallory@evil.example>');
const keys = { 'rita-attached': rita, 'rita-fake': fake, mallory };
for (const [name, k] of Object.entries(keys)) writeFileSync(path.join(OUT, 'keys', `${name}.pub.asc`), k.public);

const keyPart = (name, k) => ({ name, type: 'application/pgp-keys', content: k.public });
// The tracking ID a forged follow-up names: the test gives the victim's case this ID.
const CLAIMED_TRACKING_ID = 'SEC-2026-7QX4M';
const MESSAGES = [
  {
    file: 'signed-with-attached-key.eml',
    what: "Rita's report: signed by rita-attached, which it attaches, with a second attachment (server.log); protected Subject",
    envelope: 'rita@example.net',
    from: 'Rita Reporter <rita@example.net>',
    outerSubject: '...',
    subject: 'IDOR in /api/invoices',
    body: 'Any user can read any invoice by changing the id.',
    signWith: rita,
    attachments: [keyPart('rita.asc', rita), { name: 'server.log', type: 'text/plain', content: 'GET /api/invoices/2 200' }],
  },
  {
    file: 'signed-by-other-key.eml',
    what: 'From rita@example.net, signed by rita-fake, which it attaches: another key with her address',
    envelope: 'rita@example.net',
    from: 'Rita Reporter <rita@example.net>',
    outerSubject: '...',
    subject: 'second',
    body: 'b',
    signWith: fake,
    attachments: [keyPart('k.asc', fake)],
  },
  {
    file: 'unsigned-with-attached-key-mallory.eml',
    what: "Mallory's report: not signed, attaches the mallory key; protected Subject Secret-subject-unsigned",
    envelope: 'mallory@evil.example',
    from: '<mallory@evil.example>',
    outerSubject: '...',
    subject: 'Secret-subject-unsigned',
    body: 'x',
    attachments: [keyPart('m.asc', mallory)],
  },
  {
    file: 'protected-from-claims-rita.eml',
    what: `From mallory@evil.example; the protected headers say From rita@example.net and name ${CLAIMED_TRACKING_ID}; signed by rita-fake`,
    envelope: 'mallory@evil.example',
    from: '<mallory@evil.example>',
    outerSubject: '...',
    subject: `Re: [${CLAIMED_TRACKING_ID}] updated PoC`,
    protectedFrom: 'rita@example.net',
    body: 'send the fix to me',
    signWith: fake,
  },
];
for (const m of MESSAGES) {
  m.id = m.file.replace(/\.eml$/, '');
  writeFileSync(path.join(OUT, 'messages', m.file), pgpMime(m, encrypt(inner(m), m)));
}
const CIPHERTEXTS = [
  { file: 'mallory-own-block.asc', what: "an attacker's own inline block to the team key: 'please look at this too'", text: 'please look at this too\n' },
  { file: 'mallory-notes.asc', what: "an attacker's encrypted file (notes.txt.asc) to the team key: 'more'", text: 'more\n' },
];
for (const c of CIPHERTEXTS) writeFileSync(path.join(OUT, 'ciphertexts', c.file), `${encrypt(c.text)}\n`);

const version = gpg(['--version']).toString().split('\n')[0];
writeFileSync(
  path.join(OUT, 'manifest.json'),
  `${JSON.stringify(
    {
      generatedBy: 'scripts/make-pipeline-fixtures.mjs',
      gpg: version,
      teamKey: { file: 'test/fixtures/pgp/keys/team-gpg-cv25519.sec.asc', fingerprint: teamFpr },
      claimedTrackingId: CLAIMED_TRACKING_ID,
      keys: Object.fromEntries(Object.entries(keys).map(([n, k]) => [`keys/${n}.pub.asc`, { uid: k.uid, fingerprint: k.fpr }])),
      messages: MESSAGES.map((m) => ({ file: `messages/${m.file}`, what: m.what, signedBy: m.signWith?.uid ?? null })),
      ciphertexts: CIPHERTEXTS.map((c) => ({ file: `ciphertexts/${c.file}`, what: c.what })),
    },
    null,
    2,
  )}\n`,
);
writeFileSync(
  path.join(OUT, 'README.md'),
  `# Pipeline fixtures

Made once by \`node scripts/make-pipeline-fixtures.mjs\` with the real gpg CLI (${version}),
for the pipeline unit tests in \`src/pipeline/*.test.ts\`, which read these files and never run gpg.
Every message and ciphertext is encrypted to the team key
\`test/fixtures/pgp/keys/team-gpg-cv25519.sec.asc\` (${teamFpr}).
The keys are throw-away test keys; only their public halves are kept.
\`manifest.json\` lists each file, what it is, and the fingerprints.
Re-running the script replaces this folder (new keys, new ciphertexts).
`,
);
execFileSync('gpgconf', ['--homedir', GNUPGHOME, '--kill', 'gpg-agent'], { stdio: 'ignore' });
rmSync(GNUPGHOME, { recursive: true, force: true });
console.log(`wrote ${OUT}`);
