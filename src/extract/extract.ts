/**
 * Turns a decrypted report (plain text; HTML already made text) into fields, each
 * with the span or attachment it came from. Labelled sections are read first (the
 * reporter's own structure wins), then free prose fills what is still missing.
 * Pure: no I/O, no network. Input is hostile: it is cut at LIMITS-sized length and
 * only scanned with line- or sentence-bounded regexes.
 */
import { findCvssVectors, scoreCvss } from './cvss.js';
import { findDate } from './dates.js';
import {
  affectedVersionSentence, CONFIG_PATTERNS, disclosureSentence, findBranch, findCommit, findComponent, findCredit, findLocations,
  firstMatching, fixedVersion, impactPatterns, MITIGATION_PATTERNS, type Piece, sentences, statusSentence, versionTokens, yesNo,
} from './prose.js';
import { findSections, type Section, splitLines } from './sections.js';
import { spamSignal } from './spam.js';
import type { ExtractedFields, ExtractInput, ExtractResult, FieldName, FieldValues, ReportPart, Span } from './types.js';
import { canonicalVulnType, findCwes, findVulnTypes, vulnTypeForCwe } from './vuln-types.js';

/** Reports longer than this are read only so far: the fields are near the top. */
export const MAX_EXTRACT_CHARS = 256 * 1024;

const EMPTY = /^(?:n\/?a|none|unknown|tbd|-+|\?+|not (?:sure|known|applicable)|no idea|nil)\.?$/i;
// Every attachment is proof-of-concept material (scripts, captures, archives, sample files)
// except the keys, signatures and cards that mail clients add on their own.
const NOT_POC_ATTACHMENT = /\.(?:asc|sig|gpg|pgp|p7s|vcf)$|^(?:signature|publickey|public[-_]key|key|0x[0-9a-f]+)\b/i;
const GENERIC_SUBJECT = /^(?:(?:security|vulnerability|bug|issue|report|disclosure|responsible disclosure|security (?:issue|report|vulnerability|bug|concern|problem)|vulnerability (?:report|disclosure)|bug report|important|urgent|hello|hi|question|found a (?:bug|vulnerability|security issue))\W*)+$/i;

interface Builder {
  text: string;
  fields: ExtractedFields;
}

function set<K extends FieldName>(b: Builder, k: K, value: FieldValues[K], sources: Span[]): void {
  if (b.fields[k] !== undefined) return;
  (b.fields as Record<string, unknown>)[k] = { value, sources };
}

function span(start: number, end: number): Span {
  return { start, end };
}

function trimmedSpan(text: string, start: number, end: number): { start: number; end: number; text: string } {
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  return { start, end, text: text.slice(start, end) };
}

function stripFences(s: string): string {
  return s.replace(/^\s*(?:```+|~~~+)[^\n]*\n?/gm, '').trim();
}

/** Code blocks: fenced, and runs of 4-space-indented lines that look like code or requests. */
function codeBlocks(text: string): Array<{ start: number; end: number; text: string }> {
  const out: Array<{ start: number; end: number; text: string }> = [];
  const lines = splitLines(text);
  let i = 0;
  while (i < lines.length) {
    const l = lines[i]!;
    const fm = /^\s*(```+|~~~+)/.exec(l.text);
    if (fm) {
      let j = i + 1;
      while (j < lines.length && !lines[j]!.text.trim().startsWith(fm[1]!.slice(0, 3))) j++;
      const bodyStart = lines[Math.min(i + 1, lines.length - 1)]!.start;
      const bodyEnd = j > i + 1 ? lines[j - 1]!.end : bodyStart;
      if (bodyEnd > bodyStart) out.push({ start: bodyStart, end: bodyEnd, text: text.slice(bodyStart, bodyEnd) });
      i = j < lines.length ? j + 1 : lines.length;
      continue;
    }
    if (/^(?: {4}|\t)\S/.test(l.text) && !/^\s*(?:[-*•]|\d+[.)])\s/.test(l.text)) {
      let j = i;
      while (j + 1 < lines.length && (/^(?: {4}|\t)/.test(lines[j + 1]!.text) || (!lines[j + 1]!.text.trim() && /^(?: {4}|\t)\S/.test(lines[j + 2]?.text ?? '')))) j++;
      const block = text.slice(l.start, lines[j]!.end);
      if (/[{}();<>=$|]|^\s*(?:GET|POST|PUT|DELETE|PATCH|curl|wget|python|nc|\$)\b/m.test(block)) out.push({ start: l.start, end: lines[j]!.end, text: block });
      i = j + 1;
      continue;
    }
    // An HTTP request or shell command pasted without markup.
    if (/^\s*(?:(?:GET|POST|PUT|DELETE|PATCH) \/\S* HTTP\/\d|curl\s+-|\$ \w)/.test(l.text)) {
      let j = i;
      while (j + 1 < lines.length && lines[j + 1]!.text.trim()) j++;
      out.push({ start: l.start, end: lines[j]!.end, text: text.slice(l.start, lines[j]!.end) });
      i = j + 1;
      continue;
    }
    i++;
  }
  return out;
}

