/**
 * Steps to reproduce written as prose, not as a numbered list: the sentences that tell the
 * reader to do something ("When the administrator logged in, open the page with poc",
 * "Into BurpSuite add the following extra Header Referer", "First install mversion and
 * create an empty git repo"). A sentence counts when, after an optional "first/then" and
 * an optional leading clause ("When …,", "In the admin panel"), it starts with an action
 * verb in its base form. Advice to the vendor (upgrade, sanitise, use prepared statements)
 * is a mitigation, not a step. Pure; the input is report text (untrusted), matched with
 * sentence-bounded regexes.
 */
import { MITIGATION_PATTERNS, type Piece } from './prose.js';
import { USER_PROMPT } from './shell.js';
import { STEP_VERB } from './step-verbs.js';
import { isOnlyOffered, isTemplatePlaceholder } from './template-placeholder.js';
import { findVulnTypes } from './vuln-types.js';

const IMPERATIVE = new RegExp(
  '^[\\s>*•-]*(?:(?:first(?:ly)?|then|next|now|just|simply|finally|afterwards|also)\\b,?\\s+)?' +
    '((?:when|after|once|as soon as|while)\\b[^.;:\\n]{1,80},\\s*|(?:in|into|on|from|using|with|via|inside|within|under|through)\\s+(?:[^\\s.,;:]+\\s+){0,5}?)?' +
    `(${STEP_VERB})\\b(?![-'])`,
  'i',
);

