#!/usr/bin/env node
// Trains the place model on the tune part of the corpus (test/fixtures/reports-real, never
// the blind part) and writes src/extract/place-weights.ts. Run: npm run train:places (it
// builds first, and again after: the new weights are in dist/ only then). Prints the
// cross-validated locations tallies without and with the model.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadCorpus } from '../dist/extract/corpus.js';
import { trainPlaceModel } from '../dist/extract/place-training.js';

const root = resolve(import.meta.dirname, '..');
const weights = trainPlaceModel(loadCorpus(resolve(root, 'test/fixtures/reports-real')));
const out = resolve(root, 'src/extract/place-weights.ts');
writeFileSync(
  out,
  `// Written by \`npm run train:places\` (scripts/train-places.js) from the tune part of the corpus,
// test/fixtures/reports-real; never from the blind part. Do not edit by hand: retrain after a
// change to the location rules or to place-features.ts (a test fails until the two agree).
import type { PlaceWeights } from './place-features.js';

export const PLACE_WEIGHTS: PlaceWeights = ${JSON.stringify(weights, null, 2)};
`,
);
execFileSync(resolve(root, 'node_modules/.bin/prettier'), ['--write', out], { stdio: 'ignore' });
const f = (t) =>
  `TP ${t.tp} FP ${t.fp} FN ${t.fn}: precision ${((100 * t.tp) / Math.max(1, t.tp + t.fp)).toFixed(1)}%, recall ${((100 * t.tp) / Math.max(1, t.tp + t.fn)).toFixed(1)}%`;
console.log(
  `trained on ${weights.trainedOn.reports} reports, ${weights.trainedOn.places} places (${weights.trainedOn.listed} listed by the labels); threshold ${weights.threshold}`,
);
console.log(
  `locations, 10-fold cross-validated on the tune part:\n  without the model ${f(weights.crossValidated.without)}\n  with it            ${f(weights.crossValidated.with)}`,
);
