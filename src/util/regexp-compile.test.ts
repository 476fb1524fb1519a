// The flag must still exist in the V8 of the Node we run on: V8 ignores a flag it does not
// know, so a rename would silently bring back the double compile of every regex.
import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { REGEXP_COMPILE_FLAG } from './regexp-compile.js';

it('names a flag this V8 knows (a renamed flag would be ignored without a word)', () => {
  const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  expect(options).toContain(`--${REGEXP_COMPILE_FLAG.replace(/^--no-/, '')} (`);
});
