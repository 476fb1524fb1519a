/**
 * The last word on locations: of the places the rules kept (locations.ts and its filters),
 * the ones a triager would list, by a logistic model trained on the labelled tune part of
 * the corpus (`npm run train:places` writes place-weights.ts; never trained on the blind part).
 * The rules find every URL and path a report names and drop what they know is no place; what is left
 * still holds a PoC's helper URLs, the attacker's host, the routes a step passes through.
 * The model only thins a list: it never adds a place, never empties a list (the likeliest
 * place stays, so a report that names places is never taken for one that names none); it keeps
 * what a locations label lists, and in a report of several issues (multiple.ts) a place for each.
 * Pure; the text is the report (untrusted), read through place-features.ts.
 */
import { probability } from './logistic.js';
import { placesOf } from './locations.js';
import { type PlaceContext, PLACE_FEATURES, placeFeatures, readOnce } from './place-features.js';
import { PLACE_WEIGHTS } from './place-weights.js';
import { countAtOrBefore } from './sorted-search.js';
import type { Extracted, Span } from './types.js';

export interface PlaceRow {
  value: string;
  /** Where the place stands in the text; -1 when not known. */
  index: number;
  features: number[];
}

/** The model of place-weights.ts as weights in the order of PLACE_FEATURES (a feature it lacks weighs 0). */
const MODEL = {
  weights: PLACE_FEATURES.map((f) => (PLACE_WEIGHTS.weights as Partial<Record<string, number>>)[f] ?? 0),
  bias: PLACE_WEIGHTS.bias,
};

/** Each place of the field with where it stands and its features. */
export function placeRows(ctx: PlaceContext, field: Extracted<'locations'>): PlaceRow[] {
  // Where the rules found each place (a URL's offset for the file its permalink names; a JSON-escaped URL's own):
  // what findLocations said; else where the text first has it as a token (a section's plain line); else not known.
  const found = new Map<string, number>();
  for (const p of placesOf(ctx.text)) if (!found.has(p.value)) found.set(p.value, p.index);
  const { firstAt } = readOnce(ctx.text);
  const places = field.value.map((value) => ({ value, index: found.get(value) ?? firstAt.get(value) ?? -1 }));
  const rows = placeFeatures(ctx, places);
  return places.map((p, k) => ({ ...p, features: rows[k]! }));
}

/** The field with only the places the model finds likely: always the likeliest of the report and of each of its parts. */
export function likelyPlaces(ctx: PlaceContext, field: Extracted<'locations'>, parts: Span[] = []): Extracted<'locations'> {
  const rows = placeRows(ctx, field);
  const keep = chosenPlaces(
    rows.map((r) => probability(MODEL, r.features)),
    rows,
    parts,
    PLACE_WEIGHTS.threshold,
  );
  return keptField(field, rows, keep);
}

/** The field with the kept places, and without the spans of the dropped ones (as prose reading made them: a place's offset
 *  and length); a section's span stays, also when it starts where a dropped place does, for the places it still holds. */
export function keptField(field: Extracted<'locations'>, rows: ReadonlyArray<{ value: string; index: number }>, keep: boolean[]): Extracted<'locations'> {
  if (keep.every(Boolean)) return field;
  const dropped = new Set(rows.filter((_, k) => !keep[k]).map((r) => `${r.index}+${r.value.length}`));
  return {
    value: rows.filter((_, k) => keep[k]).map((r) => r.value),
    sources: field.sources.filter((s) => !('start' in s) || !dropped.has(`${s.start}+${s.end - s.start}`)),
  };
}

const LABELLED = PLACE_FEATURES.indexOf('labelledPlace');
/**
 * A place this close to the likeliest stays with it: where the model is unsure of every place (all below the
 * threshold: a list of URLs on one host with nothing to tell them apart) the first is no likelier than the next.
 * 0.6 read as well as keeping the likeliest alone in cross-validation on the tune part (F1 75.0 against 75.2),
 * with 6 more true places kept; 0.8 and 0.7 read worse.
 */
const NEAR_LIKELIEST = 0.6;

/**
 * Which places stay: those at or above the threshold or near the likeliest; every place a locations label lists ("Affected URLs:"), as the
 * reporter's own list; the likeliest of the report and of each part of a report of several issues (by where each
 * place stands: a part runs from its heading to the next); and, in a report of several, at least as many as it has
 * parts (the likeliest first), since parts listed in a summary leave their places all after the last heading.
 */
export function chosenPlaces(p: number[], rows: ReadonlyArray<{ index: number; features?: number[] }>, parts: Span[], threshold: number): boolean[] {
  const top = Math.max(...p);
  const keep = p.map((x, k) => x >= threshold || x >= NEAR_LIKELIEST * top || rows[k]!.features?.[LABELLED] === 1);
  const byLikelihood = p.map((_, k) => k).sort((a, b) => p[b]! - p[a]! || a - b);
  if (byLikelihood.length) keep[byLikelihood[0]!] = true;
  const starts = parts.flatMap((s) => ('start' in s ? [s.start] : [])).sort((a, b) => a - b);
  // Each place's part by binary search over the part starts; the likeliest of each part, in one pass.
  const best = new Map<number, number>();
  rows.forEach((r, k) => {
    const part = countAtOrBefore(starts, r.index, (x) => x) - 1;
    const b = best.get(part);
    if (part >= 0 && (b === undefined || p[k]! > p[b]!)) best.set(part, k);
  });
  for (const k of best.values()) keep[k] = true;
  let kept = keep.filter(Boolean).length;
  for (const k of byLikelihood) {
    if (kept >= Math.min(starts.length, rows.length)) break;
    if (!keep[k]) {
      keep[k] = true;
      kept++;
    }
  }
  return keep;
}
