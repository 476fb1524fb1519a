/**
 * Reads the value under a labelled section ("Affected versions:", "## Impact") into
 * the fields its label names. Pure. The value is hostile text: it is trimmed, a value
 * that says there is none ("n/a") is skipped, and identifiers are taken only where a
 * finder recognises them; otherwise the reporter's words are kept as written.
 */
import { type Builder, EMPTY, set, span, trimmedSpan } from './builder.js';
import { findCvssVectors, scoreCvss } from './cvss.js';
import { versionRanges } from './version-ranges.js';
import { withoutFencedCode } from './long-values.js';
import { isPointer, pocSection } from './poc-fields.js';
import { requestLine } from './http-request.js';
import { findDate, slashOrder } from './dates.js';
import { findLocations, isCitedIn, isLicencePage } from './locations.js';
import { productOfPart } from './part-of-product.js';
import { isCommitId } from './repo-links.js';
import { latestDate, plannedEntry, publication } from './publication.js';
import { BARE_FINDING, findCredit, findersName } from './credit.js';
import { sectionTitle } from './section-title.js';
import { findBranch, findCommit, saysNoFix, sentences, statusSentence, versionTokens, yesNo } from './prose.js';
import type { Section } from './sections.js';
import { isOnlyOffered } from './template-placeholder.js';
import { noteOwnVersionField, ownVersionLabel } from './own-version-label.js';
import { ownOfTested } from './environment.js';
import { componentName, MAX_NAME_LINE } from './component-name.js';
import type { Span } from './types.js';
import { canonicalVulnType, findCwes, vulnTypeForCwe } from './vuln-types.js';

/** A section's value, trimmed, with its offsets into the report text. */
type Value = { start: number; end: number; text: string };

/** A version alone ("5.3.35", "v5.3.35", "version 5.3.35"), not a date written with dots ("2021.03.10", "10.03.21", "03.2021";
 *  "5.3.35" is a version). */
const FIX_ON_VERSION =
  /^\s*(?:v(?:ersion)?\s*)?(?!(?:19|20)\d\d\.\d{1,2}(?:\.\d{1,2})?\s*$|\d{2}\.\d{2}\.(?:\d{2}|\d{4})\s*$|\d{1,2}\.(?:19|20)\d\d\s*$)\d{1,4}(?:\.\d{1,4}){1,3}[a-z\d-]{0,12}\s*$/i;
/**
 * Every labelled section in turn, but for a product block whose own line is the vendor's (Vulnerability Lab's
 * "Affected Product(s):" / "Apple AppStore" or "Vendor:" / "Product: ePhoto Transfer 1.2.1 iOS"): the "Product:"
 * label right below it names the product.
 */
export function applySections(b: Builder, sections: Section[], subject?: string | null): void {
  sections.forEach((s, i) => {
    if (s.fields.length && !vendorAboveProduct(b.text, s, sections[i + 1])) applySection(b, s, subject);
  });
}

function vendorAboveProduct(text: string, s: Section, next: Section | undefined): boolean {
  return (
    /^affected[ \t]+products?(?:\(s\))?[ \t]*:?$/i.test(s.heading.trim()) &&
    !s.inline &&
    s.fields.length === 1 &&
    s.fields[0] === 'component' &&
    next?.kind === 'label' &&
    /^product(?:[ \t]+name)?$/i.test(next.heading.trim()) &&
    next.fields.includes('component') &&
    text.slice(s.valueStart, next.headingStart).trim().split('\n').length <= 1
  );
}

