// The operator's key tooling, run as the built CLI: keys generate / import / list /
// export / pin and security-txt. Interop is checked with the real gpg: a key we
// generate is one gpg encrypts to and sectriage then decrypts; a security.txt we sign
// verifies with gpg; a key gpg exported imports.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, runCli } from './helpers/intake-env.js';
import { newGpgHome, type GpgHome } from './helpers/gpg.js';
import { inlineArmored } from './helpers/mail.js';
import { openDatabaseReadOnly } from '../src/db/open.js';
import { opened } from './helpers/opened-sql.js';

let dir: string;
let gpg: GpgHome;
let configPath: string;
const TEAM = 'security@example.com';

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--config', configPath], { encoding: 'utf8', env: { ...process.env, SECTRIAGE_LOG_LEVEL: 'warn' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-keys-'));
  gpg = await newGpgHome();
  mkdirSync(join(dir, 'maildir', 'new'), { recursive: true });
  mkdirSync(join(dir, 'maildir', 'cur'));
  mkdirSync(join(dir, 'maildir', 'tmp'));
  writeFileSync(join(dir, 'passphrase'), 'correct horse\n', { mode: 0o600 });
  configPath = join(dir, 'sectriage.yaml');
  writeFileSync(
    configPath,
    `maildir: { path: maildir }
smtp: { from: "Example Security <${TEAM}>", pickupDir: outbox }
database: sectriage.db
keys: { dir: keys, teamPrivateKey: team.asc, passphraseFile: passphrase }
securityTxt:
  policy: https://example.com/security
  preferredLanguages: en, de
  canonical: [https://example.com/.well-known/security.txt]
  file: security.txt
`,
  );
});
afterAll(async () => {
  await gpg.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

describe('keys generate', () => {
  let fpr: string;

  it('makes a passphrase-locked Curve25519 key, private to its owner, with a revocation certificate', () => {
    const r = cli(['keys', 'generate', '--expires', '730d']);
    expect(r.code, r.stderr).toBe(0);
    fpr = /new team key ([0-9A-F]{40}) \(cv25519\)/.exec(r.stdout)![1]!;
    const file = join(dir, 'keys', 'team.asc');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys', `revocation-${fpr}.asc`)).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain('-----BEGIN PGP PRIVATE KEY BLOCK-----');
    const list = JSON.parse(cli(['keys', 'list', '--json']).stdout) as {
      team: Array<{ fingerprint: string; role: string; algorithm: string; expires: string; canSign: boolean; canEncrypt: boolean }>;
    };
    expect(list.team).toEqual([expect.objectContaining({ fingerprint: fpr, role: 'current', canSign: true, canEncrypt: true })]);
    expect(list.team[0]!.algorithm).toMatch(/eddsa|ed25519/i);
    const days = (Date.parse(list.team[0]!.expires) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(729);
    expect(days).toBeLessThan(731);
  });

  it('refuses to overwrite the key file, and leaves it as it was', () => {
    const before = readFileSync(join(dir, 'keys', 'team.asc'), 'utf8');
    const r = cli(['keys', 'generate']);
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/KEY_EXISTS: .*refusing to overwrite/);
    expect(readFileSync(join(dir, 'keys', 'team.asc'), 'utf8')).toBe(before);
  });

  it('exports a public key gpg can encrypt to, and sectriage opens what gpg encrypted', async () => {
    const r = cli(['keys', 'export', '--public']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('PRIVATE');
    const [imported] = await gpg.importKey(r.stdout);
    expect(imported).toBe(fpr);
    const cipher = (await gpg.encrypt('XSS in the profile page, marker gpg-to-generated-key\n', [fpr])).toString();
    writeFileSync(join(dir, 'maildir', 'new', '1.eml'), inlineArmored({ from: 'rita@example.net', to: TEAM, subject: 'XSS', armoredCiphertext: cipher }));
    const run = cli(['run', '--once']);
    expect(run.code, run.stderr).toBe(0);
    const db = openDatabaseReadOnly(join(dir, 'sectriage.db'));
    const m = db.prepare(`SELECT encryption, ${opened('messages', 'body_text')} AS body_text FROM messages WHERE direction = 'in'`).get() as {
      encryption: string;
      body_text: string;
    };
    db.close();
    expect(m.encryption).toBe('encrypted');
    expect(m.body_text).toContain('marker gpg-to-generated-key');
  });

  it('refuses to export secret keys', () => {
    const r = cli(['keys', 'export']);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/only public keys are exported/);
  });

  it('rotates: the new key goes first and signs, the old one still opens old mail', async () => {
    const r = cli(['keys', 'generate', '--rotate']);
    expect(r.code, r.stderr).toBe(0);
    const fresh = /new team key ([0-9A-F]{40})/.exec(r.stdout)![1]!;
    const list = JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string; role: string }> };
    expect(list.team.map((k) => [k.fingerprint, k.role])).toEqual([
      [fresh, 'current'],
      [fpr, 'older'],
    ]);
    expect(cli(['keys', 'export', '--public', '--all']).stdout.match(/BEGIN PGP PUBLIC KEY BLOCK/g)).toHaveLength(2);
    const cipher = (await gpg.encrypt('sent to the old key, marker after-rotation\n', [fpr])).toString();
    writeFileSync(join(dir, 'maildir', 'new', '2.eml'), inlineArmored({ from: 'sam@example.net', to: TEAM, subject: 'old', armoredCiphertext: cipher }));
    expect(cli(['run', '--once']).code).toBe(0);
    const db = openDatabaseReadOnly(join(dir, 'sectriage.db'));
    const m = db.prepare(`SELECT encryption, ${opened('messages', 'body_text')} AS body_text FROM messages WHERE from_addr = 'sam@example.net'`).get() as {
      encryption: string;
      body_text: string;
    };
    db.close();
    expect(m).toEqual({ encryption: 'encrypted', body_text: expect.stringContaining('marker after-rotation') });
  });

  it('extends the current key: same fingerprint, a new expiry gpg sees, the older key kept, the file mode kept', async () => {
    const before = JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string }> };
    const current = before.team[0]!.fingerprint;
    const r = cli(['keys', 'extend', '--expires', '1000d']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`team key ${current} now expires `));
    const after = JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string }> };
    expect(after.team.map((k) => k.fingerprint)).toEqual(before.team.map((k) => k.fingerprint));
    expect(statSync(join(dir, 'keys', 'team.asc')).mode & 0o777).toBe(0o600);
    const other = await newGpgHome();
    try {
      expect((await other.run(['--import'], cli(['keys', 'export', '--public']).stdout)).code).toBe(0);
      const pub = (await other.run(['--with-colons', '--list-keys', current])).stdout
        .toString()
        .split('\n')
        .find((l) => l.startsWith('pub:'))!;
      const expires = Number(pub.split(':')[6]) * 1000;
      expect(Math.abs(expires - (Date.now() + 1000 * 86_400_000))).toBeLessThan(86_400_000);
    } finally {
      await other.cleanup();
    }
  });

  it('makes the key for the systemd unit: the passphrase credential where LoadCredential reads it, the key readable by the service group', async () => {
    const svc = join(dir, 'service');
    mkdirSync(svc);
    const cfg = join(svc, 'sectriage.yaml');
    writeFileSync(
      cfg,
      readFileSync(configPath, 'utf8').replace(
        'keys: { dir: keys, teamPrivateKey: team.asc, passphraseFile: passphrase }',
        `keys: { dir: ${join(svc, 'keys')}, teamPrivateKey: team.asc, passphraseFile: "\${CREDENTIALS_DIRECTORY}/key-passphrase" }`,
      ),
    );
    const { CREDENTIALS_DIRECTORY: _, ...env } = process.env;
    const r = spawnSync(process.execPath, [CLI, 'keys', 'generate', '--for-service', 'nogroup', '--credentials-dir', join(svc, 'creds'), '--config', cfg], {
      encoding: 'utf8',
      env,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/made the passphrase credential .*key-passphrase/);
    const pass = join(svc, 'creds', 'key-passphrase');
    expect(statSync(pass).mode & 0o777).toBe(0o600);
    const key = statSync(join(svc, 'keys', 'team.asc'));
    expect(key.mode & 0o777).toBe(0o640);
    expect(key.gid).toBe(
      Number(
        readFileSync('/etc/group', 'utf8')
          .split('\n')
          .find((l) => l.startsWith('nogroup:'))!
          .split(':')[2],
      ),
    );
    // Locked with that passphrase, as the unit will unlock it.
    const locked = await openpgp.readPrivateKey({ armoredKey: readFileSync(join(svc, 'keys', 'team.asc'), 'utf8') });
    await expect(openpgp.decryptKey({ privateKey: locked, passphrase: readFileSync(pass, 'utf8').trim() })).resolves.toBeDefined();
  });

  it('refuses to make an unprotected key unless told to', () => {
    const other = join(dir, 'nopass.yaml');
    writeFileSync(other, readFileSync(configPath, 'utf8').replace('teamPrivateKey: team.asc, passphraseFile: passphrase', 'teamPrivateKey: other.asc'));
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--config', other], { encoding: 'utf8' });
    const r = run(['keys', 'generate']);
    expect(r.status).toBe(78);
    expect(r.stderr).toMatch(/no passphrase configured.*--no-passphrase/);
    expect(existsSync(join(dir, 'keys', 'other.asc'))).toBe(false);
    expect(run(['keys', 'generate', '--no-passphrase']).status).toBe(0);
    // Nor does import strip a key's passphrase when there is none to lock it with again.
    const imp = run(['keys', 'import', join(dir, 'keys', 'team.asc')]);
    expect(imp.status).toBe(78);
    expect(imp.stderr).toMatch(/no passphrase configured to lock the imported key/);
  });
});

