/**
 * The line of a report that carries an attack payload on its own: the markup of an XSS,
 * the tail of an SQL injection, a traversal, a command or template injected. Where a
 * report has no labelled PoC, no code block and no typed command, this line is what a
 * triager copies into the PoC field ("http://host/go.php?url=test.php%00http://x/",
 * "ip link show \"eth0; id\""). A sentence that only mentions a payload is not taken: it
 * tells the steps. Pure; the input is report text (untrusted), matched per line with
 * bounded patterns only.
 */

import { sourceFilePath } from './code-links.js';

/** What a GitHub Actions workflow's "${{ … }}" opens with: one of its contexts ("github.", "secrets.") or functions ("fromJson("). */
const WORKFLOW_CALL = String.raw`(?:(?:github|secrets|env|inputs|steps|needs|matrix|vars)\.|(?:fromJSON|fromJson|toJSON|toJson|contains|startsWith|endsWith|format|join|hashFiles)\()`;
/** A workflow's own expression ("${{ github.event.issue.title }}"): the project's workflow, not a payload. */
export const WORKFLOW_EXPRESSION = new RegExp(String.raw`\$\{\{\s{0,3}${WORKFLOW_CALL}`);

/** One pattern per family of payload; each bounded, so a hostile line stays linear. */
const PAYLOAD_SIGNS: RegExp[] = [
  // Markup that runs script: an event handler or a script element.
  /<[ \t]{0,3}(?:script|img|svg|iframe|body|details|video|audio|input|a)\b[^>\n]{0,200}?(?:\bon[a-z]{3,20}[ \t]{0,3}=|javascript:)/i,
  /<script\b[^>\n]{0,100}>[^<\n]{1,200}/i,
  /\bdocument\.cookie\b/,
  // An attribute that breaks out of its quotes into an event handler ("\" onmouseover=prompt(1) bad=\""), markup sent
  // URL-encoded ("%3Cscript%3E"), and the dialog an XSS pops ("alert(1)", "prompt(document.domain)").
  // (Not a page's own markup: the handler must run a dialog or script, "onclick=\"deleteUser(42)\"" is the product's; nor
  // its own dialog, "confirm('Delete your account?')": the payload's argument is a marker, not a sentence.)
  /["'][ \t]{0,3}on[a-z]{3,20}[ \t]{0,3}=[ \t]{0,3}["']?[ \t]{0,3}(?:alert|prompt|confirm|print|eval|fetch|javascript:|document\.|window\.|location\b|top[.[]|self[.[]|\w{1,20}\.src\b)|%3c[ \t]{0,3}\/?(?:script|img|svg|iframe)\b|\b(?:alert|prompt|confirm)[ \t]{0,3}\([ \t]{0,3}(?:\d{1,9}|document\.\w{1,20}|window\.\w{1,20}|\/[^/\n]{1,40}\/(?:\.source)?|['"](?:[^'"\s]{0,40}|[^'"\n]{0,30}\bxss\b[^'"\n]{0,30})['"])[ \t]{0,3}\)/i,
  // A spreadsheet formula that runs a program or fetches a URL when the exported file is opened (CSV injection).
  /(?:^|[\s"',;:])[=+@-](?:cmd|powershell|mshta|hyperlink|importxml|importdata|webservice|dde)\b[ \t]{0,3}[|(]/i,
  // SQL: a tautology, a union, a time delay.
  /'[ \t]{0,3}(?:or|and)[ \t]+['\d]|\b(?:and|or)[ \t]+(\d{1,6})[ \t]{0,3}=[ \t]{0,3}\1\b|(?<![a-z])union(?:[ \t]+|%20|\+|\/\*\*\/)(?:all(?:[ \t]+|%20|\+|\/\*\*\/))?select\b|\b(?:sleep|pg_sleep|benchmark)[ \t]{0,3}\([ \t]{0,3}\d/i,
  // A path walked up, or cut short by a null byte ("../../../etc/passwd", "test.php%00http://").
  // Encoded once or twice, a single step up is already a payload ("..%252f").
  /(?:\.\.(?:\/|%2f|\\)){2,}|\.\.(?:%2f|%252f|%5c|%255c)|%00/i,
  // A shell command appended or substituted ("; id", "$(whoami)", "`touch x`").
  /(?:;|\|\||&&|\|)[ \t]{0,3}(?:id|whoami|uname|cat|ls|touch|wget|curl|nc|sleep|ping)\b|\$\([ \t]{0,3}(?:id|whoami|touch|curl|wget|sleep)\b|`[ \t]{0,3}(?:id|whoami|touch|curl|wget|sleep)\b[^`\n]{0,80}`/i,
  // An expression a template engine evaluates; not a GitHub Actions workflow's own ("${{ github.event.issue.title }}").
  new RegExp(String.raw`\$\{(?!\{\s{0,3}${WORKFLOW_CALL})[^}\n]{3,120}\}|(?<!\$)\{\{(?!\s{0,3}${WORKFLOW_CALL})[^}\n]{3,120}\}\}`),
];

/** Whether any payload sign appears in the text at all (a payload quoted in a sentence shows how, too). */
export function hasPayloadSign(text: string): boolean {
  return PAYLOAD_SIGNS.some((re) => re.test(text));
}

/** Lines longer than this are prose or data, not a payload a triager would copy (characters). */
const MAX_PAYLOAD_LINE = 300;
/** Words a payload line may have around its payload: more, and it is a sentence that quotes one. */
const MAX_PAYLOAD_WORDS = 10;

/** Whether a line is a payload standing on its own. */
export function isPayloadLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > MAX_PAYLOAD_LINE || t.split(/\s+/).length > MAX_PAYLOAD_WORDS) return false;
  // A sentence ("… returns the file.") or a numbered step or list item tells what to do with it.
  if (/\s/.test(t) && /[A-Za-z][.!?]$/.test(t)) return false;
  if (/^(?:\d{1,2}[.)]|[-*•][ \t]|steps?\b)/i.test(t)) return false;
  return hasPayloadSign(t);
}

/** The first payload line of the text, trimmed, with its offsets. */
export function payloadLine(text: string): { value: string; start: number; end: number } | undefined {
  let at = 0;
  for (const line of text.split('\n')) {
    if (isPayloadLine(line)) {
      const value = line.trim();
      const start = at + line.indexOf(value);
      return { value, start, end: start + value.length };
    }
    at += line.length + 1;
  }
  return undefined;
}

/** Longest line read for a quoted payload: a longer one is data, not a step (characters). */
const MAX_QUOTING_LINE = 2000;

/**
 * A payload quoted inside a step: in backticks ("Set `\"<script>alert(1)</script>` as the
 * website name", "(e.g., `ip link show \"eth0; id\"`)"), in bold ("**x\"><svg onload=alert(2)>**")
 * or after the word payload ("put xss payload \"><img src=x onerror=alert(1)>"). What a triager
 * copies into the PoC field when the report gives no line of its own for it.
 */
