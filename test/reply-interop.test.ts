// Our encrypted replies must open in the reporter's own tool, not only in openpgp.js:
// a reporter whose key Sequoia (`sq`) made gets an acknowledgement that `sq decrypt`
// opens and whose signature `sq` verifies against the team key. (gpg does the same in
// intake.dovecot.test.ts and requeue.dovecot.test.ts.)
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, expect, it } from 'vitest';
import { CLI } from './helpers/intake-env.js';
import { crlf } from './helpers/mail.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-sq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TEAM = 'security@example.com';
const sq = (args: string[], input?: Buffer | string) => execFileSync('sq', ['--force', ...args], { input, stdio: ['pipe', 'pipe', 'pipe'] });

it('an acknowledgement encrypted to a Sequoia-made reporter key opens with sq, signed by the team key', async () => {
  for (const d of ['maildir/new', 'maildir/cur', 'maildir/tmp']) mkdirSync(join(dir, d), { recursive: true });
  writeFileSync(join(dir, 'passphrase'), 'pw\n', { mode: 0o600 });
  const config = join(dir, 'sectriage.yaml');
  writeFileSync(
    config,
    `maildir: { path: maildir }\nsmtp: { from: "Example Security <${TEAM}>", pickupDir: outbox }\ndatabase: db.sqlite\nkeys: { dir: keys, teamPrivateKey: team.asc, passphraseFile: passphrase }\npolicy: cert-cc\n`,
  );
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--config', config], { encoding: 'utf8' });
  expect(run(['keys', 'generate']).status).toBe(0);
  writeFileSync(join(dir, 'team.pub'), run(['keys', 'export', '--public']).stdout);

  const key = join(dir, 'sam.pgp');
  sq(['key', 'generate', '--userid', 'Sam Sequoia <sam@example.net>', '--export', key]);
  const cert = sq(['key', 'extract-cert', key]).toString();
  const report = sq(['encrypt', '--recipient-cert', join(dir, 'team.pub'), '--signer-key', key], 'Stored XSS in comments, marker sq-reply.\n').toString();
  const mail = crlf(
    `Return-Path: <sam@example.net>\nFrom: Sam Sequoia <sam@example.net>\nTo: ${TEAM}\nSubject: XSS\nMessage-ID: <sq-1@example.net>\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n${report}\n--b\nContent-Type: application/pgp-keys; name="sam.asc"\nContent-Disposition: attachment\n\n${cert}\n--b--\n`,
  );
  writeFileSync(join(dir, 'maildir', 'new', '1.eml'), mail);
  const r = run(['run', '--once']);
  expect(r.status, r.stderr).toBe(0);

  const [file] = readdirSync(join(dir, 'outbox')).filter((f) => f.endsWith('.eml'));
  const outer = await simpleParser(readFileSync(join(dir, 'outbox', file!)));
  expect(outer.headers.get('content-type')).toMatchObject({ value: 'multipart/encrypted' });
  expect(String(outer.headers.get('autocrypt'))).toMatch(new RegExp(`addr=${TEAM}; .*keydata=`));
  const cipher = outer.attachments.find((a) => a.contentType === 'application/octet-stream')!.content;
  const dec = spawnSync('sq', ['decrypt', '--recipient-key', key, '--signer-cert', join(dir, 'team.pub')], { input: cipher });
  expect(dec.status, dec.stderr.toString()).toBe(0);
  expect(dec.stderr.toString()).toMatch(/Good signature from/);
  const inner = await simpleParser(dec.stdout);
  expect(inner.text).toMatch(/SEC-\d{4}-[0-9A-Z]{5}/);
}, 60_000);