function numberedRun(text: string, from: number, to: number): { start: number; end: number } | undefined {
  const lines = splitLines(text).filter((l) => l.start >= from && l.end <= to);
  let best: { start: number; end: number; n: number } | undefined;
  let cur: { start: number; end: number; n: number } | undefined;
  for (const l of lines) {
    if (/^\s*(?:\d+[.)]|step \d+:?|[-*•])\s+\S/i.test(l.text) && /^\s*(?:\d|step)/i.test(l.text)) {
      cur = cur ? { ...cur, end: l.end, n: cur.n + 1 } : { start: l.start, end: l.end, n: 1 };
    } else if (cur && /^\s{2,}\S/.test(l.text)) {
      cur.end = l.end; // continuation of the previous step
    } else if (l.text.trim()) {
      if (cur && cur.n >= 2 && (!best || cur.n > best.n)) best = cur;
      cur = undefined;
    }
  }
  if (cur && cur.n >= 2 && (!best || cur.n > best.n)) best = cur;
  return best;
}

/** The name in "cgx 0.11.0 through 0.12.1, the cache unpacker" or "AuthGate 3.4.1 (on-premise), earlier 3.x releases too". */
export function componentName(line: string): string {
  const tokens = versionTokens(line);
  if (!tokens.length) return line.replace(/\s+/g, ' ').trim();
  let c = line.replace(/\([^)]*\)/g, ' ');
  for (const t of tokens) c = c.replace(new RegExp(`\\bv?${t.replace(/[.*]/g, '\\$&')}(?![\\w.])`, 'gi'), ' ');
  c = c.replace(/\b(?:versions?|releases?|builds?)\b/gi, ' ').replace(/\b(?:and (?:earlier|older|below|later|newer)|up to(?: and including)?|through|to|prior to|before|until|all|or (?:earlier|later))\b/gi, ' ').replace(/[<>=≤≥–]+/g, ' ');
  const segments = (c.split(/\.\s/)[0] ?? '').split(/[,;]/).map((x) => x.replace(/\s+/g, ' ').trim()).filter((x) => x && !/\b(?:earlier|later|older|probably|too|also|tested|latest|current|checked|maybe|likely|only)\b/i.test(x) && /[A-Za-z]/.test(x));
  return segments.join(' ').replace(/^[\s:/-]+|[\s:/-]+$/g, '').trim();
}

