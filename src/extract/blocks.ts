/**
 * Blocks of a report that are not prose: code (fenced, indented, or a pasted HTTP
 * request or shell command) and numbered lists of steps. Pure. Input is hostile text;
 * it is scanned line by line with regexes anchored to one line, so time stays linear.
 */
import { closesFence, fenceMark } from './fence.js';
import { opensRequest, requestBodyEnd } from './http-request.js';
import { splitLines } from './sections.js';
import { STEP_VERB } from './step-verbs.js';

export function stripFences(s: string): string {
  // [ \t], not \s: with /m, \s ran across blank lines from every line start (quadratic on a run of them).
  return s.replace(/^[ \t]*(?:```+|~~~+)[^\n]*\n?|^[ \t]*(?:\/-{3,}|-{3,}\/)[ \t]*(?:\n|$)/gm, '').trim();
}

/** A label framed by dashes on a line of its own ("-----code snippet-----", "--- cut here ---"). */
const FRAMED_LABEL = /^\s*-{3,}[ \t]*(?!(?:original|forwarded) message\b)[A-Za-z][\w ]{1,30}?[ \t]*-{3,}\s*$/i;
/** Lines: how far the same framed label is looked for below (a pasted script, not the whole mail). */
const MAX_FRAMED_LINES = 300;

/** Code blocks: fenced, and runs of 4-space-indented lines that look like code or requests. */
export function codeBlocks(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const lines = splitLines(text);
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const mark = fenceMark(l.text, lines[i - 1]?.text) ?? /^\s*(\/-{3,})\s*$/.exec(l.text)?.[1];
    if (mark) {
      // Core Security's advisories fence code as "/-----" … "-----/".
      const closes = mark.startsWith('/') ? (t: string): boolean => /^-{3,}\/\s*$/.test(t) : (t: string): boolean => closesFence(t, mark);
      let j = i + 1;
      while (j < lines.length && !closes(lines[j]!.text.trim())) j++;
      const bodyStart = lines[Math.min(i + 1, lines.length - 1)]!.start;
      const bodyEnd = j > i + 1 ? lines[j - 1]!.end : bodyStart;
      if (bodyEnd > bodyStart) out.push({ start: bodyStart, end: bodyEnd, text: text.slice(bodyStart, bodyEnd) });
      i = j < lines.length ? j + 1 : lines.length;
      continue;
    }
    // "-----code snippet-----" … "-----code snippet-----": the same framed label twice around the code
    // (unlike PGP's "-----BEGIN …-----" and "-----END …-----", which armour, not code).
    const framed = FRAMED_LABEL.test(l.text) ? l.text.trim() : undefined;
    const closing = framed ? lines.slice(i + 1, i + 1 + MAX_FRAMED_LINES).findIndex((x) => x.text.trim() === framed) : -1;
    const framedBody = closing > 0 ? text.slice(lines[i + 1]!.start, lines[i + closing]!.end) : '';
    // (A mail's quoted part between two like markers is no code: the body must read as code.)
    if (closing > 0 && /[{}();<>=$|]|^#!/m.test(framedBody)) {
      const j = i + 1 + closing;
      out.push({ start: lines[i + 1]!.start, end: lines[j - 1]!.end, text: text.slice(lines[i + 1]!.start, lines[j - 1]!.end) });
      i = j + 1;
      continue;
    }
    if (/^(?: {4}|\t)\S/.test(l.text) && !/^\s*(?:[-*•]|\d+[.)])\s/.test(l.text)) {
      let j = i;
      while (
        j + 1 < lines.length &&
        (/^(?: {4}|\t)/.test(lines[j + 1]!.text) || (!lines[j + 1]!.text.trim() && /^(?: {4}|\t)\S/.test(lines[j + 2]?.text ?? '')))
      )
        j++;
      const block = text.slice(l.start, lines[j]!.end);
      // A bracket after a word is a call ("alert(1)"); after a space, an aside in prose ("CWE-79: … ('Cross-site Scripting')").
      if (/[{};<>=$|]|\w\(|\)[;.]\w|^[ \t]*(?:GET|POST|PUT|DELETE|PATCH|curl|wget|python|nc|\$)\b/m.test(block))
        out.push({ start: l.start, end: lines[j]!.end, text: block });
      i = j + 1;
      continue;
    }
    // An HTTP request or shell command pasted without markup.
    // A request line may wrap its HTTP version onto the next line ("POST /upload.cfm" then "HTTP/1.1").
    const request = opensRequest(lines, i);
    if (request || /^\s*(?:curl\s+-|\$ \w)/.test(l.text)) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1]!.text.trim()) j++;
      // A request's body below the blank line after its headers is part of it.
      const body = request ? requestBodyEnd(lines, i, j) : -1;
      if (body > j) j = body;
      out.push({ start: l.start, end: lines[j]!.end, text: text.slice(l.start, lines[j]!.end) });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

/** Non-item lines a numbered list may hold between two items and still be one list (a screenshot, a code block, a remark). */
const MAX_STEP_GAP_LINES = 30;
/** A line that is only a picture or a link to one ("![Create a project](https://…)"): part of the step above it. */
const PICTURE_LINE = /^\s*!\[[^\]\n]{0,300}\]\([^)\s]{1,2000}\)\s*$/;

/**
 * A numbered item's mark: "1. ", "2) ", "Step 3: ", "Step (1): ", and as written without a
 * space ("1.Product->Overview", "3.Change value of …") or with an ideographic comma ("2、"),
 * where a capital or a word follows, not a version ("2.x branch", "1.2.3"), nor a section title set
 * off by rules ("3. --- Vulnerability Description ---"); with a hyphen ("1-Go to …", "2- Click …"),
 * not a date's day ("14-Feb-2024"); lettered ("a. Install …", "b) Go to …"). No i flag:
 * with it, \p{Lu} takes lower case letters too.
 */
const ITEM_MARK =
  /^\s*(?:\d{1,3}[.)]\s+(?=\S)(?![-=~]{2,}\s)|\d{1,3}(?:[.)](?=\p{Lu}|\p{L}{2,}[\s,;:.-])|、\s*)|\d{1,3}-[ \t]?(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}[-/ .]\d)(?=\p{Lu}\p{Ll})|[a-h][.)][ \t]+(?=\p{Lu})|[Ss][Tt][Ee][Pp]\s*\(?\d{1,3}\)?\s*[:.)-]?\s+(?=\S))/u;

/** A lettered item's mark ("c. Insert …"). */
const LETTER_MARK = /^\s*([a-h])[.)][ \t]/;
/** A hyphen item's mark ("2- Click …"). */
const HYPHEN_MARK = /^\s*\d{1,3}-/;

/** An item's number: its digits, or a lettered item's place in the alphabet ("c. Insert …" is the third). */
function itemNumber(line: string): number {
  const letter = LETTER_MARK.exec(line)?.[1];
  return letter ? letter.charCodeAt(0) - 96 : Number(/\d+/.exec(line)?.[0]);
}

/**
 * The longest numbered list of steps in text[from, to), with the span of each item's line.
 * A list goes on past a screenshot, a code block or a remark between two items when the
 * next item carries the next number ("1. Create a project" … "2. Upload a file"), up to
 * MAX_STEP_GAP_LINES lines; what lies between is not a step.
 */
export function numberedRun(
  text: string,
  from: number,
  to: number,
  /** Whether a list goes on past lines between two items (steps do; a list of issues named one per line does not). */
  bridge = true,
): { start: number; end: number; items: Array<{ start: number; end: number }> } | undefined {
  const lines = splitLines(text).filter((l) => l.start >= from && l.end <= to);
  type Run = {
    start: number;
    end: number;
    n: number;
    last: number;
    gap: number;
    style: 'step' | 'number' | 'letter' | 'hyphen';
    items: string[];
    spans: Array<{ start: number; end: number }>;
  };
  let best: Run | undefined;
  let cur: Run | undefined;
  const close = (): void => {
    // Every item a section's name ("1. Vendor Description", "2. Technical Description"): an advisory's parts, not steps.
    // Nor a list with two or more items that are only a marked-up title ("4. *Vulnerable packages*", "6. *Credits*" in a
    // CORE advisory, their bodies' ". BugTracker.NET v3.4.4." lines read as items between them).
    const sections =
      cur !== undefined &&
      (cur.items.every((i) => sectionName(i)) ||
        cur.items.filter((i) => /^(\*{1,2}|_{1,2})[^*_\n]{2,60}\1:?$/.test(i.trim()) && i.trim().split(/\s+/).length <= 4).length >= 2);
    // Lettered items ("a) The first issue permits …") list findings as often as steps, and "1-" marks a dated or
    // numbered line of anything: only a run of actions is steps.
    const acts =
      cur !== undefined && (cur.style === 'number' || cur.style === 'step' || cur.items.filter((i) => STEP_START.test(i.trim())).length * 2 > cur.items.length);
    if (cur && cur.n >= 2 && !sections && acts && (!best || cur.n > best.n) && stepsLike(text, cur)) best = cur;
    cur = undefined;
  };
  for (const l of lines) {
    // Sub-steps lettered under a numbered step ("1. Log in" / "a. Click New page" / "2. Paste …") belong to it.
    if (cur && cur.style === 'number' && cur.gap === 0 && LETTER_MARK.test(l.text)) {
      cur.end = l.end;
      cur.spans[cur.spans.length - 1]!.end = l.end;
    } else if (ITEM_MARK.test(l.text)) {
      const num = itemNumber(l.text);
      // After lines that are not steps, only the next number carries the list on.
      const item = l.text.replace(ITEM_MARK, '');
      // Numbered headings of an advisory ("4. Fix and recommendations", "5. Credits") have bodies between them, not steps.
      const carries =
        cur !== undefined && num === cur.last + 1 && cur.gap <= MAX_STEP_GAP_LINES && !headingLike(item) && !headingLike(cur.items[cur.items.length - 1]!);
      // Items marked another way ("Step 1:" after "3. Proof of Concept") start a list of their own.
      const style = /^\s*step\b/i.test(l.text) ? 'step' : LETTER_MARK.test(l.text) ? 'letter' : HYPHEN_MARK.test(l.text) ? 'hyphen' : 'number';
      if (cur && (cur.style !== style || (cur.gap > 0 && !(bridge && carries)))) close();
      const span = { start: l.start, end: l.end };
      // In place: a copy per item was quadratic on a hostile run of thousands of "1." lines.
      if (cur) {
        Object.assign(cur, { end: l.end, n: cur.n + 1, last: num, gap: 0 });
        cur.items.push(item);
        cur.spans.push(span);
      } else cur = { start: l.start, end: l.end, n: 1, last: num, gap: 0, style, items: [item], spans: [span] };
    } else if (cur && cur.gap === 0 && /^\s{2,}\S/.test(l.text)) {
      // Continuation of the previous step.
      cur.end = l.end;
      const lastSpan = cur.spans[cur.spans.length - 1]!;
      lastSpan.end = l.end;
    } else if (cur && PICTURE_LINE.test(l.text)) {
      continue;
    } else if (cur && l.text.trim()) {
      cur.gap++;
      if (cur.gap > MAX_STEP_GAP_LINES) close();
    }
  }
  close();
  return best ? { start: best.start, end: best.end, items: best.spans } : undefined;
}

/** An item that reads as a section's heading: a few words, no sentence's end, not a step's verb. */
function headingLike(item: string): boolean {
  const t = item.trim();
  return t.split(/\s+/).length <= 6 && !/[.!?:。！？：]$/.test(t) && !STEP_START.test(t);
}

/**
 * An item that names an advisory's part ("Vendor Description", "Proof of Concept", "2. Proof Of
 * Concept:"): capitalised words, four at most, nothing else. A list of only these is the
 * advisory's outline, not steps.
 */
function sectionName(item: string): boolean {
  const t = item.trim();
  return /^[A-Z][A-Za-z]*(?: [A-Za-z]+){0,3}:?$/.test(t) && !STEP_START.test(t);
}
/** A step's verb, or one that only starts a step in a numbered list ("3. Check that the script is running"). */
export const STEP_START = new RegExp(
  `^(?:${STEP_VERB}|check|make|use|observe|wait|delete|remove|reload|refresh|write|fill in|log ?into|search|find|look|inspect|view|note|decompile|decode|decrypt|extract|unzip|read)\\b`,
  'i',
);

/** The Markdown heading line the text at `at` sits under ("### Impact"), within the 1,500 characters before it, or "". */
function sectionHeading(text: string, at: number): string {
  const lines = text.slice(Math.max(0, at - 1500), at).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^#{1,6}[ \t]+\S/.test(lines[i]!)) return lines[i]!;
    // A bold or plain heading in between ("**PoC**", "Steps to reproduce") starts a section of its own.
    if (
      /^[ \t]*(?:\*\*[^*\n]{1,60}\*\*:?|__[^_\n]{1,60}__:?)[ \t]*$|^[ \t]*(?:steps?|proof of concept|poc|to reproduce|reproduc\w*|exploit\w*)\b/i.test(
        lines[i]!,
      )
    )
      return '';
  }
  return '';
}

/** An item that is only a link to code: a repository's blob or tree, a line anchor or a source file, no query. */
const CODE_LINK_ITEM =
  /^(?:https?:\/\/[^\s?]*(?:\/(?:blob|tree)\/[^\s?]*|#L\d+[^\s?]*|\.(?:py|js|ts|c|h|cc|cpp|go|rb|php|java|rs|cs)(?:#[^\s]*)?)|\[[^\]]*\]\(https?:\/\/[^\s?)]*(?:\/(?:blob|tree)\/|#L\d)[^\s?)]*\))$/i;

/**
 * Whether a numbered run is steps: not an advisory's numbered section headings ("1.
 * Advisory Information", "2. Vulnerability Details"), and not the numbered advice under a
 * Solution or Mitigation heading.
 */
function stepsLike(text: string, run: { start: number; items: string[] }): boolean {
  const headings = run.items.every((i) => /^(?:\p{Lu}[\p{L}-]*|and|of|the|&|\/)(?:\s+(?:\p{Lu}[\p{L}-]*|and|of|the|&|\/)){0,5}:?\s*$/u.test(i.trim()));
  if (headings) return false;
  // The line before the list, past a heading's underline ("Solution - Fix & Patch:" over "=====").
  const before =
    text
      .slice(Math.max(0, run.start - 200), run.start)
      .trim()
      .split('\n')
      .filter((l) => !/^\s*(?:={3,}|-{3,})\s*$/.test(l))
      .at(-1) ?? '';
  // Advice leads the list ("Either one of the following solutions will work."), unless the line
  // says these are steps ("Steps to verify the fix does not work:", "Bypass of the mitigations:").
  const toDo = /\b(?:reproduc\w*|steps?|poc|exploit\w*|verify|bypass\w*|missed|trigger\w*)\b/i.test(before);
  if (!toDo && /\b(?:solutions?|mitigations?|remediations?|recommendations?|workarounds?|fix(?:es)?|countermeasures?)\b/i.test(before)) return false;
  // What the flaw leads to ("This may lead to:"), listed under Impact, is no list of what to do.
  if (/\b(?:may|can|could|might|would|will)\s+(?:lead|result)\s+(?:to|in)(?:[ \t]*:)?[ \t]*$/i.test(before)) return false;
  if (/^#{1,6}[ \t]+(?:impact|solutions?|mitigations?|remediation|recommendations?|workarounds?|references?)\b/im.test(sectionHeading(text, run.start)))
    return false;
  // Links into code, one per item and nothing else ("1) https://github.com/…/core.py#L270"), tell nothing to do.
  // (Items of at most 500 characters: the pattern backtracks on a long line that is no link.)
  if (run.items.every((i) => i.length <= 500 && CODE_LINK_ITEM.test(i.trim()))) return false;
  // "How the NULL Pointer Dereference happens:": the conditions of the flaw, not what to do.
  if (/\bhow\b[^\n]{0,80}\b(?:happens?|occurs?|works?|arises?)\b[ \t]*:?[ \t]*$/i.test(before)) return false;
  // A list that describes ("3) The third problem occurs due …") rather than tells the reader what to do.
  const describing = run.items.filter((i) => /^(?:the|this|these|it|there|a|an)\s/i.test(i.trim())).length;
  return describing * 2 <= run.items.length;
}
