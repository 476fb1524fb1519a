#!/usr/bin/env node
// Benchmarks that guard against algorithmic attacks: each prints the time of hostile
// input relative to ordinary input of the same size, measured in this same run.
// A ratio near 1 means linear work; the quadratic HTML scanner this replaced ran
// ~1000x slower on 200 KB of "<". Run: npm run bench (after npm run build).
import { performance } from 'node:perf_hooks';
import { htmlToPlainText } from '../dist/parse/html-text.js';
import { findArmorBlocks } from '../dist/open/armor.js';

function time(fn, rounds = 5) {
  fn(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  return (performance.now() - t0) / rounds;
}

const SIZE = 1024 * 1024;
const ordinary = '<p>Steps: <b>send</b> the request &amp; watch the log.</p>\n'.repeat(SIZE / 56);
const cases = {
  'html: unclosed "<a"': '<a'.repeat(SIZE / 2),
  'html: unclosed "<!--"': '<!--'.repeat(SIZE / 4),
  'html: unclosed "<script"': '<script>'.repeat(SIZE / 8),
  'html: run of blanks': ' '.repeat(SIZE) + 'x',
  'html: unclosed quotes': '<a title="'.repeat(SIZE / 10),
  'html: tags with quoted ">"': '<a t=">">'.repeat(SIZE / 9),
};
const base = time(() => htmlToPlainText(ordinary));
console.log(`baseline: 1 MiB of ordinary HTML to text: ${base.toFixed(1)} ms`);
let worst = 0;
for (const [name, input] of Object.entries(cases)) {
  const t = time(() => htmlToPlainText(input));
  worst = Math.max(worst, t / base);
  console.log(`${name.padEnd(28)} ${(t / base).toFixed(2)}x baseline`);
}
const armorBase = time(() => findArmorBlocks(ordinary, 20));
const armorHostile = time(() => findArmorBlocks('-----BEGIN PGP MESSAGE-----\n'.repeat(SIZE / 28), 20));
console.log(`${'armor: BEGIN lines, no END'.padEnd(28)} ${(armorHostile / armorBase).toFixed(2)}x baseline`);
worst = Math.max(worst, armorHostile / armorBase);
console.log(`worst ratio: ${worst.toFixed(2)}x (a quadratic scan would be in the thousands)`);
if (worst > 50) process.exitCode = 1;
