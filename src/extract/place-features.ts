/**
 * What the place model (place-model.ts) reads of each place findLocations kept: its shape
 * (a URL, a route, a source file ...), its host, how often and where the report names it,
 * the line and the section it stands in. Each feature is a number in [0, 1] or a small
 * log count, named so that a trained weight says what it rewards. Pure; the text is the
 * report (untrusted), read with bounded, anchored regexes and bounded scans.
 */
import type { Tally } from './evaluate.js';
import type { Section } from './sections.js';

/** The features, in the order of a row; the weights file (place-weights.ts) is keyed by these names. */
export const PLACE_FEATURES = [
  'url',
  'hostRoot',
  'absoluteFile',
  'absoluteRoute',
  'relativePath',
  'bareFile',
  'windowsPath',
  'targetHost',
  'namedHost',
  'hostInTitle',
  'webScript',
  'sourceFile',
  'query',
  'depth',
  'payloadWord',
  'mentions',
  'rank',
  'places',
  'first',
  'position',
  'fileInTitle',
  'requestLine',
  'vulnerableLabel',
  'inCodeBlock',
  'flawWordsNear',
  'inStepsSection',
  'inPocSection',
  'inImpactSection',
  'inMitigationSection',
  'inReferenceSection',
  'inDescriptionSection',
  'beforeAnySection',
] as const;
export type PlaceFeature = (typeof PLACE_FEATURES)[number];

/** A trained place model as place-weights.ts holds it (place-training.ts makes it). */
export interface PlaceWeights {
  trainedOn: { reports: number; places: number; listed: number };
  lambda: number;
  threshold: number;
  /** Cross-validated on the training reports, at that threshold: the locations field's tallies with and without the model. */
  crossValidated: { without: Tally; with: Tally };
  bias: number;
  /** By feature name (PLACE_FEATURES). */
  weights: Record<string, number>;
}

/** Mentions counted at most: past this a place is "named often" and the scan of a long text stops. */
const MAX_MENTIONS = 20;
/** Characters either side of a place read for words about a flaw. */
const NEAR = 120;