describe('keys import', () => {
  it("re-locks an older team key exported by gpg with its own passphrase, and files a member's public key", async () => {
    const { fingerprint: old } = await gpg.genKey(`Old Team Key <${TEAM}>`, 'rsa3072', 'old secret');
    writeFileSync(join(dir, 'old.asc'), await gpg.exportSecret(old, 'old secret'));
    writeFileSync(join(dir, 'old-pass'), 'old secret\n', { mode: 0o600 });
    const r = cli(['keys', 'import', join(dir, 'old.asc'), '--key-passphrase-file', join(dir, 'old-pass')]);
    expect(r.code, r.stderr).toBe(0);
    const list = JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string; role: string }> };
    expect(list.team.at(-1)).toMatchObject({ fingerprint: old, role: 'older' });
    // The whole file unlocks with the configured passphrase: security-txt loads and signs with it.
    expect(cli(['security-txt']).code).toBe(0);
    expect(cli(['keys', 'import', join(dir, 'old.asc'), '--key-passphrase-file', join(dir, 'old-pass')]).stderr).toMatch(/already in/);

    const { fingerprint: alice } = await gpg.genKey('Alice Admin <alice@example.com>', 'cv25519');
    writeFileSync(join(dir, 'alice.asc'), await gpg.exportPublic(alice));
    const m = cli(['keys', 'import', join(dir, 'alice.asc')]);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain(`publicKey: team/${alice}.asc`);
    expect(m.stdout).toContain('email: alice@example.com');
    expect(readFileSync(join(dir, 'keys', 'team', `${alice}.asc`), 'utf8')).toContain('BEGIN PGP PUBLIC KEY BLOCK');
  });
});