function applySection(b: Builder, s: Section): void {
  const v = trimmedSpan(b.text, s.valueStart, s.valueEnd);
  if (!v.text || EMPTY.test(v.text)) {
    return;
  }
  const src = [span(v.start, v.end)];
  for (const f of s.fields) {
    switch (f) {
      case 'title':
      case 'steps':
      case 'impact':
      case 'configuration':
      case 'mitigation':
        set(b, f, f === 'title' ? v.text.split('\n')[0]!.trim() : v.text, src);
        break;
      case 'poc':
        set(b, 'poc', stripFences(v.text), src);
        break;
      case 'component': {
        const c = componentName(v.text.split('\n')[0]!);
        if (c && !EMPTY.test(c)) set(b, 'component', c, src);
        // "Product: SmartLock Hub firmware 2.2.7" names the version too.
        if (!s.fields.includes('affectedVersions') && versionTokens(v.text.split('\n')[0]!).length) set(b, 'affectedVersions', v.text.split('\n')[0]!.trim(), src);
        break;
      }
      case 'vulnType': {
        const t = canonicalVulnType(v.text) ?? (findCwes(v.text)[0] ? vulnTypeForCwe(findCwes(v.text)[0]!.id) : undefined) ?? v.text.split('\n')[0]!.toLowerCase().replace(/[.]+$/, '').slice(0, 80);
        set(b, 'vulnType', t, src);
        break;
      }
      case 'affectedVersions':
        if (/\d|\b(?:all|latest|every|master|main|head)\b/i.test(v.text)) set(b, 'affectedVersions', v.text.split('\n').filter((l) => l.trim()).slice(0, 4).join('; ').replace(/\s+/g, ' ').trim(), src);
        break;
      case 'fixedVersion': {
        const t = versionTokens(v.text)[0];
        if (t) set(b, 'fixedVersion', t, src);
        break;
      }
      case 'locations': {
        const locs = findLocations(b.text, v.start, v.end).map((l) => l.value);
        const items = locs.length ? locs : v.text.split('\n').map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').replace(/`/g, '').trim()).filter((l) => l && !EMPTY.test(l));
        if (items.length) set(b, 'locations', items, src);
        break;
      }
      case 'commit': {
        const c = findCommit(v.text) ?? (/^[0-9a-f]{7,40}$/i.test(v.text.replace(/`/g, '')) ? { value: v.text.replace(/`/g, '').toLowerCase(), index: 0, length: v.text.length } : undefined);
        if (c) set(b, 'commit', c.value, [span(v.start + c.index, v.start + c.index + c.length)]);
        if (s.fields.includes('branch')) {
          const br = findBranch(v.text) ?? /(?:^|[\s(@,])((?:main|master|develop|dev|trunk|release[\w./-]*|stable[\w./-]*))\b/i.exec(v.text)?.slice(1).map((x) => ({ value: x, index: v.text.indexOf(x), length: x.length }))[0];
          if (br) set(b, 'branch', br.value, [span(v.start + br.index, v.start + br.index + br.length)]);
        }
        break;
      }
      case 'branch': {
        const br = v.text.split('\n')[0]!.replace(/[`'"]/g, '').trim().split(/\s+/)[0];
        if (br) set(b, 'branch', br, src);
        break;
      }
      case 'cvss': {
        const vec = findCvssVectors(v.text)[0];
        if (vec) set(b, 'cvss', scoreCvss(vec.vector), [span(v.start + vec.index, v.start + vec.index + vec.vector.length)]);
        break;
      }
      case 'cves':
        break; // CVE ids are collected from the whole text below
      case 'public':
      case 'exploited': {
        const yn = yesNo(v.text) ?? statusSentence(sentences(v.text), f)?.value;
        if (yn !== undefined) set(b, f, yn, src);
        break;
      }
      case 'disclosureDate': {
        const d = findDate(v.text);
        if (d) set(b, 'disclosureDate', d.value, [span(v.start + d.index, v.start + d.index + d.length)]);
        break;
      }
      case 'credit': {
        const c = findCredit(v.text, true);
        if (c) set(b, 'credit', c.value, src);
        break;
      }
    }
  }
}

function cleanSubject(s: string): string {
  return s.replace(/^(?:\s*(?:re|fwd?|aw|wg|sv)\s*:\s*)+/i, '').replace(/\[[^\]]{0,40}\]\s*/g, '').replace(/^\s*(?:security (?:report|issue|vulnerability)|vulnerability report|bug report)\s*[:-]\s*/i, '').trim();
}

const GREETING = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|to whom|bonjour|hallo|hola|namaste)\b/i;

function titleFallback(b: Builder, input: ExtractInput, sections: Section[]): void {
  if (b.fields.title) return;
  const h = sections.find((s) => (s.kind === 'markdown' || s.kind === 'underline') && !s.fields.length && !PART_HEADING.test(s.heading) && !/^(?:details?|description|overview|summary|report|introduction|background|vulnerability (?:details|report)|security (?:report|advisory))$/i.test(s.heading));
  if (h && h.headingStart < (sections.find((s) => s.fields.length)?.headingStart ?? Infinity)) {
    set(b, 'title', h.heading, [span(h.headingStart, h.headingEnd)]);
    return;
  }
  const subj = input.subject ? cleanSubject(input.subject) : '';
  if (subj && !GENERIC_SUBJECT.test(subj) && subj.length >= 8) {
    set(b, 'title', subj, [{ header: 'subject' }]);
    return;
  }
  for (const p of sentences(b.text)) {
    const t = p.text.replace(/^[#*\s]+/, '');
    if (GREETING.test(t) || t.length < 12 || /^(?:my name is|i am|i'm) /i.test(t) || /:$/.test(t)) continue;
    if (findVulnTypes(t).length || /\b(?:vulnerab|bypass|leak|inject|overflow|crash|exploit|expos|allows?)\w*/i.test(t)) {
      set(b, 'title', t.length > 160 ? `${t.slice(0, 157)}...` : t, [span(p.start, p.end)]);
    }
    return;
  }
}

const PART_HEADING = /^(?:(?:vulnerability|vuln|issue|finding|bug|problem|report)\s*(?:#|no\.?\s*|number\s*)?\d+|(?:first|second|third|fourth) (?:issue|vulnerability|finding|bug))\b/i;

function detectMultiple(b: Builder, sections: Section[]): ReportPart[] | undefined {
  const parts = sections
    .filter((s) => !s.fields.length || s.fields.includes('title'))
    .filter((s) => PART_HEADING.test(s.heading) || (s.kind !== 'label' && findVulnTypes(s.heading).length > 0))
    .map((s): ReportPart => {
      const t = canonicalVulnType(s.heading) ?? canonicalVulnType(b.text.slice(s.headingEnd, Math.min(b.text.length, s.headingEnd + 600)));
      return { title: s.heading.replace(/\s+/g, ' ').trim(), source: span(s.headingStart, s.headingEnd), ...(t ? { vulnType: t } : {}) };
    });
  if (parts.length >= 2) return parts;
  // "Bug 1: ..." / "Finding 2 - ..." lines that are not headings of their own.
  const lines = [...b.text.matchAll(/^[ \t]*(?:[-*•][ \t]+)?((?:vulnerability|vuln|issue|finding|bug|problem)[ \t]*(?:#|no\.?[ \t]*)?\d+[ \t]*[:.)–-][^\n]{3,200})$/gim)];
  if (lines.length >= 2) {
    return lines.map((m) => {
      const t = canonicalVulnType(m[1]!);
      return { title: m[1]!.trim(), source: span(m.index + m[0].indexOf(m[1]!), m.index + m[0].length), ...(t ? { vulnType: t } : {}) };
    });
  }
  const claim = /\b(?:found|discovered|identified|report(?:ing)?|there are)\s+(?:the following\s+)?(two|three|four|five|several|multiple|\d)\s+(?:separate\s+|distinct\s+|different\s+|independent\s+|security\s+)*(?:vulnerabilities|issues|bugs|flaws|problems|findings)\b/i.exec(b.text);
  if (claim) {
    const n = { two: 2, three: 3, four: 4, five: 5 }[claim[1]!.toLowerCase()] ?? (Number(claim[1]) || Infinity);
    // "I'm reporting two issues:" followed by a numbered list: one part per item.
    const list = numberedRun(b.text, claim.index, Math.min(b.text.length, claim.index + 4000));
    if (list && b.text.slice(claim.index, list.start).split('\n').length <= 4) {
      const items = splitLines(b.text.slice(list.start, list.end)).map((l) => ({ ...l, start: l.start + list.start, end: l.end + list.start })).filter((l) => /^\s*(?:\d+[.)]|step \d+)/i.test(l.text));
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

export function extractReport(input: ExtractInput): ExtractResult {
  const text = input.text.length > MAX_EXTRACT_CHARS ? input.text.slice(0, MAX_EXTRACT_CHARS) : input.text;
  const b: Builder = { text, fields: {} };
  const sections = findSections(text);
  // A Markdown H1 (or underlined heading) above every labelled section is the report's title.
  const top = sections[0];
  if (top && (top.kind === 'markdown' || top.kind === 'underline') && !top.fields.length && !PART_HEADING.test(top.heading) && /^\s{0,3}#\s|\n=+/.test(text.slice(top.headingStart, Math.min(text.length, top.headingEnd + 4 + top.heading.length)))) {
    set(b, 'title', top.heading, [span(top.headingStart, top.headingEnd)]);
  }
  for (const s of sections) if (s.fields.length) applySection(b, s);
  const labelled = new Set(Object.keys(b.fields));

  const all = sentences(text);
  const code = codeBlocks(text);
  const inCode = (p: Piece): boolean => code.some((c) => p.start < c.end && p.end > c.start);
  const prose = all.filter((p) => !inCode(p));

  // Identifiers anywhere in the text.
  const cwes = findCwes(text);
  if (cwes.length) set(b, 'cwe', cwes.map((c) => c.id), cwes.map((c) => span(c.index, c.index + c.length)));
  const cves = [...text.matchAll(/\bCVE-(\d{4})-(\d{4,7})\b/gi)];
  const cveIds = [...new Set(cves.map((m) => `CVE-${m[1]}-${m[2]}`))];
  if (cveIds.length) set(b, 'cves', cveIds, cves.map((m) => span(m.index, m.index + m[0].length)));
  const vec = findCvssVectors(text)[0];
  if (vec) set(b, 'cvss', scoreCvss(vec.vector), [span(vec.index, vec.index + vec.vector.length)]);

  // Type: from the title/subject first (it names the main issue), then the text, then the CWE.
  if (!b.fields.vulnType) {
    const t = b.fields.title ? canonicalVulnType(b.fields.title.value) : undefined;
    const s = input.subject ? canonicalVulnType(input.subject) : undefined;
    const hit = findVulnTypes(prose.map((p) => p.text).join('\n'))[0];
    const inText = hit ? findVulnTypes(text).find((h) => h.name === hit.name) : undefined;
    if (t) set(b, 'vulnType', t, b.fields.title!.sources);
    else if (s) set(b, 'vulnType', s, [{ header: 'subject' }]);
    else if (inText) set(b, 'vulnType', inText.name, [span(inText.index, inText.index + inText.length)]);
    else if (cwes[0] && vulnTypeForCwe(cwes[0].id)) set(b, 'vulnType', vulnTypeForCwe(cwes[0].id)!, [span(cwes[0].index, cwes[0].index + cwes[0].length)]);
  }

  // Locations: every URL and path the report names (sections may add plain names).
  const locs = findLocations(text);
  if (locs.length) {
    const extra = b.fields.locations?.value.filter((v) => !locs.some((l) => l.value === v)) ?? [];
    const sources = [...(b.fields.locations?.sources ?? []), ...locs.map((l) => span(l.index, l.index + l.value.length))];
    b.fields.locations = { value: [...locs.map((l) => l.value), ...extra], sources };
  }

  if (!b.fields.commit) {
    const c = findCommit(prose.map((p) => p.text).join('\n')) ? findCommit(text) : undefined;
    if (c) set(b, 'commit', c.value, [span(c.index, c.index + c.length)]);
  }
  if (!b.fields.branch) {
    const br = findBranch(text);
    if (br) set(b, 'branch', br.value, [span(br.index, br.index + br.length)]);
  }

  if (!b.fields.component) {
    const titled = b.fields.title && 'start' in (b.fields.title.sources[0] ?? {}) ? prose.filter((p) => p.start <= (b.fields.title!.sources[0] as { start: number }).start && p.end >= (b.fields.title!.sources[0] as { end: number }).end) : [];
    const c = findComponent(titled) ?? findComponent(prose);
    if (c) set(b, 'component', c.value, [span(c.piece.start + c.index, c.piece.start + c.index + c.length)]);
  }
  if (!b.fields.affectedVersions) {
    const p = affectedVersionSentence(prose);
    if (p) set(b, 'affectedVersions', p.text, [span(p.start, p.end)]);
  }
  if (!b.fields.fixedVersion) {
    const f = fixedVersion(text);
    if (f) set(b, 'fixedVersion', f.value, [span(f.index, f.index + f.length)]);
  }

  if (!b.fields.steps) {
    const run = numberedRun(text, 0, text.length);
    if (run) set(b, 'steps', text.slice(run.start, run.end), [span(run.start, run.end)]);
  }
  if (!b.fields.impact) {
    const p = firstMatching(prose, impactPatterns, (q) => MITIGATION_PATTERNS.some((re) => re.test(q.text)));
    if (p) set(b, 'impact', p.text, [span(p.start, p.end)]);
  }
  if (!b.fields.configuration) {
    const p = firstMatching(prose, CONFIG_PATTERNS, (q) => MITIGATION_PATTERNS.some((re) => re.test(q.text)) || impactPatterns[0]!.test(q.text));
    if (p) set(b, 'configuration', p.text, [span(p.start, p.end)]);
  }
  if (!b.fields.mitigation) {
    const p = firstMatching(prose, MITIGATION_PATTERNS);
    if (p) set(b, 'mitigation', p.text, [span(p.start, p.end)]);
  }

  if (!b.fields.poc) {
    const m = /\b(?:poc|proof[\s-]of[\s-]concept|payload|exploit)\s*:\s*(\S[^\n]{4,})/i.exec(text);
    if (m) set(b, 'poc', m[1]!.trim(), [span(m.index + m[0].length - m[1]!.length, m.index + m[0].length)]);
  }
  const pocAttachments = (input.attachments ?? []).map((a) => a.filename ?? '').filter((n) => n && !NOT_POC_ATTACHMENT.test(n));
  if (!b.fields.poc && (code.length || pocAttachments.length)) {
    const value = [...code.map((c) => stripFences(c.text)), ...pocAttachments.map((n) => `[attachment ${n}]`)].join('\n\n');
    set(b, 'poc', value, [...code.map((c) => span(c.start, c.end)), ...pocAttachments.map((n) => ({ attachment: n }))]);
  } else if (b.fields.poc && pocAttachments.length) {
    b.fields.poc.sources.push(...pocAttachments.map((n) => ({ attachment: n })));
  }

  for (const which of ['public', 'exploited'] as const) {
    if (b.fields[which]) continue;
    const st = statusSentence(prose, which);
    if (st) set(b, which, st.value, [span(st.piece.start, st.piece.end)]);
  }
  if (!b.fields.disclosureDate) {
    const d = disclosureSentence(prose);
    if (d) set(b, 'disclosureDate', d.value, [span(d.piece.start, d.piece.end)]);
  }
  if (!b.fields.credit) {
    for (const p of prose) {
      if (!/\b(?:credit|anonym|acknowledg|pseudonym|handle|alias|attribution|recogni[sz]|hall of fame|thank me|name (?:me|us) as)\w*/i.test(p.text)) continue;
      const c = findCredit(p.text);
      if (c) {
        set(b, 'credit', c.value, [span(p.start, p.end)]);
        break;
      }
    }
  }

  titleFallback(b, input, sections);
  if (!b.fields.vulnType && b.fields.title) {
    const t = canonicalVulnType(b.fields.title.value);
    if (t) set(b, 'vulnType', t, b.fields.title.sources);
  }

  const securityCount = (['vulnType', 'cwe', 'steps', 'poc', 'impact', 'cvss', 'cves', 'affectedVersions'] as const).filter((k) => b.fields[k]).length;
  const spam = spamSignal(text, securityCount);
  // In spam, what prose matching found ("the first page" of Google as a component) is noise,
  // and the subject is no report title; what the sender labelled is kept.
  if (spam.likely) for (const k of Object.keys(b.fields) as FieldName[]) if (!labelled.has(k)) delete b.fields[k];
  const multiple = detectMultiple(b, sections);
  // A numbered list that turned out to be the list of reported issues is not a list of steps.
  if (multiple && b.fields.steps && !labelled.has('steps')) {
    const st = b.fields.steps.sources[0];
    if (st && 'start' in st && multiple.some((p) => 'start' in p.source && p.source.start >= st.start && p.source.end <= st.end)) delete b.fields.steps;
  }
  return { fields: b.fields, ...(multiple ? { multiple } : {}), spam };
}
