/**
 * Trains the place model (place-model.ts) on labelled reports: every place the rules keep,
 * with its features, labelled by whether the report's labels list it (as the scorer
 * matches them, evaluate.ts); an L2-penalised logistic fit; and the threshold that reads
 * best in a 10-fold cross-validation on the same reports. Used by `npm run train:places`
 * on the tune part only, and by the test that the weights in the repository are what that
 * training gives. Pure; deterministic for the same reports.
 */
import { scoreReport, type Expected, type Tally } from './evaluate.js';
import { extractReport } from './extract.js';
import { fitLogistic, probability, type LogisticModel } from './logistic.js';
import { PLACE_FEATURES, type PlaceWeights } from './place-features.js';
import { chosenPlaces, type PlaceRow } from './place-model.js';
import type { ExtractResult, Span } from './types.js';

/** The L2 penalty: in cross-validation on the tune part 0.3 to 3 read alike; 1 keeps every weight moderate. */
const LAMBDA = 1;
const FOLDS = 10;
/** The thresholds tried; below 0.2 nearly nothing is dropped, above 0.6 too many true places go. */
const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6];
/** F1 within this of the best is as good: the cross-validation's own noise is larger. */
const NEAR_BEST = 0.005;
/** Digits kept of each weight: enough for any threshold to read the same, few enough to compare across machines. */
const DIGITS = 6;

export interface TrainingReport {
  name: string;
  text: string;
  expected: Expected;
}

interface Sample {
  report: TrainingReport;
  rows: PlaceRow[];
  parts: Span[];
  labels: number[];
}

export function trainPlaceModel(reports: TrainingReport[]): PlaceWeights {
  const samples = reports.map(sampleOf);
  const cv = THRESHOLDS.map(() => ({ tp: 0, fp: 0, fn: 0 }));
  const without = { tp: 0, fp: 0, fn: 0 };
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = fit(samples.filter((_, k) => k % FOLDS !== fold));
    for (const s of samples.filter((_, k) => k % FOLDS === fold)) {
      add(
        without,
        tally(
          s,
          s.rows.map((r) => r.value),
        ),
      );
      THRESHOLDS.forEach((t, i) => add(cv[i]!, tally(s, kept(model, s, t))));
    }
  }
  const best = bestThreshold(cv);
  const model = fit(samples);
  const round = (x: number): number => Number(x.toFixed(DIGITS));
  return {
    trainedOn: {
      reports: reports.length,
      places: samples.reduce((n, s) => n + s.rows.length, 0),
      listed: samples.reduce((n, s) => n + s.labels.filter(Boolean).length, 0),
    },
    lambda: LAMBDA,
    threshold: THRESHOLDS[best]!,
    crossValidated: { without, with: cv[best]! },
    bias: round(model.bias),
    weights: Object.fromEntries(PLACE_FEATURES.map((f, j) => [f, round(model.weights[j]!)])),
  };
}

function sampleOf(report: TrainingReport): Sample {
  let rows: PlaceRow[] = [];
  let parts: Span[] = [];
  extractReport({ text: report.text, subject: report.expected.subject ?? null }, { onPlaces: (r, p) => ((rows = r), (parts = p)) });
  const labels = rows.map((r) => tally({ report, rows: [], parts: [], labels: [] }, [r.value]).tp);
  return { report, rows, parts, labels };
}

/**
 * Fitted on every place, also of reports that name one (which the model never drops): fitted on lists of two or
 * more only, it read 1 point of F1 worse in cross-validation on the tune part.
 */
function fit(samples: Sample[]): LogisticModel {
  return fitLogistic(
    samples.flatMap((s) => s.rows.map((r) => r.features)),
    samples.flatMap((s) => s.labels),
    LAMBDA,
  );
}

/** The places a model keeps at a threshold, as place-model.ts keeps them. */
function kept(model: LogisticModel, s: Sample, threshold: number): string[] {
  const keep = chosenPlaces(
    s.rows.map((r) => probability(model, r.features)),
    s.rows,
    s.parts,
    threshold,
  );
  return s.rows.filter((_, k) => keep[k]).map((r) => r.value);
}

/** The locations field's tallies for a report whose extracted places are these, scored as the corpus is. */
function tally(s: Sample, places: string[]): Tally {
  const got: ExtractResult = { fields: places.length ? { locations: { value: places, sources: [] } } : {}, spam: { likely: false, score: 0, reasons: [] } };
  return scoreReport(s.report.name, s.report.expected, got).tallies.locations;
}

function add(to: Tally, t: Tally): void {
  to.tp += t.tp;
  to.fp += t.fp;
  to.fn += t.fn;
}

/**
 * The lowest threshold whose F1 is within NEAR_BEST of the best. F1 is flat near its top (on the tune part
 * 0.4 to 0.5 read within 0.2 points); of those, the one that drops fewest true places: an extra place is
 * easier for a triager to strike out than a missing one is to notice.
 */
function bestThreshold(cv: Tally[]): number {
  const f1 = (t: Tally): number => (2 * t.tp) / Math.max(1, 2 * t.tp + t.fp + t.fn);
  const top = Math.max(...cv.map(f1));
  return cv.findIndex((t) => f1(t) >= top - NEAR_BEST);
}
