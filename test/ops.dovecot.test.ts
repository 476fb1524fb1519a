// Operations against the real servers: `doctor` passes on a working installation and
// names the broken piece, with its fix, when the IMAP password, the mailbox, the SMTP
// relay or its login is wrong; `backup` makes a consistent 0600 copy and never
// overwrites; `audit verify` catches a database edited behind sectriage's back; a
// second signal stops a daemon stuck in a step, and the log says why it stopped.
import { createServer, type Server, type Socket } from 'node:net';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeEnv, REPORTER, TEAM, until, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';
import { freePort, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

let env: IntakeEnv;
let authSink: SmtpSink;

/** A variant of the test config: `edit` rewrites its text. */
function variant(name: string, edit: (yaml: string) => string): string {
  const file = join(env.dir, `${name}.yaml`);
  writeFileSync(file, edit(readFileSync(env.configPath, 'utf8')));
  return file;
}
const doctor = (config: string) => env.cli(['doctor', '--config', config, '--json']);
const parse = (stdout: string) => JSON.parse(stdout) as Array<{ name: string; status: string; detail: string; fix?: string }>;

beforeAll(async () => {
  env = await intakeEnv();
  authSink = await startSmtpSink({ requireAuth: { user: 'relay-user', pass: 'relay-pass' } });
  writeFileSync(join(env.dir, 'smtp-pass'), 'relay-pass\n', { mode: 0o600 });
  writeFileSync(join(env.dir, 'wrong-pass'), 'not-it\n', { mode: 0o600 });
  await env.dovecot.append(
    Buffer.concat([Buffer.from(`Return-Path: <${REPORTER}>\r\n`), plainMessage({ from: REPORTER, to: TEAM, subject: 'XSS', body: 'in the search box' })]),
  );
  expect((await env.cli(['run', '--once', '--config', env.configPath])).code).toBe(0);
}, 120_000);
afterAll(async () => {
  await authSink?.stop();
  await env?.close();
});

describe('doctor', () => {
  it('passes every check on a working installation (real Dovecot, SMTP relay with login)', async () => {
    const cfg = variant('auth', (y) =>
      y.replace(/(smtp:\n(?:  .*\n)*?)  port: \d+\n/, `$1  port: ${authSink.port}\n  user: relay-user\n  passFile: smtp-pass\n`),
    );
    const r = await doctor(cfg);
    const checks = parse(r.stdout);
    expect(
      checks.filter((c) => c.status === 'fail'),
      r.stdout,
    ).toEqual([]);
    expect(r.code).toBe(0);
    const names = checks.map((c) => c.name);
    for (const n of [
      'config',
      'team key: unlock',
      'team key: decrypt',
      'team key: sign',
      'team key: expiry',
      'database: schema',
      'database: integrity',
      'database: event log',
      'database: SLA sums',
      'IMAP: login',
      'IMAP: mailbox',
      'SMTP: greeting',
      'SMTP: login',
    ])
      expect(names).toContain(n);
    expect(checks.find((c) => c.name === 'SMTP: login')!.detail).toBe('as relay-user');
  });

  it('fails on a wrong IMAP password and a missing mailbox, each with its fix, exit 1', async () => {
    const wrongPass = variant('wrongpass', (y) => y.replace('passFile: imap-pass', 'passFile: wrong-pass'));
    const r1 = await doctor(wrongPass);
    expect(r1.code).toBe(1);
    const login = parse(r1.stdout).find((c) => c.name === 'IMAP: login')!;
    expect(login.status).toBe('fail');
    expect(login.fix).toMatch(/Fix the password/);
    const wrongBox = variant('wrongbox', (y) => y.replace('mailbox: INBOX', 'mailbox: NoSuchFolder'));
    const r2 = await doctor(wrongBox);
    expect(r2.code).toBe(1);
    const box = parse(r2.stdout).find((c) => c.name === 'IMAP: mailbox')!;
    expect([box.status, box.fix]).toEqual(['fail', 'Create the mailbox NoSuchFolder on the server, or fix imap.mailbox.']);
  });

  it('does not fail on a missing processed mailbox, which the daemon creates itself', async () => {
    const cfg = variant('noprocessed', (y) => y.replace('processedMailbox: Processed', 'processedMailbox: NotYetThere'));
    const box = parse((await doctor(cfg)).stdout).find((c) => c.name === 'IMAP: processedMailbox')!;
    expect(box).toMatchObject({ status: 'ok', detail: 'NotYetThere does not exist yet: the daemon creates it when it starts' });
  });

  it('fails on a database under /proc, where run hung, and run now says why at once', async () => {
    const cfg = variant('procdb', (y) => y.replace('database: state/sectriage.db', 'database: /proc/sectriage/sectriage.db'));
    const r = await doctor(cfg);
    expect(r.code).toBe(1);
    expect(parse(r.stdout).find((c) => c.name === 'database: path')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/kernel filesystem/) });
    const run = await env.cli(['run', '--once', '--config', cfg]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/database: \/proc\/sectriage\/sectriage.db is under \/proc, a kernel filesystem/);
  });

  it('fails on a database whose parent is a file', async () => {
    writeFileSync(join(env.dir, 'not-a-folder'), 'x');
    const cfg = variant('filedb', (y) => y.replace('database: state/sectriage.db', 'database: not-a-folder/sectriage.db'));
    const check = parse((await doctor(cfg)).stdout).find((c) => c.name === 'database: path');
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/not-a-folder, a parent of .* is a file, not a folder/) });
  });

  it('fails for a team member whose key cannot encrypt, who would silently get no digest', async () => {
    const { fingerprint } = await env.gpg.genKey('Signer Only <signer@example.com>', 'cv25519');
    // Drop the encryption subkey: what is left signs, and encrypts to nobody.
    const list = (await env.gpg.run(['--with-colons', '--with-subkey-fingerprint', '--list-keys', fingerprint])).stdout.toString();
    const sub = /^sub:(?:[^:]*:){10}[^:]*e[^:]*:[\s\S]*?^fpr:(?:[^:]*:){8}([0-9A-F]{40}):/m.exec(list)![1]!;
    expect((await env.gpg.run(['--yes', '--delete-secret-and-public-key', `${sub}!`])).code).toBe(0);
    writeFileSync(join(env.dir, 'keys', 'signer.asc'), await env.gpg.exportPublic(fingerprint));
    const cfg = variant('signonly', (y) => `${y}team:\n  - name: sid\n    email: signer@example.com\n    publicKey: signer.asc\n`);
    const check = parse((await doctor(cfg)).stdout).find((c) => c.name === 'member key: sid');
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/cannot encrypt .*: sid gets no digest or reminder/) });
  });

  it('fails for a config readable by others that holds a password inline', async () => {
    const cfg = variant('inlinepass', (y) => y.replace('passFile: imap-pass', `pass: ${readFileSync(join(env.dir, 'imap-pass'), 'utf8').trim()}`));
    const { chmodSync } = await import('node:fs');
    chmodSync(cfg, 0o644);
    const check = parse((await doctor(cfg)).stdout).find((c) => c.name === 'permissions: config');
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/holds imap.pass inline and is readable by every user/) });
    chmodSync(cfg, 0o600);
    expect(parse((await doctor(cfg)).stdout).find((c) => c.name === 'permissions: config')).toMatchObject({ status: 'ok' });
  });

  it('fails on a wrong SMTP login and on a relay that is not there', async () => {
    const badLogin = variant('badlogin', (y) =>
      y.replace(/(smtp:\n(?:  .*\n)*?)  port: \d+\n/, `$1  port: ${authSink.port}\n  user: relay-user\n  passFile: wrong-pass\n`),
    );
    const r1 = await doctor(badLogin);
    expect(parse(r1.stdout).find((c) => c.name === 'SMTP: login')).toMatchObject({
      status: 'fail',
      fix: 'Fix the password for relay-user (smtp.passFile) or the user name.',
    });
    const port = await freePort();
    const noRelay = variant('norelay', (y) => y.replace(/(smtp:\n(?:  .*\n)*?)  port: \d+\n/, `$1  port: ${port}\n`));
    const r2 = await env.cli(['doctor', '--config', noRelay]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/FAIL  SMTP: greeting: 127\.0\.0\.1:\d+: .*\n      fix: Check smtp\.host/);
    expect(r2.stdout).toMatch(/1 check\(s\) failed/);
  });

  it('fails when the team key file is readable by everyone', async () => {
    const cfg = variant('keyperm', (y) => y);
    const key = join(env.dir, 'keys', 'team.asc');
    const { chmodSync } = await import('node:fs');
    chmodSync(key, 0o644);
    try {
      const r = await doctor(cfg);
      expect(parse(r.stdout).find((c) => c.name === 'permissions: team key')).toMatchObject({ status: 'fail', fix: `chmod 600 ${key}` });
    } finally {
      chmodSync(key, 0o600);
    }
  });
});

