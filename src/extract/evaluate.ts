/**
 * Precision and recall of the extractor against hand-labelled reports. Pure: the
 * caller loads the corpus (src/extract/corpus.ts). How a field counts:
 *  - expected and extracted and matching: a true positive;
 *  - extracted but not expected, or extracted with a value that does not match: a false
 *    positive (a wrong value is also a false negative);
 *  - expected but not extracted: a false negative.
 * A field that the expected JSON leaves out (or sets to null) is expected absent.
 * List fields (cwe, cves, locations) count per item (a location also when the label is
 * the path or file name the extracted one ends with: sameLocation). Matching, after normalising case,
 * punctuation and white space:
 *  - long text (title, steps, impact, poc, configuration, mitigation): at least 80% of
 *    the expected key phrase's words occur in the value (an abbreviation such as SQLi or
 *    LFI counts as its words spelled out), and the value is not more than
 *    max(4x the phrase, 1200 characters) (the whole mail is not an answer);
 *  - component: 60% of the expected words, and at least half of its own words expected
 *    (a name, not a phrase around it: "Asterisk and 21.0.1." is not "Asterisk");
 *  - affectedVersions: the same set of version numbers, and nothing else in the value but
 *    range operators and separators ("< 2.3.1, 2.x" counts; "tested on 2.3.1 in prod" does not);
 *  - vulnType, fixedVersion, commit (7+ char prefix), branch, disclosureDate, public,
 *    exploited: equal; cvss: the same vector and the same validity (and score if valid);
 *  - credit: the same kind and, for names and handles, half of the words in common;
 *  - multiple: the same number of parts, each expected phrase found in one title;
 *  - spam: a boolean field of its own (true counts as present).
 */
import { VERSION_TOKEN, versionTokens } from './prose.js';
import type { ExtractResult, FieldName } from './types.js';
import { FIELD_NAMES } from './types.js';

export interface Expected {
  subject?: string;
  attachments?: string[];
  fields: Partial<Record<FieldName, unknown>>;
  multiple?: string[];
  spam: boolean;
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export type EvalField = FieldName | 'multiple' | 'spam';
export const EVAL_FIELDS: EvalField[] = [...FIELD_NAMES, 'multiple', 'spam'];

const LIST_FIELDS = new Set<EvalField>(['cwe', 'cves', 'locations']);
const LONG_TEXT = new Set<EvalField>(['title', 'steps', 'impact', 'poc', 'configuration', 'mitigation']);

export function words(s: string): string[] {
  return s
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}_@.\-/]+/gu, ' ')
    .replace(/(?<=\w)[.\-/]+(?=\s|$)/g, '')
    .split(/\s+/)
    .filter(Boolean);
}

/** Abbreviations a triager writes either way: "LFI" and "local file inclusion" are one title. */
const SPELLED: Record<string, string[]> = {
  sqli: ['sql', 'injection'],
  lfi: ['local', 'file', 'inclusion'],
  rfi: ['remote', 'file', 'inclusion'],
  rce: ['remote', 'code', 'execution'],
  xss: ['cross-site', 'scripting'],
  csrf: ['cross-site', 'request', 'forgery'],
  ssrf: ['server-side', 'request', 'forgery'],
  xxe: ['xml', 'external', 'entity'],
  idor: ['insecure', 'direct', 'object', 'reference'],
  dos: ['denial', 'of', 'service'],
};

function spelled(ws: string[]): string[] {
  return ws.flatMap((w) => SPELLED[w] ?? [w]);
}

function recall(expected: string[], got: string[]): number {
  if (!expected.length) return 1;
  const g = new Set(got);
  return expected.filter((w) => g.has(w)).length / expected.length;
}

export function normaliseLocation(s: string): string {
  let v = s
    .trim()
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const m = /^(https?:\/\/)([^/]+)(.*)$/i.exec(v);
  if (m) v = `${m[1]!.toLowerCase()}${m[2]!.toLowerCase()}${m[3]}`;
  return v;
}

