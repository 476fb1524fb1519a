/**
 * Fields read from the report's free text where no labelled section gave them:
 * identifiers (CWE, CVE, CVSS vector, URLs and paths, commit, branch) from the whole
 * text, the rest from prose sentences outside code blocks. Pure. Input is hostile
 * text, only scanned with the sentence- or line-bounded finders of prose.ts.
 */
import { findCredit } from './credit.js';
import { type EnvironmentList, environmentList, ownVersionAboveSetUp, runOn } from './environment.js';
import { productFromAdvisoryTitle, productFromSubject, shareAName } from './product.js';
import { type Builder, set, span } from './builder.js';
import { imperativeSteps } from './imperative-steps.js';
import { redactedLine } from './http-request.js';
import { LEADS_THE_STEPS, NOT_AN_ATTACK, ONLY_LEADS_IN, TRIGGERED_BY } from './trigger-sentences.js';
import { poc } from './poc-fields.js';
import { placesOf } from './locations.js';
import { publication, releasedLine } from './publication.js';
import { type codeBlocks, numberedRun } from './blocks.js';
import { findCvssVectors, scoreInSubject, scoreCvss } from './cvss.js';
import { subjectVersions, versionRanges } from './version-ranges.js';
import {
  affectedVersionSentence,
  CONFIG_PATTERNS,
  disclosureSentence,
  findBranch,
  findCommit,
  firstMatching,
  impactPatterns,
  MITIGATION_PATTERNS,
  onlyNoFix,
  type Piece,
  statusSentence,
} from './prose.js';
import { fixedVersion, fixFromUpperBound, outsideFix } from './fixed-version.js';
import { vulnTypeOfText } from './vuln-type-field.js';
import { isHeadingAlone, mostlyCode } from './piece-shape.js';
import { findComponent } from './prose-component.js';
import type { ExtractInput, Span } from './types.js';
import { findCwes } from './vuln-types.js';

/**
 * Fills what is still missing, in this order (which is also the order of the fields
 * in the result): identifiers, type, locations, commit and branch, component and
 * versions, steps, impact, configuration, mitigation, PoC, status and credit.
 */
export function fillFromText(b: Builder, input: ExtractInput, prose: Piece[], code: ReturnType<typeof codeBlocks>): void {
  const cwes = identifiers(b);
  vulnTypeOfText(b, input, prose, cwes);
  locations(b);
  revision(b, prose);
  // The issue template's set-up list, found once: the versions read the product above it, the narrative its configuration.
  const env = environmentList(b.text);
  versions(b, prose, input.subject, env);
  narrative(
    b,
    prose.filter((p) => !isHeadingAlone(p.text)),
    input.subject,
    env,
  );
  poc(b, input, code, prose);
  disclosure(b, prose);
  fromSubject(b, input);
}

/** What only the Subject says: "CVE-2024-1234: ..." or "Stored XSS in acme-cms-2.5.10". */
function fromSubject(b: Builder, input: ExtractInput): void {
  const subject = input.subject ?? '';
  if (!subject) return;
  if (!b.fields.cves) {
    const ids = [...new Set([...subject.matchAll(/\bCVE-(\d{4})-(\d{4,7})\b/gi)].map((m) => `CVE-${m[1]}-${m[2]}`))];
    if (ids.length) set(b, 'cves', ids, [{ header: 'subject' }]);
  }
  if (!b.fields.affectedVersions) {
    // Not the score the report gives its finding, set in brackets ("Security Finding (8.1) SEC-004: …" over "**CVSS:** 8.1");
    // "Stored XSS in WordPress 5.4" with a score of 5.4 keeps its version.
    const score = b.fields.cvss?.value.score;
    const v = subjectVersions(subject).filter((x) => score === undefined || x !== score.toFixed(1) || !scoreInSubject(x, subject));
    if (v.length) set(b, 'affectedVersions', v.join(', '), [{ header: 'subject' }]);
  }
}

