// Integration tests run the built CLI (dist/bundle, through bin/), as an operator would: build it once first.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const repo = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [resolve(repo, 'node_modules/typescript/bin/tsc'), '-p', resolve(repo, 'tsconfig.build.json')], { stdio: 'inherit' });
  execFileSync(process.execPath, [resolve(repo, 'scripts/bundle.mjs')], { stdio: 'inherit' });
}
