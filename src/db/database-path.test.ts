import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { databasePathProblem } from './database-path.js';

const dir = mkdtempSync(join(tmpdir(), 'dbpath-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// root may write anywhere: the "not writable" case is shown only to other users.
const root = userInfo().uid === 0;

describe('the database path', () => {
  it('refuses a path under /proc, where run used to hang in mkdir', () => {
    expect(databasePathProblem('/proc/sectriage/db.sqlite')).toMatch(/under \/proc, a kernel filesystem/);
    expect(databasePathProblem('/sys/x.db')).toMatch(/kernel filesystem/);
  });

  it('refuses a path whose parent is a file', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    expect(databasePathProblem(join(dir, 'plain', 'state', 'db.sqlite'))).toMatch(/plain, a parent of .* is a file, not a folder/);
  });

  it('refuses a folder the user cannot write', () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o500);
    const problem = databasePathProblem(join(ro, 'db.sqlite'));
    chmodSync(ro, 0o700);
    if (root) expect(problem).toBeUndefined();
    else expect(problem).toMatch(/is not writable by this user/);
  });

  it('accepts a folder that does not exist yet under one that is writable, and memory', () => {
    expect(databasePathProblem(join(dir, 'new', 'deeper', 'db.sqlite'))).toBeUndefined();
    expect(databasePathProblem(':memory:')).toBeUndefined();
  });

  it('refuses a path that is a folder', () => {
    mkdirSync(join(dir, 'afolder'));
    expect(databasePathProblem(join(dir, 'afolder'))).toMatch(/exists and is not a file/);
  });
});
