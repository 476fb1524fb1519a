/**
 * What a new report is compared by for possible duplicates (cases/store/duplicates.ts),
 * made from its extracted fields and text without the database: its title, type and
 * component, and the MinHash sketch of its word shingles. Pure, so an open worker makes
 * it beside the fields (the ~0.3 ms of shingling and hashing leave the thread that
 * records) and it is the same as the one the store would read back: a new case's title
 * is its extracted title, its first message's text is the opened text.
 */
import { minhash } from './minhash.js';
import { shinglePrints, shingles, type ReportSketch } from './similarity.js';
import type { ExtractResult } from './types.js';

export interface NewReportSketch {
  sketch: ReportSketch;
  minhash: Uint32Array;
  /** The word shingles the MinHash was made from, as shinglePrints, for the exact checks of near cases (~0.3 ms a report to make again in the recording thread). */
  prints?: Float64Array;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The sketch of a new report: `text` is the opened message text, `result` its fields. */
export function newReportSketch(result: Pick<ExtractResult, 'fields'>, text: string): NewReportSketch {
  const title = str(result.fields.title?.value);
  const vulnType = str(result.fields.vulnType?.value);
  const component = str(result.fields.component?.value);
  const sketch: ReportSketch = { text: `${title ?? ''}\n${text}`, ...(vulnType ? { vulnType } : {}), ...(component ? { component } : {}) };
  const words = shingles(sketch.text);
  return { sketch, minhash: minhash(words), prints: shinglePrints(words) };
}