/** Verbs that, first in a sentence, tell the vendor what to do: a mitigation. */
const ADVICE =
  /^[\s>*•-]*(?:upgrade|update|patch|apply|avoid|disable|sanitize|sanitise|validate|escape|restrict|ensure|consider|use|implement|enforce|remove|install (?:the )?(?:latest|newest|new|updated?|fixed|patched|vendor'?s?)\b)/i;
/**
 * A "Label: value" line whose label starts like a verb ("Type of issue: …", "Request: …"): a
 * field, not a step; so is a caption over a block ("Request sent by browser:"). A short
 * sentence that ends at its colon after "first", "then", "now" ("First install codecov:")
 * leads into the command below it: a step. A URL's colon ("Go to https://…") is no label's.
 */
const LABEL_LINE = /^[\s>*•-]*(?:[\w-]+(?: [\w-]+){0,3}\s*:(?!\/\/)[ \t]*\S|(?!(?:first(?:ly)?|then|next|now|finally)\b)[\w-]+(?: [\w-]+){0,3}\s*:\s*$)/i;

/**
 * Whether the sentence starts with an action verb; after a leading phrase the verb is in
 * lower case ("Into BurpSuite add …"), not a word of a name ("In a Server Side Request Forgery attack, …").
 */
function startsWithAction(text: string): boolean {
  const m = IMPERATIVE.exec(text);
  return (m !== null && (!m[1] || !/^\p{Lu}/u.test(m[2]!))) || TOLD_INPUT.test(text);
}

/**
 * A step told as what anyone can type where ("Thus one can enter some malicious javascript in the search box and get
 * a URL …"): the input and the field it goes in, which is what a triager writes as the steps. Only input verbs and a
 * field, box, form or parameter: "an attacker can execute code" is the impact.
 */
const TOLD_INPUT =
  /^[\s>*•-]*(?:(?:thus|so|then|hence|therefore),?\s+)?(?:one|you|an? attacker|attackers|an? user|users|anyone)\s+(?:can|could|may|might)\s+(?:simply\s+|just\s+)?(?:enter|type|insert|paste|put|submit|inject|add)\b[^.\n]{0,80}?\b(?:in|into|to)\s+(?:the\s+|a\s+|any\s+)?(?:[\w-]+\s+){0,3}(?:field|box|form|parameter|input|textbox|search bar)s?\b/i;

/** Whether the sentence's first words name a class of flaw ("Open Redirect", "Command injection in …"): a title. */
function opensWithAClass(text: string): boolean {
  const head = text.trim().split(/\s+/).slice(0, 4).join(' ');
  return findVulnTypes(head)[0]?.index === 0;
}

/** A list item's mark at the start of a piece: "- Go to …", "* Enter …", "• Press …". */
const LIST_ITEM = /^[ \t]*[-*•][ \t]+\S/;

/** Characters of prose steps kept: a paragraph of them, not the whole report. */
const MAX_STEPS_CHARS = 600;

/** Whether the offset is in a program's output after a shell prompt ("$ ./pwn" then "trigger modified tty_release . . ."). */
function inShellSession(text: string, at: number): boolean {
  const lines = text.slice(Math.max(0, at - 600), at).split('\n');
  lines.pop(); // the piece's own line, up to the piece
  for (const line of lines.reverse().slice(0, 8)) {
    if (!line.trim()) return false;
    // A user's prompt, or root's ("# id").
    if (USER_PROMPT.test(line) || /^[ \t]*#[ \t]+\S/.test(line)) return true;
  }
  return false;
}

const REMEDIATION_WORD = /\b(?:remediation|mitigations?|solutions?|fix(?:es)?|recommendations?|workarounds?|countermeasures?|patch(?:es)?|repairs?)\b/i;
const REMEDIATION_NAME =
  /^\W*(?:(?:suggested|recommended|proposed|possible|potential)\s+)?(?:remediations?|mitigations?|solutions?|fix(?:es)?|recommendations?|workarounds?|countermeasures?)\W*(?:(?:and|&)\s+\w+\W*)?$/i;

/** Characters before a sentence searched for the heading it sits under. */
const HEADING_LOOKBACK = 3000;

/** Whether the nearest Markdown heading above the offset, or one it sits under, is a remediation's ("#### Remediation"): its imperatives are advice. */
function underRemediation(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - HEADING_LOOKBACK), at);
  const headings = [...before.matchAll(/^[ \t]{0,3}(#{1,6})[ \t]+([^\n]{1,120})$/gm)];
  // The nearest heading and those it sits under ("## Suggested Remediation" over "### Option A: Validate the key").
  // A parent heading only when it is a remediation's name ("Suggested Remediation", "Mitigation"), not a title that names
  // a fix ("# Incomplete fix for CVE-2024-1234", "## Patch bypass: …", "# IDOR in Acme Payment Solutions portal").
  let level = 7;
  for (const [k, h] of headings.reverse().entries()) {
    if (h[1]!.length >= level) continue;
    level = h[1]!.length;
    if (k === 0 ? REMEDIATION_WORD.test(h[2]!) : REMEDIATION_NAME.test(h[2]!)) return true;
  }
  return false;
}

/**
 * Whether the offset is in an advisory's closing notice of where to ask ("### For more information" / "If you have
 * any questions or comments about this advisory:" / "Open an issue in …", "Email us at …"): no instruction to reproduce.
 */
function inContactNotice(text: string, at: number): boolean {
  const lines = text.slice(Math.max(0, at - 600), at).split('\n');
  lines.pop();
  // The lines since the notice's lead: its other items, blank lines between them.
  while (
    lines.length &&
    (!lines[lines.length - 1]!.trim() || /^[ \t]*(?:[-*•]|\d+[.)])?[ \t]*(?:open|email|join|contact|visit|ask|send|reach)\b/i.test(lines[lines.length - 1]!))
  )
    lines.pop();
  // The notice's own line ("### For more information", "If you have any questions or comments about this advisory:"),
  // not a sentence that sends the reader to the code below for more information.
  return /^[ \t#*]*(?:for more information|if you have any questions or comments about this advisory)\W*$/i.test(lines.pop() ?? '');
}

/** Whether the offset is in an item of a numbered list led by advice ("Either one of the following solutions will work."). */
function inAdviceList(text: string, at: number): boolean {
  const lines = text.slice(Math.max(0, at - 2000), at).split('\n');
  if (!/^\s*\d+[.)]\s/.test(lines.pop() ?? '')) return false;
  while (lines.length && /^\s*\d+[.)]\s/.test(lines[lines.length - 1]!)) lines.pop();
  const lead = lines.pop() ?? '';
  // "Steps to verify the fix does not work:" leads steps, whatever advice it names.
  if (/\b(?:reproduc\w*|steps?|poc|exploit\w*|verify|bypass\w*|missed|trigger\w*)\b/i.test(lead)) return false;
  return /\b(?:solutions?|mitigations?|remediations?|recommendations?|workarounds?|fix(?:es)?)\b/i.test(lead);
}

/**
 * A piece's lines as sentences of their own where the writer ends a line without a full
 * stop, as tracker posts do ("There is a CSRF vulnerability" / "After the administrator
 * logged in, open the following page" / "**poc**"): a line after the first counts as a
 * start when it opens with a capital, a mark or a list sign, or the line before ended a
 * sentence; a hard-wrapped mail's next line ("… you need to" / "open the file") does not.
 */
function lineSentences(p: Piece): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  let current: Piece | undefined;
  for (const line of p.text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const t = line.trim();
    const start = p.start + at + lead;
    at += line.length + 1;
    if (!t) continue;
    const opens = !current || /^[\p{Lu}*_#>`•<[!-]|^\d+[.)]\s|^https?:/u.test(t) || /[.!?:;)*`]$/.test(current.text);
    if (opens) out.push((current = { start, end: start + t.length, text: t }));
    else if (current) {
      current.end = start + t.length;
      current.text = `${current.text}\n${t}`;
    }
  }
  return out;
}

/** The first run of imperative sentences of one paragraph, as [start, end) of text, not the title's line; undefined when there is none. */
export function imperativeSteps(text: string, sentences: Piece[], title?: string | null): { start: number; end: number } | undefined {
  // The report's title line is no step, whatever verb it opens with ("Host Header Injection in …").
  const same = (a: string): string => a.replace(/\s+/g, ' ').trim().toLowerCase();
  const titleLine = title ? same(title) : undefined;
  const prose = sentences.flatMap(lineSentences).filter((p) => same(p.text) !== titleLine);
  const isStep = (p: Piece): boolean =>
    startsWithAction(p.text) &&
    // "import paramiko": a line of code pasted without markup, not an instruction.
    !/^\s*(?:import|from|include|require)\s+[\w.]+(?:\s+import\b|\s*;?\s*(?:\n|$))/.test(p.text) &&
    // "POST /upload.cfm": an HTTP request (a PoC), not an instruction to post something.
    !/^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s+\//.test(p.text) &&
    // "SELECT tid, topic_subject FROM …", "select sink, source, …": a query pasted without markup.
    !/^\s*(?:(?:SELECT|INSERT|UPDATE|DELETE)\b(?![a-z])|select\s+(?:distinct\s+)?[\w.$*]+\s*,)/.test(p.text) &&
    // "Add any other context about the problem here.": the template's words, not the reporter's.
    !isTemplatePlaceholder(p.text) &&
    // "Request me this section if you need complete instruction.": an offer, not an instruction.
    !isOnlyOffered(p.text) &&
    // A word alone ("Request") is a heading, not an instruction.
    p.text.trim().split(/\s+/).length >= 3 &&
    // A title that opens with a class ("Open Redirect vulnerability in …") or a noun ("Copy of SSRF in …").
    !opensWithAClass(p.text) &&
    !/^[\s>*•-]*\w+\s+of\b/i.test(p.text) &&
    !ADVICE.test(p.text) &&
    !LABEL_LINE.test(p.text) &&
    !MITIGATION_PATTERNS.some((re) => re.test(p.text)) &&
    !inShellSession(text, p.start) &&
    !underRemediation(text, p.start) &&
    !inContactNotice(text, p.start) &&
    !inAdviceList(text, p.start);
  const i = prose.findIndex(isStep);
  if (i < 0) return undefined;
  const first = prose[i]!;
  let end = first.end;
  let last = first;
  for (const next of prose.slice(i + 1)) {
    // The same paragraph, or the next item of a list spaced by blank lines ("- Go to …" / "" / "- Enter …"), and still
    // telling the reader what to do.
    const gap = text.slice(end, next.start);
    const spacedItem = !gap.trim() && LIST_ITEM.test(last.text) && LIST_ITEM.test(next.text);
    if ((/\n\s*\n/.test(gap) && !spacedItem) || !isStep(next) || next.end - first.start > MAX_STEPS_CHARS) break;
    end = next.end;
    last = next;
  }
  return { start: first.start, end };
}