describe('the SLA sums', () => {
  it('doctor warns when they part from the deadlines; deadlines rebuild-sla puts them right', async () => {
    const sums = () => {
      const db = env.db();
      try {
        return db.prepare('SELECT * FROM sla_days ORDER BY day, policy, milestone').all();
      } finally {
        db.close();
      }
    };
    const kept = sums();
    const db = new Database(join(env.dir, 'state', 'sectriage.db'));
    db.prepare("UPDATE sla_days SET n = n + 2 WHERE milestone = ''").run();
    db.close();
    const check = async () => parse((await doctor(env.configPath)).stdout).find((c) => c.name === 'database: SLA sums');
    expect(await check()).toMatchObject({
      status: 'warn',
      detail: expect.stringMatching(/^1 day sum\(s\) and 0 time\(s\) differ/),
      fix: expect.stringMatching(/deadlines rebuild-sla/),
    });
    const r = await env.cli(['deadlines', 'rebuild-sla', '--config', env.configPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^SLA sums rebuilt: \d+ day sums and \d+ times \(1 day sums and 0 times had differed\)/);
    expect(await check()).toMatchObject({ status: 'ok' });
    expect(sums()).toEqual(kept);
  });

  it('rebuild-sla makes no database where a config names none that exists', async () => {
    const missing = join(env.dir, 'typo', 'sectriage.db');
    const cfg = variant('nodb', (y) => y.replace('database: state/sectriage.db', `database: ${missing}`));
    const r = await env.cli(['deadlines', 'rebuild-sla', '--config', cfg]);
    expect(r.code).toBe(78); // EX_CONFIG, as for every CONFIG_INVALID
    expect(r.stderr).toMatch(/no database at .*typo\/sectriage\.db yet/);
    expect(existsSync(join(env.dir, 'typo'))).toBe(false);
  });
});

describe('backup and audit', () => {
  it('makes a consistent 0600 copy that verifies, and never overwrites', async () => {
    const file = join(env.dir, 'backup.db');
    const r = await env.cli(['backup', '--config', env.configPath, '--to', file]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/backup written to .*: \d+ bytes, schema \d+, 1 cases, \d+ events \(chain verified\)/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const copy = new Database(file, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM cases').get()).toEqual({ n: 1 });
    copy.close();
    const again = await env.cli(['backup', '--config', env.configPath, '--to', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists: a backup never overwrites/);
    expect((await env.cli(['audit', 'verify', '--config', env.configPath, '--database', file])).stdout).toMatch(/event log intact/);
    // One file: no -wal or -shm beside it, not even after it was read again (the timer deletes only old copies).
    expect(readdirSync(env.dir).filter((f) => f.startsWith('backup.db'))).toEqual(['backup.db']);
  });

  it('audit verify finds an event edited behind the triggers and exits 1', async () => {
    const file = join(env.dir, 'tampered.db');
    expect((await env.cli(['backup', '--config', env.configPath, '--to', file])).code).toBe(0);
    const raw = new Database(file);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare("UPDATE events SET actor = 'cli:nobody' WHERE id = 2").run();
    raw.close();
    const r = await env.cli(['audit', 'verify', '--config', env.configPath, '--database', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/event log BROKEN at event 2 \(SEC-\d{4}-\w+ .* cli:nobody /);
    // And doctor, pointed at that database, says so with the fix.
    const cfg = variant('tampered', (y) => y.replace('database: state/sectriage.db', `database: ${file}`));
    const checks = parse((await doctor(cfg)).stdout);
    expect(checks.find((c) => c.name === 'database: event log')).toMatchObject({ status: 'fail', detail: 'hash chain broken at event 2' });
    expect(checks.find((c) => c.name === 'database: append-only guards')!.status).toBe('fail');
  });
});

describe('shutdown', () => {
  it('a second signal stops a daemon stuck in a step; the log says why', async () => {
    // A relay that accepts the connection and never greets: the daemon sits in the send step.
    const sockets: Socket[] = [];
    const silent: Server = createServer((s) => sockets.push(s));
    const port = await freePort();
    await new Promise<void>((r) => silent.listen(port, '127.0.0.1', r));
    const cfg = variant('silent', (y) => y.replace(/(smtp:\n(?:  .*\n)*?)  port: \d+\n/, `$1  port: ${port}\n`));
    await env.dovecot.append(
      Buffer.concat([
        Buffer.from(`Return-Path: <other@example.org>\r\n`),
        plainMessage({ from: 'other@example.org', to: TEAM, subject: 'CSRF', body: 'on /settings' }),
      ]),
    );
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('./helpers/intake-env.js');
    const daemon = spawn(process.execPath, [CLI, 'run', '--config', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    daemon.stderr.on('data', (d: Buffer) => (output += d.toString()));
    daemon.stdout.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => daemon.on('exit', (c) => r(c)));
    try {
      await until('the daemon to connect to the silent relay', () => sockets.length > 0, 30_000);
      daemon.kill('SIGTERM');
      await until('the first signal to be logged', () => output.includes('finishing the message in hand'));
      expect(daemon.exitCode).toBeNull();
      daemon.kill('SIGTERM');
      expect(await exited).toBe(130);
      expect(output).toMatch(/second signal: exiting now/);
    } finally {
      daemon.kill('SIGKILL');
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('one SIGTERM on an idle daemon stops it cleanly, logging the signal as the reason', async () => {
    const daemon = env.spawnDaemon();
    const exited = new Promise<number | null>((r) => daemon.on('exit', (c) => r(c)));
    await until('running', () => daemon.output().includes('sectriage running'), 30_000);
    daemon.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(daemon.output()).toMatch(/"reason":"SIGTERM received".*sectriage stopped/);
    // The head of the event chain at start is in the log: that event still has that hash.
    const head = /"eventHead":"(\d+):([0-9a-f]{64})"/.exec(daemon.output());
    const db = env.db();
    expect(db.prepare('SELECT hash FROM events WHERE id = ?').get(Number(head![1]))).toEqual({ hash: head![2] });
    db.close();
  });
});
