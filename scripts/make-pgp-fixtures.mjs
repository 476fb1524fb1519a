#!/usr/bin/env node
// Makes the PGP message fixtures in test/fixtures/pgp/ with independent OpenPGP
// implementations: the Debian `gpg` (GnuPG) and `sq` (Sequoia) CLIs, plus openpgp.js
// only for what neither installed CLI can make (AEAD / v6). Every message shape a
// reporter's client produces × the tool × the team's key type, each as an .eml file,
// with manifest.json saying what opening it must give, and docs/pgp-shapes.md (the
// table the README links to) generated from the same list.
//
// Re-runnable: `npm run fixtures:pgp` replaces the whole folder (new keys, new
// ciphertexts). The keys in it are throw-away test keys without passphrases.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(root, 'test', 'fixtures', 'pgp');
const TEAM = 'security@example.com';
const work = mkdtempSync(path.join(tmpdir(), 'pgpfx-'));
const GNUPGHOME = mkdtempSync('/tmp/g-'); // short: gpg-agent's socket path has a length limit
const CRLF = (s) => s.replace(/\r?\n/g, '\r\n');

function run(cmd, args, input) {
  return execFileSync(cmd, args, { input, env: { ...process.env, GNUPGHOME, LC_ALL: 'C' }, maxBuffer: 1 << 26, stdio: ['pipe', 'pipe', 'pipe'] });
}
const gpg = (args, input) =>
  run('gpg', ['--homedir', GNUPGHOME, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', '--trust-model', 'always', ...args], input);
const sq = (args, input) => run('sq', ['--force', ...args], input);

const versions = {
  gpg: gpg(['--version']).toString().split('\n')[0].replace('gpg (GnuPG) ', 'GnuPG '),
  sq: sq(['--version']).toString().trim(),
  'openpgp.js': `openpgp.js ${JSON.parse(readFileSync(path.join(root, 'node_modules', 'openpgp', 'package.json'), 'utf8')).version}`,
};

// ---- keys ---------------------------------------------------------------------
function gpgKey(uid, type) {
  const [primary, sub] = type === 'cv25519' ? ['ed25519', 'cv25519'] : [type, type];
  gpg(['--quick-gen-key', uid, primary, 'sign', '0']);
  const fpr = gpg(['--with-colons', '--list-keys', uid])
    .toString()
    .match(/^fpr:+([0-9A-F]{40}):/m)[1];
  gpg(['--quick-add-key', fpr, sub, 'encr', '0']);
  return {
    tool: 'gpg',
    type,
    uid,
    fpr,
    secret: gpg(['--armor', '--export-secret-keys', fpr]).toString(),
    public: gpg(['--armor', '--export', fpr]).toString(),
  };
}

function sqKey(uid, type) {
  const file = path.join(work, `${type}-${uid.replace(/\W+/g, '_')}.pgp`);
  sq(['key', 'generate', '--userid', uid, '--cipher-suite', type, '--export', file]);
  const cert = sq(['key', 'extract-cert', file]).toString();
  const certFile = `${file}.cert`;
  writeFileSync(certFile, cert);
  const fpr = sq(['inspect', certFile])
    .toString()
    .match(/Fingerprint:\s*([0-9A-F]{40})/)[1];
  return { tool: 'sq', type, uid, fpr, file, certFile, secret: readFileSync(file, 'utf8'), public: cert };
}

async function jsKey(uid, v6) {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name: uid.split(' <')[0], email: uid.match(/<(.+)>/)[1] }],
    format: 'armored',
    config: { v6Keys: v6, aeadProtect: true },
  });
  const key = await openpgp.readKey({ armoredKey: publicKey });
  return {
    tool: 'openpgp.js',
    type: v6 ? 'v6-cv25519' : 'cv25519-seipdv2',
    uid,
    fpr: key.getFingerprint().toUpperCase(),
    secret: privateKey,
    public: publicKey,
  };
}