export function applySection(b: Builder, s: Section, subject?: string | null): void {
  const v = inlineValue(b.text, s, trimmedSpan(b.text, s.valueStart, s.valueEnd));
  if (!v.text || EMPTY.test(v.text) || isOnlyOffered(v.text)) return;
  const src = [span(v.start, v.end)];
  for (const f of s.fields) {
    switch (f) {
      case 'impact':
        sectionImpact(b, v, src);
        break;
      case 'title':
        sectionTitle(b, s, v, src, subject);
        break;
      case 'mitigation':
        // "This issue was not fixed by the vendor.", "No solution was provided": no mitigation, said under its heading.
        if (!saysNoFix(v.text)) set(b, 'mitigation', v.text, src);
        break;
      case 'steps':
        set(b, f, v.text, src);
        break;
      case 'configuration':
        // "Pre-conditions: No pre-conditions for authentication or authorization.", "None": no set-up needed, said under its label.
        if (!NOTHING_NEEDED.test(v.text)) set(b, f, v.text, src);
        break;
      case 'poc':
        // "For more information check X's blogpost [blog](…)": where the PoC is, not the PoC.
        if (isPointer(v.text)) break;
        pocSection(b, v);
        break;
      case 'component':
        sectionComponent(b, s, v, src);
        break;
      case 'vulnType': {
        const t = sectionVulnType(v.text);
        if (t) set(b, 'vulnType', t, src);
        break;
      }
      case 'affectedVersions':
        sectionAffected(b, s, v, src);
        break;
      case 'fixedVersion': {
        // "Fixed on:" gives a date as often as a version: only a version alone on its line, never a dotted date.
        if (/\bon$/i.test(s.heading) && !FIX_ON_VERSION.test(v.text.split('\n')[0] ?? '')) break;
        // Also a version glued to a file name: "fw-b305hw2_…_2500-7.0.1-build2093.bin".
        const t =
          versionTokens(v.text)[0] ??
          versionTokens(v.text.replace(/([A-Za-z0-9])-(\d+\.\d)/g, '$1 $2').replace(/\.(?:bin|img|zip|tar|gz|tgz|deb|rpm|exe|msi)\b/gi, ' '))[0];
        if (t) set(b, 'fixedVersion', t, src);
        break;
      }
      case 'locations':
        sectionLocations(b, s, v, src);
        break;
      case 'commit':
        sectionCommit(b, s, v);
        break;
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
      case 'disclosureDate':
        sectionDate(b, s.heading, v, src);
        break;
      case 'credit': {
        // Under a bare "Found:" or "Discovered:" the value may be what was found or when; a name or a handle only.
        if (BARE_FINDING.test(s.heading) && !findersName(v.text.trim().split('\n')[0]!)) break;
        const c = findCredit(v.text, true);
        if (c) set(b, 'credit', c.value, src);
        break;
      }
    }
  }
}

/** A configuration value that says none is needed, with no "but" or "beyond" that gives one after all. */
const NOTHING_NEEDED =
  /^\W*(?:none|n\/a|nothing|no (?:special )?(?:pre-?conditions?|requirements?|configuration|set-?up|prerequisites?))\b(?![^.\n]{0,200}\b(?:but|except|beyond|besides|other than|apart from|unless)\b)/i;

/** Versions and ranges as a triager writes them; words only when no version is named ("all", "latest"), and not a tested "Latest". */
function sectionVersions(b: Builder, v: Value, src: Span[], tested: false | 'version' | 'on' = false): void {
  const firstLines = (tested === 'on' ? ownOfTested(v.text) : v.text)
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, 4);
  const onFirst = versionRanges(firstLines[0] ?? '');
  const anyLine = onFirst.length ? onFirst : versionRanges(firstLines.join('\n'));
  // A major release alone ("OSNEXUS QuantaStor v4 virtual appliance"): a version under this heading,
  // though not in prose, where "v4" is as often an IP or CVSS version.
  // Not on a "Tested on" line (a browser's or runtime's: "Firefox v102"), nor in a range or beside an API or branch.
  const line = firstLines[0] ?? '';
  const plain = !tested && !/\b(?:before|since|prior|up to|after|until|through|older|newer|earlier|later|all|api|branch|protocol|schema|format)\b/i.test(line);
  const major = plain ? /(?<![\w.])[vV](\d{1,4})(?![\w.])/.exec(line)?.[1] : undefined;
  // A release named by its year, alone on the label's line ("# Version: 2018" of Adobe ColdFusion 2018).
  const year = plain ? /^\W*((?:19|20)\d\d)\W*$/.exec(line)?.[1] : undefined;
  const ranges = anyLine.length ? anyLine : major ? [major] : year ? [year] : [];
  // A version read off a product line ("Software: WebCT Campus Edition 4.x") gives way, but only to versions this section gives.
  if (ranges.length && b.fields.affectedVersions && fromProductLine.has(b.fields.affectedVersions)) delete b.fields.affectedVersions;
  if (ranges.length) set(b, 'affectedVersions', ranges.join(', '), src);
  else if (testedCommit(b, firstLines[0] ?? '', src)) return;
  // "Development version - master branch (Feb 7, 2020)": a branch tested, which is no version.
  else if (testedBranch(b, firstLines[0] ?? '', src)) return;
  // "Tested Version: Latest" ("Latest commit at the time of reporting") says which release was tried, not which are affected: nothing to file.
  // Words only as a label's short value ("All", "All versions", "Latest"): a sentence ("This issue affects all versions of
  // both the Java full and lite Protobuf runtimes, …") is no value a triager files as versions.
  else if (
    !(tested && /^\W*(?:the\s+)?(?:latest|current|newest)\b/i.test(firstLines[0] ?? '')) &&
    /\b(?:all|latest|every|master|main|head)\b/i.test(v.text) &&
    (firstLines[0] ?? '').trim().split(/\s+/).length <= MAX_VERSION_WORDS
  )
    set(b, 'affectedVersions', (firstLines[0] ?? '').replace(/\s+/g, ' ').trim(), src);
}