/** Whether a value is versions and ranges only, as a triager writes them (strict: not a sentence around them). */
export function onlyVersions(value: string): boolean {
  const rest = value
    .replace(VERSION_TOKEN, ' ')
    .replace(/\b(?:and|or|to|through|before|prior to|up to|earlier|later|all|versions?)\b/gi, ' ')
    .replace(/[\s,;&|+<>=≤≥–-]+/g, '');
  return rest === '';
}

/**
 * A location as the label gives it, found as extracted: the same, or the label is the
 * path (or the file name) the extracted URL or path ends with ("hlplist.php" and
 * "/fudforum/adm/hlplist.php" are both http://localhost/fudforum/adm/hlplist.php).
 */
export function sameLocation(expected: string, got: string): boolean {
  if (expected === got) return true;
  if (/^https?:\/\//i.test(expected)) return false;
  const path = got.replace(/^https?:\/\/[^/]+/i, '');
  const e = expected.replace(/^\.?\//, '');
  return path === expected || path.endsWith(`/${e}`);
}

function matches(field: EvalField, expected: unknown, got: unknown): boolean {
  if (LONG_TEXT.has(field)) {
    const e = String(expected);
    const g = String(got);
    return recall(spelled(words(e)), spelled(words(g))) >= 0.8 && g.length <= Math.max(4 * e.length, 1200);
  }
  switch (field) {
    case 'component': {
      const e = words(String(expected));
      const g = words(String(got));
      return recall(e, g) >= 0.6 && recall(g, e) >= 0.5;
    }
    case 'affectedVersions': {
      // A label's range ("< 2.3.1") is compared by its versions, as the extracted value is.
      const e = new Set(
        (expected as string[]).flatMap((v) => {
          const t = versionTokens(v);
          return t.length ? t : [v.toLowerCase().replace(/^v/, '')];
        }),
      );
      // A major release alone ("4", "v4") is a version on either side, as the label writes it.
      const parts = String(got).split(/\s*,\s*/);
      const major = (p: string): boolean => /^v?\d{1,4}$/i.test(p);
      const g = new Set(parts.flatMap((p) => (major(p) ? [p.replace(/^v/i, '')] : versionTokens(p))));
      return e.size === g.size && [...e].every((v) => g.has(v)) && onlyVersions(parts.filter((p) => !major(p)).join(', '));
    }
    case 'commit': {
      const e = String(expected).toLowerCase();
      const g = String(got).toLowerCase();
      return Math.min(e.length, g.length) >= 7 && (e.startsWith(g) || g.startsWith(e));
    }
    case 'cvss': {
      const e = expected as { vector: string; valid: boolean; score?: number };
      const g = got as { vector: string; valid: boolean; score?: number };
      return e.vector === g.vector && e.valid === g.valid && (!e.valid || e.score === undefined || e.score === g.score);
    }
    case 'credit': {
      const e = expected as { kind: string; name?: string };
      const g = got as { kind: string; name?: string };
      if (e.kind !== g.kind) return false;
      if (e.kind === 'anonymous') return true;
      const ew = words((e.name ?? '').replace(/^@/, ''));
      const gw = words((g.name ?? '').replace(/^@/, ''));
      return recall(ew, gw) >= 0.5 && recall(gw, ew) >= 0.5;
    }
    case 'vulnType':
    case 'fixedVersion':
    case 'branch':
    case 'disclosureDate':
      return (
        String(expected).toLowerCase() ===
        String(got)
          .toLowerCase()
          .replace(/^v(?=\d)/, '')
      );
    default:
      return expected === got;
  }
}

function listItems(field: EvalField, v: unknown): string[] {
  const items = (v as string[] | undefined) ?? [];
  return [...new Set(items.map((x) => (field === 'locations' ? normaliseLocation(x) : x.toUpperCase())))];
}

export interface ReportScore {
  name: string;
  tallies: Record<EvalField, Tally>;
  misses: string[];
}

export function scoreReport(name: string, expected: Expected, got: ExtractResult): ReportScore {
  const tallies = Object.fromEntries(EVAL_FIELDS.map((f) => [f, { tp: 0, fp: 0, fn: 0 }])) as Record<EvalField, Tally>;
  const misses: string[] = [];
  for (const f of FIELD_NAMES) {
    const e = expected.fields[f];
    const g = got.fields[f]?.value;
    const t = tallies[f];
    if (LIST_FIELDS.has(f)) {
      const ei = listItems(f, e);
      const gi = listItems(f, g);
      const same = f === 'locations' ? sameLocation : (a: string, b: string) => a === b;
      for (const x of gi)
        if (ei.some((y) => same(y, x))) t.tp++;
        else {
          t.fp++;
          misses.push(`${f}: unexpected ${x}`);
        }
      for (const x of ei)
        if (!gi.some((y) => same(x, y))) {
          t.fn++;
          misses.push(`${f}: missed ${x}`);
        }
      continue;
    }
    if (e == null && g === undefined) continue;
    if (e == null) {
      t.fp++;
      misses.push(`${f}: unexpected ${JSON.stringify(g).slice(0, 80)}`);
      continue;
    }
    if (g === undefined) {
      t.fn++;
      misses.push(`${f}: missed`);
      continue;
    }
    if (matches(f, e, g)) t.tp++;
    else {
      t.fp++;
      t.fn++;
      misses.push(`${f}: wrong ${JSON.stringify(g).slice(0, 80)}`);
    }
  }
  const em = expected.multiple;
  const gm = got.multiple?.map((p) => p.title);
  if (em && gm) {
    const ok = em.length === gm.length && em.every((p) => gm.some((t) => recall(words(p), words(t)) >= 0.8));
    if (ok) tallies.multiple.tp++;
    else {
      tallies.multiple.fp++;
      tallies.multiple.fn++;
      misses.push(`multiple: wrong ${JSON.stringify(gm).slice(0, 120)}`);
    }
  } else if (em) {
    tallies.multiple.fn++;
    misses.push('multiple: missed');
  } else if (gm) {
    tallies.multiple.fp++;
    misses.push(`multiple: unexpected ${JSON.stringify(gm).slice(0, 120)}`);
  }
  if (expected.spam && got.spam.likely) tallies.spam.tp++;
  else if (expected.spam) {
    tallies.spam.fn++;
    misses.push('spam: missed');
  } else if (got.spam.likely) {
    tallies.spam.fp++;
    misses.push('spam: unexpected');
  }
  return { name, tallies, misses };
}

export interface CorpusScore {
  reports: number;
  perField: Record<EvalField, Tally & { precision: number; recall: number }>;
  overall: Tally & { precision: number; recall: number };
  details: ReportScore[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

export function scoreCorpus(scores: ReportScore[]): CorpusScore {
  const perField = {} as CorpusScore['perField'];
  const all: Tally = { tp: 0, fp: 0, fn: 0 };
  for (const f of EVAL_FIELDS) {
    const t: Tally = { tp: 0, fp: 0, fn: 0 };
    for (const s of scores) {
      t.tp += s.tallies[f].tp;
      t.fp += s.tallies[f].fp;
      t.fn += s.tallies[f].fn;
    }
    all.tp += t.tp;
    all.fp += t.fp;
    all.fn += t.fn;
    perField[f] = { ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) };
  }
  return {
    reports: scores.length,
    perField,
    overall: { ...all, precision: ratio(all.tp, all.tp + all.fp), recall: ratio(all.tp, all.tp + all.fn) },
    details: scores,
  };
}

export function formatScore(s: CorpusScore): string {
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [`${'field'.padEnd(18)}${'TP'.padStart(5)}${'FP'.padStart(5)}${'FN'.padStart(5)}  precision  recall`];
  for (const f of EVAL_FIELDS) {
    const t = s.perField[f];
    lines.push(`${f.padEnd(18)}${String(t.tp).padStart(5)}${String(t.fp).padStart(5)}${String(t.fn).padStart(5)}  ${pct(t.precision)}    ${pct(t.recall)}`);
  }
  const o = s.overall;
  lines.push(
    `${'overall'.padEnd(18)}${String(o.tp).padStart(5)}${String(o.fp).padStart(5)}${String(o.fn).padStart(5)}  ${pct(o.precision)}    ${pct(o.recall)}`,
    `${s.reports} reports`,
  );
  return lines.join('\n');
}
