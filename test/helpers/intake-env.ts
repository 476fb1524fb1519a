// One sectriage installation for an integration test: a real Dovecot and SMTP sink on
// loopback, a gpg home holding the team key (exported, passphrase-protected, into the
// config's keys/ folder) and a reporter key, a config file, and a way to run the
// built CLI (dist/) as a child process, the way an operator or systemd would.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { openFileReadOnly } from '../../src/db/open.js';
import { keyFileFor } from '../../src/seal/kek-file.js';
import { startDovecot, type Dovecot } from './dovecot.js';
import { newGpgHome, type GpgHome, type KeyAlgo } from './gpg.js';
import { startSmtpSink, type SmtpSink } from './smtp-sink.js';

/** The package root: two levels up from test/helpers, and also from the bench's compiled copy (dist-bench/test/helpers). */
function packageRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export const REPO = packageRoot(resolve(import.meta.dirname, '..', '..'));
export const CLI = join(REPO, 'bin', 'sectriage.js');
export const TEAM = 'security@example.com';
export const REPORTER = 'reporter@example.net';

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process, the way an operator or systemd would; `stdin` is piped in when given. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn' }, stdin?: Buffer): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    if (stdin) child.stdin!.end(stdin);
  });
}

export interface IntakeEnv {
  dir: string;
  configPath: string;
  dovecot: Dovecot;
  sink: SmtpSink;
  gpg: GpgHome;
  teamFpr: string;
  reporterFpr: string;
  cli(args: string[], env?: Record<string, string>): Promise<CliResult>;
  /** Pipes one message into `sectriage ingest`, as an MTA would (with Return-Path); resolves to the exit code. */
  ingest(raw: Buffer, returnPath?: string): Promise<number | null>;
  spawnDaemon(args?: string[], env?: Record<string, string>): ChildProcess & { output: () => string };
  restartSink(): Promise<void>;
  db(): Database.Database;
  /** Prepends Return-Path as the delivering MTA would, then APPENDs to INBOX. */
  deliver(raw: Buffer, returnPath?: string): Promise<number>;
  close(): Promise<void>;
}

export async function intakeEnv(
  opts: { teamAlgo?: KeyAlgo; extraConfig?: string; processedMailbox?: string; pollIntervalSeconds?: number } = {},
): Promise<IntakeEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'sectriage-'));
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  const [dovecot, sink, gpg] = await Promise.all([startDovecot({ user: TEAM }), startSmtpSink(), newGpgHome()]);
  let currentSink = sink;
  const { fingerprint: teamFpr } = await gpg.genKey(`Security Team <${TEAM}>`, opts.teamAlgo ?? 'cv25519', 'team passphrase');
  const { fingerprint: reporterFpr } = await gpg.genKey(`Rita Reporter <${REPORTER}>`, 'cv25519');
  writeFileSync(join(dir, 'keys', 'team.asc'), await gpg.exportSecret(teamFpr, 'team passphrase'), { mode: 0o600 });
  writeFileSync(join(dir, 'keys', 'passphrase'), 'team passphrase\n', { mode: 0o600 });
  writeFileSync(join(dir, 'imap-pass'), `${dovecot.pass}\n`, { mode: 0o600 });
  const configPath = join(dir, 'sectriage.yaml');
  writeFileSync(
    configPath,
    `imap:
  host: 127.0.0.1
  port: ${dovecot.port}
  secure: false
  user: ${dovecot.user}
  passFile: imap-pass
  mailbox: INBOX
  processedMailbox: ${opts.processedMailbox ?? 'Processed'}
  pollIntervalSeconds: ${opts.pollIntervalSeconds ?? 1}
smtp:
  from: Example Security <${TEAM}>
  host: 127.0.0.1
  port: ${sink.port}
  secure: false
database: state/sectriage.db
keys:
  dir: keys
  teamPrivateKey: team.asc
  passphraseFile: keys/passphrase
policy: cgx
timezone: UTC
${opts.extraConfig ?? ''}
`,
  );
  const childEnv = (env: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, SECTRIAGE_LOG_LEVEL: 'info', ...env });
  const env: IntakeEnv = {
    dir,
    configPath,
    dovecot,
    get sink() {
      return currentSink;
    },
    gpg,
    teamFpr,
    reporterFpr,
    cli(args, extra) {
      return runCli(args, childEnv(extra));
    },
    async ingest(raw, returnPath = REPORTER) {
      return (await runCli(['ingest', '--config', configPath], childEnv(), Buffer.concat([Buffer.from(`Return-Path: <${returnPath}>\r\n`), raw]))).code;
    },
    spawnDaemon(args = [], extra) {
      const child = spawn(process.execPath, [CLI, 'run', '--config', configPath, ...args], { env: childEnv(extra), stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
      return Object.assign(child, { output: () => output });
    },
    async restartSink() {
      currentSink = await startSmtpSink({ port: currentSink.port });
    },
    db() {
      // Read with the database's sealing key, as the CLI reads it (src/seal/).
      const file = join(dir, 'state', 'sectriage.db');
      return openFileReadOnly(file, keyFileFor(file));
    },
    deliver(raw, returnPath = REPORTER) {
      return dovecot.append(Buffer.concat([Buffer.from(`Return-Path: <${returnPath}>\r\n`), raw]));
    },
    async close() {
      await Promise.allSettled([dovecot.stop(), currentSink.stop(), gpg.cleanup()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return env;
}

/** Polls until fn returns a truthy value (no fixed sleeps in tests); fails with `what` after the timeout. */
export async function until<T>(what: string, fn: () => T | Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
