/**
 * How alike two reports are, for duplicate candidates: word-shingle Jaccard similarity
 * of their texts, plus agreement on vulnerability type and component. Pure; texts are
 * lower-cased, reduced to words, and capped so that a huge report costs no more than
 * MAX_SIMILARITY_WORDS words.
 */

export const MAX_SIMILARITY_WORDS = 5000;
const STOP = new Set(
  'the a an and or of to in on at for with is are was be it this that i we you your our my by as from can could if when then there have has not no but so'.split(
    ' ',
  ),
);

export function shingles(text: string, k = 3): Set<string> {
  const words = text
    .toLowerCase()
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}_./-]+/u)
    .filter((w) => w && !STOP.has(w))
    .slice(0, MAX_SIMILARITY_WORDS);
  const out = new Set<string>();
  if (words.length < k) {
    if (words.length) out.add(words.join(' '));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(' '));
  return out;
}

/**
 * A 53-bit hash of a string (cyrb53, public domain): shingles as numbers, exact in a double.
 */
function hash53(str: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A text's shingles as sorted, distinct 53-bit hashes. Their Jaccard is the shingles' own
 * unless two shingles collide (for two reports of 5,000 words, about 1 in 10^8): the
 * exact check of duplicates.ts keeps ~2 KiB per case instead of a set of strings (10-100
 * KiB), so every open case stays in memory, and compares two in one merge.
 */
export function shinglePrints(set: Iterable<string>): Float64Array {
  const out = Float64Array.from(set, hash53).sort();
  let n = 0;
  for (let i = 0; i < out.length; i++) if (i === 0 || out[i] !== out[i - 1]) out[n++] = out[i] as number;
  return out.subarray(0, n);
}

/** Jaccard similarity of two shinglePrints. */
export function jaccardPrints(a: Float64Array, b: Float64Array): number {
  if (!a.length && !b.length) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let inter = 0;
  const [small, big] = a.size < b.size ? [a, b] : [b, a];
  for (const x of small) if (big.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export interface ReportSketch {
  text: string;
  vulnType?: string | undefined;
  component?: string | undefined;
}

// A new report is compared with up to 500 open cases, each naming one of a few
// components: their word lists are made once, not once per comparison.
const componentWords = new Map<string, string[]>();
const COMPONENT_WORDS_KEPT = 1024;

function wordsOf(s: string): string[] {
  let w = componentWords.get(s);
  if (!w) {
    w = s
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((x) => x.length > 1 && !STOP.has(x));
    if (componentWords.size >= COMPONENT_WORDS_KEPT) componentWords.clear();
    componentWords.set(s, w);
  }
  return w;
}

// The new report's component is compared with up to 500 others: its word set is made once.
let lastSet: { of: string; words: Set<string> } | undefined;

function sameComponent(a?: string, b?: string): boolean {
  if (!a || !b) return false;
  if (lastSet?.of !== a) lastSet = { of: a, words: new Set(wordsOf(a)) };
  const wa = lastSet.words;
  const wb = wordsOf(b);
  return wb.length > 0 && wb.filter((w) => wa.has(w)).length / Math.min(wa.size || 1, wb.length) >= 0.5;
}

export interface Similarity {
  score: number;
  reasons: string[];
}

/** 0..1: 0.5 x text similarity (Jaccard on 3-word shingles, which is rarely above 0.5 for
 *  two honest reports of one bug, hence doubled and capped), plus 0.25 each for the same
 *  type and the same component. */
export function similarity(a: ReportSketch, b: ReportSketch): Similarity {
  return similarityGiven(a, b, jaccard(shingles(a.text), shingles(b.text)));
}

/** The score and its reasons for a text similarity already measured (shingles made once for many comparisons). */
export function similarityGiven(a: Omit<ReportSketch, 'text'>, b: Omit<ReportSketch, 'text'>, text: number): Similarity {
  const reasons: string[] = [];
  if (a.vulnType && a.vulnType === b.vulnType) reasons.push('same_type');
  if (sameComponent(a.component, b.component)) reasons.push('same_component');
  reasons.push(`text:${text.toFixed(2)}`);
  return { score: Math.round(textlessScore(a, b, text) * 1000) / 1000, reasons };
}

/** The same score from a text similarity measured elsewhere (a MinHash estimate): type and component compared here. */
export function textlessScore(a: Omit<ReportSketch, 'text'>, b: Omit<ReportSketch, 'text'>, text: number): number {
  let score = 0.5 * Math.min(1, text * 2);
  if (a.vulnType && a.vulnType === b.vulnType) score += 0.25;
  if (sameComponent(a.component, b.component)) score += 0.25;
  return score;
}