// "CVSS 9.8", "CVSS v3.1 base score: 7.5", "CVSS score 6.1": a score without a vector.
// Also set in bold as a label ("**CVSS:** 8.1", "**CVSS**: 8.1").
const BARE_CVSS =
  /\bCVSS(?:\s*v?[234](?:\.[01])?)?(?:\s*(?:base\s+)?score)?(?:\*\*|__)?\s*(?:of|is|[:=])?(?:\*\*|__)?\s*(\d{1,2}(?:\.\d)?)(?![\d.]|\s*\/\s*AV)/i;

/** A CVSS score given without its vector: kept with its severity, marked as score-only. */
export function bareCvssScore(text: string): { score: number; index: number; length: number } | undefined {
  const m = BARE_CVSS.exec(text);
  if (!m) return undefined;
  const score = Number(m[1]);
  return score >= 0 && score <= 10 ? { score, index: m.index, length: m[0].length } : undefined;
}

/** Identifiers anywhere in the text. */
function identifiers(b: Builder): ReturnType<typeof findCwes> {
  const text = b.text;
  const cwes = findCwes(text);
  if (cwes.length)
    set(
      b,
      'cwe',
      cwes.map((c) => c.id),
      cwes.map((c) => span(c.index, c.index + c.length)),
    );
  // Also a CVE link written without its prefix ("cve.mitre.org/cgi-bin/cvename.cgi?name=2022-45921").
  const cves = [...text.matchAll(/\bCVE-(\d{4})-(\d{4,7})\b|\bcvename\.cgi\?name=(?:CVE-)?(\d{4})-(\d{4,7})\b/gi)]
    .map((m) => Object.assign(m, { 1: m[1] ?? m[3], 2: m[2] ?? m[4] }))
    .filter((m) => !relatedOnly(text, m.index));
  const cveIds = [...new Set(cves.map((m) => `CVE-${m[1]}-${m[2]}`))];
  if (cveIds.length)
    set(
      b,
      'cves',
      cveIds,
      cves.map((m) => span(m.index, m.index + m[0].length)),
    );
  const vec = findCvssVectors(text)[0];
  if (vec) set(b, 'cvss', scoreCvss(vec.vector), [span(vec.index, vec.index + vec.vector.length)]);
  else if (!b.fields.cvss) {
    const bare = bareCvssScore(text);
    if (bare)
      set(b, 'cvss', { vector: '', version: '3.1', valid: false, score: bare.score, severity: severityOf(bare.score), scoreOnly: true }, [
        span(bare.index, bare.index + bare.length),
      ]);
  }
  return cwes;
}

/** Locations: every URL and path the report names (sections may add plain names). */
function locations(b: Builder): void {
  const locs = placesOf(b.text);
  if (locs.length) {
    // (Not a line a section gave whose request was redacted whole: "██████████ HTTP██████2", "Host: ████████".)
    const extra = b.fields.locations?.value.filter((v) => !locs.some((l) => l.value === v) && !redactedLine(v)) ?? [];
    const sources = [...(b.fields.locations?.sources ?? []), ...locs.map((l) => span(l.index, l.index + l.value.length))];
    b.fields.locations = { value: [...locs.map((l) => l.value), ...extra], sources };
  }
}

/** Commit and branch. */
function revision(b: Builder, prose: Piece[]): void {
  const text = b.text;
  if (!b.fields.commit) {
    const c = findCommit(prose.map((p) => p.text).join('\n')) ? findCommit(text) : undefined;
    if (c) set(b, 'commit', c.value, [span(c.index, c.index + c.length)]);
  }
  if (!b.fields.branch) {
    const br = findBranch(text);
    if (br) set(b, 'branch', br.value, [span(br.index, br.index + br.length)]);
  }
}

