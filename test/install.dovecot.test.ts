// The README's install steps, run as written: the block marked "install-steps" is
// executed line by line with bash below a temporary root (every absolute path of the
// install is prefixed with it), with three substitutions that a test host needs and
// says so: no `useradd` (the current user and group stand in for sectriage), npm
// from the local cache (the native addon is copied, not compiled for two minutes),
// and the real test passwords. Then the config is edited the way the README says
// (hosts, users, team) and the daemon is started the way deploy/sectriage.service
// starts it: its ExecStart, WorkingDirectory, UMask, StateDirectory (mode) and
// LoadCredential files (as $CREDENTIALS_DIRECTORY). A report delivered to Dovecot
// must become a case and get its reply; doctor must pass the same way.
import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeEnv, REPO, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';

let env: IntakeEnv;
let root: string;
const PATHS = ['/opt/sectriage', '/etc/sectriage', '/var/lib/sectriage', '/etc/systemd/system', '/usr/local/bin'];
const under = (s: string): string => PATHS.reduce((acc, p) => acc.split(p).join(root + p), s);
const group = (): string => execFileSync('id', ['-gn']).toString().trim();

function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: opts.cwd ?? REPO, env: { ...process.env, ...opts.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', (code) => resolve({ code, out }));
    child.stdin.end(opts.input ?? '');
  });
}

