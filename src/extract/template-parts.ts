/**
 * The issues of an advisory written from one template: headings of one level, each over the
 * same sub-headings and labels ("Confirmed Affected Versions:", "CVE:", "CWE:", "Summary and
 * Impact", "Workarounds"), as X41's and many vendors' plain-text advisories repeat them for
 * every issue, whatever the issue's own heading says ("Log file manipulation"). Read only when
 * the report says it holds several; the heading that says so ("Multiple Vulnerabilities in …")
 * titles the whole. Pure; input is the sections of hostile text.
 */
import { span } from './builder.js';
import { claimsSeveral, SAYS_SEVERAL } from './item-parts.js';
import type { Section } from './sections.js';
import type { ReportPart } from './types.js';
import { canonicalVulnType } from './vuln-types.js';

/** A heading's level: its kind, and its "#" run or the character that underlines it. */
export function headingLevel(text: string, s: Section): string {
  const line = text.slice(s.headingStart, s.headingEnd);
  if (s.kind === 'markdown') return `md${/^\s*(#+)/.exec(line)?.[1]?.length ?? 0}`;
  if (s.kind === 'underline') return `ul${text.charAt(s.headingEnd + 1)}`;
  // "7.1." is a level below "7.": the depth of the numbering.
  if (s.kind === 'numbered') return `num${(/^\s*((?:\d+\.)*\d+)(?:[.)]|[ \t]+[-–])/.exec(line)?.[1] ?? '').split('.').length}`;
  return s.kind;
}

/** How high a level stands: "#" over "##", "=" underlines over "-" (setext's h1 and h2), "1." over "1.1."; labels lowest. */
function rank(level: string): number {
  if (level.startsWith('md')) return Number(level.slice(2));
  if (level === 'ul=') return 1;
  if (level === 'ul-') return 2;
  if (level.startsWith('ul')) return 3;
  if (level.startsWith('num')) return Number(level.slice(3));
  return level === 'label' ? Infinity : 9;
}

/** A heading that reads as an issue's title: words from its start ("Log file manipulation", "2. Command Execution"). */
const TITLE = /^[ \t#]*(?:\d{1,2}[.):]?[ \t]+(?:[-–:][ \t]+)?)?[A-Za-z][A-Za-z'-]{2,}/;
/** What a debugger's or a tool's output puts between rules ("#7  0x0000000000403c65 in _start ()", "(gdb)"). */
// Nor a version the issue was tried on ("Version 2.1.0") or a request's part ("Request", "Response").
// Nor an endpoint the one issue is reached by ("GET /api/reports", "/api/exports").
const NOT_A_TITLE =
  /\b0x[0-9a-f]{4,}|\(\)[ \t]*$|^[ \t#]*(?:versions?[ \t]+v?\d|v?\d+(?:\.\d+)+\b|requests?$|responses?$|(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)[ \t]+\/|\/)/i;
/** Names two headings must share below them to be written from one template. */
const SHARED_NAMES = 2;
/** Bounds on hostile text (a mail of thousands of headings): the sections read below a heading,
 *  and the headings of one level compared pairwise. An advisory's issue has a dozen of the first;
 *  one of forty issues written from a template is past what a mail to security@ holds. */
const BELOW_MAX = 40;
const LEVEL_MAX = 40;

export function templateParts(text: string, sections: Section[], subject: string): ReportPart[] | undefined {
  if (!claimsSeveral(text, subject)) return undefined;
  const ranks = sections.map((s) => rank(headingLevel(text, s)));
  // What stands below a heading: the names of the sections up to the next heading as high or higher.
  const below = (i: number): Set<string> => {
    const names = new Set<string>();
    for (let j = i + 1; j < sections.length && j <= i + BELOW_MAX && ranks[j]! > ranks[i]!; j++)
      names.add(sections[j]!.heading.toLowerCase().replace(/\s+/g, ' ').trim());
    return names;
  };
  const byLevel = new Map<string, number[]>();
  sections.forEach((s, i) => {
    if (s.kind === 'label' || s.fields.length || SAYS_SEVERAL.test(s.heading) || !TITLE.test(s.heading) || NOT_A_TITLE.test(s.heading)) return;
    const level = headingLevel(text, s);
    const group = byLevel.get(level);
    if (group) group.push(i);
    else byLevel.set(level, [i]);
  });
  let best: number[] = [];
  for (const group of byLevel.values()) {
    if (group.length < 2 || group.length > LEVEL_MAX) continue;
    const names = new Map(group.map((i) => [i, below(i)]));
    const templated = group.filter((i) => group.some((j) => j !== i && shared(names.get(i)!, names.get(j)!) >= SHARED_NAMES));
    if (templated.length > best.length) best = templated;
  }
  if (best.length < 2) return undefined;
  return best.map((i) => {
    const s = sections[i]!;
    const title = s.heading.replace(/\s+/g, ' ').trim();
    const t = canonicalVulnType(title);
    return { title, source: span(s.headingStart, s.headingEnd), ...(t ? { vulnType: t } : {}) };
  });
}

function shared(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
