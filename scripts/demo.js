#!/usr/bin/env node
// The demo: no servers needed. Makes a throwaway team key, drops sample reports
// (PGP/MIME, inline PGP, plain, undecryptable, an auto-reply) into a local Maildir,
// runs the pipeline once with replies written to a local folder, and prints the cases.
// Everything lives in ./demo-state, recreated on every run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync, readdirSync, chmodSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const state = process.env.SECTRIAGE_DEMO_DIR ? resolve(process.env.SECTRIAGE_DEMO_DIR) : join(root, 'demo-state');
rmSync(state, { recursive: true, force: true });
for (const d of ['keys', 'maildir/new', 'maildir/cur', 'maildir/tmp', 'outbox']) mkdirSync(join(state, d), { recursive: true });
chmodSync(join(state, 'keys'), 0o700);

const team = await openpgp.generateKey({
  type: 'ecc',
  curve: 'curve25519Legacy',
  userIDs: [{ name: 'Example Security Team', email: 'security@example.com' }],
  passphrase: 'demo passphrase',
  format: 'object',
});
writeFileSync(join(state, 'keys/team.asc'), team.privateKey.armor(), { mode: 0o600 });
writeFileSync(join(state, 'keys/passphrase'), 'demo passphrase\n', { mode: 0o600 });
const alice = await openpgp.generateKey({
  type: 'ecc',
  curve: 'curve25519Legacy',
  userIDs: [{ name: 'Alice Reporter', email: 'alice@reporter.example' }],
  format: 'object',
});
const stranger = await openpgp.generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ email: 'nobody@elsewhere.example' }], format: 'object' });

const crlf = (s) => s.replace(/\r?\n/g, '\r\n');
const date = 'Fri, 20 Nov 2026 18:05:00 +0000';
let n = 0;
function drop(raw) {
  n++;
  writeFileSync(join(state, 'maildir/new', `demo.${n}.${Date.now()}`), crlf(raw));
}
async function encrypt(text, signingKeys) {
  return openpgp.encrypt({
    message: await openpgp.createMessage({ text: crlf(text) }),
    encryptionKeys: team.publicKey,
    ...(signingKeys ? { signingKeys } : {}),
  });
}

// 1. PGP/MIME, signed, with the reporter's key attached: the reply is encrypted to it.
const inner = `Content-Type: multipart/mixed; boundary="inner"; protected-headers="v1"
From: Alice Reporter <alice@reporter.example>
To: security@example.com
Subject: SQL injection in /api/search

--inner
Content-Type: text/plain; charset=utf-8

Hi, the q parameter of /api/search is passed unescaped into SQL.
Steps: curl 'https://app.example/api/search?q=%27%20OR%201=1--'
Impact: read access to every tenant's data.

--inner
Content-Type: application/pgp-keys; name="alice.asc"
Content-Disposition: attachment; filename="alice.asc"

${alice.publicKey.armor()}
--inner--
`;
drop(`Return-Path: <alice@reporter.example>
From: Alice Reporter <alice@reporter.example>
To: security@example.com
Subject: ...
Date: ${date}
Message-ID: <demo-1@reporter.example>
MIME-Version: 1.0
Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="outer"

--outer
Content-Type: application/pgp-encrypted

Version: 1

--outer
Content-Type: application/octet-stream; name="encrypted.asc"

${await encrypt(inner, alice.privateKey)}
--outer--
`);

// 2. Inline armored block, as webmail plugins send it.
drop(`Return-Path: <bob@webmail.example>
From: Bob <bob@webmail.example>
To: security@example.com
Subject: Stored XSS in profile page
Date: ${date}
Message-ID: <demo-2@webmail.example>
Content-Type: text/plain; charset=utf-8

${await encrypt('The display name field is rendered without escaping.\nPoC: <script>alert(1)</script> as name.\n')}
`);

// 3. Plain text: the reply must not quote it.
drop(`Return-Path: <carol@plain.example>
From: carol@plain.example
To: security@example.com
Subject: Open redirect on login
Date: ${date}
Message-ID: <demo-3@plain.example>
Content-Type: text/plain; charset=utf-8

/login?next=https://evil.example redirects without checking the host.
`);

// 4. Encrypted to someone else's key: held, and the sender is asked to re-encrypt.
const wrong = await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'secret' }), encryptionKeys: stranger.publicKey });
drop(`Return-Path: <dave@wrongkey.example>
From: dave@wrongkey.example
To: security@example.com
Subject: RCE
Date: ${date}
Message-ID: <demo-4@wrongkey.example>
Content-Type: text/plain

${wrong}
`);

// 5. An out-of-office reply: recorded, never answered.
drop(`Return-Path: <eve@away.example>
From: eve@away.example
To: security@example.com
Subject: Out of office
Auto-Submitted: auto-replied
Date: ${date}
Message-ID: <demo-5@away.example>
Content-Type: text/plain

I am away until Monday.
`);

writeFileSync(
  join(state, 'sectriage.yaml'),
  `# Demo config: a local Maildir in, a local folder out, SQLite here.
maildir:
  path: maildir
smtp:
  from: Example Security <security@example.com>
  pickupDir: outbox
database: sectriage.db
keys:
  dir: keys
  teamPrivateKey: team.asc
  passphraseFile: keys/passphrase
policy: cgx
timezone: Europe/Berlin
`,
);

const cli = join(root, 'bin/sectriage.js');
const cfg = join(state, 'sectriage.yaml');
const env = { ...process.env, SECTRIAGE_LOG_LEVEL: process.env.SECTRIAGE_LOG_LEVEL ?? 'warn' };
const run = (args) => {
  const r = spawnSync(process.execPath, [cli, ...args, '--config', cfg], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
console.log(`Dropped ${n} sample messages into ${join(state, 'maildir/new')}; running the pipeline once...\n`);
run(['run', '--once']);
run(['cases', 'list']);
const replies = readdirSync(join(state, 'outbox')).filter((f) => f.endsWith('.eml'));
console.log(`\n${replies.length} replies written to ${join(state, 'outbox')}:`);
for (const f of replies) console.log(`  ${f}`);
console.log(`\nLook at one case:  node bin/sectriage.js cases show ID --config ${cfg}`);
