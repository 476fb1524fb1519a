/**
 * The product a report is about, when the text only names boilerplate ("the target
 * server", "2 page"): the Subject usually names it ("Stored XSS in acme-cms-2.5.10",
 * "SQLi in Acme Forum 3.2"), or a bold name in the first paragraph. Pure; input is the
 * reporter's Subject and text, scanned with bounded regexes.
 */
import { isSourceFileName } from './source-file-name.js';
import { MAX_TITLE_CHARS } from './version-ranges.js';
import { buildAtCommit, isCommitId, repoLinks } from './repo-links.js';
import { canonicalVulnType, findVulnTypes } from './vuln-types.js';
import { pluginOfPlatform, saidToDo } from './subject-product.js';

/** Links into a project's tracker: an issue, pull request, commit or advisory there is about the project. */
const TRACKER_KINDS = new Set(['issues', 'pull', 'merge_requests', 'commit', 'security/advisories']);

/** A component value that names no product: generic words, or a count ("2 page"). */
export function isBoilerplate(component: string): boolean {
  const c = component.trim().toLowerCase();
  return (
    /^\d+\s/.test(c) ||
    // Only generic words around a generic noun: "context of the application", "bug the application".
    /^(?:(?:the|a|an|of|in|on|this|that|bug|issue|flaw|context|part|whole|entire)\s+)+(?:application|app|server|site|system|service|page|software|product)s?$/.test(
      c,
    ) ||
    // An identifier ("CVE-2018-7265 - Stored XSS …") names the report, not the product.
    /^(?:cve|cwe|ghsa|ghsl)-/.test(c) ||
    // What the report is, not what it is about: "Security Vulnerability - Missing Authentication", "Business Logic Error – …".
    /^(?:(?:a|an|the|new|possible|potential|critical|serious)\s+)?(?:security\s+)?(?:vulnerability|vulnerabilities|issue|issues|bug|bugs|flaw|flaws|problem|report|advisory|finding|concern|risk)(?:\s+(?:report|disclosure|found|notice))?$|^security$|^(?:business[ -])?logic(?:al)? (?:error|flaw|issue|bug|vulnerability|abuse)s?$/.test(
      c,
    ) ||
    // A feature of any product ("XSS in Fileupload via filename", "SQLi in Login"): where in the product, not which.
    /^(?:file ?uploads?|uploads?|uploader|file ?manager|log ?in|sign ?(?:in|up)|search|profile|comments?|registration|register|settings|dashboard|password reset|contact form|admin(?:istration)? panel)$/.test(
      c,
    ) ||
    // A memory checker's name ("AddressSanitizer: heap-buffer-overflow …") is the tool, not the product.
    /^(?:address|memory|thread|leak|undefinedbehavior)sanitizer$|^(?:asan|msan|ubsan|valgrind)$/.test(c) ||
    /^(?:the |a |an |your |this |our |my )?(?:target |affected |vulnerable |underlying |remote |main |web |whole |same |following )?(?:server|site|web ?site|application|app|web app|page|system|platform|service|host|domain|product|software|instance|target|url|link)s?(?: (?:function|feature|functionality|page|endpoint|side))?$/.test(
      c,
    )
  );
}

/** One version, whole: "2.5.10", "v1.2.x", "3.0.1-beta2". */
const ONE_VERSION = /^v?\d+(?:\.(?:\d+|x))+[-.\w]*$/i;

/**
 * A name without the versions after it ("Acme CMS 2.5.10" -> "Acme CMS", "acme-cms-2.5.10" -> "acme-cms",
 * "Foo 1.0 2.0" -> "Foo"). Token by token from the end: a regex anchored at the end with nested repeats
 * ("(?:[\s-]+v?\d+(?:\.\d+)+[-.\w]*)+$") backtracked exponentially on "a-1.1-1.1-1.1…+" (21 s for 109 characters).
 */
