/**
 * The report's title: a Markdown H1 (or underlined heading) above every labelled
 * section; failing a labelled one, an unlabelled heading, a Subject that says more than
 * "security issue", or the first sentence that names a vulnerability. Pure. Input is
 * hostile text and a hostile Subject; a title is only ever cut from them, never built.
 */
import { type Builder, set, span } from './builder.js';
import { PART_HEADING } from './multiple.js';
import { sentences } from './prose.js';
import type { Section } from './sections.js';
import type { ExtractInput } from './types.js';
import { findVulnTypes } from './vuln-types.js';

const GENERIC_SUBJECT =
  /^(?:(?:security|vulnerability|bug|issue|report|disclosure|responsible disclosure|security (?:issue|report|vulnerability|bug|concern|problem)|vulnerability (?:report|disclosure)|bug report|important|urgent|hello|hi|question|found a (?:bug|vulnerability|security issue))\W*)+$/i;
/**
 * A line that is only a greeting ("Hi Team,", "Dear Sir/Madam,", "Hello Team :)", "Hi @octocat,"): a greeting word, then
 * a short rest that names no flaw; "Dear ImGui heap overflow" and "Hi-Tech ERP SQL injection" are titles.
 */
export function isGreetingLine(line: string): boolean {
  const t = line.trim();
  return t.length <= 60 && /^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))(?![-\w])/i.test(t) && !findVulnTypes(t).length;
}
const GREETING = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|to whom|bonjour|hallo|hola|namaste)\b/i;

const GENERIC_WORDS =
  /^(?:(?:(?:issue|bug|vulnerability|problem|executive|technical|short|brief|long|detailed|full|general|suggested|proposed) )?(?:details?|description|overview|summary)(?: of (?:the )?(?:vulnerability|issue|bug|flaw|problem))?|(?:document|advisory|report) title|(?:the )?(?:bug|issue|vulnerability|problem|finding|title)|where (?:the )?(?:bug|issue|vulnerability|problem) (?:occur(?:r)?ed|occurs|is|exists|lies)|steps?(?: to reproduce)?|examples?|(?:[A-Za-z\d-]+ )?versions?|environment|(?:expected|actual|current|observed) behaviou?r|report|introduction|background|(?:(?:zero[- ]day|0-?day|critical|security) )?(?:vulnerability|advisory|issue|bug) (?:details|report|information|info)|security (?:report|advisory)|(?:demonstration|exploit|poc|sample|example)(?: source)? code|source code|proof[- ]of[- ]concept(?: code)?|exploit|demonstration|describe (?:the|your|this) (?:bug|issue|vulnerability|problem)|(?:steps )?to reproduce|screenshots?|additional (?:context|information|details|notes)|(?:your |test(?:ing)? |runtime |[\w-]+ )?environment(?<!insecure environment)|impacts?|versions? (?:information|info|details))$/i;
/** A heading that only names a part of the report, also behind an emoji or a number ("✍️ Description", "1. Summary"). */
/** A by-line ("Discovered by Pedro Ribeiro (…), Agile Information Security") says who, not what. */
const BY_LINE = /^(?:discovered|found|reported|written|researched|published) by\b|^by\s/i;
const GENERIC_HEADING = {
  test: (h: string): boolean => {
    const words = h.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    return GENERIC_WORDS.test(words) || BY_LINE.test(words);
  },
};

/**
 * A '#' line of an old exploit file that is no title: a link with its label ("# Original
 * Advisory: http://…", "# Reference: …"), the archive's footer ("# milw0rm.com
 * [2008-01-06]"), a comment that runs on ("# Originally from X's advisory,") or goes on from
 * the line before ("# posted to Bugtraq on April 9, 2001.").
 */
// Nor a form's question ("### Is there an existing issue for this?").
const NOT_A_TITLE = /https?:\/\/|[,;?]$|^[\w-]+(?:\.[\w-]+)+[ \t]*\[[\d-]{8,10}\]$|^[a-z]+ [^\n]*\.$/;
const notATitle = (h: string): boolean => NOT_A_TITLE.test(h.trim());

