// Thin wrappers around the real `gpg` CLI (GnuPG 2.2) in a throw-away GNUPGHOME under
// /tmp (short path: the agent socket path has a length limit). Used by tests to play the
// reporter / the team: generate keys, export/import, encrypt (+sign), decrypt our replies
// and inspect --status-fd output (GOODSIG/VALIDSIG...). cleanup() kills the per-home
// gpg-agent and removes the dir; a detached reaper does the same if the worker dies.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findBinary, shq, spawnReaper } from './proc.js';

export type KeyAlgo = 'rsa3072' | 'rsa2048' | 'rsa4096' | 'cv25519';

export interface GpgResult {
  code: number;
  stdout: Buffer;
  stderr: string;
  /** --status-fd output ("[GNUPG:] ..." lines). */
  status: string;
}

export interface EncryptOptions {
  /** Fingerprint / user id of a secret key to sign with (sign+encrypt). */
  signWith?: string;
  /** Passphrase of the signing key. */
  passphrase?: string;
  /** ASCII armor (default true). */
  armor?: boolean;
  /** Use --throw-keyids (recipient key IDs zeroed, like -R). */
  hiddenRecipients?: boolean;
}

export interface GpgHome {
  /** The GNUPGHOME directory. */
  home: string;
  genKey(uid: string, algo: KeyAlgo, passphrase?: string): Promise<{ fingerprint: string }>;
  exportPublic(fpr: string): Promise<string>;
  exportSecret(fpr: string, passphrase?: string): Promise<string>;
  /** Imports armored/binary key material; resolves to the imported primary fingerprints. */
  importKey(armored: string | Buffer, passphrase?: string): Promise<string[]>;
  encrypt(data: Buffer | string, recipients: string[], opts?: EncryptOptions): Promise<Buffer>;
  /** Decrypts (and verifies, if signed). Throws if decryption fails. */
  decrypt(data: Buffer | string, opts?: { passphrase?: string }): Promise<{ plaintext: Buffer; status: string }>;
  /** Detached signature (armored by default); micalg is e.g. "pgp-sha256" for multipart/signed. */
  signDetached(
    data: Buffer | string,
    signer: string,
    opts?: { passphrase?: string; armor?: boolean },
  ): Promise<{ signature: Buffer; micalg: string; status: string }>;
  verifyDetached(data: Buffer, sig: Buffer | string): Promise<{ ok: boolean; status: string }>;
  /** Runs gpg with the home's standard flags (escape hatch). */
  run(args: string[], input?: Buffer | string, passphrase?: string): Promise<GpgResult>;
  cleanup(): Promise<void>;
}

const HASH_NAMES: Record<string, string> = {
  '1': 'md5',
  '2': 'sha1',
  '3': 'ripemd160',
  '8': 'sha256',
  '9': 'sha384',
  '10': 'sha512',
  '11': 'sha224',
};

function runGpg(bin: string, home: string, args: string[], input?: Buffer | string, passphrase?: string): Promise<GpgResult> {
  const full = ['--homedir', home, '--batch', '--no-tty', '--status-fd', '3', '--pinentry-mode', 'loopback'];
  if (passphrase !== undefined) full.push('--passphrase', passphrase);
  full.push(...args);
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, GNUPGHOME: home, LC_ALL: 'C', LANG: 'C' };
    delete env.GPG_AGENT_INFO;
    const child = spawn(bin, full, { stdio: ['pipe', 'pipe', 'pipe', 'pipe'], env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const st: Buffer[] = [];
    child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    const statusStream = child.stdio[3] as NodeJS.ReadableStream;
    statusStream.on('data', (d: Buffer) => st.push(d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err).toString('utf8'),
        status: Buffer.concat(st).toString('utf8'),
      }),
    );
    child.stdin!.on('error', () => {
      // gpg may exit before reading all input; the exit code tells the story
    });
    child.stdin!.end(input ?? '');
  });
}

function fail(what: string, r: GpgResult): never {
  throw new Error(`gpg ${what} failed (exit ${r.code}):\n${r.stderr}\n${r.status}`);
}