export function withoutVersionTail(name: string): string {
  // A name is a few words; the scan below is quadratic in its length.
  let rest = name.slice(0, MAX_TITLE_CHARS);
  for (let strips = 0; strips < MAX_VERSION_STRIPS; strips++) {
    // The earliest separator whose whole remainder is one version: the longest version at the end.
    let cut = -1;
    for (let i = 0; i < rest.length; i++) {
      const c = rest.charAt(i);
      if ((c === ' ' || c === '\t' || c === '-' || c === '\n') && ONE_VERSION.test(rest.slice(i + 1))) {
        cut = i;
        break;
      }
    }
    if (cut < 0) break;
    rest = rest.slice(0, cut).replace(/[\s-]+$/, '');
  }
  return rest;
}
/** Versions stripped from one name at most ("Foo 1.0 2.0 3.0"). */
const MAX_VERSION_STRIPS = 8;

/** After a word that places the flaw ("in", "on" …), a name of one to four words; a repository's owner goes. */
const NAME_AFTER_PLACE_EVERY =
  /(?<![\w-])(?:in|on|of|for|affecting|within)\s+(?:the\s+)?(?:[a-z0-9][\w.-]{0,38}\/(?=[a-z0-9])){0,3}([\w][\w.+-]*(?:\s+(?![Vv]ersion\b)(?!(?:Leads?|Leading|Allows?|Allowing|Enables?|Enabling|Causes?|Causing|Results?|Resulting|Via|Through|Using|Could|Can|May|Might|Will|Would|Lets?|Permits?|Exposes?|Discloses?|Is|Are|Was|Were|To|And|Or|With|Without|When|If|By|From|At)\b)[A-Z0-9][\w.+-]*){0,3})/g;

/** The product a Subject names after "in/on/of/for/affecting", without its version. */
export function productFromSubject(subject: string | null | undefined): string | undefined {
  if (!subject) return undefined;
  const s = subject
    .slice(0, MAX_TITLE_CHARS)
    .replace(/\bCVE-\d{4}-\d{4,7}\b:?/gi, ' ')
    .replace(/^\s*(?:re|fwd?|aw)\s*:\s*/i, '');
  // Not the "in" of "built-in" or "plug-in".
  // A repository's owner goes ("OS Command Injection in brona/iproute2mac": the product is iproute2mac), and a Go
  // module's host ("github.com/gin-gonic/gin": gin).
  // The first that names something ("Denial of Service in Acme Portal": not "Service", then "Acme Portal").
  let tried = 0;
  for (const m of s.matchAll(NAME_AFTER_PLACE_EVERY)) {
    if (++tried > MAX_PLACES_TRIED) break;
    const name = withoutVersionTail(m[1]!)
      .replace(/[.,:;-]+$/, '')
      .trim();
    if (name.length < 2 || isBoilerplate(name) || canonicalVulnType(name) || /^(?:version|versions|all|every)$/i.test(name) || isSourceFileName(name)) continue;
    // An input's name ("in RedirectUrl GET parameter", "on First and Last name Fields"): where the payload goes, not the product.
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 80);
    // (The method may end the name read: "RedirectUrl GET" then " parameter".)
    if (NAMES_AN_INPUT.test(after) || NAMES_AN_INPUT.test(` ${name.split(/\s+/).pop()!}${after}`)) continue;
    // "Use of hard-coded credentials in Acme Router": a lower-case word after "of" is what is used, not whose.
    // (nor a lower-case word that qualifies the next: "of hard-coded credentials")
    if (/^of\b/i.test(m[0].trimStart()) && !/^[A-Z\d]/.test(name) && (!isPackageName(name.split(/\s/)[0]!) || /^\s+[a-z]/.test(s.slice(m.index + m[0].length))))
      continue;
    const plugged = pluginOfPlatform(name, s.slice(m.index + m[0].length));
    return plugged ? withoutVersionTail(plugged).trim() : name;
  }
  return undefined;
}
/**
 * What follows a name that makes it an input's: a method and a parameter's noun ("RedirectUrl GET parameter"), or a
 * second name and a field's ("First and Last name Fields"). A product's name may be followed by its own parts ("urllib3
 * headers", "Acme Shop query parameters", "SuiteCRM text fields"), so a noun alone says nothing.
 */
