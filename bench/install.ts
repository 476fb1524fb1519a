// A throwaway sectriage installation for the bench: team key (cached per algorithm, so
// reruns reuse the key their cached ciphertexts were made for), config with a Maildir
// source and an SMTP sink on loopback, and a way to time the built CLI as a process.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { newGpgHome, type GpgHome, type KeyAlgo } from '../test/helpers/gpg.js';
import { startSmtpSink, type SmtpSink } from '../test/helpers/smtp-sink.js';

export const REPO = resolve(import.meta.dirname, '..', '..');
export const CLI = join(REPO, 'bin', 'sectriage.js');
export const TEAM = 'security@example.com';
export const PASSPHRASE = 'bench passphrase';

export interface TeamKey {
  gpg: GpgHome;
  fpr: string;
  armoredSecret: string;
}

/** The bench's team key of this algorithm, made once and cached, imported into a fresh gpg home. */
export async function teamKey(algo: KeyAlgo): Promise<TeamKey> {
  const dir = join(tmpdir(), 'sectriage-bench', `key-${algo}`);
  const gpg = await newGpgHome();
  if (!existsSync(join(dir, 'fpr'))) {
    mkdirSync(dir, { recursive: true });
    const { fingerprint } = await gpg.genKey(`Security Team <${TEAM}>`, algo, PASSPHRASE);
    writeFileSync(join(dir, 'team.asc'), await gpg.exportSecret(fingerprint, PASSPHRASE));
    writeFileSync(join(dir, 'fpr'), fingerprint);
    return { gpg, fpr: fingerprint, armoredSecret: readFileSync(join(dir, 'team.asc'), 'utf8') };
  }
  const armoredSecret = readFileSync(join(dir, 'team.asc'), 'utf8');
  await gpg.importKey(armoredSecret, PASSPHRASE);
  return { gpg, fpr: readFileSync(join(dir, 'fpr'), 'utf8'), armoredSecret };
}

export interface Install {
  dir: string;
  configPath: string;
  maildir: string;
  sink: SmtpSink;
  close(): Promise<void>;
}

export async function install(key: TeamKey, extraConfig = ''): Promise<Install> {
  const dir = mkdtempSync(join(tmpdir(), 'sectriage-bench-'));
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  for (const d of ['new', 'cur', 'tmp']) mkdirSync(join(dir, 'maildir', d), { recursive: true });
  writeFileSync(join(dir, 'keys', 'team.asc'), key.armoredSecret, { mode: 0o600 });
  writeFileSync(join(dir, 'keys', 'passphrase'), `${PASSPHRASE}\n`, { mode: 0o600 });
  const sink = await startSmtpSink();
  const configPath = join(dir, 'sectriage.yaml');
  writeFileSync(
    configPath,
    `maildir:
  path: maildir
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
${extraConfig}`,
  );
  return {
    dir,
    configPath,
    maildir: join(dir, 'maildir'),
    sink,
    close: async () => {
      await sink.stop();
    },
  };
}

/** Runs the built CLI to its exit; its wall time in ms. A non-zero exit throws with its stderr. */
export function timeCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; stdout: string }> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) =>
      code === 0 ? done({ ms: performance.now() - t0, stdout }) : fail(new Error(`sectriage ${args[0]} exited ${code}: ${stderr.slice(-2000)}`)),
    );
  });
}