/** Component, affected and fixed versions. */
function versions(b: Builder, prose: Piece[], subject: string | null | undefined, env: EnvironmentList | undefined): void {
  // The product line above a set-up list ("MarkUs version: 1.5.0.DEV" over "Ruby version: …"), unless the Subject names
  // another product with its version ("Acme Notes 4.2" over "Brave version:"; "in Assignment Description" names a part).
  const named = subjectVersions(subject ?? '').length
    ? (productFromSubject(subject) ?? productFromAdvisoryTitle(subject, b.text))
    : productFromAdvisoryTitle(subject, b.text);
  const above = ownVersionAboveSetUp(b.text, env);
  const own = above && (!named || shareAName(named, above.name)) ? above : undefined;
  if (own && !b.fields.component) set(b, 'component', own.name, [span(own.start, own.end)]);
  if (own && !b.fields.affectedVersions) {
    const ranges = versionRanges(own.value);
    if (ranges.length) set(b, 'affectedVersions', ranges.join(', '), [span(own.start, own.end)]);
  }
  // What the report was run on is not what it reports: not "Tested on: Windows XP", "Web server: Apache 2.4.18".
  const notRunOn = prose.filter((p) => !runOn(p.text));
  if (!b.fields.component) {
    const titled =
      b.fields.title && 'start' in (b.fields.title.sources[0] ?? {})
        ? prose.filter(
            (p) => p.start <= (b.fields.title!.sources[0] as { start: number }).start && p.end >= (b.fields.title!.sources[0] as { end: number }).end,
          )
        : [];
    const c = findComponent(titled) ?? findComponent(notRunOn);
    if (c) set(b, 'component', c.value, [span(c.piece.start + c.index, c.piece.start + c.index + c.length)]);
  }
  if (!b.fields.affectedVersions) {
    const p = affectedVersionSentence(notRunOn);
    // Not the fix's own version ("fixed in 3.1.21, but 3.1.20 and earlier are affected").
    const ranges = p ? versionRanges(outsideFix(p.text)) : [];
    if (p && ranges.length) set(b, 'affectedVersions', ranges.join(', '), [span(p.start, p.end)]);
  }
  if (!b.fields.fixedVersion) {
    const f = fixedVersion(b.text);
    if (f) set(b, 'fixedVersion', f.value, [span(f.index, f.index + f.length)]);
  }
  const bound = !b.fields.fixedVersion && b.fields.affectedVersions ? fixFromUpperBound(b.fields.affectedVersions.value, b.text) : undefined;
  if (bound) set(b, 'fixedVersion', bound, b.fields.affectedVersions!.sources);
}

/** What the writer shows the reader ("You can see that there is no filtering in the code") or sends them to ("You can read more about Open Redirects here:"): no impact. */
const READERS_ASIDE =
  /\b(?:you|we|i)[ \t]+(?:can|could|will|may)[ \t]+(?:see|notice|observe|find)[ \t]+(?:that|the[ \t]+code|below|above)\b|\b(?:read|learn)[ \t]+more[ \t]+(?:about|on|here|at|in)\b/i;

/** A sentence that lets a reader skip a part of the report: an aside about the reader, not a fix. */
const TELLS_READER_TO_SKIP =
  /\b(?:please|you (?:can|may|might want to)|feel free to)[ \t]+skip[ \t]+(?:this|the (?:next|following))[ \t]+(?:section|part|paragraph|chapter|introduction)\b/i;

/** Lines without the margin they all share (a report read without its "# " marks), a nested item's own indent kept. */
function dedented(lines: string[]): string[] {
  // A reduce, not Math.min(...): a hostile list may have tens of thousands of items.
  const margin = lines.reduce((m, l) => Math.min(m, /^[ \t]*/.exec(l)![0].length), Infinity);
  return lines.map((l) => l.slice(margin));
}

/** Steps, impact, configuration and mitigation. */
/** An impact sentence and the one after it, when together they are no longer than this (characters). */
const IMPACT_SPAN_CHARS = 400;