describe('security-txt', () => {
  it('writes every RFC 9116 field and a clear signature that gpg verifies with the team key', async () => {
    const out = join(dir, 'security.txt');
    const r = cli(['security-txt', '--out', out, '--now', new Date().toISOString()]);
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(out, 'utf8').replace(/\r\n/g, '\n');
    const current = (JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string }> }).team[0]!.fingerprint;
    expect(text).toContain(`Contact: mailto:${TEAM}\n`);
    expect(text).toContain(`Encryption: openpgp4fpr:${current.toLowerCase()}\n`);
    expect(text).toMatch(/^Expires: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    expect(text).toContain('Policy: https://example.com/security\n');
    expect(text).toContain('Preferred-Languages: en, de\n');
    expect(text).toContain('Canonical: https://example.com/.well-known/security.txt\n');
    await gpg.importKey(cli(['keys', 'export', '--public']).stdout);
    const v = await gpg.run(['--verify', out]);
    expect(v.status).toContain('GOODSIG');
    expect(v.status).toMatch(new RegExp(`VALIDSIG \\w+ .* ${current}`));
  });

  it('doctor warns 30 days before the published file expires, fails after, and checks its signer', () => {
    const check = (days: number) => {
      const r = cli(['doctor', '--json', '--now', new Date(Date.now() + days * 86_400_000).toISOString()]);
      const checks = JSON.parse(r.stdout) as Array<{ name: string; status: string; fix?: string }>;
      return { expires: checks.find((c) => c.name === 'security.txt: Expires'), signature: checks.find((c) => c.name === 'security.txt: signature') };
    };
    expect(check(1).expires?.status).toBe('ok');
    expect(check(1).signature?.status).toBe('ok');
    const soon = check(170).expires;
    expect(soon?.status).toBe('warn');
    expect(soon?.fix).toMatch(/sectriage security-txt --out/);
    expect(check(181).expires?.status).toBe('fail');
  });
});