const NAMES_AN_INPUT =
  /^(?:[ \t]+(?:and|or|&)[ \t]+[\w.-]{1,30}(?:[ \t]+[Nn]ame)?[ \t]+(?:[Ff]ields?|[Ii]nputs?|[Pp]arameters?|[Pp]arams?)|[ \t]+(?:GET|POST|PUT|PATCH|DELETE)[ \t]+(?:[Pp]arameters?|[Pp]arams?|[Ff]ields?|[Vv]alues?|[Aa]rguments?|[Aa]rgs?))\b/;

/** "in/on/of …" read in a Subject at most: a Subject is one line, so a few are tried. */
const MAX_PLACES_TRIED = 6;

/** A bold name (**Name** or __Name__) in the first paragraph: how many reports mark the product. */
export function boldProduct(text: string): { name: string; index: number } | undefined {
  const paragraphEnd = text.search(/\n\s*\n/);
  const first = text.slice(0, Math.min(paragraphEnd < 0 ? text.length : paragraphEnd, 2000));
  const m = /(\*\*|__)([A-Z][\w .+-]{1,40}?)\1/.exec(first);
  if (!m) return undefined;
  const name = withoutVersionTail(m[2]!).trim();
  // Bold also marks the report's own labels and warnings.
  if (/^(?:important|note|warning|update|impact|summary|steps?|description|details?|severity|poc|proof of concept|tl;?dr|edit|fix|solution)\b/i.test(name))
    return undefined;
  return name.length >= 2 && !isBoilerplate(name) && !canonicalVulnType(name) ? { name, index: m.index + 2 } : undefined;
}

/**
 * The product named by where it lives, when the text names none in words: the repository
 * of an issue, pull request, commit or advisory linked from the report (the project's own
 * tracker: "the fix of issue [889](https://github.com/Wechat-Group/WxJava/issues/889)"),
 * or a vendor's demo site (https://demo.domainmod.org). A repository linked bare may be
 * the reporter's exploit, so only tracker links count. Never fetched.
 */
export function productFromLinks(text: string): { name: string; index: number } | undefined {
  // The first link into the product's own tracker, or to its code at a commit ("…/siteproxy/blob/2551e27…/index.js"):
  // a file on a branch may be anyone's (a payload list's), the first of the first kind names it.
  const repo = repoLinks(text).find(
    (l) => !l.writeUp && (TRACKER_KINDS.has(l.kind) || (/^(?:blob|tree)$/.test(l.kind) && l.ref?.length === 40 && isCommitId(l.ref))),
  );
  if (repo) return writtenInProse(text, repo.repo) ?? { name: repo.repo, index: repo.index + repo.url.indexOf(`/${repo.repo}`) + 1 };
  const demo = /\bhttps?:\/\/demo\.([a-z][\w-]{1,40})\.[a-z]{2,}(?:[:/]|\b)/i.exec(text);
  if (demo) return { name: demo[1]!, index: demo.index + demo[0].indexOf(demo[1]!) };
  // A fuzzer's build named for the project at a commit: ".../pocs/blob/master/mjs-8d847f2/crashes/…" is mjs's.
  const built = buildAtCommit(text);
  if (built) return { name: built.project, index: built.index };
  // A test install unpacked from the project's archive: "http://host/sftnow-master/index.php" is sftnow's.
  const unpacked = /\bhttps?:\/\/[^/\s]{1,100}\/(?:[\w.-]{1,60}\/){0,3}?([A-Za-z][\w.]{1,40})-(?:master|main)\//.exec(text);
  return unpacked ? { name: unpacked[1]!, index: unpacked.index + unpacked[0].lastIndexOf(unpacked[1]!) } : undefined;
}