/** An Exploit-DB header's "# Exploit Title: X" is a title line, not a heading called "Exploit Title". */
function headingText(h: string): string {
  return h.replace(/^(?:exploit )?title\s*:\s*/i, '').trim();
}

/** A Markdown H1 (or underlined heading) above every labelled section is the report's title. */
export function headingTitle(b: Builder, sections: Section[], subject?: string | null): void {
  const text = b.text;
  const top = sections[0];
  if (
    top &&
    // A Subject that can title the report does (a triager's title is the Subject, cleaned), over a heading that
    // says something else ("# You can login to the server with any username …" under an advisory's own summary).
    !(subject && titlesTheReport(subject) && !sameWords(subject, top.heading)) &&
    (top.kind === 'markdown' || top.kind === 'underline') &&
    !top.fields.length &&
    !PART_HEADING.test(top.heading) &&
    !GENERIC_HEADING.test(top.heading) &&
    !notATitle(top.heading) &&
    /^\s{0,3}#\s|\n=+/.test(text.slice(top.headingStart, Math.min(text.length, top.headingEnd + 4 + top.heading.length)))
  ) {
    const t = headingText(top.heading);
    const at = top.headingStart + top.heading.length - t.length;
    if (t) set(b, 'title', t, [span(at, top.headingEnd)]);
  }
}

/** Whether two titles say the same, whatever their case, marks and tags ("# GHSL-2020-058: OOB read …" and its Subject). */
function sameWords(a: string, b: string): boolean {
  const words = (t: string): string[] => t.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const x = words(a);
  const y = new Set(words(b));
  return x.length > 0 && x.filter((w) => y.has(w)).length >= 0.8 * x.length;
}

const REPLY_PREFIX = /^(?:\s*(?:re|fwd?|aw|wg|sv)\s*:\s*)+/i;
const REPORT_PREFIX = /^\s*(?:security (?:report|issue|vulnerability)|vulnerability report|bug report)\s*[:-]\s*/i;
/** A list's or tracker's tag after the title: capitals ("[SECURITY]"), a list's name ("[Full-disclosure]"), a ticket ("[#48213]", "[SEC-1234]"). */
const TRAILING_TAG = /\[(?!REDACTED\])(?:[A-Z][A-Z\d _-]{0,39}|[A-Za-z]+(?:-[A-Za-z]+)+|#?\d{1,10}|[A-Z]{1,10}-\d{1,10})\]$/;
const LEADING_TAG = /^\s*\[([^\]]{0,40})\]\s*/;
/** At most this many tags are read before a title: a Subject of hundreds is no list's. */
const MAX_LEADING_TAGS = 5;

/**
 * The Subject as a title: without "Re:", the tags a list or a tracker put before it ("[oss-security]", "[PATCH v2]",
 * "[Bug 1234]") and after it ("[SECURITY]"). A bracket that is part of the title stays: one inside it ("DOS via cache
 * poisoning on [developer.mozilla.org]") or one before it that names the flaw ("[vertical privilege escalation] user can …").
 */
function cleanSubject(s: string): string {
  let out = s.replace(REPLY_PREFIX, '');
  for (let i = 0, m = LEADING_TAG.exec(out); i < MAX_LEADING_TAGS && m && !findVulnTypes(m[1]!).length; i++, m = LEADING_TAG.exec(out))
    out = out.slice(m[0].length);
  // Trimmed first, so that the tag is sought at the end of the text, not from every blank before it.
  return out.trim().replace(TRAILING_TAG, '').replace(REPORT_PREFIX, '').trim();
}

/** Whether a Subject can title the report: not empty, not "Security issue" or a greeting, whatever its tags. */
export function titlesTheReport(subject: string | null | undefined): boolean {
  const subj = subject
    ? subject
        .replace(REPLY_PREFIX, '')
        .replace(/\[[^\]]{0,40}\]\s*/g, '')
        .replace(REPORT_PREFIX, '')
        .trim()
    : '';
  return subj.length >= 8 && !GENERIC_SUBJECT.test(subj);
}