/** Hosts that stand for the system under test (an IP, localhost, a placeholder or example name). */
const TARGET_HOST = /^(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[\w:.]*\]?)$|\b(?:example|target|victim|vuln|test|local|site|host|ip)\b|[<[{]/;
const WEB_SCRIPT = /^(?:php\d?|phtml|aspx?|ashx|jsp|jspx|cgi|pl|do|action|cfm|html?|shtml|xgi|cmd|sdirect)$/;
const SOURCE_FILE = /^(?:c|h|cc|cpp|cxx|hpp|py|rb|go|rs|java|kt|js|ts|tsx|jsx|mjs|cjs|cs|swift|scala|lua|sh|inc|inl|tpl|twig|erb|ejs|vue|svelte|scss|m)$/;
/** Words of a PoC's own files and payloads ("/tmp/exploit.sh", "/etc/passwd", "evil.html"). */
const PAYLOAD_WORD = /exploit|poc|payload|shell|passwd|\/tmp\/|evil|attacker|hack|xss|pwn/i;
const FLAW_WORDS = /vulnerab|inject|flaw|\bbug\b|issue in|in the file|endpoint|function|affected/;
const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s/;
const REFERENCE_HEADING = /reference|resource|link|credit|timeline|see also/;
const DESCRIPTION_HEADING = /descr|detail|summary|overview|vulnerab|analysis|root cause/;

export interface PlaceContext {
  /** The report's text as extraction read it (comment marks removed), and its Subject. */
  text: string;
  subject: string;
  sections: Section[];
  code: Array<{ start: number; end: number }>;
}

/** One row of features for each place, in the order given; index is where the place stands in the text (-1: not found). */
export function placeFeatures(ctx: PlaceContext, places: Array<{ value: string; index: number }>): number[][] {
  const { text } = ctx;
  const firstLine = text.slice(0, Math.max(0, text.indexOf('\n')));
  const head = `${ctx.subject}\n${firstLine}`.toLowerCase();
  return places.map(({ value: v, index }, rank) => {
    const i = Math.max(0, index);
    const lineStart = text.lastIndexOf('\n', i - 1) + 1;
    const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    const line = text.slice(lineStart, lineEnd);
    const near = text.slice(Math.max(0, i - NEAR), Math.min(text.length, i + v.length + NEAR)).toLowerCase();
    const isUrl = /^https?:\/\//i.test(v);
    const path = isUrl ? v.replace(/^https?:\/\/[^/]+/i, '') : v;
    const bare = path.replace(/[?#].*$/, '');
    const host = isUrl
      ? v
          .replace(/^https?:\/\/([^/?#]+).*$/i, '$1')
          .replace(/:\d+$/, '')
          .toLowerCase()
      : '';
    const targetHost = isUrl && TARGET_HOST.test(host);
    const domain = host.split('.').slice(-2, -1)[0] ?? '';
    const ext = (/\.([A-Za-z0-9]{1,6})$/.exec(bare)?.[1] ?? '').toLowerCase();
    const fileName = bare.split(/[\\/]/).filter(Boolean).pop() ?? '';
    const section = sectionAt(ctx.sections, i);
    const fields = new Set(section?.fields ?? []);
    const heading = section?.heading.toLowerCase() ?? '';
    const row: Record<PlaceFeature, number> = {
      url: +(isUrl && path.length > 1),
      hostRoot: +(isUrl && path.length <= 1),
      absoluteFile: +(!isUrl && v.startsWith('/') && ext !== ''),
      absoluteRoute: +(!isUrl && v.startsWith('/') && ext === ''),
      relativePath: +(!isUrl && !v.startsWith('/') && v.includes('/')),
      bareFile: +(!isUrl && !/[\\/]/.test(v)),
      windowsPath: +v.includes('\\'),
      targetHost: +targetHost,
      namedHost: +(isUrl && !targetHost),
      hostInTitle: +(domain.length > 2 && head.includes(domain)),
      webScript: +WEB_SCRIPT.test(ext),
      sourceFile: +SOURCE_FILE.test(ext),
      query: +v.includes('?'),
      depth: Math.min(6, (path.match(/\//g) ?? []).length) / 6,
      payloadWord: +PAYLOAD_WORD.test(v),
      mentions: Math.log1p(mentions(text, bare.length > 2 ? bare : v)),
      rank: Math.log1p(rank),
      places: Math.log1p(places.length),
      first: +(rank === 0),
      position: text.length ? i / text.length : 0,
      fileInTitle: +(fileName.length > 2 && head.includes(fileName.toLowerCase())),
      requestLine: +REQUEST_LINE.test(line),
      vulnerableLabel: +/vulnerab|affected/i.test(text.slice(lineStart, i)),
      inCodeBlock: +ctx.code.some((c) => c.start <= i && i < c.end),
      flawWordsNear: +FLAW_WORDS.test(near),
      inStepsSection: +fields.has('steps'),
      inPocSection: +fields.has('poc'),
      inImpactSection: +fields.has('impact'),
      inMitigationSection: +fields.has('mitigation'),
      inReferenceSection: +REFERENCE_HEADING.test(heading),
      inDescriptionSection: +DESCRIPTION_HEADING.test(heading),
      beforeAnySection: +!section,
    };
    return PLACE_FEATURES.map((f) => row[f]);
  });
}

/** How often the text names a place, counted up to MAX_MENTIONS. */
function mentions(text: string, what: string): number {
  let n = 0;
  for (let at = text.indexOf(what); at >= 0 && n < MAX_MENTIONS; at = text.indexOf(what, at + what.length)) n++;
  return n;
}

/** The last section whose heading starts at or before an offset (sections come in order): binary search. */
function sectionAt(sections: Section[], at: number): Section | undefined {
  let lo = 0;
  let hi = sections.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sections[mid]!.headingStart <= at) lo = mid + 1;
    else hi = mid;
  }
  return sections[lo - 1];
}
