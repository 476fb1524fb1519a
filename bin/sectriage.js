#!/usr/bin/env node
// The installed entry point; the CLI itself lives in src/cli, compiled to dist/cli and
// bundled into dist/bundle by `npm run build` (scripts/bundle.mjs: a faster start).
import { main } from '../dist/bundle/main.js';
main(process.argv).then((code) => {
  process.exitCode = code;
});
