/**
 * What the place model (place-model.ts) reads of each place findLocations kept: its shape
 * (a URL, a route, a source file ...), its host, how often and where the report names it,
 * its siblings in the list, the line and the section it stands in. Each feature is a number
 * in [0, 1] or a small log count, named so that a trained weight says what it rewards.
 * Pure; the text is the report (untrusted). Everything read of the whole text is read once
 * (mentions, lines, sections, code blocks); each place then costs a few lookups, bounded
 * slices and linear regexes on its own value, so a list of thousands stays linear.
 */
import { sourceFilePath } from './code-links.js';
import type { Tally } from './evaluate.js';
import { Lines } from './line-index.js';
import type { Section } from './sections.js';
import { countAtOrBefore } from './sorted-search.js';

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
  'loginPage',
  'mentions',
  'siblings',
  'rank',
  'places',
  'first',
  'position',
  'fileInTitle',
  'requestLine',
  'formAction',
  'parameterValue',
  'vulnerableLabel',
  'labelledPlace',
  'inCodeBlock',
  'flawWordsNear',
  'inStepsSection',
  'inPocSection',
  'inImpactSection',
  'inMitigationSection',
  'inReferenceSection',
  'inDescriptionSection',
  'outsideSections',
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

/** Counts (mentions, places, siblings, rank) are read up to this: past it a place is "named often", a list "long"; the
 *  tune part's longest list is 19, and a weight learnt there says nothing of a dump of thousands. */
const MAX_COUNTED = 20;
/** Characters either side of a place read for words about a flaw. */
const NEAR = 120;
/** Characters of the line before a place read for a label or a parameter's name. */
const BEFORE = 200;
/** Characters of the report's first line read with the Subject as its title. */
const TITLE_LINE = 300;