function narrative(b: Builder, prose: Piece[], subject: string | null | undefined, env: EnvironmentList | undefined): void {
  const text = b.text;
  if (!b.fields.steps) {
    // A numbered list first; else the sentences that tell the reader what to do.
    // A numbered list is its items' lines, without the screenshots and blocks between them.
    const list = numberedRun(text, 0, text.length);
    // The sentence that says how the flaw is set off ("To exploit this vulnerability, an attacker
    // needs to craft …", "For a proof of concept create a PR …"): the steps when there are no
    // instructions, and before them when it opens on the exploit (what follows is then the PoC's set-up).
    // (Not a workaround told the same way, "By setting FOO=1 …, the code path is skipped", nor a form's footer, "By
    // submitting this form, you agree to …".)
    const trigger = list
      ? undefined
      : prose.find((q) => TRIGGERED_BY.test(q.text) && !MITIGATION_PATTERNS.some((re) => re.test(q.text)) && !NOT_AN_ATTACK.test(q.text));
    const leads = trigger !== undefined && LEADS_THE_STEPS.test(trigger.text) && !ONLY_LEADS_IN.test(trigger.text);
    const instructions = list ? undefined : imperativeSteps(text, prose, subject);
    const run = list ?? (trigger && (!instructions || (leads && trigger.start < instructions.start)) ? trigger : instructions);
    if (list)
      set(
        b,
        'steps',
        dedented(list.items.map((i) => text.slice(i.start, i.end))).join('\n'),
        list.items.map((i) => span(i.start, i.end)),
      );
    else if (run) set(b, 'steps', text.slice(run.start, run.end), [span(run.start, run.end)]);
  }
  if (!b.fields.impact) {
    const p = firstMatching(
      prose,
      impactPatterns,
      (q) =>
        MITIGATION_PATTERNS.some((re) => re.test(q.text)) ||
        (READERS_ASIDE.test(q.text) && !/\b(?:attackers?|adversar(?:y|ies)|malicious)\b/i.test(q.text)) ||
        mostlyCode(q.text),
    );
    if (p) {
      // The consequence often follows in the next sentence of the same paragraph ("These
      // backdoors allow attackers … . They are granted access … with the highest privileges").
      const next = prose[prose.indexOf(p) + 1];
      const joined = next && !/\n\s*\n/.test(text.slice(p.end, next.start)) && next.end - p.start <= IMPACT_SPAN_CHARS;
      const end = joined ? next.end : p.end;
      set(b, 'impact', text.slice(p.start, end), [span(p.start, end)]);
    }
  }
  // An issue template's set-up list ("- OS: Windows", "- Browser: Edge") before a sentence's condition;
  // also in place of a labelled one that it holds and runs past (its "- Version: 125" item read as a
  // section of its own cut the list under "Desktop (please complete …)" short).
  const labelled = b.fields.configuration?.sources[0];
  if (env && labelled && 'start' in labelled && env.start <= labelled.start && env.end > labelled.end) delete b.fields.configuration;
  if (env) set(b, 'configuration', env.text, [span(env.start, env.end)]);
  if (!b.fields.configuration) {
    // Not the sentence read as the impact ("This may lead to privilege escalation if the server is run as root").
    const at = b.fields.impact?.sources.find((x): x is Span & { start: number; end: number } => 'start' in x);
    const skip = (q: Piece): boolean =>
      MITIGATION_PATTERNS.some((re) => re.test(q.text)) || impactPatterns[0]!.test(q.text) || (!!at && q.start < at.end && at.start < q.end);
    const p = firstMatching(prose, CONFIG_PATTERNS, skip);
    if (p) set(b, 'configuration', p.text, [span(p.start, p.end)]);
  }
  if (!b.fields.mitigation) {
    // A timeline's line ("05/04/2020: Fix is shared with the lab for review") tells when, not what to do.
    // Nor a sentence that says there is none ("No solution is available at the time of writing.").
    // Nor the writer's word to a reader who knows the class ("If you are familiar with … how to fix it, please skip this section").
    const p = firstMatching(prose, MITIGATION_PATTERNS, (q) => TIMELINE_ENTRY.test(q.text) || onlyNoFix(q.text) || TELLS_READER_TO_SKIP.test(q.text));
    if (p) set(b, 'mitigation', p.text, [span(p.start, p.end)]);
  }
}

