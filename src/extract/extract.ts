/**
 * Turns a decrypted report (plain text; HTML already made text) into fields, each
 * with the span or attachment it came from. Labelled sections are read first (the
 * reporter's own structure wins), then free prose fills what is still missing.
 * Pure: no I/O, no network. Input is hostile: it is cut at LIMITS-sized length and
 * only scanned with line- or sentence-bounded regexes.
 *
 * The readers live apart: section-fields.ts (labelled sections), prose-fields.ts
 * (free text), title.ts, multiple.ts (several issues in one report), spam.ts.
 */
import { withVendor } from './vendor-name.js';
import { type Builder, set, span } from './builder.js';
import { codeBlocks } from './blocks.js';
import { closesFence, fenceMark } from './fence.js';
import { offReportersSite } from './location-filters.js';
import { likelyPlaces, placeRows, type PlaceRow } from './place-model.js';
import { spelledOut, tidyName } from './component-name.js';
import { onSetUpLine } from './environment.js';
import { repoLinks } from './repo-links.js';
import { detectMultiple } from './multiple.js';
import { type Piece, sentences } from './prose.js';
import {
  boldProduct,
  isBoilerplate,
  isModelList,
  isPackageName,
  productFromAdvisoryTitle,
  productFromDashedTitle,
  productFromBranchLinks,
  productFromLinks,
  productFromSubject,
  productFromTitle,
  SEVERAL_ISSUES,
  shareAName,
} from './product.js';
import { fillFromText } from './prose-fields.js';
import { USER_PROMPT } from './shell.js';
import { applySections } from './section-fields.js';
import { findSections } from './sections.js';
import { signOffCredit } from './sign-off.js';
import { spamSignal } from './spam.js';
import { headingTitle, tidyTitle, titleFallback } from './title.js';
import { productOverSetUpItems } from './version-list.js';
import { shortenLongValues } from './long-values.js';
import { SUBJECT_GENERIC_INITIALS } from './part-of-product.js';
import { ownVersionFallback } from './own-version-label.js';
import { affectedBesideName } from './named-version.js';
import type { ExtractInput, ExtractResult, FieldName, Span } from './types.js';
import { canonicalVulnType } from './vuln-types.js';
import { withoutUndecidedDate } from './dates.js';
import { taggedProduct } from './subject-product.js';

export { componentName } from './component-name.js';

const CRASHES_A_SERVER =
  /\b(?:can|could|may|will|to) (?:remotely )?crash (?:the |a |an |any )?(?:[\w.@/-]+ ){0,3}(?:server|service|daemon|broker|instance)s?\b|\b(?:server|service|daemon|broker|node)s? crash(?:es)?\b|\busing 100 ?% (?:of )?(?:the )?cpu\b/i;

/** A user's prompt, then root's id printed further on. */
const ROOT_SHOWN = new RegExp(`${USER_PROMPT.source}[^\\n]*\\n(?:[^\\n]*\\n){0,40}?[^\\n]*\\be?uid=0\\(root\\)`, 'm');

/**
 * A report written as a script's comments, every line behind a "# " (an Exploit-DB entry's body
 * as well as its header: "# 3. Proof of Concept", "# Step 1: Login …"): read without the marks,
 * which made each line a Markdown heading. Blanked, not cut, so every offset still points into
 * the text as given. Only when most lines carry one: a Markdown report's headings, or a script's
 * comments between its code, stay as they are.
 */
