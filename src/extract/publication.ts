/**
 * When a report says it was (or is) published: an advisory's header ("# Date: 2021-09-30"
 * in an Exploit-DB entry, "Disclosed to public: 11/10/2016") or the line of its
 * disclosure timeline that makes it public ("2021-12-06 Advisory published",
 * "28/05/2020: Advisory released", "Jul 13, 2017 - Public release of advisory"). Reporters
 * who forward an advisory, or paste one, write this way; the prose rules
 * (prose.ts disclosureSentence) read the ones who announce a date. Pure; the input is
 * report text (untrusted), only matched.
 */
import { findDate, slashOrder, type DateHit } from './dates.js';

export interface Publication {
  date: DateHit;
  /** True when the line says the report is public now (a timeline's release line). */
  public: boolean;
}

/** A timeline line that makes the report public; planning or permission lines do not. */
const RELEASED =
  /\b(?:advisory(?:[ \t]+[A-Z][A-Z\d]{0,15}-[\w.-]{1,30})? (?:released|published|release|online)(?![ \t]+to[ \t]+(?:the[ \t]+)?(?:vendors?|developers?|maintainers?|team|company|manufacturer|customers?|cert)\b(?![ \t]+(?:and|&)[ \t]+(?:the[ \t]+)?public\b))|(?:public|coordinated) (?:release|report|disclosure|advisory|notice|announcement)|(?:issue|report|advisory|vulnerability|vulnerabilities|details|bug)s? (?:was |were |is |are )?(?:publicly |fully )?disclosed\b(?![ \t]+(?:to|with)\b)|publicly (?:disclosed|released|announced)|disclosed to (?:the )?(?:public|exploit-db|bugtraq|full[- ]disclosure|oss-security|packet ?storm)|(?:issue|report|advisory|vulnerability|details) (?:(?:is |was |has been |gets |got )?made |went |goes |is )?public|(?:advisory|report) (?:is|was|has been|gets|got) (?:published|released)\b(?![ \t]+to[ \t]+(?:the[ \t]+)?(?:vendors?|developers?|maintainers?|team)\b)|(?:published|publication) as per (?:our |the )?(?:coordinated )?disclosure policy|(?:publishes|published|issues|issued|releases|released) (?:an? |the |its |their )?(?:github |public )?(?:security )?advisor(?:y|ies)\b(?![ \t]+(?:drafts?|for review|to|privately)\b)|(?:report|advisory|exploit|vulnerability|details) published|release of (?:the )?(?:security )?advisory|releas(?:e|ed|ing) (?:the |a |our )?security advisory|publication of (?:the )?advisory|disclosure of (?:this|the) advisory|embargo lifted|(?:posted|sen[dt]|submitted) to (?:the )?(?:bugtraq|full[- ]disclosure|oss-security)(?: (?:mailing )?lists?)?)\b/i;
/** A timeline entry that is the full disclosure itself ("12-17-2019 - Full Disclosure", "…, Full Disclosure as
 *  planned.", "26.09.2016  full disclosure", "2016-12-12 | me | Full Disclosure on <site>"), not a line that only names it
 *  ("replied to use GitHub for a full disclosure", "until full disclosure", "notified about full disclosure in 15 days"). */
const FULL_DISCLOSED =
  /(?:^|[:\-–—,.;|][ \t]*|\d[ \t]+)full[- ]disclosure(?: as planned| (?:on|to|at|via) (?:the )?(?:[\w-]+\.)+(?:com|org|net|eu|io|de|fr|es|it|pl|ru|uk|info)\b[^\n\d]{0,60}| (?:on|to|at|via) (?:the )?(?:full[- ]?disclosure|bugtraq|oss-security|seclists|exploit-db|packet ?storm|(?:my |our )?(?:blog|website)|(?:mailing[- ]?)?lists?)\b[^\n\d]{0,60})?\.?[ \t]*$/i;
const NOT_YET =
  /\b(?:will|would|to be|plan(?:ned|s)?|allow(?:ing|ed)? to|agree(?:d|ment)?s? (?:with|to|on)|if (?:we|you)|asked\b[^\n]{0,40}\b(?:whether|if)|whether (?:they|the vendor|it) (?:had|has|have|would|will)|request(?:ed)?|scheduled|expected)\b/i;
