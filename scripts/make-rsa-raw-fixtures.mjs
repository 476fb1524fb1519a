#!/usr/bin/env node
// Makes the fixtures of src/open/rsa-session-key.test.ts in test/fixtures/pgp/rsa-raw/:
// RSA-2048/3072/4096 team keys made by the `gpg` CLI and messages gpg encrypts to them
// (AES-256 by the keys' preferences, AES-128 and AES-192 forced, CAST5 forced, two
// recipients, a hidden recipient), plus one RSA-3072 v6 key and a v6 PKESK + SEIPDv2
// message from openpgp.js (GnuPG 2.2 cannot make either). manifest.json names each
// message's key and plaintext. Throw-away keys without passphrases.
//
// Re-runnable: `node scripts/make-rsa-raw-fixtures.mjs` replaces the keys, messages and
// manifest (new keys, new ciphertexts), not draft-vectors/ (draft-irtf-cfrg-rsa-guidance
// Appendix B, transcribed). scripts/make-pgp-fixtures.mjs leaves this folder alone.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'test', 'fixtures', 'pgp', 'rsa-raw');
const GNUPGHOME = mkdtempSync('/tmp/g-'); // short: gpg-agent's socket path has a length limit

const gpg = (args, input) =>
  execFileSync('gpg', ['--homedir', GNUPGHOME, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', '--trust-model', 'always', ...args], {
    input,
    env: { ...process.env, LC_ALL: 'C' },
    maxBuffer: 1 << 26,
    stdio: ['pipe', 'pipe', 'pipe'],
  });

function gpgKey(bits) {
  const uid = `Security Team rsa${bits} <security@example.com>`;
  gpg(['--quick-gen-key', uid, `rsa${bits}`, 'sign', '0']);
  const fpr = gpg(['--with-colons', '--list-keys', uid])
    .toString()
    .match(/^fpr:+([0-9A-F]{40}):/m)[1];
  gpg(['--quick-add-key', fpr, `rsa${bits}`, 'encr', '0']);
  return { name: `rsa${bits}`, fpr, secret: gpg(['--armor', '--export-secret-keys', fpr]).toString() };
}

const text = (id) => `Hello security team,\n\nRSA fast-path fixture ${id}.\nReproduce: GET /search?q=%27%20OR%201=1--\n`;

async function main() {
  mkdirSync(OUT, { recursive: true });
  // draft-vectors/ (the draft's own test vectors, copied by hand) stays.
  for (const f of readdirSync(OUT)) if (f.endsWith('.asc') || f === 'manifest.json') rmSync(path.join(OUT, f));
  const version = gpg(['--version']).toString().split('\n')[0];
  const keys = [2048, 3072, 4096].map(gpgKey);
  const [k2048, k3072, k4096] = keys;
  const messages = [];
  const save = (file, key, plaintext, note) => messages.push({ file, key, plaintext, note });
  const gpgMessage = (id, recipients, extra = [], note = '') => {
    const args = ['--encrypt', '--armor', ...extra];
    for (const r of recipients) args.push(r.hidden ? '--hidden-recipient' : '--recipient', r.key.fpr);
    writeFileSync(path.join(OUT, `${id}.asc`), gpg(args, text(id)));
    save(`${id}.asc`, recipients[0].key.name, text(id), note);
  };
  for (const k of keys) gpgMessage(`gpg-${k.name}`, [{ key: k }], [], 'cipher from the key preferences (AES-256)');
  gpgMessage('gpg-rsa2048-aes128', [{ key: k2048 }], ['--cipher-algo', 'AES128'], 'forced AES-128');
  gpgMessage('gpg-rsa3072-aes192', [{ key: k3072 }], ['--cipher-algo', 'AES192'], 'forced AES-192');
  gpgMessage('gpg-rsa2048-cast5', [{ key: k2048 }], ['--cipher-algo', 'CAST5'], 'CAST5: outside openpgp.js constant-time PKCS#1 set');
  gpgMessage('gpg-rsa4096-and-rsa2048', [{ key: k4096 }, { key: k2048 }], [], 'two recipients, both RSA');
  gpgMessage('gpg-rsa2048-hidden', [{ key: k2048, hidden: true }], [], 'hidden recipient (key ID 0)');
  for (const k of keys) writeFileSync(path.join(OUT, `${k.name}.sec.asc`), k.secret);

  // v6 PKESK + SEIPDv2 to an RSA key: openpgp.js only.
  const v6 = await openpgp.generateKey({
    type: 'rsa',
    rsaBits: 3072,
    userIDs: [{ name: 'Security Team rsa3072 v6', email: 'security@example.com' }],
    format: 'object',
    config: { v6Keys: true, aeadProtect: true },
  });
  writeFileSync(path.join(OUT, 'rsa3072-v6.sec.asc'), v6.privateKey.armor());
  const v6Text = text('openpgp.js-rsa3072-v6-seipdv2');
  const v6Message = await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: new TextEncoder().encode(v6Text) }), // binary: no CRLF canonicalisation
    encryptionKeys: v6.publicKey,
    config: { aeadProtect: true },
  });
  writeFileSync(path.join(OUT, 'openpgp.js-rsa3072-v6-seipdv2.asc'), v6Message);
  save('openpgp.js-rsa3072-v6-seipdv2.asc', 'rsa3072-v6', v6Text, 'v6 key, v6 PKESK, SEIPDv2 (AES-256 OCB)');

  const openpgpVersion = JSON.parse(readFileSync(path.join(root, 'node_modules', 'openpgp', 'package.json'), 'utf8')).version;
  const manifest = { generatedBy: 'scripts/make-rsa-raw-fixtures.mjs', versions: { gpg: version, 'openpgp.js': openpgpVersion }, messages };
  writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${messages.length} messages and ${keys.length + 1} keys in ${path.relative(root, OUT)}`);
}

main()
  .catch((e) => {
    console.error(e.stderr?.toString() || e);
    process.exitCode = 1;
  })
  .finally(() => {
    try {
      execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME } });
    } catch {}
    rmSync(GNUPGHOME, { recursive: true, force: true });
  });
