/**
 * Whether the configured database path can hold a database, before anything tries to
 * create it: `run` hung in mkdir under /proc, and doctor said "All checks passed" for a
 * folder the service cannot write or a parent that is a file. Read-only (stat and
 * access only). Input: the operator's config path.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Kernel filesystems: nothing there is a place for a database, and some calls block.
const KERNEL_ROOTS = ['/proc', '/sys', '/dev'];

const writable = (p: string): boolean => {
  try {
    accessSync(p, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** What is wrong with `path` as the database file, or undefined when it can be created or opened for writing. */
export function databasePathProblem(path: string): string | undefined {
  if (path === ':memory:') return undefined;
  const abs = resolve(path);
  const root = KERNEL_ROOTS.find((r) => abs === r || abs.startsWith(`${r}/`));
  if (root) return `${abs} is under ${root}, a kernel filesystem: a database cannot live there`;
  if (existsSync(abs)) {
    if (!statSync(abs).isFile()) return `${abs} exists and is not a file`;
    try {
      accessSync(abs, constants.R_OK | constants.W_OK);
    } catch {
      return `${abs} is not writable by this user`;
    }
  }
  // The nearest existing ancestor must be a folder this user can write into (SQLite
  // also writes -wal and -shm beside the file, so the folder itself must be writable).
  let dir = dirname(abs);
  while (!existsSync(dir)) {
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (!statSync(dir).isDirectory()) return `${dir}, a parent of ${abs}, is a file, not a folder`;
  if (!writable(dir))
    return `${dir} is not writable by this user: the database${dir === dirname(abs) ? ' and its -wal/-shm files' : "'s folder"} cannot be created`;
  return undefined;
}
