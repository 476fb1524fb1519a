/**
 * Tells a report of several issues from a report of one: headings or lines that name
 * "Vulnerability 1", "Finding 2", several vulnerability types, or a sentence that says
 * "I found two issues" followed by a numbered list. Pure. Input is hostile text; every
 * regex is bounded to one line or one sentence.
 */
import { type Builder, span } from './builder.js';
import { numberedRun } from './blocks.js';
import { type Section, splitLines } from './sections.js';
import type { ReportPart } from './types.js';
import { findCvssVectors, scoreCvss } from './cvss.js';
import { canonicalVulnType, findCwes, findVulnTypes } from './vuln-types.js';
import { itemParts } from './item-parts.js';
import { headingLevel, templateParts } from './template-parts.js';
import { SENTENCE_VERB } from './sentence-verb.js';

/** A heading that names one of several issues ("Vulnerability #2", "Second finding"). */
export const PART_HEADING =
  /^(?:(?:vulnerability|vuln|issue|finding|bug|problem|report)\s*(?:#|no\.?\s*|number\s*)?\d+|(?:first|second|third|fourth) (?:issue|vulnerability|finding|bug))\b/i;

/**
 * Several issues in one advisory each carry their own CWE and CVSS: each part gets those
 * found in its own text (from its heading to the next part's), not the first of the mail.
 */
export function detectMultiple(b: Builder, sections: Section[], subject = ''): ReportPart[] | undefined {
  const parts = findParts(b, sections, subject);
  return parts && withOwnIds(b.text, parts);
}

function withOwnIds(text: string, parts: ReportPart[]): ReportPart[] {
  const starts = parts.map((p) => ('start' in p.source ? p.source.start : -1));
  return parts.map((p, i) => {
    const start = starts[i] as number;
    if (start < 0) return p;
    const later = starts.filter((x) => x > start);
    const own = text.slice(start, Math.min(later.length ? Math.min(...later) : text.length, start + MAX_PART_CHARS));
    const cwe = findCwes(own)[0]?.id;
    const vec = findCvssVectors(own)[0];
    const scored = vec ? scoreCvss(vec.vector) : undefined;
    return {
      ...p,
      ...(cwe ? { cwe } : {}),
      ...(scored
        ? {
            cvss: {
              vector: scored.vector,
              ...(scored.score !== undefined ? { score: scored.score } : {}),
              ...(scored.severity ? { severity: scored.severity } : {}),
            },
          }
        : {}),
    };
  });
}

/**
 * A heading that only names a type already named by an earlier part heading ("Server-Side
 * Template Injection" under "… template injection in Lithium CMS"): a section of that issue,
 * not a second one. A heading that says more ("XSS via preview.cgi" after "XSS via syncid") is its own part.
 */
function onlyTypeName(p: ReportPart, earlier: ReportPart[]): boolean {
  if (!p.vulnType || !earlier.some((e) => e.vulnType === p.vulnType)) return false;
  const rest = p.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((w) => w && !/^(?:the|a|an|vulnerability|vulnerabilities|issue|details?|description|summary|overview)$/.test(w));
  const typeWords = new Set(
    p.vulnType
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .split(' '),
  );
  return rest.every((w) => typeWords.has(w) || findVulnTypes(w).length > 0) || rest.length <= 3;
}

/** The part a heading opens: its title, and the type its heading or the text just below it names. */
function partUnder(b: Builder, s: Section): ReportPart {
  const t = canonicalVulnType(s.heading) ?? canonicalVulnType(b.text.slice(s.headingEnd, Math.min(b.text.length, s.headingEnd + 600)));
  // Its CVE on the heading line ("… - CVE-2010-4283") is an identifier of the part, not its title.
  const title = s.heading
    .replace(/\s+/g, ' ')
    .replace(/(?:[ \t]*[-–,][ \t]*CVE-\d{4}-\d{4,7})+[ \t-]*$/i, '')
    .trim();
  return { title, source: span(s.headingStart, s.headingEnd), ...(t ? { vulnType: t } : {}) };
}

/** A part's own identifiers, as an advisory gives each of its issues: a CVE, a CWE, a CVSS or severity line. */
const OWN_IDS = /\bCVE-\d{4}-\d{4,}\b|^[ \t]*(?:CWE|CVSS(?: score| vector)?|severity(?: rating)?)\s*:|\bCVSS(?:v[23](?:\.\d)?)?[ \t]+\d{1,2}\.\d\b/im;

/**
 * The other issues of an advisory whose headings do not name a vulnerability type ("File
 * Deletion", "Passwords stored in Cleartext" beside "SQL Injection via bauth Cookie"): the
 * headings at the level of the parts found, each with its own CVE, CWE or severity line.
 */
function withSiblings(b: Builder, sections: Section[], parts: ReportPart[]): ReportPart[] {
  const starts = new Set(parts.map((p) => ('start' in p.source ? p.source.start : -1)));
  const levels = new Set(sections.filter((s) => starts.has(s.headingStart)).map((s) => headingLevel(b.text, s)));
  if (levels.size !== 1) return parts;
  const [level] = levels;
  const same = sections.filter((s) => s.kind !== 'label' && !LABELLED_HEADING.test(s.heading) && headingLevel(b.text, s) === level);
  // A heading's own text, from its own line ("5.2 - … - CVE-2010-4283") up to the next heading of its level (its labelled lines are sections of their own).
  const ownText = (i: number): string => {
    const s = same[i] as Section;
    return b.text.slice(s.headingStart, Math.min(same[i + 1]?.headingStart ?? b.text.length, s.headingEnd + 3000));
  };
  // An advisory's issues sit together: siblings after the first part found, not an earlier section that cites their CVEs.
  const first = Math.min(...starts);
  const more = same.filter((s, i) => !starts.has(s.headingStart) && s.headingStart > first && OWN_IDS.test(ownText(i))).map((s) => partUnder(b, s));
  const at = (p: ReportPart): number => ('start' in p.source ? p.source.start : -1);
  return [...parts, ...more].sort((x, y) => at(x) - at(y));
}

/** How far a part's own text reaches at most (a part is a few paragraphs). */
const MAX_PART_CHARS = 8000;

/**
 * A heading that is a labelled line ("Exploit Title: … - Multiple SQLi", "Blog Post: …",
 * "GHSL-2020-071: Server-side template injection in …", "Details: …"): it titles the whole
 * report or points elsewhere, it does not open one issue of several.
 */
// A colon inside brackets ("PHP File Inclusion (or RFI/LFI: Remote/Local …)") labels nothing, nor one
// inside a code reference ("Multiple integer overflows in ssh.c:concat_hash_string").
const LABELLED_HEADING = /^(?![^:(\n]*\.\w{1,5}:\w)[^:(\n]{2,40}:\s*\S/;

/**
 * A '#' line that is a sentence, not a Markdown heading over one of several issues: a line of an
 * exploit's comment block wrapped mid-sentence ("# leveraged to cause a denial of service condition or
 * to escalate" / "# privileges to root."; "# FCKEditor 2.3.2 is used, file upload vulnerabilities have
 * been found" / "before (Credits to grabz), …"), or a whole sentence, with its verb, ending in a full stop
 * ("# We can bypass the directory traversal mitigation by using an array.").
 */
function commentSentence(text: string, s: Section): boolean {
  // Only a single '#': a script's comment marks every line so; a Markdown part heading is "##" or deeper as often.
  if (s.kind !== 'markdown' || PART_HEADING.test(s.heading) || !/^[ \t]*#[ \t]/.test(text.slice(s.headingStart, s.headingEnd))) return false;
  const before = text.lastIndexOf('\n', s.headingStart - 2);
  const prev = text.slice(before + 1, Math.max(before + 1, s.headingStart - 1));
  const after = text.indexOf('\n', s.headingEnd + 1);
  const next = text.slice(s.headingEnd + 1, after < 0 ? text.length : after);
  const line = text.slice(s.headingStart, s.headingEnd);
  const words = s.heading.trim().split(/\s+/).length;
  const open = !/[.:!?]$/.test(s.heading.trim());
  return (
    (/^[ \t]*#+[ \t]+[a-z]/.test(line) && /^[ \t]*#/.test(prev)) ||
    /^[ \t]*#+[ \t]+[a-z]/.test(next) ||
    (open && words >= SENTENCE_WORDS && /^[ \t]*[a-z]/.test(next)) ||
    (/[a-z]\.$/.test(s.heading.trim()) && words >= SENTENCE_WORDS && SENTENCE_VERB.test(s.heading))
  );
}
/** Words from which a '#' line that runs on, or ends in a full stop, reads as a sentence. */
const SENTENCE_WORDS = 6;

function findParts(b: Builder, sections: Section[], subject: string): ReportPart[] | undefined {
  const headed = sections
    .filter((s) => (!s.fields.length || s.fields.includes('title')) && !commentSentence(b.text, s))
    .filter((s) => PART_HEADING.test(s.heading) || (s.kind !== 'label' && !LABELLED_HEADING.test(s.heading) && findVulnTypes(s.heading).length > 0))
    .map((s) => partUnder(b, s));
  const parts = headed.filter((p, i) => PART_HEADING.test(p.title) || !onlyTypeName(p, headed.slice(0, i)));
  if (parts.length >= 2) return withSiblings(b, sections, parts);
  // "Vulnerability: Remote code execution via file upload" … "Vulnerability: Blind SQL injection": one label per issue.
  const labelled = sections
    .filter((s) => s.kind === 'label' && /^(?:vulnerability|vuln|issue|finding|bug)$/i.test(s.heading.trim()))
    .map((s) => ({ s, value: b.text.slice(s.valueStart, s.valueEnd).split('\n')[0]!.replace(/\s+/g, ' ').trim() }))
    .filter((x) => x.value && findVulnTypes(x.value).length > 0);
  if (labelled.length >= 2 && new Set(labelled.map((x) => x.value.toLowerCase())).size === labelled.length) {
    return labelled.map(({ s, value }) => {
      const t = canonicalVulnType(value);
      return { title: value, source: span(s.valueStart, s.valueStart + value.length), ...(t ? { vulnType: t } : {}) };
    });
  }
  // "Bug 1: ..." / "Finding 2 - ..." lines that are not headings of their own.
  const lines = [
    ...b.text.matchAll(/^[ \t]*(?:[-*•][ \t]+)?((?:vulnerability|vuln|issue|finding|bug|problem)[ \t]*(?:#|no\.?[ \t]*)?\d+[ \t]*[:.)–-][^\n]{3,200})$/gim),
  ];
  if (lines.length >= 2) {
    return lines.map((m) => {
      const t = canonicalVulnType(m[1]!);
      return { title: m[1]!.trim(), source: span(m.index + m[0].indexOf(m[1]!), m.index + m[0].length), ...(t ? { vulnType: t } : {}) };
    });
  }
  const items = templateParts(b.text, sections, subject) ?? itemParts(b.text, subject);
  if (items) return items;
  const claim =
    /\b(?:found|discovered|identified|report(?:ing)?|there are)\s+(?:the following\s+)?(two|three|four|five|several|multiple|\d)\s+(?:separate\s+|distinct\s+|different\s+|independent\s+|security\s+)*(?:vulnerabilities|issues|bugs|flaws|problems|findings)\b|\b(?:abused|exploited|attacked|used)\s+in\s+(two|three|four|five)\s+(?:different\s+|distinct\s+|separate\s+)?ways\b/i.exec(
      b.text,
    );
  if (claim) {
    const said = (claim[1] ?? claim[2])!.toLowerCase();
    const n = { two: 2, three: 3, four: 4, five: 5 }[said] ?? (Number(said) || Infinity);
    // "I'm reporting two issues:" followed by a numbered list: one part per item.
    const list = numberedRun(b.text, claim.index, Math.min(b.text.length, claim.index + 4000), false);
    if (list && b.text.slice(claim.index, list.start).split('\n').length <= 4) {
      const items = splitLines(b.text.slice(list.start, list.end))
        .map((l) => ({ ...l, start: l.start + list.start, end: l.end + list.start }))
        .filter((l) => /^\s*(?:\d+[.)]|step \d+)/i.test(l.text));
      if (items.length >= 2 && (n === Infinity || items.length === n)) {
        return items.map((l) => {
          const t = canonicalVulnType(l.text);
          return { title: l.text.replace(/^\s*\d+[.)]\s*/, '').trim(), source: span(l.start, l.end), ...(t ? { vulnType: t } : {}) };
        });
      }
    }
    // "… can be abused in two different ways:" then "1) Client-Side Request Forgery" and its
    // paragraphs, "2) Capture of credentials" and its: one part per item line standing alone.
    const items = spacedItems(b.text, claim.index + claim[0].length, n);
    if (items) return items;
    const types = findVulnTypes(b.text).slice(0, n);
    if (types.length >= 2) return types.map((t) => ({ title: t.name, source: span(t.index, t.index + t.length), vulnType: t.name }));
  }
  return undefined;
}

/** How far below a claim its numbered items may run (characters): a few paragraphs each. */
const SPACED_ITEMS_REACH = 6000;

/**
 * Items "1) Title", "2) Title" … numbered in order from 1, each a short line standing alone
 * (a blank line or the claim before it), with paragraphs between them: exactly `n` of them
 * when the claim gave a number. A list whose items run on as steps is not this.
 */
function spacedItems(text: string, from: number, n: number): ReportPart[] | undefined {
  const region = text.slice(from, Math.min(text.length, from + SPACED_ITEMS_REACH));
  const found: ReportPart[] = [];
  for (const m of region.matchAll(/(?:^|\n[ \t]*\n)[ \t]*(\d)[.)][ \t]+([A-Z][^\n]{2,100})(?=\n)/g)) {
    if (Number(m[1]) !== found.length + 1 || m[2]!.trim().split(/\s+/).length > 10 || /[.:;,]$/.test(m[2]!.trim())) break;
    const at = from + m.index + m[0].indexOf(m[2]!);
    const t = canonicalVulnType(m[2]!);
    found.push({ title: m[2]!.trim(), source: span(at, at + m[2]!.length), ...(t ? { vulnType: t } : {}) });
    if (found.length === n) break;
  }
  return found.length >= 2 && (n === Infinity || found.length === n) ? found : undefined;
}