/** The README's install block, made runnable below `root`. */
function installScript(teamKeyFile: string): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const block = /<!-- install-steps[^>]*-->\s*```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('README has no install-steps block');
  const lines = block
    .trimEnd()
    .split('\n')
    .map((line) => {
      if (/\buseradd\b/.test(line)) return ': useradd skipped: the current user stands in for sectriage';
      let l = line.replace(/\bsudo /g, '');
      l = l.replace(
        'npm ci --omit=dev --ignore-scripts && npm rebuild better-sqlite3',
        `npm ci --omit=dev --ignore-scripts --offline --no-audit --no-fund >/dev/null && cp -r ${REPO}/node_modules/better-sqlite3/build node_modules/better-sqlite3/`,
      );
      l = l.replace(/-g sectriage\b/g, `-g ${group()}`);
      l = l.replace('team-secret.asc', teamKeyFile);
      l = l.replace("'imap password'", `'${env.dovecot.pass}'`).replace("'key passphrase'", "'team passphrase'").replace("'smtp password'", "'relay password'");
      return under(l);
    });
  return ['set -euo pipefail', ...lines].join('\n') + '\n';
}

/** The unit's settings that decide how the daemon runs. */
function unit(file: string) {
  const text = readFileSync(file, 'utf8');
  const all = (k: string): string[] => [...text.matchAll(new RegExp(`^${k}=(.*)$`, 'gm'))].map((m) => (m[1] as string).trim());
  const one = (k: string): string => all(k)[0] ?? '';
  return {
    text,
    execStart: one('ExecStart'),
    workingDirectory: one('WorkingDirectory'),
    umask: one('UMask'),
    stateDirectory: one('StateDirectory'),
    stateDirectoryMode: one('StateDirectoryMode'),
    credentials: all('LoadCredential').map((c) => c.split(':') as [string, string]),
  };
}

/** Runs the unit's ExecStart (with extra arguments) as systemd would set it up. */
async function asService(u: ReturnType<typeof unit>, extra: string[]): Promise<{ code: number | null; out: string }> {
  const state = join(root, '/var/lib', u.stateDirectory);
  mkdirSync(state, { recursive: true, mode: Number.parseInt(u.stateDirectoryMode, 8) });
  const creds = join(root, 'run/credentials/sectriage.service');
  mkdirSync(creds, { recursive: true, mode: 0o700 });
  for (const [name, path] of u.credentials) copyFileSync(under(path), join(creds, name));
  const [bin, ...args] = under(u.execStart).split(/\s+/);
  const script = `umask ${u.umask}; cd ${under(u.workingDirectory)}; exec ${bin} ${[...args, ...extra].join(' ')}`;
  return run('sh', ['-c', script], { env: { CREDENTIALS_DIRECTORY: creds, SECTRIAGE_LOG_LEVEL: 'info' } });
}

beforeAll(async () => {
  env = await intakeEnv();
  root = mkdtempSync(join(tmpdir(), 'install-root-'));
  for (const d of ['/etc/systemd/system', '/usr/local/bin']) mkdirSync(join(root, d), { recursive: true });
}, 120_000);
afterAll(async () => {
  if (root) rmSync(root, { recursive: true, force: true });
  await env?.close();
});

describe('the README install steps', () => {
  it('run as written, and the daemon then works the way the unit starts it', async () => {
    const teamKey = join(env.dir, 'team-secret.asc');
    cpSync(join(env.dir, 'keys', 'team.asc'), teamKey);
    const install = await run('bash', ['-c', installScript(teamKey)]);
    expect(install.code, install.out).toBe(0);
    expect(install.out).not.toMatch(/error/i); // systemd-analyze verify is silent when the unit is good

    // What the steps made: modes and owners the service relies on.
    const mode = (p: string): string => (statSync(join(root, p)).mode & 0o777).toString(8);
    expect(mode('/etc/sectriage/credentials')).toBe('700');
    expect(mode('/etc/sectriage/credentials/imap-pass')).toBe('600');
    expect(mode('/etc/sectriage/keys/team.asc')).toBe('640');
    expect(existsSync(join(root, '/opt/sectriage/node_modules/better-sqlite3/build/Release/better_sqlite3.node'))).toBe(true);
    expect(existsSync(join(root, '/usr/local/bin/sectriage'))).toBe(true);

    // The README's edit: hosts, users and team; its paths stay as shipped (under the root here).
    const cfgFile = join(root, '/etc/sectriage/sectriage.yaml');
    let cfg = readFileSync(cfgFile, 'utf8');
    cfg = cfg
      .replace('host: imap.example.com', 'host: 127.0.0.1')
      .replace(/port: 993 .*/, `port: ${env.dovecot.port}`)
      .replace(/secure: true .*/, 'secure: false')
      .replace('host: smtp.example.com', 'host: 127.0.0.1')
      .replace(/port: 587 .*/, `port: ${env.sink.port}`)
      .replace(/^team:\n(?:  .*\n)+/m, 'team: []\n');
    writeFileSync(cfgFile, under(cfg));

    const u = unit(join(root, '/etc/systemd/system/sectriage.service'));
    expect(u.text).toMatch(/^User=sectriage$/m);
    expect(u.text).toMatch(/^ProtectSystem=strict$/m);
    expect(u.text).toMatch(/^NoNewPrivileges=yes$/m);
    expect(u.credentials.map(([n]) => n).sort()).toEqual(['imap-pass', 'key-passphrase', 'smtp-pass']);
    // The doctor wrapper hands the doctor the same credentials as the unit.
    const wrapper = readFileSync(join(root, '/opt/sectriage/deploy/sectriage-doctor'), 'utf8');
    for (const [name, path] of u.credentials) expect(wrapper).toContain(`LoadCredential=${name}:${path}`);

    await env.deliver(plainMessage({ from: REPORTER, to: TEAM, subject: 'Open redirect', body: '/login?next=//evil.example' }));
    const daemon = await asService(u, ['--once']);
    expect(daemon.code, daemon.out).toBe(0);
    const [ack] = await env.sink.waitFor(1);
    expect(ack!.rcptTo).toEqual([REPORTER]);

    // The state directory and database are the service's alone.
    expect(mode('/var/lib/sectriage')).toBe('700');
    expect(mode('/var/lib/sectriage/sectriage.db')).toBe('600');
    const db = new Database(join(root, '/var/lib/sectriage/sectriage.db'), { readonly: true });
    expect((db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(1);
    db.close();

    const doctor = await asService({ ...u, execStart: u.execStart.replace(/ run --config /, ' doctor --config ') }, []);
    expect(doctor.out).toMatch(/All checks passed/);
    expect(doctor.code).toBe(0);

    // The backup unit, run the way systemd would: its ExecStart (systemd's %% is %), its state folders.
    const b = unit(join(root, '/etc/systemd/system/sectriage-backup.service'));
    for (const d of b.stateDirectory.split(/\s+/)) mkdirSync(join(root, '/var/lib', d), { recursive: true, mode: 0o700 });
    const backup = await run('sh', ['-c', `umask ${b.umask}; cd ${under(b.workingDirectory)}; ${under(b.execStart).replace(/%%/g, '%')}`]);
    expect(backup.code, backup.out).toBe(0);
    expect(backup.out).toMatch(/backup written to .*\/var\/lib\/sectriage\/backup\/sectriage-\d{8}T\d{6}Z\.db: .* 1 cases/);
    const copy = /backup written to (\S+):/.exec(backup.out)![1] as string;
    expect((statSync(copy).mode & 0o777).toString(8)).toBe('600');
  });
});