function uncommented(text: string): string {
  const lines = text.split('\n');
  const full = lines.filter((l) => l.trim());
  const marked = full.filter((l) => /^[ \t]*#(?!#)/.test(l)).length;
  if (marked < MIN_COMMENTED_LINES || marked < full.length * COMMENTED_SHARE) return text;
  let fence: string | null = null;
  return lines
    .map((l, i) => {
      const inFence = fence !== null;
      if (fence !== null) fence = closesFence(l, fence) ? null : fence;
      else fence = fenceMark(l, lines[i - 1]);
      // Not a fenced script's own lines (its marks included), nor the Exploit-DB header, which is read by its marks.
      if (inFence || fence !== null || EXPLOIT_DB_HEADER.test(l)) return l;
      return l.replace(/^([ \t]*)#(?!#)[ \t]?/, (m) => ' '.repeat(m.length));
    })
    .join('\n');
}
const EXPLOIT_DB_HEADER =
  /^[ \t]*#[ \t]*(?:exploit title|date|exploit author|author|vendor homepage|software link|version|tested on|cve|category|platform|google dork)[ \t]*:/i;
/** Lines: a header block alone (title, date, author, …) is no report written as comments. */
const MIN_COMMENTED_LINES = 12;
/** Of the lines with text: most. */
const COMMENTED_SHARE = 0.6;

/** Reports longer than this are read only so far: the fields are near the top. */
export const MAX_EXTRACT_CHARS = 256 * 1024;

/** A markup document's declarations ('<?xml version="1.0"?>', '<!DOCTYPE …>'). */
const DOCTYPE = /<!DOCTYPE\b|<\?xml\b/i;

/**
 * A sentence's text with a pasted document blanked (same length, so offsets hold): its declaration's
 * line and the markup lines right after it ('<folder-listing version="1.0">'), not the prose after them.
 */
function withoutDocument(text: string): string {
  let inDocument = false;
  return text
    .split('\n')
    .map((line) => {
      inDocument = DOCTYPE.test(line) || (inDocument && /^\s*</.test(line));
      return inDocument ? ' '.repeat(line.length) : line;
    })
    .join('\n');
}

export interface ExtractOptions {
  /** For training the place model (place-training.ts): handed every place the rules kept, with its features; the model is then not applied. */
  onPlaces?: (rows: PlaceRow[], parts: Span[]) => void;
}

export function extractReport(input: ExtractInput, opts: ExtractOptions = {}): ExtractResult {
  const text = uncommented(input.text.length > MAX_EXTRACT_CHARS ? input.text.slice(0, MAX_EXTRACT_CHARS) : input.text);
  const b: Builder = { text, fields: {} };
  const sections = findSections(text);
  headingTitle(b, sections, input.subject);
  applySections(b, sections, input.subject);
  const labelled = new Set(Object.keys(b.fields));

  const all = sentences(text);
  const code = codeBlocks(text);
  fillFromText(b, input, proseOf(all, code), code);

  titleFallback(b, input, sections);
  // Named nowhere else, the writer under the mail's sign-off is who found it.
  const signer = b.fields.credit ? undefined : signOffCredit(text);
  if (signer) set(b, 'credit', signer.value, [span(signer.index, signer.index + signer.length)]);
  productOverBoilerplate(b, input, labelled);
  productOverModelList(b, input);
  productOfTitleOverProse(b, input, labelled);
  subjectNameOfLinkedCode(b, input, labelled);
  productOverSetUpItems(b, labelled);
  titleOverTypeName(b, input);
  severalOverFirst(b, input);
  withoutUndecidedDate(b);
  productFallbacks(b, input);
  // A Subject's tag in a package's form ("[indy_node]POOL_UPGRADE command injection") names the product over prose.
  const tagged = labelled.has('component') ? undefined : taggedProduct(input.subject, text);
  if (tagged) b.fields.component = { value: tagged, sources: [{ header: 'subject' }] };
  // Read off a set-up line ("Browser version: Firefox Nightly, 72.0a1"): the browser or OS, not the product or its version.
  for (const k of ['component', 'affectedVersions'] as const) {
    const from = b.fields[k]?.sources[0];
    if (from && 'start' in from && !labelled.has(k) && onSetUpLine(text, from.start, b.fields[k]!.value)) delete b.fields[k];
  }
  affectedBesideName(b);
  // A name as a triager writes it (component-name.ts tidyName); "Affected Vendor: Sophos" over "Affected Product:
  // UTM 9", titled "Sophos UTM 9 …": the name as the title writes it.
  if (b.fields.component) b.fields.component.value = tidyName(b.fields.component.value);
  if (b.fields.title) b.fields.title.value = tidyTitle(b.fields.title.value);
  const product = b.fields.component;
  const vendored = product && withVendor(product.value, text, [input.subject ?? '', b.fields.title?.value ?? ''].join('\n'));
  if (product && vendored) b.fields.component = { ...product, value: vendored };
  // "gleezcms", "invoiceninja" (a host's or repository's form) where the text also spells "Gleez CMS", "Invoice Ninja".
  const spelled = b.fields.component && spelledOut(b.fields.component.value, text);
  if (spelled) b.fields.component = { ...b.fields.component!, value: spelled };
  // "Adobe ColdFusion 2018" with "Version: 2018": the release's year is its version, not part of its name.
  const year = b.fields.affectedVersions?.value;
  const named = b.fields.component?.value;
  if (named && year && /^(?:19|20)\d\d$/.test(year) && named.endsWith(` ${year}`) && named.length > year.length + 3)
    b.fields.component = { ...b.fields.component!, value: named.slice(0, -year.length - 1) };
  if (!b.fields.vulnType && b.fields.title) {
    const t = canonicalVulnType(b.fields.title.value);
    if (t) set(b, 'vulnType', t, b.fields.title.sources);
  }
  if (!b.fields.vulnType) traversalByItsResult(b, input);
  // Last, a title that says what any sender can do to a server ("Unlimited number of NTS-KE connections can
  // crash ntpd-rs server"), when nothing names a class: a crash is as often the symptom of a memory bug that has one.
  const crash = [input.subject, b.fields.title?.value].find((t) => t && CRASHES_A_SERVER.test(t));
  if (!b.fields.vulnType && !b.fields.cwe && crash)
    set(b, 'vulnType', 'denial of service', input.subject === crash ? [{ header: 'subject' }] : (b.fields.title?.sources ?? []));
  // A report that names no type but shows a user's shell ("$ ") turned into root's ("uid=0(root)") is a local root.
  const root = b.fields.vulnType ? null : ROOT_SHOWN.exec(text);
  if (root) set(b, 'vulnType', 'privilege escalation', [span(root.index, root.index + root[0].length)]);

  const credited = b.fields.credit?.value.name;
  if (b.fields.locations && credited) {
    const kept = offReportersSite(b.fields.locations.value, credited);
    if (!kept.length) delete b.fields.locations;
    else if (kept.length < b.fields.locations.value.length) b.fields.locations = { ...b.fields.locations, value: kept };
  }

  const securityCount = (['vulnType', 'cwe', 'steps', 'poc', 'impact', 'cvss', 'cves', 'affectedVersions'] as const).filter((k) => b.fields[k]).length;
  const spam = spamSignal(text, securityCount);
  // In spam, what prose matching found ("the first page" of Google as a component) is noise,
  // and the subject is no report title; what the sender labelled is kept.
  if (spam.likely) for (const k of Object.keys(b.fields) as FieldName[]) if (!labelled.has(k)) delete b.fields[k];
  const multiple = detectMultiple(b, sections, input.subject ?? '');
  if (b.fields.locations) {
    const ctx = { text, subject: input.subject ?? '', sections, code };
    const parts = multiple?.map((p) => p.source) ?? [];
    if (opts.onPlaces) opts.onPlaces(placeRows(ctx, b.fields.locations), parts);
    else b.fields.locations = likelyPlaces(ctx, b.fields.locations, parts);
  }
  // A numbered list that turned out to be the list of reported issues is not a list of steps.
  if (multiple && b.fields.steps && !labelled.has('steps')) {
    const st = b.fields.steps.sources[0];
    if (st && 'start' in st && multiple.some((p) => 'start' in p.source && p.source.start >= st.start && p.source.end <= st.end)) delete b.fields.steps;
  }
  // Several issues, each with its own vector or CWE: the first part's is not the report's. (The type
  // stays: a report of several issues is still read as of its main one, as its title names it.)
  if (multiple) {
    const differ = (values: Array<string | undefined>): boolean => new Set(values.filter((v) => v !== undefined)).size >= 2;
    if (differ(multiple.map((p) => p.cvss?.vector))) delete b.fields.cvss;
    if (differ(multiple.map((p) => p.cwe))) delete b.fields.cwe;
  }
  shortenLongValues(b);
  return { fields: b.fields, ...(multiple ? { multiple } : {}), spam };
}

/**
 * The Subject and the report's title line name the product as its writer summed it up
 * ("Linux kernel <= 4.6.2 - Local Privileges Escalation …", "More bugs in openslp-2.0.0");
 * a name found in prose ("the IPv6 netfilter subsystem") is read after them, not before.
 * A labelled component stays as written, unless it is a sentence ("Versions prior and
 * including 3.1 of Pandora FMS are affected" under "Affected:").
 */
function productOfTitleOverProse(b: Builder, input: ExtractInput, labelled: Set<string>): void {
  if (labelled.has('component') && !(b.fields.component && isSentence(b.fields.component.value))) return;
  const title = b.fields.title && !b.fields.title.sources.some((x) => 'header' in x) ? b.fields.title.value : undefined;
  for (const [line, source] of [
    [input.subject, [{ header: 'subject' } as const]],
    [title, b.fields.title?.sources ?? []],
  ] as const) {
    const dashed = productFromDashedTitle(line);
    const named = dashed ?? productFromAdvisoryTitle(line, b.text);
    // Prose that names the same product more fully ("Nimbus file sharing app" for "Two issues in Nimbus") stays.
    if (!dashed && named && b.fields.component && shareAName(named, b.fields.component.value) && !isSentence(b.fields.component.value)) return;
    // "WordPress Plugin 3dady real-time web stats": a platform's plugin is named with the platform's two words before it.
    const platform =
      named && /^(?:wordpress|joomla!?|drupal|magento|prestashop|moodle|opencart|jenkins)\s+(?:plugin|component|module|extension|theme|add-?on)\s/i.test(named)
        ? 2
        : 0;
    if (named && named.split(/\s+/).length <= 5 + platform) {
      delete b.fields.component;
      set(b, 'component', named, [...source]);
      return;
    }
  }
}

/**
 * "concat built-in can corrupt memory in vyper" beside links into github.com/vyperlang/vyper:
 * the word the Subject puts the flaw in is the product when the report's own code links name
 * that repository, lower case or not, over a phrase prose matching found ("API of copy function").
 */
function subjectNameOfLinkedCode(b: Builder, input: ExtractInput, labelled: Set<string>): void {
  const named = productFromSubject(input.subject);
  if (!named || labelled.has('component') || !/^[\w.-]+$/.test(named) || b.fields.component?.value === named) return;
  if (!repoLinks(b.text).some((l) => !l.writeUp && l.repo.toLowerCase() === named.toLowerCase())) return;
  delete b.fields.component;
  set(b, 'component', named, [{ header: 'subject' }]);
}

/** A Subject that names several issues ("Multiple vulnerabilities in ManageEngine OpManager, …"). */
const SEVERAL = new RegExp(SEVERAL_ISSUES, 'i');

/**
 * The title of a report of several issues is the Subject that says so, not the heading of
 * its first issue ("Remote code execution via file upload" under "Multiple vulnerabilities in …").
 */
function severalOverFirst(b: Builder, input: ExtractInput): void {
  const subject = input.subject?.trim();
  const title = b.fields.title;
  // A reply's Subject ("Re: two more issues") titles no report. (A labelled title stays no more than a
  // heading does: "Vulnerability: Remote code execution via …" labels the first part, not the report.)
  if (!subject || !title || /^(?:re|fwd?|aw)\s*:/i.test(subject)) return;
  if (!SEVERAL.test(subject.slice(0, 300)) || SEVERAL.test(title.value.slice(0, 300))) return;
  delete b.fields.title;
  set(b, 'title', subject, [{ header: 'subject' }]);
}

/** A product's name rather than a common word: capitalised ("Apache Tomcat", "FooBar") or a package's ("nginx-ui", "libxml2"). */
function isNameLike(name: string): boolean {
  const words = name.trim().split(/\s+/);
  const first = words[0] ?? '';
  // A protocol's or format's initials alone ("on VPN gateway", "in API endpoint") name a kind of thing, not a product.
  if (words.length === 1 && SUBJECT_GENERIC_INITIALS.test(first)) return false;
  return /^\p{Lu}/u.test(first) || isPackageName(first) || /^[a-z]+[A-Z]/.test(first);
}

/** A clause, not a name: "prior and including of Pandora FMS are affected". */
function isSentence(value: string): boolean {
  return /\b(?:is|are|was|were|been|be|affected|allows?|can|could|has|have)\b/i.test(value) || value.split(/\s+/).length > 8;
}

/**
 * A title that only names the type ("title: SQL Injection") says less than a triager's
 * title: the Subject, when it names the same type and more, or the type in the component.
 */
function titleOverTypeName(b: Builder, input: ExtractInput): void {
  const title = b.fields.title;
  const type = title && canonicalVulnType(title.value);
  if (!title || !type || title.value.trim().split(/\s+/).length > 3 || /\b(?:in|on|of|for|via)\b/i.test(title.value)) return;
  const subject = input.subject ? input.subject.trim() : '';
  if (subject.length > title.value.length + 3 && canonicalVulnType(subject) === type) {
    delete b.fields.title;
    set(b, 'title', subject, [{ header: 'subject' }]);
    return;
  }
  const component = b.fields.component;
  if (component && !isModelList(component.value)) {
    delete b.fields.title;
    set(b, 'title', `${title.value.trim()} in ${component.value}`, [...title.sources, ...component.sources]);
  }
}

/**
 * A list of models or a firmware build string ("Product: COMpact 3000 ISDN, COMpact 3000
 * analog, …") is not what a triager files a report under: the product its title names
 * ("Auerswald COMpact 8.0B - Multiple Backdoors") is, when the two share a name.
 */
function productOverModelList(b: Builder, input: ExtractInput): void {
  const current = b.fields.component?.value;
  if (current === undefined || !isModelList(current)) return;
  for (const [title, source] of [
    [b.fields.title?.value, b.fields.title?.sources],
    [input.subject, [{ header: 'subject' } as const]],
  ] as const) {
    const named = productFromTitle(title);
    if (named && shareAName(named, current)) {
      delete b.fields.component;
      set(b, 'component', named, [...(source ?? [])]);
      return;
    }
  }
}

/**
 * "the target server" or "2 page" read from prose names no product; the Subject or a
 * bold name in the first paragraph usually does. A labelled component stays as written.
 */
function productOverBoilerplate(b: Builder, input: ExtractInput, labelled: Set<string>): void {
  if (labelled.has('component')) return;
  const current = b.fields.component?.value;
  // Only where prose found boilerplate: a Subject's words are no product name often enough
  // ("Clickjacking on transfer confirmation") that a missing component stays missing.
  if (current === undefined || !isBoilerplate(current)) return;
  const fromSubject = productFromSubject(input.subject);
  const bold = fromSubject ? undefined : boldProduct(b.text);
  // Boilerplate with no product to put in its place is dropped: "vulnerable page" names
  // nothing a triager would file it under, and a missing component is not asked for
  // when the text speaks of one (asking.ts).
  delete b.fields.component;
  if (fromSubject) set(b, 'component', fromSubject, [{ header: 'subject' }]);
  else if (bold) set(b, 'component', bold.name, [span(bold.index, bold.index + bold.name.length)]);
}

/** The sentences of the text outside code blocks; a pasted document in one is blanked (withoutDocument). */
function proseOf(all: Piece[], code: ReturnType<typeof codeBlocks>): Piece[] {
  const inCode = (p: Piece): boolean => code.some((c) => p.start < c.end && p.end > c.start);
  // A pasted document ('<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">', '<?xml version="1.0"?>' and its markup,
  // in a response) is blanked in the sentence that holds it: it names a markup language's version, not the product's.
  return all.filter((p) => !inCode(p)).map((p) => (DOCTYPE.test(p.text) ? { ...p, text: withoutDocument(p.text) } : p));
}

/** "Arbitrary file read(ing)", "retrieval" or "deletion" names a traversal's result when the report names no class (an XXE or SSRF that reads files names its own). */
function traversalByItsResult(b: Builder, input: ExtractInput): void {
  const text = b.text;
  // Also a retrieval ("XOOPS <= 2.3.3 Remote Arbitrary File Retrieval").
  const read = /\barbitrary (?:local )?file (?:read(?:ing|s)?|retrieval)\b/i;
  // A download only through a path the attacker sets ("../", "Changing the “path” parameter"): one of other users'
  // records by their id is an IDOR, one of a backup left in the web root a disclosure.
  const downloaded = /\barbitrary (?:local )?file download(?:ing|s)?\b/i;
  const pathGiven = /\.\.[\\/]|\btraversal\b|[“"'`]?\b(?:path|file|filename|file_?path|dir|folder)\b[”"'`]?\s+(?:parameter|param|argument|field)\b/i.test(text);
  // A deletion only with a path climbed ("../"): one through a symlink or a missing check is no traversal.
  const deleted = /\barbitrary file delet(?:e|es|ed|ion|ing)\b/i;
  const climbs = /\.\.[\\/]|\btraversal\b/i.test(text) && !/\b(?:symlinks?|symbolic links?|capabilit\w*|authori[sz]\w*|permission checks?)\b/i.test(text);
  const where = [input.subject, b.fields.title?.value].find((t) => t && (read.test(t) || (climbs && deleted.test(t)) || (pathGiven && downloaded.test(t))));
  if (where) set(b, 'vulnType', 'path traversal', input.subject === where ? [{ header: 'subject' }] : (b.fields.title?.sources ?? []));
}

/** When nothing named the product: a link to its site, the name a Subject puts after the flaw, a repository linked into. */
function productFallbacks(b: Builder, input: ExtractInput): void {
  const text = b.text;
  if (!b.fields.component) {
    const linked = productFromLinks(text);
    if (linked) set(b, 'component', linked.name, [span(linked.index, linked.index + linked.name.length)]);
  }
  // Then the name a Subject puts after the flaw ("Path traversal vulnerability in Apache Tomcat",
  // "Stored XSS in acme-cms-2.5.10"): only a name, capitalised or a package's, not "in search page".
  if (!b.fields.component) {
    const named = productFromSubject(input.subject);
    if (named && isNameLike(named)) set(b, 'component', named, [{ header: 'subject' }]);
  }
  // Last, a repository the report links into at a file and calls by its name ("the dset function"):
  // after the Subject, whose product wins over a library the report only quotes.
  if (!b.fields.component) {
    const linked = productFromBranchLinks(text);
    if (linked) set(b, 'component', linked.name, [span(linked.index, linked.index + linked.name.length)]);
  }
  // Then the name a template's version field gives the product ("**CyberPanel version:**").
  ownVersionFallback(b);
}