/** A heading that asks or adds something ("What is SSRF?", "Why this is not a DoS", "Chained with an open redirect"). */
const ASIDE_HEADING = /\?\s*$|^\W*(?:what|why|how|related|chained|note|background|about|also|bonus|side)\b/i;

/**
 * Whether the report tells something before a heading (more than its title line, a greeting
 * or labels): then the heading names a part of the body ("## References", "#### Attack flow"
 * under a first paragraph), and a Subject that can title the report does.
 */
function proseAbove(before: string, subject: string): boolean {
  const title = subject.trim().toLowerCase();
  const told = before
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && l.toLowerCase() !== title && !GREETING.test(l) && !/^(?:#|\*\*[^*]{1,60}\*\*:?$|[^\s:][^:]{0,60}:$)/.test(l));
  return told.join(' ').length >= 60;
}

export function titleFallback(b: Builder, input: ExtractInput, sections: Section[]): void {
  if (b.fields.title) return;
  const h = sections.find(
    (s) =>
      (s.kind === 'markdown' || s.kind === 'underline') &&
      !s.fields.length &&
      !PART_HEADING.test(s.heading) &&
      !GENERIC_HEADING.test(s.heading) &&
      !notATitle(s.heading),
  );
  // A heading that names a flaw stays the title unless the Subject names one too ("Re: Acme disclosure program" does not).
  const belowProse =
    h !== undefined &&
    titlesTheReport(input.subject) &&
    (!findVulnTypes(h.heading).length || findVulnTypes(input.subject!).length > 0 || ASIDE_HEADING.test(h.heading)) &&
    proseAbove(b.text.slice(0, h.headingStart), input.subject!);
  if (h && !belowProse && h.headingStart < (sections.find((s) => s.fields.length)?.headingStart ?? Infinity)) {
    set(b, 'title', headingText(h.heading), [span(h.headingStart, h.headingEnd)]);
    return;
  }
  const subj = input.subject ? cleanSubject(input.subject) : '';
  if (titlesTheReport(input.subject)) {
    set(b, 'title', subj, [{ header: 'subject' }]);
    return;
  }
  for (const p of sentences(b.text)) {
    // A title is one line: a sentence that runs on into the next line ("… in Acme\n>> Discovered by …") stops at it.
    const t = p.text
      .replace(/^[#*>\s]+/, '')
      .split('\n')[0]!
      .trim();
    // Nor a heading that only names a part ("Vulnerability Information" over its fields).
    const words = t.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
    if (GREETING.test(t) || t.length < 12 || /^(?:my name is|i am|i'm) /i.test(t) || /:$/.test(t) || GENERIC_WORDS.test(words)) continue;
    // A by-line titles only when it names the flaw too ("Found by fuzzing: a heap buffer overflow in …").
    if (BY_LINE.test(words) && !findVulnTypes(t).length) continue;
    if (findVulnTypes(t).length || /\b(?:vulnerab|bypass|leak|inject|overflow|crash|exploit|expos|allows?)\w*/i.test(t)) {
      set(b, 'title', t.length > 160 ? `${t.slice(0, 157)}...` : t, [span(p.start, p.end)]);
    }
    return;
  }
}

/**
 * A title as a triager writes it, whichever reader found it: without a list or emphasis mark before it
 * ("*Authentication Bypass Vulnerability"), a label that only says it is the name ("Name: Symantec pcAnywhere
 * …", "Weakness: Improper Input Validation — …") or brackets around the whole ("[Netgear Voice Gateway Multiple
 * Vulnerabilities]").
 */
export function tidyTitle(title: string): string {
  const t = title
    .trim()
    .replace(/^[*•·>]+[ \t]*(?=\S)/, '')
    .replace(/^(?:name|weakness|issue name|vulnerability name)[ \t]*:[ \t]*(?=\S)/i, '')
    .replace(/^\[([^[\]]{3,200})\]$/, '$1')
    .trim();
  return t || title;
}