/** Words of a versions value that names no version ("All supported versions"): more is a sentence. */
const MAX_VERSION_WORDS = 4;

/** The branch a "Tested version" line names instead of a version ("master branch", "branch: main"). */
function testedBranch(b: Builder, line: string, src: Span[]): boolean {
  const m = /\b(master|main|trunk|develop(?:ment)?|dev|head)[ \t]+branch\b|\bbranch[ \t]{0,3}[:=]?[ \t]{0,3}[`'"]?(master|main|trunk|develop|dev)\b/i.exec(
    line,
  );
  if (!m) return false;
  if (!b.fields.branch) set(b, 'branch', (m[1] ?? m[2])!.toLowerCase() === 'development' ? 'develop' : (m[1] ?? m[2])!, src);
  return true;
}

/**
 * A version given as a commit ("Tested version: [8c2c8909](https://github.com/…/commit/8c2c…) (latest)"):
 * the commit the report was made against, in full when the line links it, and no version.
 */
function testedCommit(b: Builder, line: string, src: Span[]): boolean {
  // The hash may end the sentence ("The latest commit to the date: 8e1f654.").
  const hex = [...line.matchAll(/(?<![\w.-])([0-9a-f]{7,40})(?![\w-]|\.\w)/gi)].map((m) => m[1]!).filter(isCommitId);
  if (!hex.length) return false;
  const full = hex.find((h) => h.length === 40) ?? hex[0]!;
  if (!b.fields.commit) set(b, 'commit', full.toLowerCase(), src);
  return true;
}

const ONE_LINE_FIELDS = new Set<string>([
  'impact',
  'title',
  'vulnType',
  'component',
  'credit',
  'cvss',
  'cves',
  'public',
  'exploited',
  'disclosureDate',
  'fixedVersion',
]);

/**
 * A "Label: value" line's value ends at the next line that is a label of its own, known or
 * not ("Impact: Code execution, Security bypass" then "Remotely Exploitable: Yes").
 */
function inlineValue(text: string, s: Section, v: Value): Value {
  // Not for a PoC, steps or a configuration: an HTTP request's header lines ("Host: …") belong to them.
  if (!s.inline || !s.fields.every((f) => ONE_LINE_FIELDS.has(f))) return v;
  const next = /\n[ \t]*[A-Z][\w ()/.-]{1,40}:[ \t]+\S/.exec(v.text);
  return next ? trimmedSpan(text, v.start, v.start + next.index) : v;
}

/** "impact: CVSS Base Score 7.5 (AV:N/…)" is a severity, "Impact: Unrestricted file upload" a type: neither says what an attacker gains. */
/** Classes that are what a flaw gives an attacker as often as the flaw itself. */
const OUTCOME_CLASSES = new Set(['remote code execution', 'denial of service', 'information disclosure', 'privilege escalation']);

function sectionImpact(b: Builder, v: Value, src: Span[]): void {
  const first = v.text.split('\n')[0]!.trim();
  if (/^(?:cvss|base score|score|severity|risk)\b|^(?:critical|high|medium|moderate|low)\b\W*$/i.test(first)) return;
  const named = canonicalVulnType(first);
  // "Impact: XSS" names the type; "Impact: Arbitrary code execution." names what the flaw gives,
  // which the title's type ("Heap Overflow") is the cause of.
  if (named && first.split(/\s+/).length <= 5 && !OUTCOME_CLASSES.has(named)) set(b, 'vulnType', named, src);
  // Without the code it shows ("… can be injected via a Pod annotation:" and a pod's YAML): the consequence is the words.
  else set(b, 'impact', withoutFencedCode(v.text), src);
}

/**
 * The line of a product section that names the product: past a lead-in that ends with a
 * colon ("Tests and PoC were run on:") and a list's bullet (". TP-Link TL-SC3171 IP camera"),
 * and without what the product was running ("running firmware version LM.1.6.18P12").
 */
function productLine(text: string): string {
  const lines = text
    .split('\n')
    .slice(0, 8)
    .map((l) =>
      l
        .slice(0, MAX_NAME_LINE)
        .replace(/^\s*(?:[.*•-]|\d{1,2}[.)])\s+/, '')
        .trim(),
    )
    .filter(Boolean);
  // A lead-in is a sentence ("… were run on:", "The following are affected:"); a name with a colon stays.
  // (Also a label alone: "Affected" / "--------" / "Vulnerable:" / " * Boxalino (closed-source product)".)
  const leadIn = (l: string): boolean =>
    /:$/.test(l) &&
    (/\b(?:were|was|is|are|been|run|tested|following|includes?|affected)\b/i.test(l) || /^(?:vulnerable|products?|systems?|software):$/i.test(l));
  const named = lines.length > 1 && leadIn(lines[0]!) ? lines[1]! : (lines[0] ?? '');
  return named.replace(/\s+(?:running|with firmware|on firmware)\b.*$/i, '').replace(/\s*:$/, '');
}

function sectionComponent(b: Builder, s: Section, v: Value, src: Span[]): void {
  const named = componentName(productLine(v.text));
  // A labelled part ("Affected component: PDF export service") is filed under its product
  // when it names one ("… module of EmberHTTP"); else the Subject or prose may name it.
  const part = named ? productOfPart(named) : undefined;
  // "All Fortigate Firewalls": every model of it; not "All in One SEO Pack", whose name it opens.
  const c = (part ? part.product : named)?.replace(/^all\s+(?=\S[^\n]*s$)(?!in one\b)/i, '');
  // A link alone ("Product  : http://www.apple.com/safari/") says where the product is, not its name; what is
  // left of a sentence without its versions ("Version 4.3.3 and prior versions are vulnerable.") names none.
  // (Lower case only: "All-in-One WP Migration", "OR-Tools" and "Prior Authorization Portal" are names.)
  const named2 = c?.replace(/\s*\([^)]{0,80}\b(?:affected|vulnerable)\b[^)]{0,40}\)\s*$/i, '');
  const sentence =
    named2 !== undefined && (/^(?:and|or|prior|all|earlier|later|versions?)\b/.test(named2) || /\b(?:is|are|was|were) (?:vulnerable|affected)\b/.test(named2));
  // Nor a path, a place locations keep ("/admin/selectPhoto", "app/controllers/unfurl_links_controller.rb:3-8 (…)"), nor a
  // version alone ("[Affected Product Code Base]" / "v20240111" in a CVE request form).
  if (
    named2 &&
    !EMPTY.test(named2) &&
    !/^(?:https?:\/\/|www\.)\S+$|^\.{0,2}\/\S*$|^v?\d{1,8}(?:\.\d{1,8})*(?:[-.]?(?:rc|beta|alpha|b|a)\d*)?$|^[\w.-]+\/[\w./-]+\.\w{1,6}(?::[\d-]+)?(?:\s|$)/i.test(
      named2,
    ) &&
    !sentence
  )
    set(b, 'component', named2, src);
  // "Product: SmartLock Hub firmware 2.2.7" names the version too.
  // The first line only, and no longer than a name line is read (versionRanges is quadratic on a hostile run).
  const ranges = versionRanges(v.text.split('\n')[0]!.slice(0, MAX_NAME_LINE));
  if (!s.fields.includes('affectedVersions') && ranges.length && !b.fields.affectedVersions) {
    set(b, 'affectedVersions', ranges.join(', '), src);
    fromProductLine.add(b.fields.affectedVersions!);
  }
}

/** A versions section, or the project's own version field, whose label names the product too. */
function sectionAffected(b: Builder, s: Section, v: Value, src: Span[]): void {
  const own = ownVersionLabel(s.heading);
  if (own) noteOwnVersionField(b, { ...own, value: v.text, start: s.headingStart, end: v.end });
  // "Tested on: Windows XP / Apache 1.3.27" names what the product ran on; "Tested version" the product's own.
  else sectionVersions(b, v, src, /\btested[ \t]+(?:on|with|under|against|in)\b/i.test(s.heading) ? 'on' : /\btested\b/i.test(s.heading) ? 'version' : false);
}

/** Affected versions read off a product line, which a section labelled with the affected versions replaces. */
const fromProductLine = new WeakSet<object>();

/**
 * The canonical type the value names, else its CWE's type ("CWE-89", or a bare "89" under
 * a CWE label), else nothing: a class the list does not know ("backdoor", "boolean-based
 * blind") is no type a triager can sort by, and the title or prose may still name one.
 */
function sectionVulnType(text: string): string | undefined {
  const bare = /^\s*(\d{2,4})\s*$/.exec(text.split('\n')[0]!);
  return (
    canonicalVulnType(text) ?? (findCwes(text)[0] ? vulnTypeForCwe(findCwes(text)[0]!.id) : undefined) ?? (bare ? vulnTypeForCwe(`CWE-${bare[1]}`) : undefined)
  );
}

/** A line of prose under a place's heading ("The page can be framed."): what is wrong there, not where. */
function isProseLine(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words >= 6 || (words >= 3 && /[.!?]$/.test(line));
}

function sectionLocations(b: Builder, s: Section, v: Value, src: Span[]): void {
  const locs = findLocations(b.text, v.start, v.end).map((l) => l.value);
  // Under a bare "URLs:" the lines are whatever the post links to (the vendor's site, its downloads): when none
  // of them is a place, there is none. A heading that calls them vulnerable or affected keeps its lines, and so
  // does a form's "URL:", the one URL the reporter was asked for.
  if (!locs.length && /^urls$/i.test(s.heading.trim())) return;
  const items = locs.length
    ? locs
    : v.text
        .split('\n')
        .map((l) =>
          l
            .replace(/^\s*(?:[-*•]|\d+[.)]|\[[+*!-]\])\s*/, '')
            .replace(/`/g, '')
            .trim(),
        )
        // Not a licence's page ("URL: https://creativecommons.org/…" under a Copyright heading), nor a
        // rule or PGP armour the labelled line runs on into. A URL the label calls vulnerable stays,
        // on whatever site ("Vulnerable URL: https://www.acme.com/").
        // Nor a link the text gives as a reference elsewhere ("#Publication: https://…" above a form's "URL: https://…"),
        // nor a rule of underscores or stars ("___") with no letter or digit.
        .filter(
          (l) =>
            l &&
            /[\p{L}\p{N}]/u.test(l) &&
            !EMPTY.test(l) &&
            !isLicencePage(l) &&
            !/^-{3,}/.test(l) &&
            !isProseLine(l) &&
            !isCitedIn(b.text, l) &&
            !requestLine(l),
        );
  if (items.length) set(b, 'locations', items, src);
}

