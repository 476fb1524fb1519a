// Rotating the sealing key: every data key is rewrapped by the new key, no report is
// rewritten, the old key leaves the file, and a process that read the file before the
// rotation (the daemon) still reads and writes correctly afterwards.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { getCase } from '../cases/store/cases.js';
import { addPlainCase } from '../../test/helpers/plain-case.js';
import { openDatabase, openDatabaseReadOnly, type Db } from '../db/open.js';
import { readKeyFile } from './kek-file.js';
import { rotateSealingKey } from './rotate.js';
import { sealerOf } from './sealer.js';

const root = mkdtempSync(join(tmpdir(), 'sectriage-rotate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const addCase = (db: Db, n: number): number => addPlainCase(db, `SEC-2026-ROT${n}X`, `report ${n}`);

describe('sealing key rotation', () => {
  it('rewraps every data key by the new key, rewrites no report, and leaves only the new key in the file', () => {
    const path = join(root, 'a', 'sectriage.db');
    const db = openDatabase(path);
    const ids = [1, 2, 3].map((n) => addCase(db, n));
    const keyFile = join(root, 'a', 'sealing.key');
    const oldId = readKeyFile(keyFile).currentId;
    const subjectsBefore = db.prepare('SELECT subject FROM cases ORDER BY id').pluck().all() as Buffer[];
    const r = rotateSealingKey(db);
    expect(r).toMatchObject({ keyFile, from: [oldId], rewrapped: 3 });
    expect(readKeyFile(keyFile).currentId).toBe(r.to);
    expect([...readKeyFile(keyFile).keys.keys()]).toEqual([r.to]);
    expect(readFileSync(keyFile, 'utf8')).not.toContain(oldId);
    expect(db.prepare('SELECT DISTINCT kek_id FROM data_keys').pluck().all()).toEqual([r.to]);
    // The sealed reports are the same bytes: only the small wrapped keys changed.
    expect(db.prepare('SELECT subject FROM cases ORDER BY id').pluck().all()).toEqual(subjectsBefore);
    db.close();
    const ro = openDatabaseReadOnly(path);
    expect(ids.map((id) => getCase(ro, id)?.subject)).toEqual(['report 1', 'report 2', 'report 3']);
    ro.close();
  });

  it('a process that read the key file before the rotation wraps its next data keys by the new key and reads keys wrapped by it', () => {
    const path = join(root, 'b', 'sectriage.db');
    const daemon = openDatabase(path);
    addCase(daemon, 1);
    const operator = openDatabase(path);
    const r = rotateSealingKey(operator);
    operator.close();
    const id = addCase(daemon, 2);
    expect(daemon.prepare('SELECT kek_id FROM data_keys WHERE scope = ?').pluck().get(`case:${id}`)).toBe(r.to);
    const fresh = openDatabase(path);
    expect(getCase(fresh, id)?.subject).toBe('report 2');
    expect(getCase(fresh, 1)?.subject).toBe('report 1');
    fresh.close();
    daemon.close();
  });

  it('run again after a rotation, it rotates again (a second rotation is the way to finish one cut short)', () => {
    const path = join(root, 'c', 'sectriage.db');
    const db = openDatabase(path);
    addCase(db, 1);
    const first = rotateSealingKey(db);
    const second = rotateSealingKey(db);
    expect(second.from).toEqual([first.to]);
    expect(getCase(db, 1)?.subject).toBe('report 1');
    db.close();
  });

  it('a process that read the wrapped keys of a list ahead, before another process rotated and the old key left its memory, still opens every subject', () => {
    const path = join(root, 'd', 'sectriage.db');
    const daemon = openDatabase(path);
    const ids = [1, 2, 3].map((n) => addCase(daemon, n));
    daemon.close();
    const reader = openDatabase(path);
    sealerOf(reader).prefetch(ids.map((id) => `case:${id}`));
    const operator = openDatabase(path);
    rotateSealingKey(operator);
    operator.close();
    // Its next new case is wrapped by the new key: it reads the key file again, and the old key is gone from it.
    addCase(reader, 4);
    expect(ids.map((id) => getCase(reader, id)?.subject)).toEqual(['report 1', 'report 2', 'report 3']);
    reader.close();
  });
});
