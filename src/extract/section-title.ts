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

type Value = { start: number; end: number; text: string };

/** A sanitizer's or checker's own report line. */
const SANITIZER_LINE = /^\s*(?:Address|UndefinedBehavior|Leak|Thread|Memory)Sanitizer\b|^\s*==\d+==/;

/** Headings whose text describes the report rather than names it (a "Title:" does name it). */
const DESCRIBING_HEADING = /^[\s#*_>-]*(?:summary|tl;?\s?dr|short description)\b[\s*_:.-]*$/i;

/** A section's first line as the title, unless it is a checker's line, a description or code. */
export function sectionTitle(b: Builder, s: Section, v: Value, src: Span[], subject: string | null | undefined): void {
  // "SUMMARY: AddressSanitizer: heap-buffer-overflow …" is the checker's last line, not the report's summary.
  if (SANITIZER_LINE.test(v.text)) return;
  const first = v.text.split('\n')[0]!.trim();
  // A Summary that opens with a whole sentence describes the report (GitHub's advisory
  // template, "### Summary"): the Subject or a heading titles it, not its first sentence.
  if (
    DESCRIBING_HEADING.test(s.heading) &&
    (isDescription(first) ||
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