const HASHES = { 2: 'sha1', 8: 'sha256', 9: 'sha384', 10: 'sha512', 11: 'sha224' };
async function micalgOf(armoredSignature) {
  const sig = await openpgp.readSignature({ armoredSignature });
  return `pgp-${HASHES[sig.packets[0].hashAlgorithm] ?? 'sha256'}`;
}

// ---- one tool's operations ------------------------------------------------------
function toolOps(tool, reporter) {
  if (tool === 'gpg') {
    return {
      encrypt(data, recipients, o = {}) {
        const args = ['--encrypt', ...(o.binary ? [] : ['--armor'])];
        for (const r of recipients) args.push(o.hidden ? '--hidden-recipient' : '--recipient', r.fpr);
        if (o.sign) args.push('--sign', '--local-user', reporter.fpr);
        if (o.compress) args.push('--compress-algo', 'zlib', '-z', '9');
        return gpg(args, data);
      },
      signDetached: (data) => gpg(['--armor', '--detach-sign', '--local-user', reporter.fpr, '--digest-algo', 'SHA256'], data).toString(),
      clearsign: (text) => gpg(['--clearsign', '--local-user', reporter.fpr], text).toString(),
      canHide: true,
    };
  }
  return {
    encrypt(data, recipients, o = {}) {
      const args = ['encrypt', ...(o.binary ? ['--binary'] : [])];
      for (const r of recipients) args.push('--recipient-cert', r.certFile ?? writeCert(r));
      if (o.sign) args.push('--signer-key', reporter.file);
      if (o.compress) args.push('--compression', 'zlib');
      return sq(args, data);
    },
    signDetached: (data) => sq(['sign', '--detached', '--signer-key', reporter.file], data).toString(),
    clearsign: (text) => sq(['sign', '--cleartext-signature', '--signer-key', reporter.file], text).toString(),
    canHide: false,
  };
  function writeCert(k) {
    const f = path.join(work, `${k.fpr}.cert`);
    writeFileSync(f, k.public);
    return f;
  }
}

// ---- message shapes --------------------------------------------------------------
function headers(from, subject, extra = '') {
  return `Return-Path: <${from.match(/<(.+)>/)[1]}>\nFrom: ${from}\nTo: Security Team <${TEAM}>\nSubject: ${subject}\nDate: Mon, 23 Nov 2026 09:00:00 +0000\nMessage-ID: <${Math.random().toString(36).slice(2)}@fixtures.example>\nMIME-Version: 1.0\n${extra}`;
}
const reportText = (marker) =>
  `Hello security team,\n\nThe search endpoint is open to SQL injection.\nReproduce: GET /search?q=%27%20OR%201=1--\nImpact: read any row of the users table.\n\nMarker: ${marker}\n`;

function pgpMime(from, subject, armored) {
  return CRLF(`${headers(from, subject)}Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="enc"

This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)
--enc
Content-Type: application/pgp-encrypted
Content-Description: PGP/MIME version identification

Version: 1

--enc
Content-Type: application/octet-stream; name="encrypted.asc"
Content-Description: OpenPGP encrypted message
Content-Disposition: inline; filename="encrypted.asc"

${armored.toString().trim()}

--enc--
`);
}

async function signedEntity(ops, innerCrlf) {
  const body = Buffer.from(innerCrlf, 'utf8');
  const sig = ops.signDetached(body);
  const micalg = await micalgOf(sig);
  return Buffer.concat([
    Buffer.from(
      CRLF(
        `Content-Type: multipart/signed; micalg=${micalg}; protocol="application/pgp-signature"; boundary="sig"\n\nThis is an OpenPGP/MIME signed message (RFC 4880 and 3156)\n--sig\n`,
      ),
    ),
    body,
    Buffer.from(
      CRLF(
        `\n--sig\nContent-Type: application/pgp-signature; name="signature.asc"\nContent-Description: OpenPGP digital signature\n\n${sig.trim()}\n--sig--\n`,
      ),
    ),
  ]);
}

