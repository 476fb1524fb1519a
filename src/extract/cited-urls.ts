/**
 * The URLs a report gives as references rather than as places: on a reference line or under
 * a References heading, offered as where to get the product or read about it ("The
 * application can be downloaded from URL …"), on a footnote's line that the prose cites
 * ("as reported [1]" … "[1] http://…"), or as a Markdown link's target under words of its own
 * ("rendered within a [`Choices`](https://…)", "our [disclosure policy](https://…)"). Named
 * again elsewhere ("Product URL: …" above, "(…)" in the prose below), such a URL is still the
 * product's or a document's page, not where the bug is. Never cited: a link into the
 * product's code, a URL on the reporter's test host (an IP, localhost, a placeholder), a link
 * whose words are its address or name an endpoint ("the [export API](https://…)"), a URL the
 * sentence says anyone can fetch ("… is available at https://shop/.git/ without authentication"). Pure;
 * one pass over the text's URLs with bounded look-behinds (untrusted report text).
 */
import { sourceFilePath } from './code-links.js';
import { MACHINE_HOST, TARGET_HOST } from './location-filters.js';
import { cleanLocation, URL_RE } from './url-text.js';

/** A footnote's line: "[1] http://management.silicon.com/itpro/…". */
const FOOTNOTE_LINE = /^\s*\[(\d{1,3})\][ \t]*https?:\/\//;
/**
 * The product or a document offered for download or reading before the URL, in its sentence
 * ("The application can be downloaded from URL", "the code that can be found here:", "Full-Disclosure
 * Policy v2.0, available at:", "New version … can be download here:" as some write it), the URL on its
 * line or the next; a download's up to three lines below. A file the report says anyone can fetch
 * ("The database backup can be downloaded from … without authentication") is the flaw's place: EXPOSED.
 */
const OFFERED_AT =
  /\b(?:application|software|product|plugin|extension|module|package|program|source(?: code)?|code|tool|driver|firmware|update|patch|fix|release|installer|latest version|(?:new|fixed|patched|updated) version of|binar(?:y|ies)|(?:more )?(?:info(?:rmation)?|details)|advisory|paper|write-?up|article|documentation|exploit|poc|policy|guidelines)\b(?:[^.!?\n]|\.(?=\d)){0,40}\b(?:(?:can|may|could) be (?:downloaded|found|obtained)|(?:is |are )?available (?:for download )?(?:at|from|here))\b[^.!?\n]{0,30}\n?[ \t]*$|\b(?:can|may|could) be download(?:ed)?\b[^.!?\n]{0,30}(?:\n[ \t]*){0,3}$|\bavailable for download (?:from|at|here)\b[^.!?\n]{0,30}(?:\n[ \t]*){0,3}$/i;
/** Characters before a URL read for the words that offer it. */
const OFFER_WINDOW = 140;
/** Characters of a Markdown link's words that are read. */
const MAX_LINK_WORDS = 200;
/** Link words that name a part of the product: the link is its address ("the [avatar upload endpoint](https://…)"). */
const NAMES_A_PLACE = /\b(?:endpoints?|api|url|page|route|path|form|upload|handler|request|console|panel|dashboard|server|service|interface|login)\b/i;
/** Link words that name a document all the same ("[API documentation](…)", "[bug bounty page](…)", "[changelog page](…)"). */
const NAMES_A_DOCUMENT =
  /\b(?:documentation|docs?|spec(?:ification)?s?|reference|guides?|manual|write-?ups?|blog|changelog|release notes|polic(?:y|ies)|bug bounty|bounty|advisor(?:y|ies)|report|article|post|readme|wiki|faq|cheat ?sheet)\b/i;
/** Words around a URL that say anyone can fetch it: the flaw's place, whatever the sentence offers. */
const EXPOSED =
  /\b(?:without (?:any )?(?:auth\w*|login|credentials|password)|unauthenticated|by anyone|anyone can|over (?:plain )?http\b|publicly|exposed|leak\w*|no (?:auth\w*|login|password))/i;
/** Characters after a URL read for those words (the rest of its sentence, about). */
const EXPOSED_AFTER = 120;

/** The cited URLs of `text`, cleaned as places are. */
export function citedUrls(text: string, inReferences: (i: number) => boolean): Set<string> {
  const cited = new Set<string>();
  // The start of the current line, moved on with the matches (a search back from each URL would run quadratic on one long line of URLs).
  let lineStart = 0;
  let nextLine = text.indexOf('\n');
  let markers: Set<string> | undefined;
  for (const m of text.matchAll(URL_RE)) {
    const v = cleanLocation(m[0]);
    while (nextLine !== -1 && nextLine < m.index) {
      lineStart = nextLine + 1;
      nextLine = text.indexOf('\n', lineStart);
    }
    // The product's code and the reporter's test host are places wherever they are named.
    if (sourceFilePath(v) !== undefined || TARGET_HOST.test(v) || MACHINE_HOST.test(v)) continue;
    const around = text.slice(Math.max(0, m.index - OFFER_WINDOW), m.index + m[0].length + EXPOSED_AFTER);
    const offered = OFFERED_AT.test(text.slice(Math.max(0, m.index - OFFER_WINDOW), m.index)) && !EXPOSED.test(around);
    const note = m.index - lineStart <= 8 ? FOOTNOTE_LINE.exec(text.slice(lineStart, m.index + 8)) : null;
    // A footnote only when the prose cites its number ("… as reported [1]."); a numbered list of PoC URLs is none.
    const footnote = note !== null && (markers ??= citedMarkers(text)).has(note[1]!);
    if (offered || footnote || inReferences(m.index) || citationLink(text, m.index)) cited.add(v);
  }
  return cited;
}

/** The numbers "[n]" the text cites inside a line (not at a line's start, where a footnote or a list item stands). */
function citedMarkers(text: string): Set<string> {
  // After a blank: an index in code ("sys.argv[1]") is no citation.
  return new Set([...text.matchAll(/(?<=\S[ \t]{1,3})\[(\d{1,3})\]/g)].map((m) => m[1]!));
}

/** Whether the URL at `at` is a Markdown link's target under words of its own. */
function citationLink(text: string, at: number): boolean {
  if (text.slice(at - 2, at) !== '](') return false;
  // The link's words: back to its "[" on the same line, without another "]" between (found, not matched: a run of "[" stays linear).
  const near = text.slice(Math.max(0, at - 3 - MAX_LINK_WORDS), at - 2);
  const open = near.lastIndexOf('[');
  if (open < 0) return false;
  const words = near.slice(open + 1);
  if (!words.trim() || /[\]\n]/.test(words)) return false;
  const plain = words.replace(/[`*_]/g, '').trim();
  return !/^(?:https?:\/\/|www\.|\/)|^[\w.-]+\.[a-z]{2,}(?:\/|$)/i.test(plain) && (!NAMES_A_PLACE.test(plain) || NAMES_A_DOCUMENT.test(plain));
}
