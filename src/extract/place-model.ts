/**
 * The last word on locations: of the places the rules kept (locations.ts and its filters),
 * the ones a triager would list, by a logistic model trained on the labelled tune part of
 * the corpus (`npm run train:places` writes place-weights.ts; never trained on the blind part).
 * The rules find every URL and path a report names and drop what they know is no place; what is left
 * still holds a PoC's helper URLs, the attacker's host, the routes a step passes through.
 * The model only thins a list: it never adds a place, never empties a list (the likeliest
 * place stays, so a report that names places is never taken for one that names none), and
 * in a report of several issues (multiple.ts) it keeps the likeliest place of each.
 * Pure; the text is the report (untrusted), read through place-features.ts.
 */
import { probability } from './logistic.js';
import { placesOf } from './locations.js';
import { type PlaceContext, PLACE_FEATURES, placeFeatures } from './place-features.js';
import { PLACE_WEIGHTS } from './place-weights.js';
import type { Extracted, Span } from './types.js';

/** Characters: a place spelled no longer than this is looked up in the text when the rules did not say where it stands. */
const MAX_LOOKED_UP = 200;

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
  // what findLocations said, not a search for the value, which a cleaned or escaped place is not spelled as.
  const found = new Map<string, number>();
  for (const p of placesOf(ctx.text)) if (!found.has(p.value)) found.set(p.value, p.index);
  const places = field.value.map((value) => ({
    value,
    index: found.get(value) ?? (value.length <= MAX_LOOKED_UP ? ctx.text.indexOf(value) : -1),
  }));
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

/** Which places stay: those at or above the threshold, and the likeliest of the report and of each part (by where each stands: a part runs from its heading to the next). */
export function chosenPlaces(p: number[], rows: ReadonlyArray<{ index: number }>, parts: Span[], threshold: number): boolean[] {
  const keep = p.map((x) => x >= threshold);
  const likeliest = (ks: number[]): void => {
    const best = ks.reduce<number | undefined>((b, k) => (b === undefined || p[k]! > p[b]! ? k : b), undefined);
    if (best !== undefined) keep[best] = true;
  };
  likeliest(rows.map((_, k) => k));
  // A part's source is its heading: the part runs from there to the next part's heading.
  const starts = parts.flatMap((s) => ('start' in s ? [s.start] : [])).sort((a, b) => a - b);
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? Infinity;
    likeliest(rows.flatMap((r, k) => (r.index >= start && r.index < end ? [k] : [])));
  });
  return keep;
}