/** A repository linked at a file on a branch whose name the report also uses outside links: after the Subject's name. */
export function productFromBranchLinks(text: string): { name: string; index: number } | undefined {
  // A file on a branch, when the report also calls the project by the repository's name outside
  // any link ("…/lukeed/dset/blob/master/src/merge.js" and "the dset function"): the report is
  // about that code, not quoting somebody's payload list.
  const tried = new Set<string>();
  let unlinked: string | undefined;
  for (const l of repoLinks(text)) {
    if (tried.size >= REPOS_NAMED_CHECKED) break;
    if (l.writeUp || !/^(?:blob|tree)$/.test(l.kind) || l.repo.length < 3 || tried.has(l.repo)) continue;
    // A page or a word list (a cheat sheet's .md, a wordlist's .txt) is read, not run; a repository
    // called "server" or "docs" is named by every sentence that says the word.
    if (/\.(?:md|markdown|txt|rst|adoc)$/i.test(l.path) || GENERIC_REPO_NAME.test(l.repo)) continue;
    tried.add(l.repo);
    // Links blanked once, not per repository: a hostile mail may hold 200 links.
    unlinked ??= text.replace(/\bhttps?:\/\/\S+/gi, (u) => ' '.repeat(u.length));
    const named = namedOutsideLinks(text, unlinked, l.repo);
    if (named) return named;
  }
  return undefined;
}

/** Repository names that are everyday words of a report. */
const GENERIC_REPO_NAME =
  /^(?:server|client|docs?|documentation|api|app|apps|core|cli|web|www|site|node|go|src|lib|main|backend|frontend|test|tests|examples?|demo|common|utils?|tools?|website)$/i;

/** Repositories whose name is looked for in the text: a report links into its product's code, not a dozen others'. */
const REPOS_NAMED_CHECKED = 10;