describe('Web Key Directory', () => {
  it('writes a WKD tree that a client fetching by the address finds, gpg imports, and doctor checks', async () => {
    const root = join(dir, 'www');
    const r = cli(['keys', 'export', '--wkd', root]);
    expect(r.code, r.stderr).toBe(0);
    const current = (JSON.parse(cli(['keys', 'list', '--json']).stdout) as { team: Array<{ fingerprint: string }> }).team[0]!.fingerprint;
    // The hash as GnuPG's own WKD client computes it.
    const hash = spawnSync('/usr/lib/gnupg/gpg-wks-client', ['--print-wkd-hash', TEAM], { encoding: 'utf8' }).stdout.split(' ')[0]!;
    expect(readFileSync(join(root, '.well-known/openpgpkey/policy'), 'utf8')).toBe('');
    expect(existsSync(join(root, '.well-known/openpgpkey/example.com/policy'))).toBe(true);
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const file = join(root, path);
      if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      for (const path of [`.well-known/openpgpkey/hu/${hash}?l=security`, `.well-known/openpgpkey/example.com/hu/${hash}?l=security`]) {
        const res = await fetch(new URL(path, base));
        expect(res.status, path).toBe(200);
        const other = await newGpgHome();
        try {
          expect((await other.run(['--import'], Buffer.from(await res.arrayBuffer()))).code).toBe(0);
          const listed = (await other.run(['--with-colons', '--list-keys'])).stdout.toString();
          expect(listed).toContain(`fpr:::::::::${current}:`);
          expect(listed).toContain(`<${TEAM}>`);
        } finally {
          await other.cleanup();
        }
      }
      const withWkd = (url: string) =>
        writeFileSync(
          configPath,
          readFileSync(configPath, 'utf8').replace(/passphraseFile: passphrase(, wkdUrl: [^ }]+)? }/, `passphraseFile: passphrase, wkdUrl: ${url} }`),
        );
      withWkd(base);
      const good = await runCli(['doctor', '--json', '--config', configPath]);
      expect((JSON.parse(good.stdout) as Array<{ name: string; status: string }>).find((c) => c.name === 'WKD')).toMatchObject({ status: 'ok' });
      withWkd(`${base}nothing-here/`);
      const bad = await runCli(['doctor', '--json', '--config', configPath]);
      expect((JSON.parse(bad.stdout) as Array<{ name: string; status: string; detail: string }>).find((c) => c.name === 'WKD')).toMatchObject({
        status: 'fail',
        detail: expect.stringMatching(/HTTP 404/),
      });
    } finally {
      writeFileSync(configPath, readFileSync(configPath, 'utf8').replace(/, wkdUrl: [^ }]+ }/, ' }'));
      server.close();
    }
  });
});

describe('keys pin', () => {
  it("makes the team's chosen key the pinned one, records who decided, and clears the case's key-change flag", () => {
    const db = new Database(join(dir, 'sectriage.db'));
    const caseId = (db.prepare('SELECT id FROM cases LIMIT 1').get() as { id: number }).id;
    db.prepare(
      "INSERT INTO attention (case_id, kind, text, raised_at) VALUES (?, 'key_changed', 'the reporter sent a different public key', '2026-11-20T00:00:00Z'), (?, 'partial', 'part of it was not encrypted', '2026-11-20T00:00:00Z')",
    ).run(caseId, caseId);
    db.prepare(
      "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', 'AAAA', 'x', 'message', 'pinned', '2026-11-01T00:00:00Z'), ('rita@example.net', 'BBBB', 'y', 'message', 'candidate', '2026-11-20T00:00:00Z')",
    ).run();
    db.close();
    expect(cli(['keys', 'pin', 'rita@example.net', 'CCCC']).code).toBe(65);
    const r = cli(['keys', 'pin', 'Rita@Example.net', 'bbbb']);
    expect(r.code, r.stderr).toBe(0);
    const check = new Database(join(dir, 'sectriage.db'), { readonly: true });
    expect(check.prepare("SELECT fingerprint, status FROM reporter_keys WHERE email = 'rita@example.net' ORDER BY fingerprint").all()).toEqual([
      { fingerprint: 'AAAA', status: 'retired' },
      { fingerprint: 'BBBB', status: 'pinned' },
    ]);
    const ev = check.prepare("SELECT actor, data FROM events WHERE type = 'reporter_key_pinned' ORDER BY id DESC LIMIT 1").get() as {
      actor: string;
      data: string;
    };
    expect(ev.actor).toMatch(/^cli:/);
    expect(JSON.parse(ev.data)).toEqual({ v: 1, fingerprints: ['BBBB'], replaced: 'AAAA' });
    // Cleared by its kind, by that very event; another kind on the same case stays open.
    const pinnedEvent = (check.prepare("SELECT id FROM events WHERE type = 'reporter_key_pinned' ORDER BY id DESC LIMIT 1").get() as { id: number }).id;
    expect(check.prepare('SELECT kind, cleared_by_event AS clearedBy FROM attention WHERE case_id = ? ORDER BY id').all(caseId)).toEqual([
      { kind: 'key_changed', clearedBy: pinnedEvent },
      { kind: 'partial', clearedBy: null },
    ]);
    check.close();
  });
});

describe('file permissions', () => {
  it('refuses to use a team key file readable by others, and says how to fix it', () => {
    const file = join(dir, 'keys', 'team.asc');
    chmodSync(file, 0o644);
    const r = cli(['security-txt']);
    chmodSync(file, 0o600);
    expect(r.code).toBe(78);
    expect(r.stderr).toContain(`readable by every user on this host; fix it with: chmod o-rwx ${file}`);
  });
});
