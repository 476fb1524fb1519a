#!/usr/bin/env node
// Precision and recall of report-field extraction over the labelled corpus in
// test/fixtures/reports/ (how a field counts is defined in src/extract/evaluate.ts).
// Exits 1 when overall precision or recall is below 0.9. Run: npm run eval:extract
// (it builds first). --verbose lists every miss per report; a folder argument scores
// another corpus (test/fixtures/reports-holdout was labelled blind and is never tuned on).
import { resolve } from 'node:path';
import { askedOfGivers, evaluateCorpus } from '../dist/extract/corpus.js';
import { formatScore } from '../dist/extract/evaluate.js';

const dir = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? resolve(import.meta.dirname, '../test/fixtures/reports'));
const score = evaluateCorpus(dir);
console.log(formatScore(score));
if (process.argv.includes('--verbose')) {
  for (const d of score.details) if (d.misses.length) console.log(`\n${d.name}:\n  ${d.misses.join('\n  ')}`);
}
// Asking a reporter for what they wrote is the worst outcome: its goal is 0.
const asked = askedOfGivers(dir);
console.log(
  `fields the acknowledgement would ask of reporters who gave them: ${asked.length}${asked.length ? ` (${asked.map((a) => `${a.name}: ${a.field}`).join(', ')})` : ''}`,
);
const { precision, recall } = score.overall;
if (precision < 0.9 || recall < 0.9) {
  console.error(`overall precision ${precision.toFixed(3)} / recall ${recall.toFixed(3)}: below 0.9`);
  process.exitCode = 1;
}