/** The repository's name as a word of the text outside links and paths ("the dset function"), or undefined; `unlinked` is the text with its links blanked. */
function namedOutsideLinks(text: string, unlinked: string, slug: string): { name: string; index: number } | undefined {
  const escaped = slug.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(?<![\\w/.@:#-])${escaped}(?![\\w/-]|\\.\\w)`, 'i').exec(unlinked);
  return m ? { name: text.slice(m.index, m.index + m[0].length), index: m.index } : undefined;
}

/**
 * A repository's name as the report spells it in prose: "uptime-kuma" is written "Uptime Kuma"
 * ("Open Uptime Kuma with authentication disabled"), the name a triager writes. Only names of
 * two or more words joined by "-" or "_", found outside a link or path.
 */
function writtenInProse(text: string, slug: string): { name: string; index: number } | undefined {
  const parts = slug.split(/[-_]/);
  if (parts.length < 2 || parts.length > 4 || parts.some((p) => !/^[A-Za-z][A-Za-z\d]*$/.test(p))) return undefined;
  const m = new RegExp(`(?<![\\w/.@-])${parts.join('[ \\t]+')}(?![\\w/-])`, 'i').exec(text);
  // Capitalised as a name is ("Uptime Kuma"), not words of a sentence ("an unrestricted file upload").
  return m && m[0].split(/[ \t]+/).every((w) => /^[A-Z\d]/.test(w)) ? { name: m[0], index: m.index } : undefined;
}

/**
 * The product a report's title names: Exploit-DB's "Product 1.2 - Vulnerability" (what comes
 * before the dash, without its version), else what follows "in/on/of/for" ("Multiple
 * vulnerabilities in Cisco DDR2200 Series").
 */
export function productFromTitle(title: string | null | undefined): string | undefined {
  return productFromDashedTitle(title) ?? productFromSubject(title);
}

/** Exploit-DB's "Product 1.2 - Vulnerability" (and "Product <= 4.6.2 - …"): what comes before the dash, without its version. */
export function productFromDashedTitle(title: string | null | undefined): string | undefined {
  if (!title) return undefined;
  const dashed = /^(?:\[[^\]]{1,40}\]\s*)?([A-Za-z][^\n]{1,80}?)\s+[-–—]\s+\S/.exec(title.trim());
  if (!dashed) return undefined;
  // A firm's advisory header ("Sense of Security - Security Advisory - SOS-12-006"): the firm, not the product.
  if (/^(?:security\s+)?advisory\s*(?:[-–—:]\s*)?[A-Z][A-Z\d]*-[\w-]+\s*$/i.test(title.trim().slice(dashed[0].length - 1))) return undefined;
  const name = withoutVersionTail(dashed[1]!.replace(/\s*(?:<=?|>=?|≤|≥)\s*v?\d[\w.]*$/, ''))
    .replace(/\s+v?\d[\w.]*$/i, '')
    .trim();
  return name.length >= 2 && !isBoilerplate(name) && !canonicalVulnType(name) ? name : undefined;
}

/**
 * The product a title names in the two other forms advisories use: "Multiple
 * vulnerabilities in X, Y and Z" (the first of the list: the one the advisory is filed
 * under), "X 3.1 path traversal" (a name, then its version, then what is wrong) and
 * "Oracle HTTP Server XSS Header Injection" (a capitalised name, then the class of flaw).
 */
export function productFromAdvisoryTitle(title: string | null | undefined, body?: string): string | undefined {
  if (!title) return undefined;
  // A title is a line: the end-anchored trims below would be quadratic on a hostile run of dashes.
  const t = title
    .slice(0, MAX_TITLE_CHARS)
    .replace(/\bCVE-\d{4}-\d{4,7}\b:?/gi, ' ')
    .replace(/^\s*(?:(?:re|fwd?|aw)[ \t]*:[ \t]*)?(?:\[[^\]]{1,40}\][ \t]*)?/i, '')
    // What kind of message it is ("CVE Request: OS Command Injection in brona/iproute2mac"), not a product.
    .replace(/^\s*(?:cve[ \t-]request|security (?:report|advisory|issue|bug)|vulnerability (?:report|disclosure)|bug report)[ \t]*:[ \t]*/i, '');
  const issues = SEVERAL_IN.exec(t);
  // Also below a bound ("net2ftp <= 0.97 Cross-Site Scripting"), and a lower-case package's name.
  const versioned = issues ? undefined : NAME_THEN_VERSION.exec(t);
  const before =
    versioned &&
    !NOT_A_NAME.test(versioned[1]!) &&
    // (Also a lower case word before a "v" version: "eyoucms v1.7.1 has SQL injection", "mcms v5.2.8 backstage RCE".)
    (/^[A-Z]/.test(versioned[1]!) ||
      isPackageName(versioned[1]!.split(/[ \t]/)[0]!) ||
      (/^[a-z][a-z\d]{2,}[ \t]+v\d/.test(t.trimStart()) && !GENERIC_FIRST_WORD.test(versioned[1]!)))
      ? versioned
      : undefined;
  // "in the admin panel": a lowercase name after "the" is a part of a product, not its name.
  if (issues?.[1] && !/[A-Z\d]/.test(issues[2]!)) return undefined;
  // "Rack vulnerable to ReDoS in …", "aiohttp is vulnerable to directory traversal": the grammar's subject.
  const subjectOf = issues || before ? undefined : VULNERABLE_TO.exec(t);
  // "phpMyFAQ User Removal Page Allows Spoofing …": a name no dictionary has (a capital or digit inside), then what it allows.
  const allows =
    issues || before
      ? undefined
      : /^\s*((?:[a-z]+[A-Z]|[A-Z]+[a-z]+[A-Z]|[A-Za-z]+\d)[\w.+-]*)(?:[ \t]+[A-Za-z][\w-]*){0,5}?[ \t]+(?:[Aa]llows?|[Pp]ermits?|[Ll]ets|[Ll]eaks?|[Ee]xposes?)\b/.exec(
          t,
        );
  // "@jmondi/url-to-png enables capture …", "github.com/huandu/facebook may expose …": a package's identifier, then what it does.
  const packageFirst = issues || before ? undefined : PACKAGE_THEN_VERB.exec(t);
  // "PsiTransfer: File integrity violation", "vm2: Sandbox escape": a name, its colon, then the flaw.
  const prefixed = issues || before ? undefined : NAME_COLON.exec(t);
  // "lestrrat-go/jwx's malicious parameters …", "twitch-tui's connection …": whose part is at fault (PACKAGE_OWNER).
  const possessive = issues || before ? undefined : POSSESSIVE_NAME.exec(t);
  const raw =
    issues?.[2] ??
    before?.[1] ??
    (prefixed && !LABEL_WORD.test(prefixed[1]!) && NAME_LIKE.test(prefixed[1]!) ? prefixed[1] : undefined) ??
    (subjectOf && !/^(?:the|this|that|these|your|our|my|an?|it|which|all|any|some)\b/i.test(subjectOf[1]!) ? subjectOf[1] : undefined) ??
    (possessive && PACKAGE_OWNER.test(possessive[1]!) ? possessive[1] : undefined) ??
    nameBeforeType(t) ??
    allows?.[1] ??
    packageFirst?.[1] ??
    (issues || before ? undefined : saidToDo(t, body));
  if (!raw) return undefined;
  const name = withoutVersionTail(raw.split(/\s+(?:and|&)\s+/)[0]!.replace(/\s*(?:<=?|>=?|≤|≥)\s*v?\d[\w.]*.*$/, ''))
    .replace(/[-\s]+v?\d[\w.]*$/i, '')
    .replace(/[.\s]+$/, '')
    // The words that bound the version are not the name's ("acme-portal before 2.3.1", "Acme Portal versions <= 2.3.1").
    .replace(/(?:[ \t]+(?:before|through|prior to|up to|until|versions?|and (?:earlier|below|prior)))+$/i, '')
    .trim();
  return name.length >= 2 && name.split(/\s+/).length <= 6 && !isBoilerplate(name) && !canonicalVulnType(name) ? name : undefined;
}

