/**
 * The issues of a plain-text advisory that lists them without headings the section reader
 * knows: marked item lines of their own ("1) CSRF Add Admin PoC:", "2) Persistent XSS";
 * "[*] Cross-Site Scripting (XSS):"; "-[+]Persistant XSS:"; "#4. Cross-site Scripting"; "1- XSS";
 * "xss-1:"), a summary list numbered line by line, class names alone on their lines, labels that
 * name one flaw each ("Directory Traversal POC:", "SQL Injection POC:"). Read only when the report
 * says it holds several ("Multiple Vulnerabilities", "two vulnerabilities", "'multiple' XSS" in its
 * Subject): a single report's steps and payload lines look the same. Two advisories in one mail,
 * each under its own identifier ("[ONSEC-09-019] …"), need no such claim. Pure; input is hostile
 * text, read line by line with bounded patterns.
 */
import { span } from './builder.js';
import { STEP_START } from './blocks.js';
import { SENTENCE_VERB } from './sentence-verb.js';
import type { ReportPart } from './types.js';
import { canonicalVulnType, findVulnTypes, type TypeHit } from './vuln-types.js';

/** "Multiple Vulnerabilities", "several issues", "two types of vulnerabilities" (a misspelt "Vulnerabilites" too). */
export const SAYS_SEVERAL =
  /\b(?:multiple|several|various|numerous|two|three|four|five|six|[2-9])[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:vulnerabilit\w*|vulns|issues|bugs|flaws|weaknesses|findings)\b|^[ \t]*(?:[-#*[\]|+ ]{0,6})?vulnerabilities[ \t]*:[ \t]*\S[^\n,]*,/im;

/** How far into the text the claim of several issues may sit (its title block and first paragraph). */
const CLAIM_REACH = 1500;

/** Whether the Subject or the opening says in words that the report holds several issues. */
function saysSeveral(text: string, subject: string): boolean {
  return SAYS_SEVERAL.test(subject) || SAYS_SEVERAL.test(text.slice(0, CLAIM_REACH));
}

/**
 * Whether the Subject or the opening says the report holds several issues, or its Subject says there are
 * several of one class ("… 'multiple' Cross Site Scripting (XSS)"). Two classes in a Subject are as often one
 * chain ("CSRF leads to Stored XSS", "SQL Injection to Remote Code Execution") and claim nothing.
 */
export function claimsSeveral(text: string, subject: string): boolean {
  const head = subject.slice(0, SUBJECT_MAX);
  return saysSeveral(text, head) || (findVulnTypes(head).length > 0 && /\b(?:multiple|several)\b/i.test(head));
}
/** Characters of a Subject read for the claim (a longer one is no mail's Subject). */
const SUBJECT_MAX = 300;

/**
 * An item line, trimmed: its marker (a number with "." or ")", "#N.", "[*]", "[+]", "-[+]") then
 * a short title, a colon at most after it; or a class and its number ("xss-1:", "SQLi #2"). Each
 * pattern runs on one trimmed line of ITEM_LINE_MAX characters at most, so the lazy titles stay linear.
 */
const MARKED = /^((\d{1,2})(?:[.)]|-(?=[ \t]))|#(\d{1,2})\.?|-?\[[*+-]\])[ \t]*(?:[-–:][ \t]+)?(\S.{2,99}?):?$/;
/** An advisory's own identifier before its title ("[ONSEC-09-019] Mura CMS XSS"): two of them are two advisories in one mail. */
// Two number groups, as an advisory's series and number ("ONSEC-09-019"); not a ticket's key ("[FOO-1234]") nor a CVE,
// which a report about one flaw cites beside the one it bypasses.
const ADVISORY_ID = /^\[((?!CVE-|CWE-|GHSA-)[A-Z][A-Z0-9]{1,15}-\d{1,7}-\d{1,7})\][ \t]*[-:]?[ \t]*(\S.{2,99})$/;
const NUMBERED_CLASS = /^([A-Za-z][A-Za-z ]{1,30}?)[ \t]*[-#][ \t]*(\d{1,2}):?$/;
/** A label naming a flaw, standing alone above its proof ("Directory Traversal POC:"). */
const FLAW_LABEL = /^([A-Za-z][^:]{2,60}?)[ \t]*:$/;
/** A class's name alone on its line, as a plain heading ("Local File Inclusion !", "XSS ( Cross Site Scripting )"). */
const BARE_CLASS = /^([A-Za-z][A-Za-z ()/-]{1,60}?)[ \t]*[!:]?$/;
/** Words a bare class line holds besides the class's own (a bracketed spelling-out, "vulnerability"). */
const BARE_WORDS_MAX = 2;
/** A rule line between blocks ("-----", "=====", "-[=====]"), which counts as blank above an item. */
const RULE = /^-?\[?[-=_~*#]{3,}\]?$/;
/** More items than this are a list of something else (changes, files, test cases), not of one mail's issues. */
const PARTS_MAX = 20;
/** An item line is a title's length (characters, trimmed): longer lines are prose or code, never read as items. */
const ITEM_LINE_MAX = 160;

interface Item {
  title: string;
  start: number;
  /** Its number, when the marker gives one. */
  n?: number;
  /** The marker's kind: items of one list share it. */
  style: string;
  /** The advisory identifier it is marked with. */
  id?: string;
}

/** A part of the advisory's outline, not one of its issues ("-[+]Conclusion:", "[*] Timeline:"). */
const OUTLINE =
  /^(?:conclusions?|introduction|overview|summary|description|details|background|timeline|disclosure timeline|references?|credits?|thanks|greetz|greetings|disclaimer|contact|about\b.*|notes?|solution|fix|workarounds?|impact|proof of concept|poc|exploit|vendor\b.*|affected\b.*|tested on)$/i;

/**
 * A title short enough for a heading (longer after a number: "2. Locally Saved SQL Dump File Multiple
 * File Extension Remote Code Execution") and not a sentence, a step, a link, a part of the outline or
 * the title of the whole ("[+] CMS Buzz (xss/Change Password) Multiple Remote Vulnerabilities"; a
 * part may be several of one class: "1. Multiple SQL-injection vulnerabilities").
 */
function titleLike(t: string, words = 10): boolean {
  return (
    t.split(/\s+/).length <= words &&
    !/[.;,]$/.test(t) &&
    !/:\/\//.test(t) &&
    !STEP_START.test(t) &&
    !OUTLINE.test(t) &&
    // A sentence about one issue ("SQL injection is not possible here", "The stored XSS payload fires"), not a title.
    !SENTENCE_VERB.test(t) &&
    (!SAYS_SEVERAL.test(t) || /^(?:multiple|several|various|numerous)\b/i.test(t))
  );
}
/** Words a numbered item's title may have. */
const NUMBERED_WORDS_MAX = 14;

/** An advisory's identifier and title ("[ONSEC-09-019] Mura CMS XSS"), or undefined. */
function idItemOf(line: string, start: number): Item | undefined {
  const t = line.trim();
  const id = t.length <= ITEM_LINE_MAX ? ADVISORY_ID.exec(t) : null;
  return id && titleLike(id[2]!) ? { title: id[2]!, start: start + line.indexOf(id[2]!), style: 'id', id: id[1]! } : undefined;
}

function itemOf(line: string, start: number): Item | undefined {
  const t = line.trim();
  if (t.length > ITEM_LINE_MAX) return undefined;
  const at = (title: string): number => start + line.indexOf(title);
  const id = idItemOf(line, start);
  if (id) return id;
  const m = MARKED.exec(t);
  if (m) {
    const title = m[4]!.trim();
    const n = m[2] ?? m[3];
    if (!titleLike(title, n ? NUMBERED_WORDS_MAX : undefined)) return undefined;
    // Items of one list share their marker: "1)" and "2)", not "1." and "2)".
    const style = m[1]!.replace(/\d+/, 'N');
    return { title, start: at(title), style, ...(n ? { n: Number(n) } : {}) };
  }
  const c = NUMBERED_CLASS.exec(t);
  if (c && findVulnTypes(c[1]!).length > 0) return { title: t.replace(/:$/, ''), start: at(c[1]!), n: Number(c[2]), style: 'class' };
  const l = FLAW_LABEL.exec(t);
  if (l && titleLike(l[1]!) && findVulnTypes(l[1]!).length > 0) return { title: l[1]!, start: at(l[1]!), style: 'label' };
  const bare = BARE_CLASS.exec(t);
  if (bare && bareClass(bare[1]!)) return { title: bare[1]!.trim(), start: at(bare[1]!), style: 'bare' };
  return undefined;
}

/** A class's name and at most a couple of words more ("SQL Injection", "XSS ( Cross Site Scripting )"). */
function bareClass(t: string): boolean {
  const hits = findVulnTypes(t);
  if (!hits.length || !titleLike(t)) return false;
  const rest = withoutHits(t, hits);
  // A bracket spells the class out ("XSS ( Cross Site Scripting )"): its words are the class's.
  const words = rest.replace(/\([^()]*\)/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  return words.filter((w) => !/^(?:vulnerability|vuln|bug|issue|flaw)$/i.test(w)).length <= BARE_WORDS_MAX;
}

/** A title without the class names found in it (each class's first mention), to see what else it says. */
function withoutHits(title: string, hits: TypeHit[]): string {
  let rest = title;
  for (const h of [...hits].sort((a, b) => b.index - a.index)) rest = rest.slice(0, h.index) + rest.slice(h.index + h.length);
  return rest;
}

/**
 * Item lines standing alone (a blank line, a rule or the start of the text above each), and the
 * numbered items that follow such an item line by line ("1. Multiple SQL-injection vulnerabilities"
 * / "2. Multiple unauthorized access vulnerabilities": a summary's list of the issues).
 */
function standaloneItems(text: string, idsOnly: boolean): Item[] {
  const out: Item[] = [];
  let at = 0;
  let above = '';
  let previous: Item | undefined;
  for (const line of text.split('\n')) {
    const over = above.trim();
    const alone = !over || (over.length <= ITEM_LINE_MAX && RULE.test(over));
    const item = alone || previous?.n !== undefined ? (idsOnly ? idItemOf(line, at) : itemOf(line, at)) : undefined;
    const listed = item && alone ? item : item && previous && item.style === previous.style && item.n === previous.n! + 1 ? item : undefined;
    if (listed) out.push(listed);
    previous = listed;
    above = line;
    at += line.length + 1;
  }
  return out;
}

/**
 * The parts listed as items: one style of marker, numbered in order from 1 when numbered, at
 * least two items of which at least two name a class (distinct classes for unnumbered labels,
 * which a single report also writes: "XSS payload:", "Stored XSS:"). An item repeated later (a
 * Proof of Concept section that goes through the issues again) is the same part.
 */
export function itemParts(text: string, subject: string): ReportPart[] | undefined {
  // Without a claim of several issues only advisory ids are read: the other items cost a class scan of
  // every line that stands alone, on every report.
  const claimed = claimsSeveral(text, subject);
  const all = standaloneItems(text, !claimed);
  // Two advisories of their own identifiers need no claim: each is a part, whatever it names.
  const ids = distinctIds(all.filter((i) => i.style === 'id'));
  const onePrefix = new Set(ids.map((i) => i.id!.split('-')[0])).size === 1;
  if (ids.length >= 2 && ids.length <= PARTS_MAX && onePrefix) return ids.map((i) => part(i));
  if (!claimed) return undefined;
  const byStyle = new Map<string, Item[]>();
  for (const item of all) {
    if (item.style === 'id') continue;
    const list = byStyle.get(item.style);
    if (list) list.push(item);
    else byStyle.set(item.style, [item]);
  }
  for (const [style, items] of byStyle) {
    const unnumbered = !items.some((i) => i.n !== undefined);
    const list = withoutCombinations(unnumbered ? distinctTitles(items) : numberedFromOne(items));
    const types = list.map((i) => canonicalVulnType(i.title)).filter((t): t is string => t !== undefined);
    // Labels and bare class lines, which one report also writes, must name different classes; a
    // bare line needs the report's own words for several issues, not only "multiple XSS" in its Subject.
    const distinct = style === 'label' || style === 'bare';
    const enough = (distinct ? new Set(types).size >= 2 : types.length >= 2) && (style !== 'bare' || saysSeveral(text, subject.slice(0, SUBJECT_MAX)));
    if (list.length >= 2 && list.length <= PARTS_MAX && enough) return list.map((i) => part(i));
  }
  return undefined;
}

function part(i: Item): ReportPart {
  const t = canonicalVulnType(i.title);
  return { title: i.title, source: span(i.start, i.start + i.title.length), ...(t ? { vulnType: t } : {}) };
}

/**
 * Not an item that is only two or more classes the items before it named, each on its own ("[*] CSRF +
 * XSS:" after both): their combined proof. One that also says where ("Persistent XSS & CSRF in Mail
 * Settings") is an issue of its own.
 */
function withoutCombinations(items: Item[]): Item[] {
  const named = new Set<string>();
  return items.filter((i) => {
    const hits = findVulnTypes(i.title);
    const types = new Set(hits.map((t) => t.name));
    const onlyClasses = !/[A-Za-z]{2,}/.test(withoutHits(i.title, hits).replace(/\b(?:and|or|with|plus|via|poc|exploit)\b/gi, ''));
    const combined = types.size >= 2 && onlyClasses && [...types].every((t) => named.has(t));
    types.forEach((t) => named.add(t));
    return !combined;
  });
}

function distinctIds(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.id!) && seen.add(i.id!));
}

function distinctTitles(items: Item[]): Item[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.title.toLowerCase()) && seen.add(i.title.toLowerCase()));
}

/** The run 1, 2, 3 … from the first item numbered 1; a second run (the same issues again) adds nothing. */
function numberedFromOne(items: Item[]): Item[] {
  const first = items.findIndex((i) => i.n === 1);
  if (first < 0) return [];
  const run: Item[] = [];
  for (const i of items.slice(first)) {
    if (i.n === run.length + 1) run.push(i);
    else break;
  }
  return run;
}
