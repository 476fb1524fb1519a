// doctor's sealing checks: a key file others can read, a key file that lost the key of
// stored data keys, and a missing key file each fail with their fix; a good one passes.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addPlainCase } from '../../test/helpers/plain-case.js';
import { openDatabase, openFileReadOnly } from '../db/open.js';
import { newKey } from '../seal/envelope.js';
import { formatKeyFile, keyFileFor } from '../seal/kek-file.js';
import { checkSealing } from './doctor-sealing.js';

const dir = mkdtempSync(join(tmpdir(), 'sectriage-doctor-seal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const path = join(dir, 'sectriage.db');

function results(): Array<{ status: string; name: string; detail: string }> {
  const out: Array<{ status: string; name: string; detail: string }> = [];
  const db = openFileReadOnly(path, keyFileFor(path), { keyMayBeMissing: true });
  try {
    checkSealing(
      path,
      db,
      (name, detail) => out.push({ status: 'ok', name, detail }),
      (name, detail) => out.push({ status: 'fail', name, detail }),
    );
  } finally {
    db.close();
  }
  return out;
}

describe('doctor: the sealing key', () => {
  it('passes a 0600 key file that opens every data key of a sealed database', () => {
    const db = openDatabase(path);
    addPlainCase(db, 'SEC-2026-DOC1X', 's');
    db.close();
    expect(results().map((r) => [r.status, r.name])).toEqual([
      ['ok', 'sealing key: permissions'],
      ['ok', 'sealing key'],
      ['ok', 'sealed at rest'],
    ]);
  });

  it('fails a key file others can read', () => {
    chmodSync(join(dir, 'sealing.key'), 0o644);
    expect(results().find((r) => r.name === 'sealing key: permissions')).toMatchObject({ status: 'fail', detail: expect.stringContaining('mode 644') });
    chmodSync(join(dir, 'sealing.key'), 0o600);
  });

  it('fails a key file that does not hold the key of stored data keys', () => {
    const key = join(dir, 'sealing.key');
    const saved = readFileSync(key, 'utf8');
    writeFileSync(key, formatKeyFile([newKey()]), { mode: 0o600 });
    expect(results().find((r) => r.name === 'sealing key')).toMatchObject({
      status: 'fail',
      detail: expect.stringMatching(/1 data keys are wrapped by [0-9a-f]{16}, which .* does not hold/),
    });
    writeFileSync(key, saved, { mode: 0o600 });
  });

  it('fails a missing key file, and says where it belongs', () => {
    rmSync(join(dir, 'sealing.key'));
    expect(results()).toEqual([expect.objectContaining({ status: 'fail', name: 'sealing key', detail: `${join(dir, 'sealing.key')} is missing` })]);
  });
});
