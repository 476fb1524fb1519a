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

/** A heading that names one of several issues ("Vulnerability #2", "Second finding"). */
export const PART_HEADING =
  /^(?:(?:vulnerability|vuln|issue|finding|bug|problem|report)\s*(?:#|no\.?\s*|number\s*)?\d+|(?:first|second|third|fourth) (?:issue|vulnerability|finding|bug))\b/i;

/**
 * Several issues in one advisory each carry their own CWE and CVSS: each part gets those
 * found in its own text (from its heading to the next part's), not the first of the mail.
 */
export function detectMultiple(b: Builder, sections: Section[]): ReportPart[] | undefined {
  const parts = findParts(b, sections);
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

/** How far a part's own text reaches at most (a part is a few paragraphs). */
const MAX_PART_CHARS = 8000;

function findParts(b: Builder, sections: Section[]): ReportPart[] | undefined {
  const parts = sections
    .filter((s) => !s.fields.length || s.fields.includes('title'))
    .filter((s) => PART_HEADING.test(s.heading) || (s.kind !== 'label' && findVulnTypes(s.heading).length > 0))
    .map((s): ReportPart => {
      const t = canonicalVulnType(s.heading) ?? canonicalVulnType(b.text.slice(s.headingEnd, Math.min(b.text.length, s.headingEnd + 600)));
      return { title: s.heading.replace(/\s+/g, ' ').trim(), source: span(s.headingStart, s.headingEnd), ...(t ? { vulnType: t } : {}) };
    });
  if (parts.length >= 2) return parts;
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
  const claim =
    /\b(?:found|discovered|identified|report(?:ing)?|there are)\s+(?:the following\s+)?(two|three|four|five|several|multiple|\d)\s+(?:separate\s+|distinct\s+|different\s+|independent\s+|security\s+)*(?:vulnerabilities|issues|bugs|flaws|problems|findings)\b/i.exec(
      b.text,
    );
  if (claim) {
    const n = { two: 2, three: 3, four: 4, five: 5 }[claim[1]!.toLowerCase()] ?? (Number(claim[1]) || Infinity);
    // "I'm reporting two issues:" followed by a numbered list: one part per item.
    const list = numberedRun(b.text, claim.index, Math.min(b.text.length, claim.index + 4000));
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
    const types = findVulnTypes(b.text).slice(0, n);
    if (types.length >= 2) return types.map((t) => ({ title: t.name, source: span(t.index, t.index + t.length), vulnType: t.name }));
  }
  return undefined;
}
