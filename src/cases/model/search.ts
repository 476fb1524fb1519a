/**
 * Ranking for `cases search`: which cases a query matches and in what order. Every word
 * of the query must occur (case- and accent-insensitive, as a word prefix) somewhere in
 * the case's text; a case ranks by where the words occur (subject and title above report
 * fields above message text) and how often. Pure: the store hands it each case's texts
 * (decrypted on demand; see cases/store/search.ts). Input: the operator's query.
 */
export interface SearchTexts {
  subject: string;
  fields: string;
  messages: string;
}

export interface SearchHit {
  score: number;
  /** Where the words were found: subject, fields, messages. */
  where: Array<keyof SearchTexts>;
}

const WEIGHT: Record<keyof SearchTexts, number> = { subject: 5, fields: 3, messages: 1 };

/** Lower-cased, accents removed: "Ünïcode" matches "unicode". */
export function foldText(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The query's words, folded; words of one character are dropped (they match everything). */
export function queryWords(query: string): string[] {
  return [
    ...new Set(
      foldText(query)
        .split(/[^\p{L}\p{N}_.-]+/u)
        .filter((w) => w.length > 1),
    ),
  ];
}

// Outside a class, in u-mode, '-' must not be escaped (\- is a syntax error there).
const escapeRe = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether and how well a case's texts match the words; undefined when some word is missing. */
export function scoreCase(words: readonly string[], texts: SearchTexts): SearchHit | undefined {
  if (!words.length) return undefined;
  const folded = { subject: foldText(texts.subject), fields: foldText(texts.fields), messages: foldText(texts.messages) };
  let score = 0;
  const where = new Set<keyof SearchTexts>();
  for (const w of words) {
    // A word prefix: "inject" finds "injection", "xss" does not find "exss".
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(w)}`, 'gu');
    let found = false;
    for (const part of ['subject', 'fields', 'messages'] as const) {
      const n = Math.min(folded[part].match(re)?.length ?? 0, 10);
      if (n) {
        found = true;
        where.add(part);
        score += WEIGHT[part] * (1 + Math.log2(n));
      }
    }
    if (!found) return undefined;
  }
  return { score: Math.round(score * 100) / 100, where: [...where] };
}