/** A commit section, which often names the branch too ("abc1234 on main"). */
function sectionCommit(b: Builder, s: Section, v: Value): void {
  const c =
    findCommit(v.text) ??
    (/^[0-9a-f]{7,40}$/i.test(v.text.replace(/`/g, '')) ? { value: v.text.replace(/`/g, '').toLowerCase(), index: 0, length: v.text.length } : undefined);
  if (c) set(b, 'commit', c.value, [span(v.start + c.index, v.start + c.index + c.length)]);
  if (s.fields.includes('branch')) {
    const br =
      findBranch(v.text) ??
      /(?:^|[\s(@,])((?:main|master|develop|dev|trunk|release[\w./-]*|stable[\w./-]*))\b/i
        .exec(v.text)
        ?.slice(1)
        .map((x) => ({ value: x, index: v.text.indexOf(x), length: x.length }))[0];
    if (br) set(b, 'branch', br.value, [span(v.start + br.index, v.start + br.index + br.length)]);
  }
}

/** A date under a disclosure label or heading, and whether the label says it is out already. */
function sectionDate(b: Builder, heading: string, v: { text: string; start: number }, src: Span[]): void {
  // Several dates on the label's line ("27/09/2014 (#1 and #2), 09/11/2014 (#3 and #4)"): the last made it all public.
  const order = slashOrder(b.text);
  // A timeline's first date is when it began; the entry that made it public is the date.
  const timeline = /timeline/i.test(heading);
  const released = timeline ? publication(v.text, order) : undefined;
  // Without that entry here: the entry that plans it, else the whole text's (prose-fields.ts) decides.
  if (timeline && !released?.public) {
    const p = plannedEntry(v.text, order);
    if (p) set(b, 'disclosureDate', p.value, [span(v.start + p.index, v.start + p.index + p.length)]);
    return;
  }
  const d = released?.public ? released.date : ((/disclos/i.test(heading) ? latestDate(v.text.split('\n')[0]!, order) : undefined) ?? findDate(v.text, order));
  if (d) set(b, 'disclosureDate', d.value, [span(v.start + d.index, v.start + d.index + d.length)]);
  // "Date Published: 05/03/2008", "Pub.: 20.11.2009", "Disclosed to public: 11/10/2016": it is out already.
  if (d && /\b(?:published|disclosed|released|pub)\b/i.test(heading) && !/\b(?:planned|intended)\b/i.test(heading)) set(b, 'public', true, src);
}
