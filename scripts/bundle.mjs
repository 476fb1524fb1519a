#!/usr/bin/env node
// Bundles the compiled CLI (dist/) into dist/bundle/: the entry point, the open worker
// and the commands it loads on demand, as a few files instead of ~300 modules. Node's
// ESM loader resolves, reads and links each module on its own; on this 2-core machine a
// bundle starts a `cases list` ~60 ms sooner and each open worker ~0.3 s sooner (issue
// 11: CLI cold start, backlog drain). Run by `npm run build` and the tests' global setup,
// after tsc. Native and lazily-required packages stay outside (better-sqlite3's binding;
// node-cron and date-holidays are loaded by createRequire when a config needs them).
// dist/bundle sits two levels below the repository, as dist/db and dist/policy do, so the
// paths the code builds from its own location (migrations/, config/policies/) still hold.
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(repo, 'dist');

// Chunk names carry a content hash: without a clean folder every build left its chunks behind.
rmSync(join(dist, 'bundle'), { recursive: true, force: true });
await build({
  entryPoints: [join(dist, 'cli', 'main.js'), join(dist, 'pipeline', 'open-worker.js')],
  outdir: join(dist, 'bundle'),
  entryNames: '[name]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['better-sqlite3', 'node-cron', 'date-holidays'],
  // CommonJS packages in the bundle (mailparser, nodemailer) call require() for Node's own modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // Whitespace and syntax only: names stay, so stack traces and profiles still read. V8
  // parses every module a command loads; 8.5 MB -> 6 MB took ~11 ms (4%) off a `cases list`
  // cold start (farm-bench, 20 pairs) and left the drain as it was.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
// The console's assets, beside the bundle as beside dist/web (web/app.ts reads them from beside its module).
cpSync(join(repo, 'src', 'web', 'public'), join(dist, 'bundle', 'public'), { recursive: true });
