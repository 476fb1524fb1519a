import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { packageVersion } from './package-version.js';

it("reads sectriage's own version from the package.json above it, at whatever depth the code sits", () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(packageVersion()).toBe(pkg.version);
  expect(packageVersion()).toMatch(/^\d+\.\d+\.\d+/);
});
