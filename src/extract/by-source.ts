/**
 * The extraction scores of a corpus split by where its reports came from. A corpus file is
 * named after its source (`edb-…` Exploit-DB, `gh-…` a GitHub issue, `ghsa-…` the advisory
 * template, `ghsl-…` GitHub Security Lab, `h1-…` a disclosed HackerOne report, …), so a
 * genre that reads worse than the rest shows without reading a single report: only sums are
 * printed, which keeps it safe to run on the blind part. Pure; names are the corpus's own.
 */
import { type CorpusScore, scoreCorpus } from './evaluate.js';

export interface SourceScore {
  source: string;
  reports: number;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
}

/** A file's source: its name up to the first hyphen, lower-cased ("edb-4173-x" -> "edb"). */
export function sourceOf(name: string): string {
  const cut = name.indexOf('-');
  return (cut > 0 ? name.slice(0, cut) : name).toLowerCase();
}

/** Overall tallies per source, the largest source first (ties by name, so the order is stable). */
export function scoreBySource(score: CorpusScore): SourceScore[] {
  const groups = new Map<string, CorpusScore['details']>();
  for (const d of score.details) {
    const s = sourceOf(d.name);
    groups.set(s, [...(groups.get(s) ?? []), d]);
  }
  return [...groups]
    .map(([source, details]) => ({ source, reports: details.length, ...scoreCorpus(details).overall }))
    .sort((a, b) => b.reports - a.reports || a.source.localeCompare(b.source));
}

/** The per-source lines `npm run eval:extract` prints under each corpus's table. */
export function formatBySource(rows: SourceScore[]): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
  return [
    `${'by source'.padEnd(18)}${'files'.padStart(6)}${'TP'.padStart(6)}${'FP'.padStart(6)}${'FN'.padStart(6)}  precision  recall`,
    ...rows.map(
      (r) =>
        `${r.source.padEnd(18)}${String(r.reports).padStart(6)}${String(r.tp).padStart(6)}${String(r.fp).padStart(6)}${String(r.fn).padStart(6)}  ${pct(r.precision)}    ${pct(r.recall)}`,
    ),
  ].join('\n');
}
