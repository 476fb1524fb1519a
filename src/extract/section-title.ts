/**
 * A labelled title's value ("Title:", "## Summary", "TL;DR"): its first line, unless that is a
 * checker's line, code, a greeting, a list's lead or item, or a sentence that describes the report
 * while the Subject titles it. Pure; the input is a section of report text (untrusted).
 */
import { type Builder, set } from './builder.js';
import type { Section } from './sections.js';
import { describesUnderAFlawSubject, isDescription, isDescribingSentence, subjectTitlesItBetter } from './summary-line.js';
import { isGreetingLine, titlesTheReport } from './title.js';
import type { Span } from './types.js';
import { findVulnTypes } from './vuln-types.js';
import { SENTENCE_VERB } from './sentence-verb.js';

type Value = { start: number; end: number; text: string };

/** A sanitizer's or checker's own report line. */
const SANITIZER_LINE = /^\s*(?:Address|UndefinedBehavior|Leak|Thread|Memory)Sanitizer\b|^\s*==\d+==/;

/** Headings whose text describes the report rather than names it (a "Title:" does name it). */
const DESCRIBING_HEADING = /^[\s#*_>-]*(?:summary|tl;?\s?dr|short description)\b[\s*_:.-]*$/i;

/** Words of a flaw's title: its class and where it is ("LDAP injection in the user search of Wikimate"). */
const MIN_FLAW_TITLE_WORDS = 5;

/** Where a clause of condition or cause begins ("… of Wikimate when LDAP authentication is enabled"): its verb is the clause's. */
const SUBORDINATE = /\b(?:when|if|because|which|that|where|while|unless|since|once)\b/i;

/**
 * Whether a line is a flaw's title: a class of flaw, where it is, and no verb ("Stored cross-site scripting in the comment
 * editor of Acme Wiki 2.4", "Unauthenticated remote code execution in …", "Acme Portal 3.2 - Reflected XSS in …").
 */
function namesAFlaw(line: string): boolean {
  return findVulnTypes(line).length > 0 && line.split(/\s+/).length >= MIN_FLAW_TITLE_WORDS && !SENTENCE_VERB.test(line.split(SUBORDINATE)[0]!);
}

/** Words of a Subject that name nothing of the report's own ("Security vulnerability found on your website"). */
const GENERIC_WORD =
  /^(?:security|vulnerabilit(?:y|ies)|vuln|issues?|bugs?|bounty|reports?|submission|found|discovered|on|in|at|to|your|the|a|an|of|for|with|and|via|my|our|this|website|site|web|application|app|page|critical|high|important|urgent|possible|potential|new|re|fwd?|question|about|regarding|concerning|inquiry|disclosure)$/i;

/** A word that says something is wrong, in a Subject that names no class ("… is not encrypted", "… indexed on web archive"). */
const FLAW_SIGN =
  /\b(?:not|no|without|leak\w*|expos\w*|bypass\w*|inject\w*|crash\w*|disclos\w*|unauth\w*|indexed|cleartext|unencrypted|plain ?text|insecure\w*|weak\w*|missing|broken|incorrect\w*|improper\w*|allows?|can|could|may|vulnerab\w*)\b/i;
/** Words a Subject naming no class of flaw needs to say what happens. */
const MIN_STATEMENT_WORDS = 4;

/** Whether a Subject titles the report and names something besides a class of flaw: a product, a place, what happens. */
function namesMoreThanAFlaw(subject: string | null | undefined): boolean {
  if (!subject || !titlesTheReport(subject)) return false;
  // Without a list's tag and a ticket's number ("Fwd: [Acme #4521] stored XSS vulnerability").
  const said = subject.replace(/\[[^\]]{0,40}\]|#\d+/g, ' ');
  const classes = findVulnTypes(said);
  let rest = said;
  for (const hit of [...classes].reverse()) rest = rest.slice(0, hit.index) + ' ' + rest.slice(hit.index + hit.length);
  const named = rest.split(/[^\w'.-]+/).filter((w) => w && !GENERIC_WORD.test(w)).length;
  // A class and where ("Heap based buffer overflow in wolfSSL"); without a class, a whole statement of what happens
  // ("twitch-tui's connection is not encrypted"), not a product's name alone ("Acme Blog").
  return classes.length ? named >= 1 : named >= MIN_STATEMENT_WORDS && FLAW_SIGN.test(said);
}

/** A section's first line as the title, unless it is a checker's line, a description or code. */
export function sectionTitle(b: Builder, s: Section, v: Value, src: Span[], subject: string | null | undefined): void {
  // "SUMMARY: AddressSanitizer: heap-buffer-overflow …" is the checker's last line, not the report's summary.
  if (SANITIZER_LINE.test(v.text)) return;
  const first = v.text.split('\n')[0]!.trim();
  // A Summary that opens with a whole sentence describes the report (GitHub's advisory
  // template, "### Summary"): the Subject or a heading titles it, not its first sentence.
  // A Subject that can title the report titles it: the Summary's first line says what happens, in the reporter's
  // words of the moment ("Several tools use `child_process.exec()` …", "Reference: https://…", "exposure of sensitive
  // data"), unless it is a title itself ("XML external entity injection in the SAML assertion parser of AuthGate.").
  if (
    DESCRIBING_HEADING.test(s.heading) &&
    ((namesMoreThanAFlaw(subject) && !namesAFlaw(first)) ||
      isDescription(first) ||
      (isDescribingSentence(first) && titlesTheReport(subject)) ||
      subjectTitlesItBetter(first, subject) ||
      describesUnderAFlawSubject(first, subject))
  )
    return;
  // A section that opens with code ("```ruby") has no title line to give; nor does a greeting ("Hi Team,"),
  // nor, when the Subject can title the report, a line that leads into a list ("… a few security issues:").
  if (/^(?:`{3}|~{3})/.test(first) || isGreetingLine(first)) return;
  // Nor a list's first item ("* there is open redirect while loggin to gitlab …") when the Subject can title it.
  if (/^(?:[-*•+]|\d{1,2}[.)])\s/.test(first) && titlesTheReport(subject)) return;
  if (/:$/.test(first) && titlesTheReport(subject)) return;
  set(b, 'title', first, src);
}
