// The database-path check as the service user sees it. The suite runs as root, who may
// write anywhere, so the "folder not writable" case runs the built check as nobody
// (setpriv): the real access(2) answer, not a stand-in.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'dbpath-nobody-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('a database folder the service user cannot write is named, not passed', () => {
  expect(userInfo().uid, 'the suite runs as root (CI installs packages)').toBe(0);
  chmodSync(dir, 0o755);
  // The check's module imports only node:fs and node:path: a copy beside the test runs anywhere nobody can read.
  copyFileSync(resolve(import.meta.dirname, '..', 'dist', 'db', 'database-path.js'), join(dir, 'check.mjs'));
  const state = join(dir, 'state');
  mkdirSync(state, { mode: 0o755 });
  const script = `import { databasePathProblem } from ${JSON.stringify(join(dir, 'check.mjs'))}; console.log(databasePathProblem(${JSON.stringify(join(state, 'db.sqlite'))}) ?? 'none');`;
  const asNobody = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  expect(asNobody.stderr).toBe('');
  expect(asNobody.stdout).toMatch(/state is not writable by this user: the database and its -wal\/-shm files cannot be created/);
  // The same folder is fine for its owner.
  const asRoot = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(asRoot.stdout.trim()).toBe('none');
});