function mixedWithAttachment(from, subject, bodyText, name, content, ctype) {
  const isText = typeof content === 'string';
  return Buffer.concat([
    Buffer.from(
      CRLF(
        `${headers(from, subject)}Content-Type: multipart/mixed; boundary="mix"\n\n--mix\nContent-Type: text/plain; charset=utf-8\n\n${bodyText}\n--mix\nContent-Type: ${ctype}; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: ${isText ? '7bit' : 'base64'}\n\n`,
      ),
    ),
    Buffer.from(CRLF(isText ? content.trim() : content.toString('base64').replace(/.{76}/g, '$&\n'))),
    Buffer.from(CRLF('\n--mix--\n')),
  ]);
}

/** Each returns { eml, expect }. `k` is the team key, `o` the tool's operations, `r` the reporter. */
const SHAPES = [
  {
    id: 'pgpmime-encrypted',
    title: 'PGP/MIME, encrypted only',
    make: (m, { o, k, r }) => ({
      eml: pgpMime(r.uid, 'Report', o.encrypt(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}`), [k])),
      expect: { encryption: 'encrypted', signature: 'none' },
    }),
  },
  {
    id: 'pgpmime-signed-encrypted',
    title: 'PGP/MIME, signed and encrypted in one OpenPGP message (RFC 3156 §6.2)',
    make: (m, { o, k, r }) => ({
      eml: pgpMime(r.uid, 'Report', o.encrypt(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}`), [k], { sign: true })),
      expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr },
    }),
  },
  {
    id: 'pgpmime-signed-then-encrypted',
    title: 'PGP/MIME, multipart/signed inside multipart/encrypted (RFC 3156 §6.1)',
    make: async (m, { o, k, r }) => {
      const inner = await signedEntity(
        o,
        CRLF(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${reportText(m)}Grüße, trailing space: \n`),
      );
      return { eml: pgpMime(r.uid, 'Report', o.encrypt(inner, [k])), expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr } };
    },
  },
  {
    id: 'protected-headers',
    title: 'Protected headers (RFC 9788): inner Subject replaces the outer "..."',
    make: (m, { o, k, r }) => {
      const inner = CRLF(
        `Content-Type: text/plain; charset=utf-8; protected-headers="v1"\nSubject: Protected: SQL injection in search\nFrom: ${r.uid}\nTo: ${TEAM}\n\n${reportText(m)}`,
      );
      return {
        eml: pgpMime(r.uid, '...', o.encrypt(inner, [k], { sign: true })),
        expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr, subject: 'Protected: SQL injection in search' },
      };
    },
  },
  {
    id: 'several-recipients',
    title: 'Encrypted to several recipients (another key first, then ours)',
    make: (m, { o, k, r, other }) => ({
      eml: pgpMime(r.uid, 'Report', o.encrypt(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}`), [other, k, r], { sign: true })),
      expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr },
    }),
  },
  {
    id: 'hidden-recipients',
    title: 'Hidden recipients (wildcard key IDs, gpg --hidden-recipient)',
    only: (t) => t.canHide,
    make: (m, { o, k, r, other }) => ({
      eml: pgpMime(r.uid, 'Report', o.encrypt(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}`), [other, k], { hidden: true })),
      expect: { encryption: 'encrypted', signature: 'none' },
    }),
  },
  {
    id: 'compressed',
    title: 'Compressed data (zlib) inside the encryption',
    make: (m, { o, k, r }) => ({
      eml: pgpMime(
        r.uid,
        'Report',
        o.encrypt(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}${'padding that compresses well. '.repeat(200)}\n`), [k], {
          sign: true,
          compress: true,
        }),
      ),
      expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr },
    }),
  },
  {
    id: 'inline-encrypted',
    title: 'Inline: an armored block as the text/plain body',
    make: (m, { o, k, r }) => ({
      eml: Buffer.from(
        CRLF(`${headers(r.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\n${o.encrypt(reportText(m), [k], { sign: true }).toString().trim()}\n`),
      ),
      expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr },
    }),
  },
  {
    id: 'inline-html',
    title: 'Inline in text/html (webmail wraps the armor in markup)',
    make: (m, { o, k, r }) => {
      const armored = o.encrypt(reportText(m), [k], { sign: true }).toString().trim();
      const html = `<html><body><div dir="ltr"><div>${armored
        .split('\n')
        .map((l) => (l === '' ? '<br>' : l.replace(/ /g, '&nbsp;')))
        .join('<br>\n')}</div></div></body></html>`;
      return {
        eml: Buffer.from(CRLF(`${headers(r.uid, 'Report')}Content-Type: text/html; charset=utf-8\n\n${html}\n`)),
        expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr },
      };
    },
  },
  {
    id: 'inline-several-blocks',
    title: 'Inline: several encrypted blocks in one body',
    make: (m, { o, k, r }) => {
      const a = o.encrypt(reportText(m), [k], { sign: true }).toString().trim();
      const b = o.encrypt(`Second block: the export endpoint too. ${m}-second\n`, [k], { sign: true }).toString().trim();
      return {
        eml: Buffer.from(CRLF(`${headers(r.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\n${a}\n\n${b}\n`)),
        expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr, textIncludes: [`Marker: ${m}`, `${m}-second`] },
      };
    },
  },
  {
    id: 'inline-text-around',
    title: 'Inline: a block with unencrypted text before and after (kept apart, flagged partial)',
    make: (m, { o, k, r }) => ({
      eml: Buffer.from(
        CRLF(
          `${headers(r.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\nHi team, UNENCRYPTED-BEFORE\n\n${o.encrypt(reportText(m), [k], { sign: true }).toString().trim()}\n\nThanks, UNENCRYPTED-AFTER\n`,
        ),
      ),
      expect: {
        encryption: 'partial',
        signature: 'valid',
        signer: r.fpr,
        signedPartly: true,
        unencryptedIncludes: ['UNENCRYPTED-BEFORE', 'UNENCRYPTED-AFTER'],
      },
    }),
  },
  {
    id: 'inline-clearsigned',
    title: 'Inline: clear-signed text (not encrypted)',
    keyless: true,
    make: (m, { o, r }) => ({
      eml: Buffer.from(CRLF(`${headers(r.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\n${o.clearsign(reportText(m)).toString().trim()}\n`)),
      expect: { encryption: 'none', signature: 'valid', signer: r.fpr },
    }),
  },
  {
    id: 'multipart-signed',
    title: 'PGP/MIME multipart/signed cleartext (signature over the exact raw bytes, 8bit UTF-8, trailing space)',
    keyless: true,
    make: async (m, { o, r }) => {
      const entity = await signedEntity(
        o,
        CRLF(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${reportText(m)}Grüße, trailing space: \n`),
      );
      return { eml: Buffer.concat([Buffer.from(CRLF(headers(r.uid, 'Report'))), entity]), expect: { encryption: 'none', signature: 'valid', signer: r.fpr } };
    },
  },
  {
    id: 'attachment-asc',
    title: 'Encrypted attachment report.txt.asc (armored) in a plain mail',
    make: (m, { o, k, r }) => ({
      eml: mixedWithAttachment(
        r.uid,
        'Report',
        'Report attached, encrypted to your key. UNENCRYPTED-BODY',
        'report.txt.asc',
        o.encrypt(reportText(m), [k], { sign: true }).toString(),
        'application/pgp-encrypted',
      ),
      expect: {
        encryption: 'partial',
        signature: 'valid',
        signer: r.fpr,
        signedPartly: true,
        unencryptedIncludes: ['UNENCRYPTED-BODY'],
        attachment: 'report.txt',
      },
    }),
  },
  {
    id: 'attachment-pgp',
    title: 'Encrypted attachment report.txt.pgp (binary) in a plain mail',
    make: (m, { o, k, r }) => ({
      eml: mixedWithAttachment(
        r.uid,
        'Report',
        'See the attachment. UNENCRYPTED-BODY',
        'report.txt.pgp',
        o.encrypt(reportText(m), [k], { sign: true, binary: true }),
        'application/octet-stream',
      ),
      expect: {
        encryption: 'partial',
        signature: 'valid',
        signer: r.fpr,
        signedPartly: true,
        unencryptedIncludes: ['UNENCRYPTED-BODY'],
        attachment: 'report.txt',
      },
    }),
  },
  {
    id: 'attachment-gpg',
    title: 'Encrypted attachment poc.py.gpg (binary, not text) in a plain mail',
    make: (m, { o, k, r }) => ({
      eml: mixedWithAttachment(
        r.uid,
        'Report',
        `Proof of concept attached. UNENCRYPTED-BODY`,
        'poc.py.gpg',
        o.encrypt(`#!/usr/bin/env python3\n# ${m}\nimport requests\nrequests.get("https://example.com/search", params={"q": "' OR 1=1--"})\n`, [k], {
          binary: true,
        }),
        'application/octet-stream',
      ),
      expect: {
        encryption: 'partial',
        signature: 'none',
        unencryptedIncludes: ['UNENCRYPTED-BODY'],
        attachment: 'poc.py',
        attachmentIncludes: `# ${m}`,
        textIncludes: [],
      },
    }),
  },
  {
    id: 'partial-html-part',
    title: 'Partly encrypted: an armored text part plus an unencrypted HTML part (Efail)',
    make: (m, { o, k, r }) => ({
      eml: Buffer.from(
        CRLF(
          `${headers(r.uid, 'Report')}Content-Type: multipart/mixed; boundary="mix"\n\n--mix\nContent-Type: text/plain; charset=us-ascii\n\n${o.encrypt(reportText(m), [k], { sign: true }).toString().trim()}\n--mix\nContent-Type: text/html; charset=utf-8\nContent-Disposition: inline\n\n<p>UNENCRYPTED-HTML-PART: please also look at <a href="https://attacker.example/">this</a></p>\n--mix--\n`,
        ),
      ),
      expect: { encryption: 'partial', signature: 'valid', signer: r.fpr, signedPartly: true, unencryptedIncludes: ['UNENCRYPTED-HTML-PART'] },
    }),
  },
  {
    id: 'inline-with-encrypted-file',
    title: 'Inline block plus an encrypted file beside it (Enigmail / Thunderbird inline mode)',
    make: (m, { o, k, r }) => ({
      eml: mixedWithAttachment(
        r.uid,
        'Report',
        o.encrypt(reportText(m), [k], { sign: true }).toString().trim(),
        'poc.py.pgp',
        o.encrypt(`# ${m}-file\nprint("poc")\n`, [k], { sign: true, binary: true }),
        'application/octet-stream',
      ),
      expect: { encryption: 'encrypted', signature: 'valid', signer: r.fpr, attachment: 'poc.py', attachmentIncludes: `# ${m}-file` },
    }),
  },
  {
    id: 'inline-clearsigned-text-around',
    title: 'Clear-signed block with unsigned text around it (kept apart, flagged signed partly)',
    keyless: true,
    make: (m, { o, r }) => ({
      eml: Buffer.from(
        CRLF(
          `${headers(r.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\nUNSIGNED-BEFORE\n\n${o.clearsign(reportText(m)).toString().trim()}\n\nUNSIGNED-AFTER\n`,
        ),
      ),
      expect: { encryption: 'none', signature: 'valid', signer: r.fpr, signedPartly: true, unencryptedIncludes: ['UNSIGNED-BEFORE', 'UNSIGNED-AFTER'] },
    }),
  },
  {
    id: 'multipart-signed-tampered',
    title: 'PGP/MIME multipart/signed whose signed part was changed in transit (invalid)',
    keyless: true,
    make: async (m, { o, r }) => {
      const entity = (await signedEntity(o, CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m)}`)))
        .toString('latin1')
        .replace('SQL injection', 'SQL-injection');
      return {
        eml: Buffer.concat([Buffer.from(CRLF(headers(r.uid, 'Report'))), Buffer.from(entity, 'latin1')]),
        expect: { encryption: 'none', signature: 'invalid' },
      };
    },
  },
];

// openpgp.js: only the AEAD (SEIPDv2) and v6 shapes, which GnuPG 2.2 and sq 0.27 cannot make.
async function jsShapes(keys, reporterJs) {
  const out = [];
  for (const k of keys) {
    const enc = async (text, sign) =>
      openpgp.encrypt({
        message: await openpgp.createMessage({ text }),
        encryptionKeys: await openpgp.readKey({ armoredKey: k.public }),
        ...(sign ? { signingKeys: await openpgp.readPrivateKey({ armoredKey: reporterJs.secret }) } : {}),
        config: { aeadProtect: true },
      });
    const m1 = `openpgp.js-${k.type}-pgpmime-signed-encrypted`;
    out.push({
      shape: 'pgpmime-signed-encrypted',
      k,
      m: m1,
      eml: pgpMime(reporterJs.uid, 'Report', await enc(CRLF(`Content-Type: text/plain; charset=utf-8\n\n${reportText(m1)}`), true)),
      expect: { encryption: 'encrypted', signature: 'valid', signer: reporterJs.fpr },
    });
    const m2 = `openpgp.js-${k.type}-inline-encrypted`;
    out.push({
      shape: 'inline-encrypted',
      k,
      m: m2,
      eml: Buffer.from(CRLF(`${headers(reporterJs.uid, 'Report')}Content-Type: text/plain; charset=us-ascii\n\n${(await enc(reportText(m2), true)).trim()}\n`)),
      expect: { encryption: 'encrypted', signature: 'valid', signer: reporterJs.fpr },
    });
  }
  return out;
}

// ---- main -------------------------------------------------------------------------
async function main() {
  // rsa-raw/ belongs to scripts/make-rsa-raw-fixtures.mjs: replace only what this script makes.
  for (const part of ['keys', 'messages', 'manifest.json']) rmSync(path.join(OUT, part), { recursive: true, force: true });
  mkdirSync(path.join(OUT, 'keys'), { recursive: true });
  mkdirSync(path.join(OUT, 'messages'), { recursive: true });
  const manifest = { generatedBy: 'scripts/make-pgp-fixtures.mjs', versions, fixtures: [] };
  const save = (tool, team, reporter, shape, m, eml, expect) => {
    const file = `messages/${m}.eml`;
    writeFileSync(path.join(OUT, file), eml);
    manifest.fixtures.push({
      file,
      tool,
      keyType: team ? team.type : null,
      shape,
      teamKey: team ? `keys/team-${team.tool}-${team.type}.sec.asc` : null,
      reporterKey: `keys/reporter-${reporter.tool}.pub.asc`,
      expect: { ...expect, textIncludes: expect.textIncludes ?? [`Marker: ${m}`] },
    });
  };
  const keyFiles = (k, role) => {
    if (role === 'team') writeFileSync(path.join(OUT, 'keys', `team-${k.tool}-${k.type}.sec.asc`), k.secret);
    else writeFileSync(path.join(OUT, 'keys', `reporter-${k.tool}.pub.asc`), k.public);
  };

  const plans = {
    gpg: {
      reporter: gpgKey('Rita Reporter <rita@example.net>', 'cv25519'),
      team: ['cv25519', 'rsa2048', 'rsa4096'].map((t) => gpgKey(`Security Team ${t} <${TEAM}>`, t)),
      other: gpgKey('Other Recipient <other@example.org>', 'cv25519'),
    },
    sq: {
      reporter: sqKey('Sam Sequoia <sam@example.net>', 'cv25519'),
      team: ['cv25519', 'rsa3k', 'rsa4k'].map((t) => sqKey(`Security Team ${t} <${TEAM}>`, t)),
      other: sqKey('Other Recipient <other@example.org>', 'cv25519'),
    },
  };
  for (const [tool, plan] of Object.entries(plans)) {
    const ops = toolOps(tool, plan.reporter, plan.other);
    keyFiles(plan.reporter, 'reporter');
    for (const team of plan.team) keyFiles(team, 'team');
    for (const shape of SHAPES) {
      if (shape.only && !shape.only(ops)) continue;
      for (const team of shape.keyless ? [null] : plan.team) {
        const m = `${tool}-${team ? team.type : 'any'}-${shape.id}`;
        const { eml, expect } = await shape.make(m, { o: ops, k: team, r: plan.reporter, other: plan.other });
        save(tool, team, plan.reporter, shape.id, m, eml, expect);
      }
    }
  }
  const jsReporter = await jsKey('Jo Script <jo@example.net>', true);
  keyFiles(jsReporter, 'reporter');
  const jsTeam = [await jsKey(`Security Team v6 <${TEAM}>`, true), await jsKey(`Security Team aead <${TEAM}>`, false)];
  for (const k of jsTeam) keyFiles(k, 'team');
  for (const f of await jsShapes(jsTeam, jsReporter)) save('openpgp.js', f.k, jsReporter, f.shape, f.m, f.eml, f.expect);

  writeFileSync(path.join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(root, 'docs', 'pgp-shapes.md'), table(manifest));
  console.log(`${manifest.fixtures.length} fixtures in ${path.relative(root, OUT)}; table in docs/pgp-shapes.md`);
}

export function table(manifest) {
  const tools = ['gpg', 'sq', 'openpgp.js'];
  const lines = [
    '# PGP message shapes that open',
    '',
    'Generated by `npm run fixtures:pgp` (scripts/make-pgp-fixtures.mjs); every cell is an `.eml` file in',
    '`test/fixtures/pgp/messages/` that `test/pgp-fixtures.test.ts` opens in CI and checks against',
    '`manifest.json` (encryption class, text, signature and signer, unencrypted parts kept apart).',
    '',
    `Made with: ${tools.map((t) => manifest.versions[t]).join('; ')}. Key types are the team key the message is encrypted to;`,
    'reporters sign with Ed25519 (gpg, sq) or a v6 Ed25519 key (openpgp.js).',
    '',
    '| Shape | gpg | sq | openpgp.js |',
    '|---|---|---|---|',
  ];
  const shapes = [...new Set(manifest.fixtures.map((f) => f.shape))];
  const titles = Object.fromEntries(SHAPES.map((s) => [s.id, s.title]));
  for (const s of shapes) {
    const cells = tools.map((t) => {
      const types = manifest.fixtures.filter((f) => f.shape === s && f.tool === t).map((f) => f.keyType ?? 'no team key');
      return types.length
        ? types.join(', ')
        : t === 'sq' && s === 'hidden-recipients'
          ? 'sq 0.27 cannot hide recipients'
          : t === 'openpgp.js'
            ? '(made by the CLIs)'
            : '';
    });
    lines.push(`| ${titles[s] ?? s} | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    'AEAD (SEIPDv2, RFC 9580) and v6 keys: neither GnuPG 2.2.40 nor sq 0.27 (Debian 12) can make them, so those',
    "fixtures come from openpgp.js with `aeadProtect`. GnuPG 2.4's own OCB packet (LibrePGP, not RFC 9580) is not",
    'covered: no GnuPG 2.4 is installed here to make one.',
    '',
  );
  return lines.join('\n');
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
    rmSync(work, { recursive: true, force: true });
    rmSync(GNUPGHOME, { recursive: true, force: true });
  });
