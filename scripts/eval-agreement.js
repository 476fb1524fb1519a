#!/usr/bin/env node
// How far a second, independent labeller agrees with the first, scored as strictly as the
// extractor is (src/extract/agreement.ts): the ceiling any extractor can be shown to reach
// against one labeller. Run: npm run eval:agreement (it builds first). Prints, over the
// reports both labelled: the second labelling against the first, the first against the
// second (the scorer is not symmetric: long text is read for the reference's words), and the
// extractor against each on the same reports (tuned on the first's labels, it may read their
// conventions better than a triager's). Labels only; by default the tune part's
// (test/fixtures/reports-real, -second). It prints aggregates only, so the blind part's second
// labelling may be scored too: `node scripts/eval-agreement.js test/fixtures/reports-real-blind
// test/fixtures/reports-real-blind-second`. Never tune on that.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scoreAgreement } from '../dist/extract/agreement.js';
import { loadCorpus } from '../dist/extract/corpus.js';
import { formatScore, scoreCorpus, scoreReport } from '../dist/extract/evaluate.js';
import { extractReport } from '../dist/extract/extract.js';

const root = resolve(import.meta.dirname, '../test/fixtures');
const [refDir = join(root, 'reports-real'), secondDir = join(root, 'reports-real-second')] = process.argv.slice(2).map((a) => resolve(a));

const corpus = loadCorpus(refDir);
const reference = new Map(corpus.map((c) => [c.name, c.expected]));
const second = new Map(
  readdirSync(secondDir)
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => [f.slice(0, -'.expected.json'.length), JSON.parse(readFileSync(join(secondDir, f), 'utf8'))]),
);
const missing = [...second.keys()].filter((n) => !reference.has(n));
if (missing.length) {
  console.error(`${missing.length} second labels have no report in ${refDir}: ${missing.join(', ')}`);
  process.exit(2);
}

console.log('\n== second labeller, scored against the first');
console.log(formatScore(scoreCorpus(scoreAgreement(reference, second))));
console.log('\n== first labeller, scored against the second');
console.log(formatScore(scoreCorpus(scoreAgreement(second, reference))));
const same = corpus.filter((c) => second.has(c.name));
const extracted = new Map(
  same.map((c) => [
    c.name,
    extractReport({ text: c.text, subject: c.expected.subject ?? null, attachments: (c.expected.attachments ?? []).map((filename) => ({ filename })) }),
  ]),
);
for (const [who, labels] of [
  ['first', reference],
  ['second', second],
]) {
  console.log(`\n== the extractor, scored against the ${who}, on the same reports`);
  console.log(formatScore(scoreCorpus(same.map((c) => scoreReport(c.name, labels.get(c.name), extracted.get(c.name))))));
}