/** A lower case first word before a "v" version that names no product ("poc v1.0 for …", "firmware v2.1.4 has …"). */
const GENERIC_FIRST_WORD =
  /^(?:poc|cve|plugin|api|app|firmware|version|exploit|patch|release|update|fix|theme|module|package|library|server|client|tool|script|demo|test)$/i;

/** Words that say a report holds several issues ("Multiple vulnerabilities", "two more bugs", "3 critical flaws"). */
export const SEVERAL_ISSUES = String.raw`\b(?:multiple|several|various|many|two|three|four|five|\d{1,2}|more|some)\s+(?:(?:more|security|critical|remote|unauthenticated|serious)\s+)?(?:vulnerabilities|issues|flaws|bugs|weaknesses)\b`;
/** "Multiple vulnerabilities in Cisco DDR2200 Series": the product they are in. */
const SEVERAL_IN = new RegExp(String.raw`${SEVERAL_ISSUES}\s+(?:in|on|of|affecting)\s+(the\s+)?([A-Za-z][^\n,;:()]{1,80})`, 'i');

/**
 * A package's identifier opening a title, then a verb: an npm scope ("@jmondi/url-to-png"), a Go
 * module ("github.com/huandu/facebook") or a hyphenated name ("url-to-png"). Packagist's
 * "vendor/name" is read by VULNERABLE_TO, which drops the vendor.
 */