/** A line of a dated timeline: "- 05/04/2020: …", "2020-03-12 – …", "Mar 12, 2020: …". */
const TIMELINE_ENTRY = /^[\s>*•-]*(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})[ \t]*[:–—-]/;

/**
 * A CVE the report names as another bug ("similar to … in other libraries. Here are some
 * examples: CVE-…"): the sentence that introduces it (a list of ids is one sentence) says so.
 */
function relatedOnly(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 400), at);
  const ends = [...before.matchAll(/[.!?]\s+|\n\s*\n/g)];
  const intro = before.slice(ends.length ? ends.at(-1)!.index + ends.at(-1)![0].length : 0);
  // Or the words around it do: an earlier bug this one varies or bypasses ("we are aware of CVE-2020-7597, but the fix
  // was incomplete", "a Variant Analysis of CVE-2020-11022", "considered unsafe as of CVE-…").
  const after = text.slice(at, at + 120).split(/[.!?]\s/)[0] ?? '';
  return (
    /\b(?:similar (?:to|issues?|bugs?|vulnerabilit\w*)|(?:some|for|other) examples?\b|examples?\s*:|related (?:issues?|bugs?|cves?|vulnerabilit\w*)|see also|previous(?:ly)? (?:reported|found|known|fixed)|other (?:\w+ )?(?:libraries|projects|packages|products|vendors|bugs|vulnerabilities))/i.test(
      intro,
    ) ||
    /\b(?:aware of|variant (?:analysis )?of|as of|bypass(?:es|ing)? (?:of )?(?:the )?(?:fix|patch) (?:for|of)|incomplete fix (?:for|of)|unlike)\s*$/i.test(
      intro.trimEnd(),
    ) ||
    /^\S*,?\s*(?:but|whose|where) (?:the|its) (?:fix|patch) (?:was|is) (?:incomplete|insufficient|bypass\w*)/i.test(after)
  );
}

/** A sentence that plans a disclosure rather than reports one. */
const OWN_PLAN = /\b(?:will|intend\w*|plan(?:s|ned|ning)?|would like|going to|shall|propos\w+|wish to|want to)\b/i;

