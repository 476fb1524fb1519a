/**
 * Cuts a report into labelled sections: Markdown headings, underlined headings,
 * bold labels, numbered headings, ALL-CAPS headings and "Field: value" lines (also
 * as bullets, as reporters paste the seed policies' lists). Lines inside fenced code
 * are never headings. Linear in the text; every regex is anchored to one line.
 */
import { closesFence, fenceMark } from './fence.js';
import { fieldsForHeading } from './labels.js';
import type { FieldName } from './types.js';

export type HeadingKind = 'markdown' | 'underline' | 'bold' | 'numbered' | 'label' | 'caps';

export interface Section {
  kind: HeadingKind;
  heading: string;
  fields: FieldName[];
  /** Offsets of the heading line. */
  headingStart: number;
  headingEnd: number;
  /** The value: inline text after the label and/or the body below, up to the next heading. */
  valueStart: number;
  valueEnd: number;
  /** A "Label: value" line: its value is that line and the lines right below it. */
  inline: boolean;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

/** A label alone on its line that opens a block ("Code:", "Proof of Concept:"), not a step ("Open Settings:"). */
const BARE_LABEL =
  /^[ \t]*(?:code|vulnerable code|source(?: code)?|snippet|poc|proof of concept|exploit|payload|request|response|output|result|example|details|description|notes?|fix|solution|urls?)[ \t]*:[ \t]*$/i;
/** A line that ends in a colon. */
const HANDS_OVER = /:$/;
/** Words of a lead-in to code: "the following code:", "Local File Inclusion POC:", "this request:". */
const CODE_WORD =
  /\b(?:code|payload|request|command|poc|proof[\s-]of[\s-]concept|exploit|urls?|links?|script|snippet|html|query|body|following|below|run|enter|type|paste|execute|send|submit|this|these)\b/i;
/** A line that opens code, markup, a request, a command or a link. */
const CODE_START =
  /^\s*(?:[<{[$>'"`]|(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\b|https?:\/\/|\.{0,2}\/\w|(?:curl|wget|python3?|perl|ruby|php|node|bash|sh|nc|ncat|powershell)\b)/;

/**
 * Whether a paragraph's last line hands over what follows the blank line: it ends in a colon and says it hands over
 * code ("Create an HTML file with the following code:"), or what follows is code, markup, a request or a link; not
 * "Some background on how I found it:".
 */
function handsOver(last: string, after: string): boolean {
  return after.trim() !== '' && HANDS_OVER.test(last.trim()) && (CODE_WORD.test(last) || CODE_START.test(after));
}

export function splitLines(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start <= text.length) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = text.length;
    const end = nl > start && text[nl - 1] === '\r' ? nl - 1 : nl;
    out.push({ start, end, text: text.slice(start, end) });
    if (nl >= text.length) break;
    start = nl + 1;
  }
  return out;
}

const MD = /^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$/;
/** Characters of a line read as a heading written "#Heading", without the space. */
const MAX_BARE_HASH_HEADING = 72;
const UNDERLINE = /^\s{0,3}(?:={3,}|-{3,}|~{5,})\s*$/;
const BOLD = /^\s*(?:[-*•]\s+)?(?:(?:\d+|[a-z])[.)]\s*)?(\*\*|__)([^*_\n]{1,90}?)\1\s*(:?)\s*(.*)$/;
const NUMBERED = /^\s*(?:\d+(?:\.\d+)*|[A-Za-z]|[IVX]+)[.)]\s+(.+)$/;
/** The edge of a box drawn around a heading ("+----------+"). */
const BOX_EDGE = /^\s*\+-{3,}\+\s*$/;
const DASHED_NUMBER = /^\s*(\d{1,2}(?:\.\d{1,2}){1,3})[ \t]+[-–]{1,3}[ \t]+([A-Za-z][^\n]{2,120})$/;
/** Greedy and bounded, then trimmed: a lazy name before optional blanks was quadratic on a line of blanks. */
const PHRACK = /^--\[[ \t]*(?:\d{1,2}(?:\.\d{1,2}){0,3}[ \t]+[-–][ \t]+)?([A-Za-z][^\n\]]{1,80})\]?[ \t]*$/;
/** Characters: such a heading is a short line. */
const MAX_PHRACK_LINE = 120;
const LABEL = /^\s*(?:[-*•]\s+)?(?:(\*|_)(?=[A-Za-z]))?([A-Za-z][\w /()&'.,?-]{0,80}?)\1?\s*:(?!:)\s*(.*)$/;
const CAPS = /^\s*([A-Z][A-Z0-9 /&()'-]{2,60}?)\s*:?\s*$/;

function words(s: string): number {
  return s.trim().split(/\s+/).filter(Boolean).length;
}

interface Found {
  kind: HeadingKind;
  heading: string;
  inlineFrom?: number; // offset of the inline value within the line text
}

/** The other sections of an older advisory ("[+] Timeline"): they end the one before them. */
const ADVISORY_SECTION =
  /^(?:timeline|references?|introduction|description|details?|overview|greetz|greetings|contact|disclaimer|about\b.*|vendor\b.*|background|systems? affected|analysis|notes?|links?)$/i;

/**
 * A section's name alone on its line, after a blank one and over a sentence ("Solution" then
 * "No solution is available …"): a plain-text advisory's heading, without colon or markup.
 * Only a name the field table or an advisory's sections know, capitalised, of a few words, and
 * not one of a list of names (the form fields an XSS report lists after "These fields are
 * affected:") nor a title's (the report's first line titles it).
 */
function bareHeading(lines: Line[], i: number): Found | undefined {
  const name = (lines[i] as Line).text.trim();
  const after = lines[i + 1]?.text.trim() ?? '';
  if ((lines[i - 1]?.text ?? '').trim() || !/^[A-Z][A-Za-z]+(?: [A-Za-z]+){0,3}$/.test(name)) return undefined;
  // Over a sentence, not another name.
  if (after.split(/\s+/).length < 4 && !/[.!?:]$/.test(after)) return undefined;
  let k = i - 1;
  while (k >= 0 && !(lines[k] as Line).text.trim()) k--;
  if (k >= 0 && /:\s*$/.test((lines[k] as Line).text)) return undefined;
  const fields = fieldsForHeading(name);
  if (fields.includes('title')) return undefined;
  return fields.length || ADVISORY_SECTION.test(name) ? { kind: 'label', heading: name } : undefined;
}

/** "2. --- intercept the request ---" between "1. Log in" and "3. …": a step set off, not a section title. */
function stepSetOff(lines: Line[], i: number): boolean {
  return (
    /^\s*\d+[.)]\s+[-=~]{2,}\s/.test((lines[i] as Line).text) && [lines[i - 1], lines[i + 1]].some((n) => n && /^\s*\d+[.)]\s+(?![-=~]{2,})\S/.test(n.text))
  );
}

/** A few words that name a field or an advisory's section: a heading however it is marked ("[+] Solution", "+ Solution +"). */
function namesASection(name: string): boolean {
  return words(name) <= 6 && (fieldsForHeading(name).length > 0 || ADVISORY_SECTION.test(name.trim()));
}

/** What a root shell is asked in a PoC: a command, lower case, with its arguments. */
const ROOT_PROMPT = /^(?:id|whoami|uname(?: -\w+)?|ls(?: -\w+)?(?: \S+)?|cat \S+|pwd|hostname|exit|sh|bash|su(?: -)?(?: \w+)?|chmod \S+ \S+|rm \S+.*|cd \S*)$/;

function headingOf(line: string, next: string | undefined): Found | undefined {
  if (!line.trim()) return undefined;
  let m = MD.exec(line);
  if (m) {
    // Emphasis marks go; an underscore inside a word stays ("mdns_readName", ".pam_environment").
    const heading = (m[2] as string)
      .replace(/[*`]/g, '')
      .replace(/(?<![A-Za-z\d])_+|_+(?![A-Za-z\d])/g, '')
      .trim();
    // An Exploit-DB header ("# Version: 1.2", "# Exploit Author: X") is a labelled line, not a
    // heading; its "# Exploit Title: X" stays the heading that titles the report.
    const kv =
      /^((?:exploit )?author|date|vendor homepage|software link|version|tested on|cve|cve-id|category|platform|google dork|type|vulnerability type|severity|affected versions?|fixed versions?|fixed (?:on|in)|patched in|discovered by|reported by|credits?)\s*:\s+(\S.*)$/i.exec(
        heading,
      );
    if (kv) {
      const rest = kv[2] as string;
      return fieldsForHeading(kv[1]!).length ? { kind: 'label', heading: kv[1]!, inlineFrom: line.length - rest.length } : undefined;
    }
    // A root shell's prompt ("# id", "# cat /etc/shadow") in a pasted session, not a heading.
    if (ROOT_PROMPT.test(heading) && /^#\s/.test(line)) return undefined;
    return { kind: 'markdown', heading };
  }
  // "#Steps to reproduce": a heading some write without the space Markdown asks for, when it names a section
  // ("#include <x.h>", "#pragma once" name none), starts with a capital (not a hashtag, "#poc") and stands over a
  // blank line (a script's comment, "#Steps" over a command, does not). Short lines only: the pattern is linear
  // there, and a heading is short.
  m = line.length <= MAX_BARE_HASH_HEADING && !(next ?? '').trim() ? /^[ \t]{0,3}#{1,6}([A-Z][^#\n]{2,60}?)[ \t]*$/.exec(line) : null;
  if (m && namesASection(m[1]!)) return { kind: 'markdown', heading: m[1]!.trim() };
  // "[+] Solution", "[*] Credits": an older advisory's section heading.
  // [ \t] around the optional colon, not \s twice: a long run of blanks would be split every way.
  m = /^\s*\[[+*!#-]\]\s+([A-Za-z][\w /&(),-]{1,60}?)[ \t]*(?::[ \t]*)?$/.exec(line);
  // A tool's output also prints "[*] Sending stage": a heading only when it names a field or an advisory's section.
  if (m && namesASection(m[1]!)) return { kind: 'bold', heading: m[1]!.trim() };
  // "[Product]", "[Exploit/POC]": the headings of hyp3rlinx's advisories, a section's name in brackets alone.
  m = /^\s*\[([A-Za-z][\w /&(),.-]{1,60}?)\]\s*$/.exec(line);
  // Not a config file's section ("[package]" over "name = …" in a Cargo.toml, "[Service]" over "Type=oneshot").
  if (m && namesASection(m[1]!) && !/^\s*[\w.-]+\s*=/.test(next ?? '')) return { kind: 'bold', heading: m[1]!.trim() };
  // "+ Solution +" over "+----------+": a heading drawn in a box. ("| title |" is a table's cell: a
  // one-column table, or a database's answer in a PoC.)
  m = /^\s*\+[ \t]+([A-Za-z][\w /&(),-]{1,60}?)[ \t]+\+\s*$/.exec(line);
  // (A label: it owns the paragraph below, not the next box's upper edge.)
  if (m && BOX_EDGE.test(next ?? '') && namesASection(m[1]!)) return { kind: 'label', heading: m[1]!.trim() };
  if (next !== undefined && UNDERLINE.test(next) && words(line) <= 12 && !/^\s*[-*•]/.test(line)) return { kind: 'underline', heading: line.trim() };
  m = BOLD.exec(line);
  if (m && words(m[2] as string) <= 10) {
    const rest = m[4] as string;
    const label = (m[2] as string).replace(/:\s*$/, '');
    // A bold phrase followed by prose without a colon is emphasis, not a label.
    if (!rest || m[3] || /:\s*$/.test(m[2] as string) || fieldsForHeading(label).length) {
      return { kind: 'bold', heading: label, ...(rest ? { inlineFrom: line.length - rest.length } : {}) };
    }
  }
  m = NUMBERED.exec(line);
  if (m) {
    // "4. --- Affected software versions ---": the title inside its rules.
    const framed = /^[-=~]{2,}[ \t]+(\S.{1,120}?)[ \t]+[-=~]{2,}[ \t]*$/.exec(m[1] as string)?.[1];
    const body = framed ?? (m[1] as string);
    const colon = body.indexOf(':');
    // Not a scope ("Products::update — modify any product"): a method named, not a label.
    if (colon > 0 && body[colon + 1] !== ':' && words(body.slice(0, colon)) <= 8 && !/https?$/i.test(body.slice(0, colon))) {
      const label = body.slice(0, colon);
      if (fieldsForHeading(label).length) {
        const rest = body.slice(colon + 1);
        return { kind: 'numbered', heading: label, ...(hasValue(rest) ? { inlineFrom: line.length - rest.length } : {}) };
      }
    }
    // Framed by rules, a section title whether or not it names a field ("5. --- Technical description ---").
    if (fieldsForHeading(body).length || (framed && words(framed) <= 10)) return { kind: 'numbered', heading: body.trim() };
    // An advisory's numbered section title, marked up ("7.1. *OS Command Injection in servetest*"): a heading, not a step.
    const marked = /^\s*(?:\*\*?|__?)([^*_\n]{3,80})(?:\*\*?|__?)\s*$/.exec(body);
    if (marked && words(marked[1]!) <= 10) return { kind: 'numbered', heading: marked[1]!.trim() };
    return undefined;
  }
  // A question on a line of its own that names a field ("How do I protect myself?"): the answer follows.
  m = /^\s*([A-Z][^?\n]{3,60}\?)\s*$/.exec(line);
  if (m && words(m[1]!) <= 8 && fieldsForHeading(m[1]!).length) return { kind: 'label', heading: m[1]!.trim() };
  // "--[ 03.1 - Cross site request forgery": a section in the Phrack style some firms keep (GulfTech).
  m = line.length <= MAX_PHRACK_LINE ? PHRACK.exec(line) : null;
  if (m && words(m[1]!) <= 10) return { kind: 'numbered', heading: m[1]!.trim() };
  // "5.1 - PHP File Inclusion -": an advisory's numbered sub-section, its dotted number set off by a dash.
  m = DASHED_NUMBER.exec(line);
  if (m && words(m[2]!) <= 14) return { kind: 'numbered', heading: m[2]!.replace(/[ \t]*[-–]{1,3}[ \t]*$/, '').trim() };
  // Also in single emphasis ("*Mitigation*: Update …", "_Fix_: …"), as some write a label.
  m = LABEL.exec(line);
  if (m && words(m[2] as string) <= 14 && !/https?$/i.test(m[2] as string) && fieldsForHeading(m[2] as string).length) {
    const rest = m[3] as string;
    return { kind: 'label', heading: m[2] as string, ...(hasValue(rest) ? { inlineFrom: line.length - rest.length } : {}) };
  }
  m = CAPS.exec(line);
  if (m && /[A-Z]{3}/.test(m[1] as string) && words(m[1] as string) <= 8 && !/^(?:CVSS|CVE|CWE)\b/.test(m[1] as string))
    return { kind: 'caps', heading: (m[1] as string).trim() };
  return undefined;
}

/** sqlmap's injection point line: "Parameter: project_id (POST)", "Parameter: #1* (URI)". */
const SQLMAP_PARAMETER = /^\s*Parameter: [^\n]{1,80} \((?:GET|POST|PUT|PATCH|DELETE|URI|Cookie|Header|User-Agent|Referer|Host|JSON|XML|SOAP|Custom)\)\s*$/i;

/**
 * Whether what follows a label on its line is a value. A quoted-printable soft space left
 * in a pasted mail ("Payload :=20") is not: the value is on the lines below.
 */
function hasValue(rest: string): boolean {
  const v = rest.trim();
  // The label again in another language after a bar ("Steps to reproduce the behavior: | Étapes pour reproduire le
  // bug :"): the value is below. (A name that ends in a colon, "Author: Alex Hernandez aka alt3kx:", is a value.)
  // The translation starts with a capital and holds no other cell or label ("| dir C:", "| grep password:" are values).
  return v !== '' && !/^=(?:20)?$/.test(v) && !/^\|[ \t]*\p{Lu}[^.!?:|\n]{0,60}:$/u.test(v);
}

/** A lower-case YAML key, alone or with its value, on its own line. */
const YAML_KEY = /^[ \t]+[a-z][\w-]{0,40}:[ \t]*(?:\S[^\n]{0,200})?$/;
/** The line above such a key: a YAML key or "- key:" item of its own. */
const YAML_KEY_VALUE = /^[ \t]*(?:-[ \t]+)?[a-z][\w-]{0,40}:(?:[ \t]+\S[^\n]{0,200})?[ \t]*$/;

/**
 * Whether the line is a YAML key: its sibling above at the same indent, or its parent above
 * ending at its colon and indented less. An advisory's header block ("      product: …" under
 * "        title: …"), right-aligned on its colons, is neither.
 */
function yamlKey(line: string, above: string): boolean {
  if (!YAML_KEY.test(line) || !YAML_KEY_VALUE.test(above)) return false;
  const indent = (l: string): number => l.length - l.trimStart().length;
  const aboveIndent = indent(above.replace(/^([ \t]*)-[ \t]+/, '$1  '));
  return indent(line) === aboveIndent || (/:[ \t]*$/.test(above) && indent(line) > aboveIndent);
}

/** Whether line i sits between item N and item N + 1 of a numbered list (blank lines aside). */
function insideNumberedList(lines: Line[], i: number): boolean {
  const numberOf = (k: number, step: number): number | undefined => {
    for (let j = k + step, seen = 0; j >= 0 && j < lines.length && seen < 3; j += step) {
      const t = (lines[j] as Line).text;
      if (!t.trim()) continue;
      const m = /^\s*(\d{1,3})[.)]\s+\S/.exec(t);
      if (m) return Number(m[1]);
      seen++;
    }
    return undefined;
  };
  const before = numberOf(i, -1);
  return before !== undefined && numberOf(i, 1) === before + 1;
}

export function findSections(text: string): Section[] {
  const lines = splitLines(text);
  const found: Array<{ line: number; f: Found }> = [];
  let fence: string | null = null;
  let sqlmapBlock = false;
  for (let i = 0; i < lines.length; i++) {
    const t = (lines[i] as Line).text;
    if (fence !== null) {
      if (closesFence(t, fence)) fence = null;
      continue;
    }
    const fm = fenceMark(t, lines[i - 1]?.text);
    if (fm) {
      fence = fm.slice(0, 3);
      continue;
    }
    if (UNDERLINE.test(t) && i > 0 && found.at(-1)?.line === i - 1) continue;
    // sqlmap's listing of an injection point ("Parameter: id (GET)" over indented "Type:",
    // "Title:", "Payload:" lines) is one pasted block of the PoC, not a run of labelled sections.
    if (SQLMAP_PARAMETER.test(t)) sqlmapBlock = true;
    else if (sqlmapBlock && !/^\s+(?:Type|Title|Payload|Vector):|^\s*$/.test(t)) sqlmapBlock = false;
    if (sqlmapBlock) continue;
    // A lower-case key under another key ("    runs-on: ubuntu-latest" / "    steps:"): a YAML file pasted without a fence, not a label.
    if (yamlKey(t, lines[i - 1]?.text ?? '')) continue;
    const f = headingOf(t, lines[i + 1]?.text) ?? bareHeading(lines, i);
    // "Endpoint: https://…" between step 2 and step 3 of a list is a note on a step, not a section
    // of its own that would end the list (and take its later steps).
    if (f?.kind === 'label' && f.inlineFrom !== undefined && insideNumberedList(lines, i)) continue;
    if (f?.kind === 'numbered' && stepSetOff(lines, i)) continue;
    // A URL or request over a rule ("=====\nhttp://site/?id=1 AND 1=0\n=====") is a payload set
    // off from the prose, not a heading over what follows. (A title framed by rules is a heading.)
    if (f?.kind === 'underline' && /:\/\/|^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)\s/.test(t)) continue;
    if (f) found.push({ line: i, f });
  }
  const sections: Section[] = [];
  for (let k = 0; k < found.length; k++) {
    const { line, f } = found[k] as { line: number; f: Found };
    const l = lines[line] as Line;
    const nextHeadingLine = k + 1 < found.length ? (found[k + 1] as { line: number }).line : lines.length;
    // A heading drawn in a box ("+ Solution +") has the box's lower edge under it.
    const bodyFirst = f.kind === 'underline' || BOX_EDGE.test(lines[line + 1]?.text ?? '') ? line + 2 : line + 1;
    let lastLine = nextHeadingLine - 1;
    const inline = f.inlineFrom !== undefined;
    if (inline && (f.kind === 'label' || f.kind === 'numbered' || f.kind === 'bold')) {
      // "Field: value" runs on over the lines right below it, up to a blank line or a bare label
      // that opens what follows ("File: config.php" / "Code:" / the code).
      lastLine = line;
      while (lastLine + 1 < nextHeadingLine && (lines[lastLine + 1] as Line).text.trim() && !BARE_LABEL.test((lines[lastLine + 1] as Line).text)) lastLine++;
    } else if (!inline && (f.kind === 'label' || f.kind === 'numbered')) {
      // "Steps to reproduce:" alone on a line owns the paragraph or list below it, not
      // the rest of the mail: it ends at a blank line that is not followed by more of
      // the list, indented text or code.
      let j = bodyFirst;
      while (j < nextHeadingLine && !(lines[j] as Line).text.trim()) j++;
      let fenced: string | null = null;
      for (; j < nextHeadingLine; j++) {
        const t = (lines[j] as Line).text;
        if (fenced !== null) {
          if (closesFence(t, fenced)) fenced = null;
        } else fenced = fenceMark(t, lines[j - 1]?.text);
        if (fenced || t.trim()) continue;
        const after = lines[j + 1]?.text ?? '';
        // A rule ("-----", SySS's 80 "~") after a blank line closes the part, whatever its marks look like.
        if (/^\s*([-=~_*])\1{2,}\s*$/.test(after)) break;
        if (/^\s*(?:[-*•]|\d+[.)]|step\b)|^\s{2,}\S/i.test(after) || fenceMark(after)) continue;
        if (j - 1 >= bodyFirst && handsOver((lines[j - 1] as Line).text, after)) continue;
        // HTML lists arrive as one short paragraph per item, without bullets or full stops.
        const itemLike =
          after.trim().length > 0 &&
          after.trim().length < 120 &&
          !/[.:!?,]$/.test(after.trim()) &&
          !lines[j + 2]?.text.trim() &&
          !/^\s*(?:thanks|thank you|regards|best|cheers|kind regards|sincerely|--)/i.test(after);
        if (!itemLike) break;
      }
      // A label on the text's last line has no body: bodyFirst is past the end.
      lastLine = Math.min(Math.max(bodyFirst, j - 1), lines.length - 1);
    }
    const valueStart = inline ? l.start + (f.inlineFrom as number) : (lines[Math.min(bodyFirst, lines.length - 1)] as Line).start;
    const valueEnd = lastLine >= bodyFirst || inline ? (lines[Math.max(lastLine, line)] as Line).end : valueStart;
    sections.push({
      kind: f.kind,
      heading: f.heading,
      fields: fieldsForHeading(f.heading),
      headingStart: l.start,
      headingEnd: l.end,
      valueStart,
      valueEnd: Math.max(valueStart, valueEnd),
      inline,
    });
  }
  return sections;
}
