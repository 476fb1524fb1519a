import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../limits.js';
import { loadConfig, resolveConfig, SECRET_ENV, type Config, checkSecrets } from './load.js';
import { Secret } from './secret.js';
import { thrown } from '../../test/helpers/thrown.js';

const FILE = '/etc/sectriage/sectriage.yaml';

/** The smallest valid config: a pickup directory instead of an SMTP relay. */
function minimal(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { smtp: { from: 'Security <security@example.com>', pickupDir: 'outgoing' }, keys: { teamPrivateKey: 'team.asc' }, ...extra };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-config-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A secret file with the given mode, returning its path. */
function secretFile(name: string, content: string, mode: number): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  chmodSync(p, mode);
  return p;
}

describe('resolveConfig: validation errors name the file and the key', () => {
  it('an unknown top-level key is refused, naming the file and the key', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ databse: 'x.db' }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('"databse"');
  });

  it('a misspelt nested key (smtp.hots) is refused, naming smtp and the key', () => {
    const e = thrown(() => resolveConfig(FILE, { smtp: { from: 'a@example.com', hots: 'mx', pickupDir: 'o' }, keys: { teamPrivateKey: 't.asc' } }, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toMatch(/smtp: unknown key\(s\) "hots"/);
  });

  it('a missing smtp.from is refused, naming smtp.from', () => {
    const e = thrown(() => resolveConfig(FILE, { smtp: { pickupDir: 'o' }, keys: { teamPrivateKey: 't.asc' } }, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('smtp.from');
  });

  it('an out-of-range smtp.port is refused, naming smtp.port', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ smtp: { from: 'a@example.com', host: 'mx.example.com', port: 70000 } }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('smtp.port');
  });

  it('smtp.sessions outside 1-20 is refused, naming it; within, it is kept', () => {
    for (const sessions of [0, 21, 1.5]) {
      const e = thrown(() => resolveConfig(FILE, minimal({ smtp: { from: 'a@example.com', host: 'mx.example.com', sessions } }), {}));
      expect(e.code).toBe('CONFIG_INVALID');
      expect(e.message).toContain('smtp.sessions');
    }
    expect(resolveConfig(FILE, minimal({ smtp: { from: 'a@example.com', host: 'mx.example.com', sessions: 2 } }), {}).smtp.sessions).toBe(2);
  });

  it('a non-numeric imap.port is refused, naming imap.port', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', pass: 'p', port: '993' } }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('imap.port');
  });

  it('imap.pass together with imap.passFile is refused, naming both keys', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', pass: 'p', passFile: 'p.txt' } }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('imap.pass');
    expect(e.message).toContain('imap.passFile');
  });

  it('keys.passphrase together with keys.passphraseFile is refused, naming both keys', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ keys: { teamPrivateKey: 't.asc', passphrase: 'x', passphraseFile: 'pp' } }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('keys.passphrase');
    expect(e.message).toContain('keys.passphraseFile');
  });

  it('an unknown time zone is refused, naming timezone and the file', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ timezone: 'Mars/Olympus_Mons' }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('timezone');
    expect(e.message).toContain('Mars/Olympus_Mons');
  });

  it('smtp with neither host nor pickupDir is refused, naming smtp and both options', () => {
    const e = thrown(() => resolveConfig(FILE, { smtp: { from: 'a@example.com' }, keys: { teamPrivateKey: 't.asc' } }, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('smtp.host');
    expect(e.message).toContain('smtp.pickupDir');
  });

  it('smtp with both host and pickupDir is refused', () => {
    const e = thrown(() => resolveConfig(FILE, { smtp: { from: 'a@example.com', host: 'mx', pickupDir: 'o' }, keys: { teamPrivateKey: 't.asc' } }, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('smtp');
  });

  it('a tracking prefix that is not capitals and digits is refused, naming trackingPrefix', () => {
    const e = thrown(() => resolveConfig(FILE, minimal({ trackingPrefix: 'sec(.*)' }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('trackingPrefix');
  });

  it('an unknown limits key is refused, and imapMaxLiteralBytes must exceed maxMessageBytes', () => {
    expect(thrown(() => resolveConfig(FILE, minimal({ limits: { maxBlocks: 3 } }), {})).message).toContain('"maxBlocks"');
    const e = thrown(() => resolveConfig(FILE, minimal({ limits: { maxMessageBytes: 1000, imapMaxLiteralBytes: 1000 } }), {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('limits.imapMaxLiteralBytes');
  });

  it('limits from the config override the defaults, the rest stay at LIMITS', () => {
    const c = resolveConfig(FILE, minimal({ limits: { maxDecryptedBytes: 1048576 } }), {});
    expect(c.limits.maxDecryptedBytes).toBe(1048576);
    expect(c.limits.maxPgpBlocks).toBe(LIMITS.maxPgpBlocks);
    expect(c.limits.maxMessageBytes).toBe(LIMITS.maxMessageBytes);
  });
});

describe('resolveConfig: paths', () => {
  it('relative paths resolve against the folder of the config file, absolute ones are kept', () => {
    const c = resolveConfig(
      FILE,
      {
        smtp: { from: 'a@example.com', pickupDir: 'out/mail' },
        keys: { dir: 'pgp', teamPrivateKey: 'team.asc' },
        database: 'state/sectriage.db',
        heldDir: '/var/lib/sectriage/held',
        maildir: { path: '../Maildir' },
      },
      {},
    );
    expect(c.file).toBe(FILE);
    expect(c.smtp.pickupDir).toBe('/etc/sectriage/out/mail');
    expect(c.keys.dir).toBe('/etc/sectriage/pgp');
    expect(c.keys.teamPrivateKey).toBe('/etc/sectriage/pgp/team.asc');
    expect(c.database).toBe('/etc/sectriage/state/sectriage.db');
    expect(c.heldDir).toBe('/var/lib/sectriage/held');
    expect(c.maildir?.path).toBe('/etc/Maildir');
  });

  it('defaults: database, keys dir and held dir sit next to the config; ":memory:" stays as it is', () => {
    const c = resolveConfig(FILE, minimal(), {});
    expect(c.database).toBe('/etc/sectriage/sectriage.db');
    expect(c.keys.teamPrivateKey).toBe('/etc/sectriage/keys/team.asc');
    expect(c.heldDir).toBe('/etc/sectriage/held');
    expect(c.trackingPrefix).toBe('SEC');
    expect(c.timezone).toBe('UTC');
    expect(resolveConfig(FILE, minimal({ database: ':memory:' }), {}).database).toBe(':memory:');
  });

  it('${CREDENTIALS_DIRECTORY} in passFile is expanded from the environment and only the first line is the secret', () => {
    secretFile('imap-pass', 'corr3ct-h0rse\nsecond line is not part of it\n', 0o600);
    const c = resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'security', passFile: '${CREDENTIALS_DIRECTORY}/imap-pass' } }), {
      CREDENTIALS_DIRECTORY: dir,
    });
    expect(c.imap?.pass.reveal()).toBe('corr3ct-h0rse');
  });

  it('a secret path naming an unset env var is refused when the secret is needed, naming the key, the file and the variable', () => {
    const e = thrown(() =>
      checkSecrets(resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', passFile: '${CREDENTIALS_DIRECTORY}/imap-pass' } }), {})),
    );
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('CREDENTIALS_DIRECTORY');
    expect(e.message).toContain('imap.passFile');
    expect(e.message).toContain(FILE);
  });

  it('loading a config does not read secret files: commands that need no secret work without them', () => {
    const c = resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', passFile: '${CREDENTIALS_DIRECTORY}/imap-pass' } }), {});
    expect(c.imap?.host).toBe('imap.example.com');
  });

  it('a passFile that does not exist is SECRET_MISSING naming the key and the file', () => {
    const e = thrown(() => checkSecrets(resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', passFile: join(dir, 'nope') } }), {})));
    expect(e.code).toBe('SECRET_MISSING');
    expect(e.message).toContain('imap.passFile');
    expect(e.message).toContain(join(dir, 'nope'));
  });
});

describe('resolveConfig: secrets', () => {
  it('the IMAP password comes from SECTRIAGE_IMAP_PASS when the config has none', () => {
    const c = resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u' } }), { [SECRET_ENV.imapPass]: 'from-env' });
    expect(c.imap?.pass).toBeInstanceOf(Secret);
    expect(c.imap?.pass.reveal()).toBe('from-env');
  });

  it('the SMTP password comes from SECTRIAGE_SMTP_PASS and the key passphrase from SECTRIAGE_KEY_PASSPHRASE', () => {
    const c = resolveConfig(
      FILE,
      { smtp: { from: 'a@example.com', host: 'mx.example.com', user: 'relay' }, keys: { teamPrivateKey: 't.asc' } },
      {
        SECTRIAGE_SMTP_PASS: 'smtp-env',
        SECTRIAGE_KEY_PASSPHRASE: 'pp-env',
      },
    );
    expect(c.smtp.pass?.reveal()).toBe('smtp-env');
    expect(c.keys.passphrase?.reveal()).toBe('pp-env');
  });

  it('an inline secret wins over the env var', () => {
    const c = resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', pass: 'inline' } }), { SECTRIAGE_IMAP_PASS: 'env' });
    expect(c.imap?.pass.reveal()).toBe('inline');
  });

  it('IMAP without any password (empty env var included) is SECRET_MISSING naming imap.passFile and the env var', () => {
    for (const env of [{}, { SECTRIAGE_IMAP_PASS: '' }]) {
      const e = thrown(() => checkSecrets(resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u' } }), env)));
      expect(e.code).toBe('SECRET_MISSING');
      expect(e.message).toContain(FILE);
      expect(e.message).toContain('imap.passFile');
      expect(e.message).toContain('SECTRIAGE_IMAP_PASS');
    }
  });

  it('an SMTP user without a password is SECRET_MISSING', () => {
    const e = thrown(() =>
      checkSecrets(resolveConfig(FILE, { smtp: { from: 'a@example.com', host: 'mx.example.com', user: 'relay' }, keys: { teamPrivateKey: 't.asc' } }, {})),
    );
    expect(e.code).toBe('SECRET_MISSING');
    expect(e.message).toContain('SECTRIAGE_SMTP_PASS');
  });

  it('a passFile readable by every user (chmod 644) is refused with FILE_PERMISSIONS, and the message says how to chmod it', () => {
    const p = secretFile('world-readable', 'leaked\n', 0o644);
    const e = thrown(() => checkSecrets(resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', passFile: p } }), {})));
    expect(e.code).toBe('FILE_PERMISSIONS');
    expect(e.message).toContain('chmod');
    expect(e.message).toContain(p);
    expect(e.message).toContain('imap.passFile');
    expect(e.message).not.toContain('leaked');
  });

  it('a group-readable passFile (chmod 640, systemd credentials) is accepted', () => {
    const p = secretFile('group-readable', 'grp\n', 0o640);
    const c = resolveConfig(FILE, minimal({ imap: { host: 'imap.example.com', user: 'u', passFile: p } }), {});
    expect(c.imap?.pass.reveal()).toBe('grp');
  });

  it('a world-readable keys.passphraseFile is refused with FILE_PERMISSIONS', () => {
    const p = secretFile('pp-world', 'pp\n', 0o604);
    const e = thrown(() => checkSecrets(resolveConfig(FILE, minimal({ keys: { teamPrivateKey: 't.asc', passphraseFile: p } }), {})));
    expect(e.code).toBe('FILE_PERMISSIONS');
    expect(e.message).toContain('keys.passphraseFile');
  });

  it('no secret shows in JSON.stringify, util.inspect or string interpolation of the config', () => {
    const p = secretFile('smtp-pass', 'smtp-SECRET-2\n', 0o600);
    const c: Config = resolveConfig(
      FILE,
      {
        imap: { host: 'imap.example.com', user: 'u', pass: 'imap-SECRET-1' },
        smtp: { from: 'a@example.com', host: 'mx.example.com', user: 'relay', passFile: p },
        keys: { teamPrivateKey: 't.asc', passphrase: 'key-SECRET-3' },
      },
      {},
    );
    expect(c.imap?.pass.reveal()).toBe('imap-SECRET-1');
    expect(c.smtp.pass?.reveal()).toBe('smtp-SECRET-2');
    expect(c.keys.passphrase?.reveal()).toBe('key-SECRET-3');
    const shown = [
      JSON.stringify(c),
      inspect(c, { depth: 20, showHidden: true }),
      `${c.imap?.pass} ${c.smtp.pass} ${c.keys.passphrase}`,
      String(c.keys.passphrase),
    ];
    for (const s of shown) {
      expect(s).not.toMatch(/SECRET-[123]/);
      expect(s).toContain('[secret]');
    }
  });
});

describe('loadConfig', () => {
  it('reads a YAML file and resolves relative paths against its folder', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, 'smtp:\n  from: "Security <security@example.com>"\n  pickupDir: out\nkeys:\n  teamPrivateKey: team.asc\ntimezone: Pacific/Auckland\n');
    const c = loadConfig(file, {});
    expect(c.file).toBe(file);
    expect(c.smtp.pickupDir).toBe(join(dir, 'out'));
    expect(c.keys.teamPrivateKey).toBe(join(dir, 'keys', 'team.asc'));
    expect(c.timezone).toBe('Pacific/Auckland');
  });

  it('a missing file is CONFIG_UNREADABLE naming the path', () => {
    const file = join(dir, 'does-not-exist.yaml');
    const e = thrown(() => loadConfig(file, {}));
    expect(e.code).toBe('CONFIG_UNREADABLE');
    expect(e.message).toContain(file);
  });

  it('broken YAML is CONFIG_INVALID naming the file and the line', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'smtp:\n  from: a@example.com\n  pickupDir: [unclosed\nkeys: {\n');
    const e = thrown(() => loadConfig(file, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(file);
    expect(e.message).toMatch(/line \d+/);
  });

  it('an empty file is CONFIG_INVALID naming the missing smtp and keys groups', () => {
    const file = join(dir, 'empty.yaml');
    writeFileSync(file, '');
    const e = thrown(() => loadConfig(file, {}));
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain(file);
    expect(e.message).toContain('smtp');
    expect(e.message).toContain('keys');
  });
});