const PACKAGE_THEN_VERB =
  /^\s*(@[\w.-]{1,60}\/[\w.-]{1,60}|[a-z][\w-]{0,60}\.[a-z]{2,10}(?:\/[\w.-]{1,60}){1,3}|[a-z][\w.]{0,40}(?:-[\w.]{1,40}){1,5})[ \t]+(?:allows?|enables?|permits?|lets|leaks?|exposes?|may|can|could|does(?:n't|[ \t]+not)|accepts?|fails?|uses?|has|is)\b/;
/** One name (a word, a package, "@scope/pkg"), a colon, then words: "PsiTransfer: File integrity violation". */
const NAME_COLON = /^\s*((?:@[\w.-]{1,40}\/)?[A-Za-z][\w.+-]{1,60}):[ \t]+(?!https?:|www\.)[A-Za-z]/;
/** A word that is a name, not "Critical" or "Hello": a capital or digit inside, a package's "-" or ".", a scope. */
const NAME_LIKE = /^@|[a-z][A-Z]|\d|[-.]/;
/** What a title's "Word:" is when it is no name: a label, a list's or tracker's tag, an identifier's prefix. */
const LABEL_WORD =
  /^(?:summary|title|subject|security|vulnerability|vuln|bug|issue|report|fix|feature|question|advisory|important|note|update|warning|urgent|help|request|poc|exploit|payload|details?|description|overview|abstract|impact|steps|affected|product|vendor|version|type|severity|status|author|date|references?|solution|workaround|mitigation|info|cve|cwe|ghsa|ghsl|zdi|re|fwd?|aw|draft|wip|\w*-\d[\w-]*)$/i;

/**
 * A name of one to four words, then "(is) vulnerable to" / "susceptible to". A package's
 * vendor ("timber/timber vulnerable to …", Packagist's names) is left out of the name.
 */
const VULNERABLE_TO =
  /^\s*(?:@?[\w.-]{1,60}\/(?=[A-Za-z]))?([A-Za-z][\w.+-]*(?:[ \t]+[A-Za-z][\w.+-]*){0,3}?)[ \t]+(?:(?:is|are|(?:might|may|could|can)[ \t]+be)[ \t]+)?(?:vulnerable|susceptible)[ \t]+to\b/i;

/** The words before a version that say which versions, not whose: "Versions <= 2.3.1 allow …", "Upgrade to >= 2.3.1", "Fixed in 1.2". */
const NOT_A_NAME =
  /^(?:versions?|releases?|builds?|all|any|every|affects?|affected|affecting|vulnerable|upgrade|update|upgrading|updating|fix|fixes|fixed|patched|before|prior|since|from|until|up|tested|introduced|in|on|at|to|and|or)\b/i;
/** A name of one to four words, then its version (after a bound: "<= 0.97"), then words: "Acme Portal 2.1 path traversal". */
const NAME_THEN_VERSION =
  /^\s*([A-Za-z][\w+-]*(?:[ \t]+[A-Za-z][\w+-]*){0,3}?)[ \t]+(?:(?:<=?|>=?|≤|≥)[ \t]*)?v?\d{1,4}(?:\.\d{1,4}){1,3}[a-z]?(?=[ \t:,]+[A-Za-z])/;

/**
 * Whose "'s" names a product: a repository ("lestrrat-go/jwx") or a lower-case hyphenated package
 * ("twitch-tui"), not a header, a file or a word ("X-Forwarded-For's", "index.php's", "e-mail's").
 */
const PACKAGE_OWNER =
  /^(?:@?[\w.-]{1,60}\/[\w.-]{1,60}|(?!(?:e-mail|log-in|sign-up|sign-in|opt-in|opt-out|built-in|add-on|pop-up|drop-down|third-party|follow-up|set-up|check-out|user-agent)$)[a-z][a-z\d]*(?:-[a-z\d]+)+)$/;
/**
 * A name and its "'s", then a word: what of it is at fault ("lestrrat-go/jwx's malicious parameters").
 * Only a name no dictionary has (NAME_LIKE: "Customer's address …", "Google's OAuth flow …" open
 * titles too, and name no product).
 */
const POSSESSIVE_NAME = /^\s*((?:@?[\w.-]{1,60}\/)?[A-Za-z][\w.+-]{1,60})['’]s[ \t]+[A-Za-z]/;
/** Words between a product and the class of flaw that are neither: where, how bad, how reached. */
const TYPE_QUALIFIER =
  /(?:(?:^|[ \t]+)(?:\([^)\n]{1,30}\)|remote|local|critical|multiple|unauthenticated|authenticated|pre-auth|post-auth|stored|reflected|persistent|blind|dom-based|arbitrary|possible|(?:one|zero|\d)-click|drive-by|\d[\w.]*))+$/i;

/**
 * A lower-case word that is a package's name, not a common word: hyphenated ("usb-creator"),
 * with a digit ("libxml2"), snake_case, a "lib…" (not "library"), or a script's ("moment.js").
 */
export function isPackageName(word: string): boolean {
  return /^[a-z][\w.]*(?:-[\w.]+)+$|^[a-z]+\d|^[a-z]+_[a-z]|^lib(?!rar(?:y|ies)$|er)[a-z]{2,}\w*$|^[a-z][\w-]*\.(?:js|py|rb|rs|go)$/.test(word);
}

/** The capitalised name a title puts before the first class of flaw it names ("HP OpenView NNM OvJavaLocale Buffer Overflow"). */
function nameBeforeType(title: string): string | undefined {
  const hit = findVulnTypes(title)[0];
  if (!hit || hit.index < 2) return undefined;
  // "Cross-tenant data leak in SensorHub": the product comes after the flaw, not before it.
  if (/\b(?:in|on|of|affecting|within)[ \t]+(?:the[ \t]+)?[A-Z]/.test(title.slice(hit.index + hit.length))) return undefined;
  const name = title
    .slice(0, hit.index)
    .trimEnd()
    .replace(TYPE_QUALIFIER, '')
    .replace(/[-–:,\s]+$/, '')
    .trim();
  const words = name.split(/\s+/).filter(Boolean);
  // A name, not a feature or a sentence: every word capitalised ("Oracle HTTP Server", not
  // "Account deletion"), a lone word with a capital or digit inside ("vBulletin", "ProPublish",
  // not "Blind"), a few words, no word of the report's own ("allows", "via", "the").
  // A lower-case package name is a name too ("Ubuntu usb-creator", "libxml2").
  if (!words.length || words.length > 5 || !words.every((w) => /^(?:[A-Z\d]|[a-z]+[A-Z])/.test(w) || isPackageName(w))) return undefined;
  if (words.length === 1 && !/^.+[A-Z\d]/.test(words[0]!)) return undefined;
  // (The "on" of "Add-on" and the "in" of "Plug-in" are part of a name; a "Sign-in Page", an "Out-of-Band" technique are not.)
  if (/\b(?:allows?|leads?|via|in|on|of|for|to|the|a|an|is|are)\b/i.test(name.replace(/\b(?:add-on|plug-in)\b/gi, 'Addon'))) return undefined;
  return name;
}

/**
 * Whether a component value is a list of models or a firmware build string rather than the
 * name a triager files it under ("COMpact 3000 ISDN, COMpact 3000 analog, COMpact 4000, …",
 * "DDR2201v1-NA-AnnexA-FCC-V00.00.03.28.3 deployed on device Cisco DDR2201v1 ADSL2+ Residential").
 */
export function isModelList(component: string): boolean {
  return component.split(/\s*[,;]\s*/).filter(Boolean).length >= 3 || component.split(/\s+/).some((w) => w.length >= 20 && /\d/.test(w) && /[-_]/.test(w));
}

/** Whether two names share a word (not a number or a short word): the title's product is that list's. */
export function shareAName(a: string, b: string): boolean {
  const words = (s: string): Set<string> =>
    new Set(
      s
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w.length >= 3 && /[a-z]/.test(w)),
    );
  const wa = words(a);
  return [...words(b)].some((w) => wa.has(w));
}
