// The sealing key file: made once, atomically, 0600; read strictly; the credential wins.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { newKey } from './envelope.js';
import { CREDENTIAL_NAME, formatKeyFile, keyFileFor, keyId, parseKeyFile, readOrCreateKeyFile } from './kek-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-kek-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sealing key file', () => {
  it('is made once, 0600, and a second maker reads the first one instead of making its own', () => {
    const file = join(dir, 'sealing.key');
    const a = readOrCreateKeyFile(file);
    const b = readOrCreateKeyFile(file);
    expect([a.created, b.created]).toEqual([true, false]);
    expect(b.ring.currentId).toBe(a.ring.currentId);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lists the current key first and keeps older ones readable', () => {
    const [k1, k2] = [newKey(), newKey()];
    const ring = parseKeyFile(formatKeyFile([k2, k1]), 'f');
    expect(ring.currentId).toBe(keyId(k2));
    expect([...ring.keys.keys()]).toEqual([keyId(k2), keyId(k1)]);
  });

  it('refuses a damaged line (wrong id, short key, junk) and names the line', () => {
    const good = formatKeyFile([newKey()]).trim();
    expect(() => parseKeyFile(`${good}\n0123456789abcdef AAAA\n`, 'f')).toThrow(/f line 2/);
    expect(() =>
      parseKeyFile(
        good.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
        'f',
      ),
    ).toThrow(/line 1/);
    expect(() => parseKeyFile('# only a comment\n', 'f')).toThrow(/holds no key/);
  });

  it("is the service's credential when systemd gives one, else beside the database", () => {
    const creds = join(dir, 'creds');
    mkdirSync(creds);
    expect(keyFileFor('/var/lib/sectriage/sectriage.db', { CREDENTIALS_DIRECTORY: creds })).toBe('/var/lib/sectriage/sealing.key');
    writeFileSync(join(creds, CREDENTIAL_NAME), readFileSync(join(dir, 'sealing.key')));
    expect(keyFileFor('/var/lib/sectriage/sectriage.db', { CREDENTIALS_DIRECTORY: creds })).toBe(join(creds, CREDENTIAL_NAME));
  });
});
