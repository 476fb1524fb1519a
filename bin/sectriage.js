#!/usr/bin/env node
// The installed entry point; the CLI itself lives in src/cli (compiled to dist/cli).
import { main } from '../dist/cli/main.js';
main(process.argv).then((code) => {
  process.exitCode = code;
});
