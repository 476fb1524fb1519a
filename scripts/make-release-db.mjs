#!/usr/bin/env node
// Makes test/fixtures/db/release-0.1.0.sqlite: a database written by the sectriage 0.1.0
// release (commit 55460f1), for the upgrade test (src/db/upgrade-from-release.test.ts)
// that runs the newer migrations over it and checks the event chain is intact.
//
// It MUST be run against a build of the release, never against the work tree: the point
// is a file the old code wrote. Make the release build outside the repository, e.g.
//
//   mkdir -p /tmp/release-0.1
//   git archive 55460f1 | tar -x -C /tmp/release-0.1
//   cp -a node_modules /tmp/release-0.1/ && (cd /tmp/release-0.1 && npm run build)
//   node scripts/make-release-db.mjs /tmp/release-0.1 [OUT.sqlite]
//
// OUT defaults to test/fixtures/db/release-0.1.0.sqlite (replaced). Needs gpg (GnuPG 2.2+) on PATH
// (the sqlite3 CLI is not: the VACUUM is done with the release's better-sqlite3).
//
// What it does, with no servers: makes throw-away keys with gpg (the team key, two team
// members, reporters, a second key for two reporters, a key we never get), writes real
// mail into a local Maildir (and pipes some through `sectriage ingest`), runs the
// release CLI (`run --once` with the outbox written to a folder, `ingest`, `cases ...`,
// `keys pin`, `requeue`, `outbox retry`, `tick`) with `--now` on a fixed timeline in
// November 2026, then VACUUMs the database into OUT and checks `audit verify` passes.
// Every run makes new keys, tracking IDs and ciphertexts, so the file differs from run
// to run; its shape (cases, states, attention lines, row counts) does not.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const release = resolve(process.argv[2] ?? '/tmp/release-0.1');
const OUT = resolve(process.argv[3] ?? join(repo, 'test', 'fixtures', 'db', 'release-0.1.0.sqlite'));
const CLI = join(release, 'bin', 'sectriage.js');
if (!existsSync(join(release, 'dist', 'cli', 'main.js')))
  throw new Error(`${release} has no dist/: build the release there first (see the top of this script)`);
if (release === repo) throw new Error('run this against a separate build of the release, not the work tree');
const pkg = JSON.parse(readFileSync(join(release, 'package.json'), 'utf8'));
const Database = createRequire(join(release, 'package.json'))('better-sqlite3');

const TEAM = 'security@example.com';
const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const PASS = 'team passphrase';

// ---- state folder and config ----------------------------------------------------------
const dir = mkdtempSync(join(tmpdir(), 'sectriage-release-db-'));
for (const d of ['keys', 'maildir/new', 'maildir/cur', 'maildir/tmp', 'outbox', 'state']) mkdirSync(join(dir, d), { recursive: true });
chmodSync(join(dir, 'keys'), 0o700);
const cfg = join(dir, 'sectriage.yaml');
const dbPath = join(dir, 'state', 'sectriage.db');

