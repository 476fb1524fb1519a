/**
 * sectriage's own version, from the package.json above this module, found by walking
 * up: the compiled code sits at different depths (dist/ in an install, dist-bench/src/
 * for the bench), so no fixed relative path fits all. Read once, on first use.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let version: string | undefined;

export function packageVersion(): string {
  if (version !== undefined) return version;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sectriage' && pkg.version) return (version = pkg.version);
    }
    if (dirname(dir) === dir) return (version = '0.0.0');
  }
}