/** Public and exploited status, the planned disclosure date and how to credit the reporter. */
function disclosure(b: Builder, prose: Piece[]): void {
  for (const which of ['public', 'exploited'] as const) {
    if (b.fields[which]) continue;
    const st = statusSentence(prose, which);
    if (st) set(b, which, st.value, [span(st.piece.start, st.piece.end)]);
  }
  // A pasted or forwarded advisory: its date header, or the timeline line that published it.
  // That line is the day it went public, over a sentence that dates some other disclosure.
  // But the reporter's own plan for this report ("We intend to disclose this new issue on July 1") is about it,
  // whatever an advisory quoted beside it says of an earlier one.
  const pub = publication(b.text);
  const sentence = b.fields.disclosureDate ? undefined : disclosureSentence(prose);
  const planned = sentence !== undefined && OWN_PLAN.test(sentence.piece.text);
  if (sentence && (!pub?.public || planned)) set(b, 'disclosureDate', sentence.value, [span(sentence.piece.start, sentence.piece.end)]);
  if (pub && !b.fields.disclosureDate) set(b, 'disclosureDate', pub.date.value, [span(pub.date.index, pub.date.index + pub.date.length)]);
  if (pub?.public && !b.fields.public && !planned) set(b, 'public', true, [span(pub.date.index, pub.date.index + pub.date.length)]);
  const released = b.fields.public || planned ? undefined : releasedLine(b.text);
  if (released) set(b, 'public', true, [span(released.start, released.end)]);
  if (!b.fields.credit) {
    for (const p of prose) {
      if (
        !/\b(?:credit|anonym|acknowledg|pseudonym|handle|alias|attribution|recogni[sz]|hall of fame|thank me|thanks to|name (?:me|us) as|author|discover(?:y|er)|researcher|(?:reported|found|discovered|identified|exploited)(?: and \w+)?[ -]by|(?:reported|found|discovered|identified)\b[^.\n]{0,40}\bby\b|(?:discovered|found|reported|identified|uncovered) (?:this|these|the|a|an)\b|advisory by|discovered and provided|my (?:full )?name|['’]s (?:advisory|report|post)|research(?:er)? contact)\w*/i.test(
          p.text,
        )
      )
        continue;
      const c = findCredit(p.text);
      if (c) {
        set(b, 'credit', c.value, [span(p.start, p.end)]);
        break;
      }
    }
  }
  // A handle ("Exploit Author: LiquidWorm") that the text also gives inside a full name
  // ("discovered by Gjoko 'LiquidWorm' Krstic"): the name as written, handle and all.
  const handle = b.fields.credit?.value.kind === 'handle' ? b.fields.credit.value.name : undefined;
  if (handle && /^@?[\w.-]{2,40}$/.test(handle)) {
    const named = nameAroundHandle(b.text, handle.replace(/^@/, ''));
    if (named) {
      delete b.fields.credit;
      set(b, 'credit', { kind: 'name', name: named.name }, [span(named.index, named.index + named.name.length)]);
    }
  }
  // An advisory's by-line under its title: a full name with an address ("Eugene Minaev underwater@itdefence.ru").
  if (!b.fields.credit) {
    const head = b.text.split('\n').slice(0, BYLINE_LINES).join('\n');
    const by = /^[ \t]*(\p{Lu}[\p{Ll}'-]+(?: \p{Lu}[\p{Ll}'-]+){1,2})[ \t]+<?[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}>?[ \t]*$/mu.exec(head);
    if (by) set(b, 'credit', { kind: 'name', name: by[1]! }, [span(by.index + by[0].indexOf(by[1]!), by.index + by[0].indexOf(by[1]!) + by[1]!.length)]);
  }
  // An advisory signed with its author's full name alone on its last line ("…on the way.\n\nEddie Harari").
  if (!b.fields.credit) {
    const last = /\n[ \t]*\n[ \t]*(\p{Lu}[\p{Ll}'-]+(?: \p{Lu}[\p{Ll}'-]+){1,2})[ \t]*\n?\s*$/u.exec(b.text);
    if (last && !/^(?:best|kind|warm)\b|\b(?:regards|wishes|thanks?|thank you|cheers|sincerely|team|security|research|labs?)\b/i.test(last[1]!))
      set(b, 'credit', { kind: 'name', name: last[1]! }, [
        span(last.index + last[0].indexOf(last[1]!), last.index + last[0].indexOf(last[1]!) + last[1]!.length),
      ]);
  }
}

/** "Gjoko 'LiquidWorm' Krstic", "Jane (jdoe) Doe": a first and last name around the handle, quoted or in brackets. */
function nameAroundHandle(text: string, handle: string): { name: string; index: number } | undefined {
  const h = handle.replace(/\./g, '\\.'); // a handle is [\w.-] only: the dot is the one character to escape
  // Letter boundaries, not \b: "Krstić" ends in a letter \b does not know.
  const m = new RegExp(String.raw`(?<!\p{L})\p{Lu}[\p{Ll}'-]+ (?:['‘"“(]${h}['’"”)]) \p{Lu}[\p{Ll}'-]+(?!\p{L})`, 'u').exec(text);
  return m ? { name: m[0], index: m.index } : undefined;
}

/** Lines from the top where an advisory puts its author's by-line. */
const BYLINE_LINES = 6;

/** The CVSS 3.x qualitative rating of a score. */
function severityOf(score: number): 'None' | 'Low' | 'Medium' | 'High' | 'Critical' {
  return score === 0 ? 'None' : score < 4 ? 'Low' : score < 7 ? 'Medium' : score < 9 ? 'High' : 'Critical';
}
