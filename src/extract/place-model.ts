/**
 * The last word on locations: of the places the rules kept (locations.ts and its filters),
 * the ones a triager would list, by a logistic model trained on the labelled tune part of
 * the corpus (`npm run train:places` writes place-weights.ts; never trained on the blind part).
 * The rules find every URL and path a report names and drop what they know is no place; what is left
 * still holds a PoC's helper URLs, the attacker's host, the routes a step passes through.
 * The model only thins a list: it never adds a place and never empties a list (the likeliest
 * place stays, so a report that names places is never taken for one that names none).
 * Pure; the text is the report (untrusted), read through place-features.ts.
 */
import { probability } from './logistic.js';
import { type PlaceContext, PLACE_FEATURES, placeFeatures } from './place-features.js';
import { PLACE_WEIGHTS } from './place-weights.js';
import type { Extracted } from './types.js';

/** Places judged at most: no triager lists more, and each costs a scan of the text (the corpus's most is 19). */
export const MAX_PLACES_JUDGED = 40;

export interface PlaceRow {
  value: string;
  features: number[];
}

/** The model of place-weights.ts as weights in the order of PLACE_FEATURES (a feature it lacks weighs 0). */
const MODEL = {
  weights: PLACE_FEATURES.map((f) => (PLACE_WEIGHTS.weights as Partial<Record<string, number>>)[f] ?? 0),
  bias: PLACE_WEIGHTS.bias,
};

/** Each place of the field (the first MAX_PLACES_JUDGED) with its features, and where it stands in the text. */
export function placeRows(ctx: PlaceContext, field: Extracted<'locations'>): Array<PlaceRow & { index: number }> {
  const places = field.value.slice(0, MAX_PLACES_JUDGED).map((value) => ({ value, index: indexOf(ctx.text, value, field) }));
  const rows = placeFeatures(ctx, places);
  return places.map((p, k) => ({ ...p, features: rows[k]! }));
}

/** The field with only the places the model finds likely (and always the likeliest). */
export function likelyPlaces(ctx: PlaceContext, field: Extracted<'locations'>): Extracted<'locations'> {
  const rows = placeRows(ctx, field);
  const p = rows.map((r) => probability(MODEL, r.features));
  const best = p.indexOf(Math.max(...p));
  const kept = rows.filter((_, k) => k === best || p[k]! >= PLACE_WEIGHTS.threshold);
  if (kept.length === field.value.length) return field;
  const dropped = new Set(rows.filter((r) => !kept.includes(r)).map((r) => r.index));
  return {
    value: kept.map((r) => r.value),
    sources: field.sources.filter((s) => !('start' in s) || !dropped.has(s.start)),
  };
}

/** Where a place stands: the span found for it, else its first mention; -1 when the text never spells it (a cleaned URL). */
function indexOf(text: string, value: string, field: Extracted<'locations'>): number {
  for (const s of field.sources) if ('start' in s && text.slice(s.start, s.end) === value) return s.start;
  return text.indexOf(value);
}