/** A host's label that stands for the system under test ("example.com", "target", "victim.local"), whole labels only. */
const PLACEHOLDER_LABEL = /^(?:example|target|victim|vuln\w*|test|local|localhost|site|host|ip|domain|yourdomain|your-?site|server)$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const WEB_SCRIPT = /^(?:php\d?|phtml|aspx?|ashx|jsp|jspx|cgi|pl|do|action|cfm|html?|shtml|xgi|cmd|sdirect)$/;
const SOURCE_FILE = /^(?:c|h|cc|cpp|cxx|hpp|py|rb|go|rs|java|kt|js|ts|tsx|jsx|mjs|cjs|cs|swift|scala|lua|inc|inl|tpl|twig|erb|ejs|vue|svelte|scss|m)$/;
/** A PoC's own files and payloads, as whole names ("/tmp/x", "/etc/passwd", "exploit.py", "evil.html"): not "set_passwd.cgi". */
const PAYLOAD_NAME = /^(?:exploit|poc|payload|shell|evil|attacker|hack|xss|pwn)$/i;
const PAYLOAD_PATH = /(?:^|\/)(?:etc\/passwd|tmp\/)/i;
const FLAW_WORDS = /vulnerab|inject|flaw|\bbug\b|issue in|in the file|endpoint|function|affected/;
/** An HTTP request's first line, or a command that sends one ("curl -X PATCH …", "$ wget …"). */
const REQUEST_OR_FETCH_LINE = /^\s*(?:(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s|(?:[$#>]\s*)?(?:curl|wget)\s)/;
/** A sign-in, sign-up or sign-out page: where a step starts, seldom where the flaw is. */
const LOGIN_PAGE = /(?:^|[\\/])(?:log-?in|sign-?in|log-?on|register|sign-?up|log-?out|sign-?out)(?:\.\w{1,5})?$/i;
/** Words that say a place is the vulnerable one, not when negated ("not vulnerable", "unaffected"). */
const VULNERABLE_WORD = /(?<!\bnot |\bnon-|\bun)(?:vulnerab|affected)/i;
const FORM_ACTION = /\baction\s*=\s*["']?$/i;
/** The value of a query parameter or a JSON field ("?url=", '{"target": "'): what the request carries, not where it goes. */
const PARAMETER_VALUE = /(?:[?&][\w.-]{1,30}=|"[\w.-]{1,30}"\s*:\s*")$/;
const REFERENCE_HEADING = /reference|resource|link|credit|timeline|see also/;
const DESCRIPTION_HEADING = /descr|detail|summary|overview|vulnerab|affected|analysis|root cause/;
/** A domain's second-level suffixes ("acme.co.uk", "shop.com.au"): the name is the label before them. */
const SECOND_LEVEL = /^(?:co|com|org|net|gov|ac|edu|or|ne|go)$/;

export interface PlaceContext {
  /** The report's text as extraction read it (comment marks removed), and its Subject. */
  text: string;
  subject: string;
  sections: Section[];
  code: Array<{ start: number; end: number }>;
}

/** One row of features for each place, in the order given; index is where the place stands in the text (-1: not known). */
export function placeFeatures(ctx: PlaceContext, places: ReadonlyArray<{ value: string; index: number }>): number[][] {
  const { text } = ctx;
  const newline = text.indexOf('\n') < 0 ? text.length : text.indexOf('\n');
  const subject = ctx.subject.toLowerCase();
  const head = `${subject}\n${text.slice(0, Math.min(newline, TITLE_LINE))}`.toLowerCase();
  const { lines, mentions } = readOnce(text);
  const folders = new Map<string, number>();
  const shapes = places.map((p) => shapeOf(p.value));
  for (const s of shapes) if (s.folder) folders.set(s.folder, (folders.get(s.folder) ?? 0) + 1);
  return places.map(({ value: v, index }, rank) => {
    const s = shapes[rank]!;
    const known = index >= 0;
    const [lineStart, lineEnd] = known ? lines.bounds(index) : [0, 0];
    const before = known ? text.slice(Math.max(lineStart, index - BEFORE), index) : '';
    const line = known ? text.slice(lineStart, Math.min(lineEnd, lineStart + BEFORE)) : '';
    const near = known ? text.slice(Math.max(0, index - NEAR), Math.min(text.length, index + v.length + NEAR)).toLowerCase() : '';
    const section = known ? sectionAt(ctx.sections, index) : undefined;
    const fields = new Set(section?.fields ?? []);
    const heading = section?.heading.toLowerCase() ?? '';
    const ip = IPV4.test(s.host);
    const labels = s.host.split('.');
    const targetHost = s.isUrl && (ip || /[<[{]/.test(s.host) || labels.some((l) => PLACEHOLDER_LABEL.test(l)));
    const named = labels.length > 2 && SECOND_LEVEL.test(labels.at(-2)!) ? labels.at(-3) : labels.at(-2);
    const domain = ip ? '' : (named ?? '');
    // A place on the first line would find itself there: it is read against the Subject alone.
    const title = known && index < newline ? subject : head;
    const row: Record<PlaceFeature, number> = {
      url: +(s.isUrl && s.path.length > 1),
      hostRoot: +(s.isUrl && s.path.length <= 1),
      absoluteFile: +(!s.isUrl && v.startsWith('/') && s.ext !== ''),
      absoluteRoute: +(!s.isUrl && v.startsWith('/') && s.ext === ''),
      relativePath: +(!s.isUrl && !v.startsWith('/') && v.includes('/')),
      bareFile: +(!s.isUrl && !/[\\/]/.test(v)),
      windowsPath: +v.includes('\\'),
      targetHost: +targetHost,
      namedHost: +(s.isUrl && !targetHost),
      hostInTitle: +(domain.length > 2 && title.includes(domain)),
      webScript: +WEB_SCRIPT.test(s.ext),
      sourceFile: +SOURCE_FILE.test(s.ext),
      query: +v.includes('?'),
      depth: Math.min(6, (s.bare.match(/[\\/]/g) ?? []).length) / 6,
      payloadWord: +(PAYLOAD_PATH.test(s.bare) || s.bare.split(/[\\/._-]+/).some((w) => PAYLOAD_NAME.test(w))),
      loginPage: +LOGIN_PAGE.test(s.bare),
      mentions: Math.log1p(Math.min(MAX_COUNTED, mentions.get(s.key) ?? 0)),
      siblings: s.folder ? Math.log1p(Math.min(MAX_COUNTED, (folders.get(s.folder) ?? 1) - 1)) : 0,
      rank: Math.log1p(Math.min(MAX_COUNTED, rank)),
      places: Math.log1p(Math.min(MAX_COUNTED, places.length)),
      first: +(rank === 0),
      position: known && text.length ? index / text.length : 0.5,
      fileInTitle: +(s.file.length > 2 && title.includes(s.file.toLowerCase())),
      requestLine: +REQUEST_OR_FETCH_LINE.test(line),
      formAction: +FORM_ACTION.test(before),
      parameterValue: +PARAMETER_VALUE.test(before),
      vulnerableLabel: +VULNERABLE_WORD.test(before),
      labelledPlace: +fields.has('locations'),
      inCodeBlock: +(known && inBlock(ctx.code, index)),
      flawWordsNear: +FLAW_WORDS.test(near),
      inStepsSection: +fields.has('steps'),
      inPocSection: +fields.has('poc'),
      inImpactSection: +fields.has('impact'),
      inMitigationSection: +fields.has('mitigation'),
      inReferenceSection: +REFERENCE_HEADING.test(heading),
      inDescriptionSection: +DESCRIPTION_HEADING.test(heading),
      outsideSections: +!section,
    };
    return PLACE_FEATURES.map((f) => row[f]);
  });
}

interface Shape {
  isUrl: boolean;
  /** Lowercased, without user info or port. */
  host: string;
  path: string;
  /** The path without its query or fragment. */
  bare: string;
  ext: string;
  file: string;
  /** Host and parent folder: places that share it are siblings ("/Forms/a", "/Forms/b"); '' for a file or route at the root. */
  folder: string;
  /** What readOnce counts its mentions under (mentionKey). */
  key: string;
}

function shapeOf(v: string): Shape {
  // A URL, or a host and path written without a scheme ("notes.acme.com/notes/shared?id=55"), as the rules keep it.
  const m =
    /^https?:\/\/([^/?#]*)(.*)$/i.exec(v) ??
    /^((?:[\w-]+\.)+(?!(?:php\d?|html?|aspx?|jsp|js|ts|py|rb|cgi|pl|do|action|json|xml|txt|md|java|go|rs)[:/])[a-z]{2,}(?::\d+)?)(\/.*)$/i.exec(v);
  const host = m
    ? m[1]!
        .replace(/^[^@]*@/, '')
        .replace(/:\d+$/, '')
        .toLowerCase()
    : '';
  const path = m ? m[2]! : v;
  const bare = path.replace(/[?#].*$/, '');
  const file = bare.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const ext = (/\.([A-Za-z0-9]{1,6})$/.exec(file)?.[1] ?? '').toLowerCase();
  const parent = bare.slice(0, Math.max(0, bare.search(/[\\/][^\\/]*$/)));
  return { isUrl: !!m, host, path, bare, ext, file, folder: parent ? `${host} ${parent}` : '', key: mentionKey(v) };
}

/** Marks around a token that are not part of what it names: brackets, quotes, emphasis, a sentence's punctuation. */
const LEADING = new Set(['`', '*', '(', '<', '[', '{']);
const TRAILING = new Set(['`', '*', ')', '>', ']', '}', ',', '.', ';', ':', '!', '?']);

/** A token without the marks around it, trimmed by index (a regex tried at each mark of a long run was quadratic). */
function unwrapped(token: string): string {
  let a = 0;
  let b = token.length;
  while (a < b && LEADING.has(token[a]!)) a++;
  while (b > a && TRAILING.has(token[b - 1]!)) b--;
  return token.slice(a, b);
}

/** What a token of the text names, to count it as a mention: no scheme and host, query or line number. */
function mentionKey(token: string): string {
  return unwrapped(token)
    .replace(/^https?:\/\/[^/?#]*/i, '')
    .replace(/[?#].*$/, '')
    .replace(/:\d+$/, '');
}

interface TextRead {
  text: string;
  lines: Lines;
  /** How often each token names a place, as a whole token ("/admin" is not in "/admin/users/5"); a permalink counts for its file. */
  mentions: Map<string, number>;
  /** Where each token (unwrapped) first stands: the offset of a place the rules did not say where they found. */
  firstAt: Map<string, number>;
}
let lastRead: TextRead | undefined;

/** What the features read of the whole text, once per text: its lines and its tokens (split at blanks and quotes). */
export function readOnce(text: string): TextRead {
  if (lastRead?.text === text) return lastRead;
  const mentions = new Map<string, number>();
  const firstAt = new Map<string, number>();
  for (const m of text.matchAll(/[^\s"'`]+/g)) {
    const token = unwrapped(m[0]);
    if (!firstAt.has(token)) firstAt.set(token, m.index + m[0].indexOf(token));
    const k = mentionKey(m[0]);
    if (k) mentions.set(k, (mentions.get(k) ?? 0) + 1);
    const file = /^https?:\/\//i.test(token) ? sourceFilePath(token) : undefined;
    if (file && file !== k) mentions.set(file, (mentions.get(file) ?? 0) + 1);
  }
  lastRead = { text, lines: new Lines(text), mentions, firstAt };
  return lastRead;
}

/** The section an offset stands in: the last heading at or before it, if its value reaches it ("Impact: x" holds its own line only). */
function sectionAt(sections: Section[], at: number): Section | undefined {
  const s = sections[countAtOrBefore(sections, at, (x) => x.headingStart) - 1];
  return s && at < Math.max(s.valueEnd, s.headingEnd) ? s : undefined;
}

/** Whether an offset is inside a code block (they come in order and apart). */
function inBlock(code: Array<{ start: number; end: number }>, at: number): boolean {
  const b = code[countAtOrBefore(code, at, (x) => x.start) - 1];
  return b !== undefined && at < b.end;
}