// ---- gpg ------------------------------------------------------------------------------
const GNUPGHOME = mkdtempSync('/tmp/g-'); // short: gpg-agent's socket path has a length limit
// The gpg-agent this starts is stopped and its home removed however the script ends.
process.on('exit', () => {
  spawnSync('gpgconf', ['--homedir', GNUPGHOME, '--kill', 'all']);
  rmSync(GNUPGHOME, { recursive: true, force: true });
});
function gpg(args, input, passphrase = '') {
  return execFileSync(
    'gpg',
    ['--homedir', GNUPGHOME, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', passphrase, '--trust-model', 'always', ...args],
    {
      input,
      env: { ...process.env, LC_ALL: 'C' },
      maxBuffer: 1 << 26,
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
}
function genKey(uid, passphrase = '') {
  gpg(['--quick-gen-key', uid, 'ed25519', 'sign', '0'], undefined, passphrase);
  const fprs = [
    ...gpg(['--with-colons', '--list-keys', uid])
      .toString()
      .matchAll(/^fpr:+([0-9A-F]{40}):/gm),
  ].map((m) => m[1]);
  const fpr = fprs.at(-1);
  gpg(['--quick-add-key', fpr, 'cv25519', 'encr', '0'], undefined, passphrase);
  return fpr;
}
const exportPublic = (fpr) => gpg(['--armor', '--export', fpr]).toString();
const exportSecret = (fpr, passphrase) => gpg(['--armor', '--export-secret-keys', fpr], undefined, passphrase).toString();
const encrypt = (data, recipients, signWith) =>
  gpg(['--encrypt', '--armor', ...recipients.flatMap((r) => ['--recipient', r]), ...(signWith ? ['--sign', '--local-user', signWith] : [])], data).toString();
const detachSign = (data, signer) => gpg(['--detach-sign', '--armor', '--digest-algo', 'SHA256', '--local-user', signer], data).toString();

// ---- mail builders (CRLF, as clients send it) ----------------------------------------
const crlf = (s) => s.replace(/\r\n|\r|\n/g, '\r\n');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n) => String(n).padStart(2, '0');
const rfcDate = (iso) => {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
};
const msgId = (domain) => `<${randomBytes(10).toString('hex')}@${domain}>`;
const domainOf = (from) => from.replace(/.*@/, '').replace(/>.*/, '');

function head(o) {
  return (
    `From: ${o.from}\nTo: ${o.to ?? TEAM}\nSubject: ${o.subject}\nDate: ${rfcDate(o.date)}\nMessage-ID: ${o.messageId ?? msgId(domainOf(o.from))}\n` +
    (o.inReplyTo ? `In-Reply-To: ${o.inReplyTo}\nReferences: ${o.references ?? o.inReplyTo}\n` : '') +
    Object.entries(o.headers ?? {})
      .map(([k, v]) => `${k}: ${v}\n`)
      .join('') +
    'MIME-Version: 1.0\n'
  );
}
function plain(o) {
  return Buffer.from(crlf(`${head(o)}Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${o.body}\n`));
}
/** The cleartext MIME entity inside the encryption; with protected headers (RFC 9788) when a From is given, as Thunderbird sends them. */
function inner(o) {
  const from = o.protectedFrom ?? o.from;
  const ph = from ? `From: ${from}\nTo: ${TEAM}\nSubject: ${o.subject}\n` : '';
  const prot = from ? '; protected-headers="v1"' : '';
  if (!o.attachments?.length) return crlf(`Content-Type: text/plain; charset=utf-8${prot}\nContent-Transfer-Encoding: 8bit\n${ph}\n${o.body}\n`);
  let s = `Content-Type: multipart/mixed; boundary="inner"${prot}\n${ph}\n--inner\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n${o.body}\n`;
  for (const a of o.attachments)
    s += `--inner\nContent-Type: ${a.type}; name="${a.name}"\nContent-Disposition: attachment; filename="${a.name}"\n\n${a.content.replace(/\n+$/, '')}\n`;
  return crlf(`${s}--inner--\n`);
}
/** RFC 3156 multipart/encrypted, as Thunderbird makes it. */
function pgpMime(o, armored) {
  return Buffer.from(
    crlf(
      `${head({ ...o, subject: o.outerSubject ?? '...' })}Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="outer"\n\n` +
        `This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)\n--outer\nContent-Type: application/pgp-encrypted\n\nVersion: 1\n\n` +
        `--outer\nContent-Type: application/octet-stream; name="encrypted.asc"\nContent-Disposition: inline; filename="encrypted.asc"\n\n${armored.trim()}\n\n--outer--\n`,
    ),
  );
}
function inlineArmored(o, armored) {
  return Buffer.from(crlf(`${head(o)}Content-Type: text/plain; charset=utf-8\n\n${[o.before, armored.trim(), o.after].filter(Boolean).join('\n\n')}\n`));
}
/** A team member's RFC 3156 multipart/signed text mail. */
function signedMail(o, signer) {
  const part = crlf(`Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 7bit\n\n${o.body}`);
  const sig = detachSign(part, signer);
  return Buffer.from(
    crlf(`${head(o)}Content-Type: multipart/signed; micalg=pgp-sha256; protocol="application/pgp-signature"; boundary="sig"\n\n--sig\n`) +
      part +
      crlf(`\n--sig\nContent-Type: application/pgp-signature; name="signature.asc"\n\n${sig}\n--sig--\n`),
  );
}
const withReturnPath = (raw, rp) => Buffer.concat([Buffer.from(`Return-Path: <${rp}>\r\n`), raw]);

// ---- running the release CLI -----------------------------------------------------------
// A fixture on a fixed timeline: recording commands take --now only under the test switch.
const env = { ...process.env, SECTRIAGE_LOG_LEVEL: process.env.SECTRIAGE_LOG_LEVEL ?? 'warn', SECTRIAGE_TEST_CLOCK: '1' };
const log = [];
function cli(args, o = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--config', cfg], { env: { ...env, ...(o.env ?? {}) }, input: o.input, encoding: 'utf8' });
  log.push(`$ sectriage ${args.join(' ')} -> ${r.status ?? r.signal}${r.stdout ? `\n${r.stdout.trimEnd()}` : ''}`);
  const ok = o.expect === undefined ? r.status === 0 : o.expect === 'any' || r.status === o.expect || r.signal === o.expect;
  if (!ok) throw new Error(`sectriage ${args.join(' ')}: exit ${r.status ?? r.signal}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
let seq = 0;
/** Drops a message into the Maildir (as the MTA would, with Return-Path); processed by the next run. */
function drop(raw, returnPath) {
  seq++;
  writeFileSync(join(dir, 'maildir', 'new', `${String(seq).padStart(4, '0')}.release-db.${process.pid}`), withReturnPath(raw, returnPath));
}
const ingest = (raw, returnPath, now) => cli(['ingest', '--now', now], { input: withReturnPath(raw, returnPath) });
const runOnce = (now, o) => cli(['run', '--once', '--now', now], o);
function db() {
  return new Database(dbPath, { readonly: true });
}
function q(sql, ...args) {
  const d = db();
  try {
    return d.prepare(sql).all(...args);
  } finally {
    d.close();
  }
}
const tid = (email) => q('SELECT tracking_id FROM cases WHERE reporter_email = ? ORDER BY id', email).map((r) => r.tracking_id);
const ourLast = (trackingId) =>
  q(
    'SELECT o.message_id FROM outbox o JOIN cases c ON c.id = o.case_id WHERE c.tracking_id = ? AND o.rcpt_to = c.reporter_email ORDER BY o.id DESC LIMIT 1',
    trackingId,
  )[0]?.message_id;

// ---- keys --------------------------------------------------------------------------------
console.log(`release ${pkg.name} ${pkg.version} at ${release}; working in ${dir}`);
const teamFpr = genKey(`Security Team <${TEAM}>`, PASS);
const oldTeamFpr = genKey(`Security Team 2025 <${TEAM}>`, PASS); // added to the config later (requeue)
const aliceFpr = genKey(`Alice <${ALICE}>`);
const bobFpr = genKey(`Bob <${BOB}>`);
const rita = genKey('Rita Reporter <rita@example.net>');
const sam = genKey('Sam Reporter <sam@example.org>');
const sam2 = genKey('Sam Reporter (new laptop) <sam@example.org>');
const tom = genKey('Tom Reporter <tom@example.net>');
const tom2 = genKey('Tom Reporter 2026 <tom@example.net>');
const quinn = genKey('Quinn <quinn@example.net>');
const stranger = genKey('Someone Else <someone@elsewhere.example>'); // we never have its secret
writeFileSync(join(dir, 'keys', 'team.asc'), exportSecret(teamFpr, PASS), { mode: 0o600 });
writeFileSync(join(dir, 'keys', 'passphrase'), `${PASS}\n`, { mode: 0o600 });
writeFileSync(join(dir, 'keys', 'alice.asc'), exportPublic(aliceFpr));
writeFileSync(join(dir, 'keys', 'bob.asc'), exportPublic(bobFpr));
writeFileSync(
  cfg,
  `# A release-0.1.0 installation with no servers: a local Maildir in, a folder out.
maildir:
  path: maildir
smtp:
  from: Example Security <${TEAM}>
  pickupDir: outbox
database: state/sectriage.db
keys:
  dir: keys
  teamPrivateKey: team.asc
  passphraseFile: keys/passphrase
team:
  - name: alice
    email: ${ALICE}
    publicKey: alice.asc
  - name: bob
    email: ${BOB}
    publicKey: bob.asc
contacts:
  backup: oncall@example.com
digest:
  schedule: "0 8 * * 1-5"
policy: cgx
timezone: UTC
`,
);
const keyAttachment = (fpr, name) => ({ type: 'application/pgp-keys', name, content: exportPublic(fpr) });

// ---- day 1, Monday 2 Nov 2026: reports arrive ----------------------------------------------
const D1 = '2026-11-02T09:00:00Z';
// 1. PGP/MIME, signed and encrypted, the reporter's key attached (pinned).
const ritaBody =
  'The q parameter of /api/search is passed unescaped into SQL.\nSteps to reproduce: curl "https://app.example/api/search?q=%27%20OR%201=1--"\nImpact: read access to every tenant\'s data.\nAffected version: 4.2.0\n';
const ritaCipher = encrypt(
  inner({ from: 'Rita Reporter <rita@example.net>', subject: 'SQL injection in /api/search', body: ritaBody, attachments: [keyAttachment(rita, 'rita.asc')] }),
  [teamFpr],
  rita,
);
const ritaReport = pgpMime({ from: 'Rita Reporter <rita@example.net>', date: D1 }, ritaCipher);
drop(ritaReport, 'rita@example.net');
// 2. and 3. Two more signed, encrypted reports with keys: both reporters change keys later.
drop(
  pgpMime(
    { from: 'Sam Reporter <sam@example.org>', date: D1 },
    encrypt(
      inner({
        from: 'Sam Reporter <sam@example.org>',
        subject: 'Path traversal in /download',
        body: 'GET /download?file=../../etc/passwd returns the file.\nVersion 4.2.0, default configuration.\n',
        attachments: [keyAttachment(sam, 'sam.asc')],
      }),
      [teamFpr],
      sam,
    ),
  ),
  'sam@example.org',
);
drop(
  pgpMime(
    { from: 'Tom Reporter <tom@example.net>', date: D1 },
    encrypt(
      inner({
        from: 'Tom Reporter <tom@example.net>',
        subject: 'Session fixation on login',
        body: 'The session id is not rotated at login; an attacker who sets the cookie before login keeps the session.\n',
        attachments: [keyAttachment(tom, 'tom.asc')],
      }),
      [teamFpr],
      tom,
    ),
  ),
  'tom@example.net',
);
// 4. Encrypted to a key the team never had: held, the sender is asked to re-encrypt.
drop(
  inlineArmored({ from: 'dave@wrongkey.example', subject: 'RCE in the importer', date: D1 }, encrypt('The CSV importer evaluates formulas.\n', [stranger])),
  'dave@wrongkey.example',
);
// 5. Encrypted to the team's older key, which the config lacks yet: held, requeued on day 3.
drop(
  pgpMime(
    { from: 'Uma <uma@example.org>', date: D1 },
    encrypt(
      inner({
        from: 'Uma <uma@example.org>',
        subject: 'IDOR in /api/invoices',
        body: 'Any user can read any invoice by changing the id in /api/invoices/ID.\n',
      }),
      [oldTeamFpr],
    ),
  ),
  'uma@example.org',
);
// 6. Text outside the encryption next to an inline block: partial, the plain text kept apart.
drop(
  inlineArmored(
    { from: 'Pat <pat@example.com>', subject: 'Stored XSS in comments', date: D1, before: 'Hi team, details below (encrypted). PS the blog is affected too.' },
    encrypt('Comments render <img src=x onerror=alert(1)> unescaped in /blog/comments.\nStored XSS, any visitor.\n', [teamFpr]),
  ),
  'pat@example.com',
);
// 7. Protected headers name another From than the envelope.
drop(
  pgpMime(
    { from: 'Quinn <quinn@example.net>', date: D1 },
    encrypt(
      inner({
        subject: 'CSRF on /settings/email',
        body: 'The email change form has no CSRF token: a cross-site POST changes the address.\n',
        protectedFrom: 'Quinn Q <quinn@other.example>',
      }),
      [teamFpr],
      quinn,
    ),
  ),
  'quinn@example.net',
);
// 8. An out-of-office auto-reply: recorded, never answered.
drop(
  plain({ from: 'eve@away.example', subject: 'Out of office', date: D1, headers: { 'Auto-Submitted': 'auto-replied' }, body: 'I am away until Monday.' }),
  'eve@away.example',
);
// 9. and 10. Two reports of the same bug (a duplicate candidate; merged on day 3).
drop(
  inlineArmored(
    { from: 'Bo <bo@webmail.example>', subject: 'Stored XSS in profile display name', date: D1 },
    encrypt('The display name field on /profile is rendered without escaping.\nPoC: set the name to <script>alert(1)</script>.\nStored XSS.\n', [teamFpr]),
  ),
  'bo@webmail.example',
);
runOnce(D1);
// Plain text, piped in by the MTA (`ingest`, source stdin), an hour later.
const D1b = '2026-11-02T10:00:00Z';
ingest(
  plain({
    from: 'carol@plain.example',
    subject: 'Open redirect on login',
    date: D1b,
    body: '/login?next=https://evil.example redirects without checking the host.\nOpen redirect, version 4.2.0.',
  }),
  'carol@plain.example',
  D1b,
);
ingest(
  plain({
    from: 'Ben <ben@example.org>',
    subject: 'XSS in profile display name',
    date: D1b,
    body: 'Stored XSS: the display name on /profile is not escaped, <script>alert(document.domain)</script> runs for every visitor.',
  }),
  'ben@example.org',
  D1b,
);

const [RITA] = tid('rita@example.net');
const [SAM] = tid('sam@example.org');
const [TOM] = tid('tom@example.net');
const [CAROL] = tid('carol@plain.example');
const [BO] = tid('bo@webmail.example');
const [BEN] = tid('ben@example.org');
const [UMA] = tid('uma@example.org');
tid('dave@wrongkey.example');

// ---- day 2, Tuesday 3 Nov: the team works; follow-ups, a key change, a replay, a claim -------
const D2 = '2026-11-03T10:00:00Z';
cli(['cases', 'ack', RITA, '--now', D2]);
cli(['cases', 'ack', BO, '--now', D2]);
cli(['cases', 'assign', RITA, 'bob', '--now', D2]);
cli(['cases', 'state', RITA, 'triaged', '--note', 'reproduced on staging', '--now', D2]);
cli(['cases', 'set', RITA, '--severity', 'high', '--cve', 'CVE-2026-41234', '--flag', 'exploited', '--embargo', '2027-01-15', '--now', D2]);
cli(['cases', 'note', RITA, 'fix', 'owner', 'is', 'the', 'search', 'team', '--now', D2]);
cli(['cases', 'set', BO, '--cvss', 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', '--now', D2]);
cli(['cases', 'state', CAROL, 'needs_info', '--note', 'which login page?', '--now', D2]);
writeFileSync(join(dir, 'reply.txt'), 'Thanks, we reproduced it. A fix is planned for next week.\n');
cli(['cases', 'reply', RITA, '--file', join(dir, 'reply.txt'), '--now', D2]);
// A signed command from a team member by mail (accepted), and an unsigned one (refused).
drop(
  signedMail(
    {
      from: `Alice <${ALICE}>`,
      subject: `Re: [${SAM}]`,
      date: D2,
      body: `Looked at it.\n\n/case ${SAM}\n/state triaged\n/assign alice\n/note confirmed on 4.2.0\n`,
    },
    aliceFpr,
  ),
  ALICE,
);
drop(plain({ from: `Alice <${ALICE}>`, subject: `Re: [${SAM}]`, date: D2, body: `/case ${SAM}\n/state closed spam\n` }), ALICE);
// Sam writes again, signed with a new key he attaches: the pinned key stays, the case is flagged.
drop(
  pgpMime(
    { from: 'Sam Reporter <sam@example.org>', date: D2, inReplyTo: ourLast(SAM) },
    encrypt(
      inner({
        from: 'Sam Reporter <sam@example.org>',
        subject: `Re: [${SAM}] Path traversal`,
        body: 'New laptop, new key attached. Also /export?file= is affected.\n',
        attachments: [keyAttachment(sam2, 'sam-new.asc')],
      }),
      [teamFpr],
      sam2,
    ),
  ),
  'sam@example.org',
);
// Tom too; the team pins Tom's new key on day 3.
drop(
  pgpMime(
    { from: 'Tom Reporter <tom@example.net>', date: D2, inReplyTo: ourLast(TOM) },
    encrypt(
      inner({
        from: 'Tom Reporter <tom@example.net>',
        subject: `Re: [${TOM}] Session fixation`,
        body: 'My key changed, the new one is attached.\n',
        attachments: [keyAttachment(tom2, 'tom-2026.asc')],
      }),
      [teamFpr],
      tom2,
    ),
  ),
  'tom@example.net',
);
// Someone else sends Rita's ciphertext as their own: a new linked case, both flagged.
drop(pgpMime({ from: 'mallory@evil.example', date: D2, outerSubject: 'report' }, ritaCipher), 'mallory@evil.example');
// Someone else names Carol's tracking ID: a new, linked case; the team is told.
drop(
  plain({ from: 'trent@evil.example', subject: `Re: [${CAROL}] please resend the PoC`, date: D2, body: 'I am the reporter, writing from my other address.' }),
  'trent@evil.example',
);
// Carol answers the team's question: the case resumes from needs_info.
drop(
  plain({
    from: 'carol@plain.example',
    subject: `Re: [${CAROL}] which login page?`,
    date: D2,
    inReplyTo: ourLast(CAROL),
    body: 'The main /login page, version 4.2.0.',
  }),
  'carol@plain.example',
);
runOnce(D2);
const [MALLORY] = tid('mallory@evil.example');
tid('trent@evil.example');

// ---- day 3, Wednesday 4 Nov ---------------------------------------------------------------
const D3 = '2026-11-04T11:00:00Z';
cli(['keys', 'pin', 'tom@example.net', tom2, '--now', D3]);
cli(['cases', 'merge', BEN, '--into', BO, '--note', 'same display-name XSS', '--now', D3]);
cli(['cases', 'state', BO, 'triaged', '--now', D3]);
cli(['cases', 'state', BO, 'needs_info', '--note', 'which browsers?', '--now', D3]);
cli(['cases', 'state', BO, 'triaged', '--note', 'found it ourselves', '--now', D3]);
cli(['cases', 'assign', BO, 'alice', '--now', D3]);
cli(['cases', 'state', MALLORY, 'closed', '--resolution', 'spam', '--note', 'replayed ciphertext', '--now', D3]);
cli(['cases', 'state', RITA, 'fixing', '--now', D3]);
cli(['cases', 'set', SAM, '--severity', 'medium', '--now', D3]);
// The older team key is added after the current one; the held mail opens.
writeFileSync(join(dir, 'keys', 'team.asc'), readFileSync(join(dir, 'keys', 'team.asc'), 'utf8') + exportSecret(oldTeamFpr, PASS), { mode: 0o600 });
const heldIds = q("SELECT id FROM spool WHERE state = 'held' ORDER BY id").map((r) => String(r.id));
cli(['requeue', ...heldIds, '--now', D3], { expect: 1 }); // Uma's opens; Dave's is still held (exit 1)
runOnce(D3);

// ---- delivery trouble: one mail failed and retried, one left uncertain -------------------------
const D4 = '2026-11-05T09:30:00Z';
cli(['cases', 'state', UMA, 'triaged', '--note', 'valid, any tenant', '--now', D4]);
// The pickup folder is gone (a file in its place): the notice fails, and past the queue lifetime it is parked as failed.
rmSync(join(dir, 'outbox'), { recursive: true });
writeFileSync(join(dir, 'outbox'), '');
const D5 = '2026-11-11T09:00:00Z';
runOnce(D5);
rmSync(join(dir, 'outbox'));
mkdirSync(join(dir, 'outbox'));
const failed = q("SELECT id FROM outbox WHERE state = 'failed' ORDER BY id").map((r) => String(r.id));
if (failed.length) cli(['outbox', 'retry', failed[0], '--now', D5]);
runOnce(D5);
// A crash right after a mail was handed over, before it was recorded as sent: uncertain.
// (The status update queued while the folder was gone is due again an hour later.)
const D5b = '2026-11-11T10:00:00Z';
cli(['cases', 'state', SAM, 'fixing', '--note', 'patch in review', '--now', D5b]);
runOnce(D5b, { env: { SECTRIAGE_FAILPOINTS: 'after-smtp-accept' }, expect: 'SIGKILL' });
runOnce(D5b); // recovers the row as uncertain and leaves it for an operator

// ---- later: deadlines swept, a case closed, the team digest ---------------------------------------
const D6 = '2026-11-16T09:00:00Z';
cli(['tick', '--now', D6]);
cli(['cases', 'state', CAROL, 'closed', '--resolution', 'resolved', '--note', 'fixed in 4.2.1', '--now', D6]);
cli(['audit', 'verify']);

// ---- the fixture --------------------------------------------------------------------------
mkdirSync(dirname(OUT), { recursive: true });
rmSync(OUT, { force: true });
{
  const d = new Database(dbPath);
  d.pragma('wal_checkpoint(TRUNCATE)');
  d.prepare('VACUUM INTO ?').run(OUT);
  d.close();
}
{
  // A plain rollback-journal file: no -wal/-shm next to it in the repository.
  const d = new Database(OUT);
  d.pragma('journal_mode = DELETE');
  d.close();
}
// The copy must verify with the release itself.
writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('database: state/sectriage.db', `database: ${OUT}`));
cli(['audit', 'verify']);
const counts = {};
{
  const d = new Database(OUT, { readonly: true });
  for (const { name } of d.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all())
    counts[name] = d.prepare(`SELECT count(*) AS n FROM "${name}"`).get().n;
  counts.user_version = d.pragma('user_version', { simple: true });
  d.close();
}
console.log(JSON.stringify(counts, null, 2));
console.log(`wrote ${OUT}`);
// KEEP=1 keeps the state folder (config, keys, the written mail, commands.log) to look at.
if (process.env.KEEP) {
  writeFileSync(join(dir, 'commands.log'), `${log.join('\n')}\n`);
  console.log(`kept ${dir} (the commands run and their output: commands.log)`);
} else rmSync(dir, { recursive: true, force: true });