export async function newGpgHome(): Promise<GpgHome> {
  const bin = findBinary('gpg');
  if (!bin) throw new Error('gpg binary not found. Install it with: apt-get install -y gnupg');
  const gpgconf = findBinary('gpgconf') ?? 'gpgconf';

  const home = mkdtempSync('/tmp/gpg');
  // s2k-count 65536 (the minimum): the calibrated default makes every passphrase
  // operation take ~0.5-2 s here. Exported secret keys are protected with it too.
  writeFileSync(path.join(home, 'gpg.conf'), 'trust-model always\nno-auto-key-retrieve\ns2k-count 65536\n');
  // no passphrase caching: a test that omits the passphrase must not silently succeed
  writeFileSync(path.join(home, 'gpg-agent.conf'), 'allow-loopback-pinentry\ndefault-cache-ttl 0\nmax-cache-ttl 0\ns2k-count 65536\n');
  const reaper = spawnReaper(`${shq(gpgconf)} --homedir ${shq(home)} --kill all >/dev/null 2>&1; rm -rf ${shq(home)}`);

  /** Passphrases given to genKey/importKey, tried when decrypt() gets none. */
  const knownPassphrases = new Set<string>();
  const run = (args: string[], input?: Buffer | string, passphrase?: string) => runGpg(bin, home, args, input, passphrase);

  async function genKey(uid: string, algo: KeyAlgo, passphrase = ''): Promise<{ fingerprint: string }> {
    const [primary, sub] = algo === 'cv25519' ? ['ed25519', 'cv25519'] : [algo, algo];
    const r = await run(['--quick-gen-key', uid, primary, 'sign', '0'], undefined, passphrase);
    const m = /^\[GNUPG:\] KEY_CREATED \w (\w+)/m.exec(r.status);
    if (r.code !== 0 || !m?.[1]) fail(`--quick-gen-key ${algo}`, r);
    const fingerprint = m[1];
    const r2 = await run(['--quick-add-key', fingerprint, sub, 'encr', '0'], undefined, passphrase);
    if (r2.code !== 0) fail(`--quick-add-key ${sub}`, r2);
    if (passphrase) knownPassphrases.add(passphrase);
    return { fingerprint };
  }

  async function exportPublic(fpr: string): Promise<string> {
    const r = await run(['--armor', '--export', fpr]);
    if (r.code !== 0 || r.stdout.length === 0) fail(`--export ${fpr}`, r);
    return r.stdout.toString('utf8');
  }

  async function exportSecret(fpr: string, passphrase = ''): Promise<string> {
    const r = await run(['--armor', '--export-secret-keys', fpr], undefined, passphrase);
    if (r.code !== 0 || r.stdout.length === 0) fail(`--export-secret-keys ${fpr}`, r);
    return r.stdout.toString('utf8');
  }

  async function importKey(armored: string | Buffer, passphrase?: string): Promise<string[]> {
    const r = await run(['--import'], armored, passphrase ?? '');
    if (r.code !== 0) fail('--import', r);
    if (passphrase) knownPassphrases.add(passphrase);
    const fprs = new Set<string>();
    for (const m of r.status.matchAll(/^\[GNUPG:\] IMPORT_OK \d+ (\w+)/gm)) if (m[1]) fprs.add(m[1]);
    return [...fprs];
  }

  async function encrypt(data: Buffer | string, recipients: string[], opts: EncryptOptions = {}): Promise<Buffer> {
    if (recipients.length === 0) throw new Error('encrypt: no recipients');
    const args = ['--encrypt', '--trust-model', 'always'];
    if (opts.armor ?? true) args.push('--armor');
    if (opts.hiddenRecipients) args.push('--throw-keyids');
    for (const r of recipients) args.push('--recipient', r);
    if (opts.signWith) args.push('--sign', '--local-user', opts.signWith);
    const r = await run(args, data, opts.signWith ? (opts.passphrase ?? '') : undefined);
    if (r.code !== 0 || r.stdout.length === 0) fail('--encrypt', r);
    return r.stdout;
  }

  async function decrypt(data: Buffer | string, opts: { passphrase?: string } = {}): Promise<{ plaintext: Buffer; status: string }> {
    const candidates = opts.passphrase !== undefined ? [opts.passphrase] : ['', ...knownPassphrases];
    let last: GpgResult | undefined;
    for (const pass of candidates) {
      const r = await run(['--decrypt'], data, pass);
      last = r;
      const failed = /^\[GNUPG:\] (DECRYPTION_FAILED|BAD_PASSPHRASE|NO_SECKEY)/m.test(r.status) && !/DECRYPTION_OKAY/.test(r.status);
      if (!failed && (r.code === 0 || r.stdout.length > 0)) return { plaintext: r.stdout, status: r.status };
    }
    fail('--decrypt', last!);
  }

  async function signDetached(
    data: Buffer | string,
    signer: string,
    opts: { passphrase?: string; armor?: boolean } = {},
  ): Promise<{ signature: Buffer; micalg: string; status: string }> {
    const args = ['--detach-sign', '--local-user', signer];
    if (opts.armor ?? true) args.push('--armor');
    const r = await run(args, data, opts.passphrase ?? '');
    if (r.code !== 0) fail('--detach-sign', r);
    const m = /^\[GNUPG:\] SIG_CREATED \w \d+ (\d+) /m.exec(r.status);
    const micalg = `pgp-${HASH_NAMES[m?.[1] ?? '8'] ?? 'sha256'}`;
    return { signature: r.stdout, micalg, status: r.status };
  }

  async function verifyDetached(data: Buffer, sig: Buffer | string): Promise<{ ok: boolean; status: string }> {
    const tag = randomBytes(6).toString('hex');
    const sigPath = path.join(home, `v-${tag}.sig`);
    const dataPath = path.join(home, `v-${tag}.dat`);
    await writeFile(sigPath, sig);
    await writeFile(dataPath, data);
    try {
      const r = await run(['--verify', sigPath, dataPath]);
      const ok = r.code === 0 && /^\[GNUPG:\] GOODSIG /m.test(r.status) && /^\[GNUPG:\] VALIDSIG /m.test(r.status);
      return { ok, status: r.status };
    } finally {
      await unlink(sigPath).catch(() => undefined);
      await unlink(dataPath).catch(() => undefined);
    }
  }

  let cleaned: Promise<void> | null = null;
  function cleanup(): Promise<void> {
    cleaned ??= (async () => {
      await new Promise<void>((resolve) => {
        const c = spawn(gpgconf, ['--homedir', home, '--kill', 'all'], { stdio: 'ignore' });
        c.on('error', () => resolve());
        c.on('close', () => resolve());
      });
      rmSync(home, { recursive: true, force: true });
      reaper.disarm();
    })();
    return cleaned;
  }

  return {
    home,
    genKey,
    exportPublic,
    exportSecret,
    importKey,
    encrypt,
    decrypt,
    signDetached,
    verifyDetached,
    run,
    cleanup,
  };
}