/** Header labels of an advisory's date, in its first lines. */
const HEADER =
  /^[ \t]*(?:#[ \t]*|->[ \t]*)?(date|published|release date|publication date|date published|disclosure date|disclosure|disclosed to public|public disclosure|full disclosure)[ \t]*:[ \t]*(.+)$/gim;
const HEADER_LINES = 15;
/** Header labels that say the report is out already. */
const SAYS_OUT = /disclosed to public|public disclosure|full disclosure/i;
const ARCHIVE_FOOTER = /^[ \t]*(?:#[ \t]*)?(?:milw0rm\.com|exploit-db\.com|packetstormsecurity\.(?:com|org|net))[ \t]*\[(\d{4}-\d{2}-\d{2})\][ \t]*$/m;

/** `order`: how the whole report writes its dates, when `text` is only a part of it (slashOrder). */
export function publication(text: string, order = slashOrder(text)): Publication | undefined {
  const lines = linesOf(text);
  // The last release line of a timeline is when it went public.
  let released: Publication | undefined;
  lines.forEach((l, i) => {
    if (!releases(l.text) || underPlan(lines, i)) return;
    // A timeline that writes each date on a line of its own, its entry below ("2018-01-03" / "Public Disclosure"):
    // only a short entry, in a run of such dates (a date alone above a title is the mail's own date).
    const above = dateLineAbove(lines, i, order);
    const from = findDate(l.text.replace(/[–—]/g, '-'), order)
      ? l
      : above !== undefined && l.text.trim().length <= 40 && dateLineAbove(lines, above, order, 4) !== undefined
        ? lines[above]
        : undefined;
    const d = from && findDate(from.text.replace(/[–—]/g, '-'), order);
    if (from && d && /^\d{4}-/.test(d.value)) released = { date: { ...d, index: from.start + d.index }, public: true };
  });
  if (released) return released;
  const headEnd = lines[Math.min(lines.length, HEADER_LINES) - 1]?.end ?? 0;
  // "# Date: 04/12/2012" first, "-> Full Disclosure: 04/12/2012" further down the same header: out already.
  const headers = [...text.slice(0, headEnd).matchAll(HEADER)];
  const headerSaysOut = headers.some((m) => SAYS_OUT.test(m[1]!));
  for (const m of headers) {
    // Several dates on a disclosure line: the last made it all public; on any other label the first is the date.
    const value = m[2]!.replace(/[–—]/g, '-');
    const d = /disclos/i.test(m[1]!) ? latestDate(value, order) : findDate(value, order);
    if (!d || !/^\d{4}-/.test(d.value)) continue;
    const at = m.index + m[0].length - m[2]!.length;
    // An advisory's "Disclosure: 27/09/2014 (#1 and #2), 09/11/2014 (#3 and #4)" is a fact; a plan says so.
    const done = SAYS_OUT.test(m[1]!) || (/^disclosure$/i.test(m[1]!) && !NOT_YET.test(m[2]!));
    return { date: { ...d, index: at + d.index }, public: done || headerSaysOut };
  }
  // An old archive's footer ("# milw0rm.com [2008-01-06]"): the day the archive posted its copy. That dates
  // the entry but is no statement of the report's own that it is public, so public stays unset (as labelled).
  const footer = ARCHIVE_FOOTER.exec(text);
  if (footer) {
    const d = findDate(footer[1]!);
    if (d) return { date: { ...d, index: footer.index + footer[0].indexOf(footer[1]!) + d.index }, public: false };
  }
  // An advisory page that opens with its date alone ("July 27, 2020").
  const first = lines.find((l) => l.text.trim());
  if (first && first.text.trim().length <= 24) {
    const d = findDate(first.text);
    if (d && /^\d{4}-/.test(d.value) && first.text.trim().length - d.length <= 2) return { date: { ...d, index: first.start + d.index }, public: false };
  }
  return undefined;
}

function releases(line: string): boolean {
  // "…, Full Disclosure as planned." is done; "disclosure as planned for 2024-06-01" is not.
  return (RELEASED.test(line) || FULL_DISCLOSED.test(line)) && !NOT_YET.test(line.replace(/\bas planned\.?[ \t]*$/i, ''));
}

/** A timeline's heading that says it is a plan ("Proposed disclosure timeline:"): none of its entries happened yet. */
const PLAN_HEADING =
  /\b(?:proposed|planned|tentative|intended|expected|suggested|draft)\b[^\n]{0,40}\b(?:timeline|schedule)\b|\b(?:timeline|schedule)\b[^\n]{0,20}\((?:proposed|planned|tentative)\)/i;
/** Lines above an entry searched for its timeline's heading. */
const TIMELINE_HEADING_LINES = 40;

/** Whether the entry at line i sits under a heading that calls its timeline a plan. */
function underPlan(lines: Array<{ text: string }>, i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - TIMELINE_HEADING_LINES; k--) {
    const t = lines[k]!.text;
    if (/\b(?:timeline|schedule)\b/i.test(t)) return PLAN_HEADING.test(t);
  }
  return false;
}

/** The index of the nearest line above line i that is a date alone, looking at `within` non-blank lines. */
function dateLineAbove(lines: Array<{ text: string }>, i: number, order: ReturnType<typeof slashOrder>, within = 1): number | undefined {
  let seen = 0;
  for (let j = i - 1; j >= 0 && seen < within; j--) {
    if (!lines[j]!.text.trim()) continue;
    seen++;
    if (dateAlone(lines[j]!.text, order)) return j;
  }
  return undefined;
}

/** A line that is a date and nothing else. */
function dateAlone(line: string, order: ReturnType<typeof slashOrder>): boolean {
  const d = findDate(line, order);
  return d !== undefined && line.trim().length - d.length <= 2;
}

/** A timeline's entry that plans the disclosure ("2024-03-01: Public disclosure (planned)"). */
const PLANNED_ENTRY =
  /\b(?:disclos|publi|releas)\w*\b[^\n]{0,80}\b(?:planned|scheduled|expected|tentative|proposed)\b|\b(?:planned|scheduled|expected|tentative|proposed)\b[^\n]{0,80}\b(?:disclos|publi|releas)/i;

/** The date of the first entry of a timeline that plans its disclosure, with its offset in `text`. */
export function plannedEntry(text: string, order: ReturnType<typeof slashOrder>): DateHit | undefined {
  for (const l of linesOf(text)) {
    if (!PLANNED_ENTRY.test(l.text)) continue;
    const d = findDate(l.text, order);
    if (d) return { ...d, index: l.start + d.index };
  }
  return undefined;
}

/** The last date a line gives: the day an advisory released in parts became public as a whole. */
export function latestDate(line: string, order: ReturnType<typeof slashOrder>): DateHit | undefined {
  let last: DateHit | undefined;
  // Bounded: a header line holds a few dates, not hundreds.
  for (let from = 0, n = 0; from < line.length && n < 8; n++) {
    const d = findDate(line.slice(from), order);
    if (!d) break;
    if (!last || d.value > last.value) last = { ...d, index: from + d.index };
    from += d.index + Math.max(d.length, 1);
  }
  return last;
}

/**
 * A timeline line that made the report public even where it gives no whole date
 * ("Nov 2010: Disclosure of this advisory"): the report is public, its day unknown.
 */
export function releasedLine(text: string): { start: number; end: number } | undefined {
  let found: { start: number; end: number } | undefined;
  // A timeline's entry carries its year; a heading ("## Coordinated Disclosure Timeline") does not.
  const lines = linesOf(text);
  const greeting = lines.find((l) => l.text.trim());
  if (greeting && LIST_GREETING.test(greeting.text)) found = { start: greeting.start, end: greeting.end };
  // The footer ends the post: one quoted in the middle of a report (a forwarded old post) says nothing of this one.
  const last = Math.max(FOOTER_LINES, Math.ceil(lines.length * FOOTER_SHARE));
  const tail = lines.length > last ? lines[lines.length - last]!.start : 0;
  for (const l of lines)
    if (
      (l.text.length <= 200 && l.start >= tail && LIST_FOOTER.test(l.text)) ||
      (l.text.length <= 200 && (/\b(?:19|20)\d\d\b|\b\d{1,2}\/\d{1,2}\/\d\d\b/.test(l.text) || TO_A_LIST.test(l.text)) && releases(l.text)) ||
      (l.text.length <= 300 && PUBLISHED_AT.test(l.text))
    )
      found = { start: l.start, end: l.end };
  return found;
}

/**
 * A post as a public list carries it: the footer the list adds ("Full-Disclosure - We believe in it.",
 * its charter's link), or a first line that greets the list ("Hello Bugtraq!"). The report is out there.
 */
const LIST_FOOTER = /^[ \t]*(?:Full-Disclosure - We believe in it\.|Charter: https?:\/\/lists\.grok\.org\.uk\/full-disclosure-charter\.html)[ \t]*$/i;
/** Lines at the end of a text where a list's footer stands (the archive may add a signature and a blank or two), or this
 *  share of the text's lines (an archive's copy may append the attached PoC after it). */
const FOOTER_LINES = 12;
const FOOTER_SHARE = 0.25;
const LIST_GREETING = /^[ \t]*(?:hello|hi|hey|dear)[ \t]+(?:bugtraq|full[- ]disclosure|oss-security|fd)(?:[ \t]+list)?[ \t]*[!,.]?[ \t]*$/i;

/** Sent to a public list or archive ("- Disclosed to Exploit-DB, Bugtraq and InterN0T:"): public whether or not the line is dated. */
const TO_A_LIST = /\b(?:disclosed|posted|sent|submitted)[ \t]+to[ \t]+(?:the[ \t]+)?(?:exploit-db|bugtraq|full[- ]disclosure|oss-security|packet ?storm)\b/i;

/** A header line giving where the report is published ("# Full disclosure and PoC on: https://…"). */
const PUBLISHED_AT = /^[ \t]*(?:#[ \t]*)?(?:full disclosure|advisory published)(?: and (?:the )?poc)? (?:on|at|url)[ \t]*:?[ \t]*https?:\/\//i;

function linesOf(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  let at = 0;
  for (const line of text.split('\n')) {
    out.push({ start: at, end: at + line.length, text: line });
    at += line.length + 1;
  }
  return out;
}