export function quotedPayload(text: string): { value: string; start: number; end: number } | undefined {
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.length <= MAX_QUOTING_LINE) {
      for (const m of line.matchAll(/`([^`\n]{3,300})`/g)) if (hasPayloadSign(m[1]!)) return quoted(m[1]!, at + m.index + 1);
      // Set in bold instead ("provide the name as **name\"><svg onload=\"alert(2)\";**").
      for (const m of line.matchAll(/\*\*([^*\n]{3,300})\*\*/g)) if (hasPayloadSign(m[1]!)) return quoted(m[1]!, at + m.index + 2);
      const after = /\bpayloads?(?: used)?[ \t]{0,3}(?:[:=]|is)?[ \t]{0,3}([^ \t\n][^\n]{2,300})$/i.exec(line);
      if (after && hasPayloadSign(after[1]!)) return quoted(after[1]!, at + after.index + after[0].length - after[1]!.length);
      // Markup written into a step as it is ("2. Set the user name to <script>alert(1);</script>"): the element, with its breakout.
      // Only in a step: a sentence that names markup ("descriptions accept <svg onload=...>") describes the flaw.
      // A URL a step sends the reader to with the payload in its query ("1. Navigate to http://host/redir?choice=//google.com").
      const url = STEP_LINE.test(line) ? STEP_URL.exec(line) : null;
      // Not a code browser's link to the product's source: its own query ("?originalUrl=https:%2F%2F…") sends nowhere.
      if (url && !sourceFilePath(url[0]) && (hasPayloadSign(url[0]) || REDIRECT_VALUE.test(url[0]))) return quoted(url[0], at + url.index);
      const markup = STEP_LINE.test(line) ? INLINE_MARKUP.exec(line) : null;
      if (markup && !/\.{3}|…/.test(markup[0]) && hasPayloadSign(markup[0])) return quoted(markup[0], at + markup.index);
    }
    at += line.length + 1;
  }
  return inDoubleQuotes(text);
}

/** A line that puts something into the product ("use … this XSS payload", "if … is entered", "BanIP => …", "set the name to …"). */
const GIVES_INPUT =
  /\b(?:use[ds]?|using|enter(?:s|ed|ing)?|input|put|type[ds]?|paste[ds]?|insert(?:s|ed)?|submit(?:s|ted)?|set(?:s|ting)?|change[ds]?|payload)\b|=>/i;

/**
 * The last fallback: a payload in whole double quotes in a line that puts it into the product ("Then use
 * \" onmouseover=alert(1) \" this XSS payload", "if “《img src=1 onerror=alert(1)》” is entered"). Not a quoted attribute value
 * inside markup ('onerror="alert(1)"', which the markup rules above read whole), nor code a sentence quotes without
 * giving it as input ('builds the URL as "${baseUrl}/hooks/${id}"').
 */
function inDoubleQuotes(text: string): { value: string; start: number; end: number } | undefined {
  let at = 0;
  for (const line of text.split('\n')) {
    if (line.length <= MAX_QUOTING_LINE && GIVES_INPUT.test(line))
      for (const m of line.matchAll(/(?<![\w"=])["\u201c]([^"\u201c\u201d\n]{3,300})["\u201d](?!\w)/g))
        if (hasPayloadSign(m[1]!)) return quoted(m[1]!, at + m.index + 1);
    at += line.length + 1;
  }
  return undefined;
}

/** A URL with a query, in a step; a bracket inside only when closed ("…%3Cscript%3Ealert(1);%3C/script%3E"), not a link's "(…)". */
const STEP_URL = /\bhttps?:\/\/[^\s<>"'`)]{1,300}\?(?:[^\s<>"'`()]|\([^\s<>"'`()]{0,100}\)){1,300}/i;
/** A query value that is another site ("?choice=//google.com", "?next=https%3A%2F%2Fevil.example"): an open redirect's payload. */
const REDIRECT_VALUE = /[?&][\w.-]{1,40}=(?:https?:|https?%3a)?(?:\/\/|%2f%2f)[\w.-]/i;
/** A numbered or bulleted step. */
export const STEP_LINE = /^[ \t]{0,8}(?:\d{1,2}[.)]|[-*•])[ \t]/;
/** An element that runs script, written inline: a quote-and-bracket breakout, the tag, and a script element's body and end tag. */
const INLINE_MARKUP =
  /(?:["']{0,2}>)?<[ \t]{0,3}(script|img|svg|iframe|body|details|video|audio|input|a)\b[^<>\n]{0,200}>(?:[^<\n]{1,200}<\/[ \t]{0,3}\1[ \t]{0,3}>)?/i;

function quoted(raw: string, start: number): { value: string; start: number; end: number } {
  const value = raw.trim();
  const from = start + raw.indexOf(value);
  return { value, start: from, end: from + value.length };
}
