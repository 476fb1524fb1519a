/**
 * Where in the product a report says the bug is: URLs, absolute paths, relative paths with
 * a file extension. Left out: reference sites, tracker links, front pages, pages about the
 * bug (advisories, blog posts, write-ups), links on reference lines or under a References
 * heading, the reporter's own paths and stack-trace frames. Pure; the input is report text
 * (untrusted), only matched with bounded regexes, never fetched.
 */

import { repoLinks } from './repo-links.js';
import { sourceFilePath } from './code-links.js';
import { USER_PROMPT } from './shell.js';
import { framesBeyondTheTop } from './stack-frames.js';
import { pathInCode } from './path-in-code.js';
import { citedUrls } from './cited-urls.js';
import { cleanLocation, unescapeJsonUrls, URL_RE } from './url-text.js';
import { windowsPaths } from './windows-paths.js';
import { Lines } from './line-index.js';
import { BARE_HOST_URL_RE, productScript, requestedBareUrl, SCRIPT_WITH_QUERY_RE } from './requested-places.js';
import {
  asATriagerListsThem,
  devServerOrigin,
  devServerOrigins,
  diffSidePath,
  exposedService,
  MACHINE_HOST,
  MEDIA_TYPE,
  onlyRouteParams,
  REPORTER_FILE,
  saidExposed,
  TARGET_HOST,
} from './location-filters.js';

// URLs; absolute paths, with a route's parameters (":id", "{id}", "<id>"); relative paths with a file extension. Reference sites (CWE, CVE,
// NVD, FIRST, OWASP, vulnerability databases, bug trackers, list archives) and XML namespace
// names ("http://www.w3.org/1999/xhtml", a schema's, never fetched by anyone) are not locations in the product.
const PATH_RE =
  /(?<![\w.:/@%<~+{})$-])(?:~|\.{1,2})?\/(?:(?:[\w.@%+{}-]+|<[\w-]{1,30}>|:[A-Za-z_]\w{0,40}[?*+]?)\/)*(?:[\w.@%+{}-]*[A-Za-z][\w.@%+{}-]*|<[\w-]{1,30}>|:[A-Za-z_]\w{0,40}[?*+]?)(?:\/\d+(?![\w.]))*\/?|(?<![\w./@-])[\w-]+(?:\/[\w.-]+)+\.[A-Za-z][\w]{0,6}\b/g;
/** Sites that are about a flaw or hold a project's packages (registries, CDNs a PoC imports from): never where the flaw is. */
const REFERENCE_HOSTS =
  /^https?:\/\/(?:[\w-]+\.)*(?:cwe\.mitre\.org|cve\.mitre\.org|cve\.org|nvd\.nist\.gov|first\.org|owasp\.org|exploit-db\.com|seclists\.org|packetstormsecurity\.(?:com|net|org)|youtube\.com|youtu\.be|vimeo\.com|githubusercontent\.com|wpscan\.com|twitter\.com|x\.com|medium\.com|linkedin\.com|hackerone\.com|bugcrowd\.com|huntr\.(?:dev|com)|vulnerability-lab\.com|openwall\.com|cvedetails\.com|vuldb\.com|securityfocus\.com|securitytracker\.com|snyk\.io|osv\.dev|security-tracker\.debian\.org|bugs\.launchpad\.net|bugzilla\.[\w.-]+|marc\.info|lists\.[\w.-]+|gist\.github\.com|pastebin\.com|wikipedia\.org|web\.archive\.org|crates\.io|pypi\.org|npmjs\.(?:com|org)|yarnpkg\.com|deno\.land|jsr\.io|unpkg\.com|jsdelivr\.net|esm\.sh|cdnjs\.cloudflare\.com|skypack\.dev|rubygems\.org|packagist\.org|nuget\.org|pkg\.go\.dev|mvnrepository\.com|search\.maven\.org|central\.sonatype\.com|hex\.pm|pub\.dev|readthedocs\.(?:io|org)|w3\.org|stackoverflow\.com|stackexchange\.com|superuser\.com|serverfault\.com|ghostbin\.(?:com|co)|hastebin\.com|paste\.[\w.-]+|user-images\.githubusercontent\.com|schemas\.xmlsoap\.org|(?:tools|datatracker)\.ietf\.org|rfc-editor\.org|prnt\.sc|prntscr\.com|imgur\.com|ibb\.co|postimg\.cc|gyazo\.com|snipboard\.io|tinyurl\.com|bit\.ly|is\.gd|goo\.gl|t\.co|rb\.gy|cutt\.ly|schemas\.microsoft\.com|schemas\.openxmlformats\.org|purl\.org|ns\.adobe\.com|xmlns\.com|java\.sun\.com|xml\.org)\b/i;
/** A user's page on a code playground ("regex101.com/r/XvYgkN/1", "codepen.io/u/pen/x"); the services' own pages stay places. */
const PLAYGROUND_PAGE =
  /^https?:\/\/(?:www\.)?(?:regex101\.com\/r\/|regexr\.com\/[a-z0-9]{4,}(?:[/?#]|$)|codepen\.io\/[^/\s]+\/(?:pen|full|details)\/|jsfiddle\.net\/[^/\s]+\/[^/\s]+|jsbin\.com\/[a-z]{3,}(?:[/?#]|$)|codesandbox\.io\/(?:s|p)\/|stackblitz\.com\/edit\/)/i;
/** A link to a tracker's issue, pull request, release, commit, discussion, CI run, wiki page, profile or a repository's front page: where the report is discussed, tested or the project lives, not where the bug is. */
const TRACKER_LINK =
  /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.[\w.]+|bitbucket\.org|codeberg\.org)\/(?:[^/\s]+\/?$|[^/\s]+\/[^/\s#?]+\/?$|[^/\s]+\/[^/\s]+\/(?:-\/)?(?:issues|pull|pulls|merge_requests|releases|commit|commits|compare|tags|security|advisories|tree|discussions|actions|wiki|milestones?|labels|projects)\b)/i;
/** A page about the bug rather than the bug's place: an advisory, blog post, article, support note or forum thread on a site that is not the target, a write-up or archive on GitHub. */
const REFERENCE_PAGE =
  /^https?:\/\/(?:cvsweb|cvs|svn|viewvc|gitweb|cgit|hg|anonhg)\.[^/]+\/|^https?:\/\/[^/]+\/(?:.*\/)?(?:advisor(?:y|ies)|blog|articles?|vulnerabilities|news|posts?|hc|kb|support|forum|community|topic|lab|announce|achievement_securityalert|notices)\/|^https?:\/\/[^/]+\/(?:.*\/)?advisor(?:y|ies)$|^https?:\/\/[^/]+\/(?:\S*\/)?(?:cvsweb|cvsview\d?|viewvc|gitweb|cgit)\b|^https?:\/\/(?:[\w-]+\.)*sourceforge\.net\/projects\/[^/]+\/files\/|^https?:\/\/(?:www\.)?github\.com\/[^/]+\/(?:CVE-[\d-]+\/?$|[^/]+\/(?:raw|blob)\/\S+\.(?:md|zip|txt|pdf|rar|7z|tar\.gz|png|jpe?g|gif|mp4|webm|mov)$)/i;
/**
 * A product's documentation on a site of its own ("https://hono.dev/getting-started/deno",
 * "https://docs.acme.io/…"): how it is used, not where the bug is. Only the first segment of
 * the path: a repository's docs/ folder or an app's /api/docs/ page can be the place.
 */
const DOCS_PAGE =
  /^https?:\/\/(?:docs?\.[^/\s]+(?:[/?#]|$)|[^/\s]+\/(?:(?:en|de|fr|es|ja|ko|ru|pt|it|zh|nl|pl|tr|uk|sv|cs|id|vi|th|ar|he|fa)(?:-[a-z]{2,4})?\/)?(?:docs?|documentation|getting-started|guides?|tutorials?|manual)\/)/i;
/** Hosts that stand for the attacker's own server in a payload ("http://attacker.com/x.js", "http://serverattacker/salsa.php"), or no host at all ("http://http://url"). */
const ATTACKER_HOST =
  /^https?:\/\/(?:[^/?#]*(?:attacker|evil|malicious|burpcollaborator|oastify|interact\.sh|requestbin|webhook\.site|ngrok)[^/?#]*|https?:?)(?:[:/?#]|$)/i;

/** A screenshot: a Markdown image ("![poc](https://…)") or a picture file on a host that is not the target's. */
function isPicture(url: string, before: string): boolean {
  // A file attached to an issue ("github.com/user-attachments/assets/…", "github.com/owner/repo/assets/71647398/…",
  // "github.com/owner/repo/files/15213296/book.xlsx") is the reporter's screenshot, video or sample file.
  if (/^https?:\/\/(?:www\.)?github\.com\/(?:user-attachments\/(?:assets|files)|[^/\s]+\/[^/\s]+\/(?:assets|files\/\d+))\//i.test(url)) return true;
  return /!\[[^\]\n]{0,200}\]\($/.test(before) || (/\.(?:png|jpe?g|gif|webp|bmp|avif|svg|heic|tiff?)\/?(?:[?#]|$)/i.test(url) && !TARGET_HOST.test(url));
}

/** A file in the reporter's PoC or write-up repository ("github.com/ntu-sec/pocs/blob/…"): the PoC, not the product's place. */
function inWriteUpRepo(url: string): boolean {
  const link = repoLinks(url)[0];
  return link !== undefined && link.index === 0 && link.writeUp && /^(?:blob|tree|raw)$/.test(link.kind);
}

/** A URL with a placeholder for its host, in angle, square or curly brackets ("[TARGET/IP]", "TARGET/IP]" as some
 *  mistype it); the path is captured. */
const PLACEHOLDER_URL = /\bhttps?:\/\/(?:<[\w .-]{1,20}>|\[[\w ./-]{1,20}\]|\{[\w .-]{1,20}\}|(?:target|victim)\/ip\]?)(?::\d{1,5})?(\/[^\s<>"'`)]{1,300})/gi;

/**
 * A source file named alone ("numutils.c", "`iproute2mac.py`", "ResourceService.java", or
 * with its Windows folders, "Core\Piranha\Web\AuthController.cs"): a
 * compiled or scripting language's file where code bugs are placed. Web-page extensions
 * (.php, .asp, .html) are not taken alone: named bare, they are as often the uploaded
 * payload ("shell.php") as the place.
 */
// Bounded repeats: hostile text ("a.c.c.c…") must stay linear.
const SOURCE_FILE_RE =
  /(?<![\w./@\\-])(?:(?:[A-Za-z]:|\.{1,2})?\\)?(?:[A-Za-z][\w.-]{0,60}\\){0,10}[A-Za-z][\w-]{0,80}(?:\.[\w-]{1,40}){0,4}\.(?:c|h|cc|cpp|cxx|hpp|hh|java|kt|go|rs|py|rb|cs|swift|scala|sys)\b(?![\w/.-]{0,64}\/)(?!\.\w)/g;
/** A web script named alone with the line the bug is on ("forum.php lines 59-62", "admin.php:42"): a place in its code. */
const SCRIPT_AT_LINE_RE =
  /(?<![\w./@-])[A-Za-z][\w-]{0,80}\.(?:php|aspx?|jsp|cgi|pl|js|ts|html?|jelly|erb|twig|tpl)(?=[ \t]{0,4},?[ \t]{0,4}(?:lines?[ \t]+\d|:\d+\b|\(line\b))/gi;
/** A web script the report says is vulnerable ("The file login.php is vulnerable to …", "search.php is affected", "within the toJpg.php file", "line 86 of the 'index.js' file"): the place. */
const SCRIPT_NAMED_VULNERABLE_RE =
  /(?<![\w./@-])[A-Za-z][\w-]{0,80}\.(?:php|aspx?|jsp|cgi|pl)(?=[ \t`'"]{0,3}(?:is|are|was|were)[ \t]+(?:vulnerable|affected|prone)\b)|(?<=\bthe[ \t]{1,4}(?:file|script|page)[ \t]{1,4}[`'"]?)[A-Za-z][\w-]{0,80}\.(?:php|aspx?|jsp|cgi|pl)\b|(?<=\b(?:in|within|inside|of)[ \t]{1,4}the[ \t]{1,4}[`'"]?)[A-Za-z][\w-]{0,80}\.(?:php|aspx?|jsp|cgi|pl|m?js|cjs|ts)(?=[`'"]?[ \t]{1,4}(?:file|script|page)\b)/gi;
/** A CI workflow file the report names as the vulnerable workflow ("the Jira-issue.yaml GitHub workflow", "The ‘plugin-prechecks.yml’ GitHub workflow"). */
const WORKFLOW_FILE_RE = /(?<![\w./@-])[A-Za-z][\w-]{0,80}\.ya?ml(?=['’`"]?[ \t]{1,4}(?:GitHub[ \t]{1,4})?(?:workflows?|actions?)\b)/gi;
/** A script the flaw is said to be in ("Host Header Injection in password-controller.js", "SQL injection in `search.php`"): the place. */
const FLAW_IN_FILE_RE =
  /(?<=\b(?:injection|xss|scripting|traversal|overflow|disclosure|inclusion|forgery|redirect|execution|bypass|deserialization|pollution|vulnerability|bug|flaw)[ \t]{1,4}in[ \t]{1,4}[`'"]?)[A-Za-z][\w-]{0,80}\.(?:php|aspx?|jsp|cgi|pl|m?js|cjs|ts)\b(?![\w/.-])/gi;
/** A line that labels a reference ("# Vendor Homepage: …", "References:", "Software Link: …"). */
const REFERENCE_LINE =
  /^[\s#*>\-[\]\d.)]*(?:(?:external|further|more|additional|other|related|useful)[ \t]+)?(?:vendor(?:'s)?[ \t][^:\n]{0,40}\b(?:pages?|sites?|notes|bulletins?)|references?|links?|sources?|vendor(?:'s)? (?:homepage|url|link|site|website|advisory)|vendor|homepage|vulnerable[ \t]+software[ \t]*(?=:)|software(?: link| download)?|product (?:link|url|page|homepage)|(?:advisory|original|full) (?:url|link|advisory)|blog(?: post)?|(?:poc )?video|demo|more info(?:rmation)?|credits?|(?:exploit )?author|twitter|website|download|changelog|release notes|patch|fix)\b[^:\n]{0,30}:/i;
const PUBLISHED_AT = /^[\s#*-]*(?:published|posted|released|original(?: url)?|source|resources?|publication(?: url| link)?)(?: at| on| in)?\s*:\s*$/i;
/**
 * A label that names the page its URL is, on the same line ("Advisory : http://…", "Live Demo : http://…",
 * "#Publication: https://…"): the write-up or its demo page, not the product's place. Only with the URL
 * beside it: "Advisory:" alone may head the report itself.
 */
const LABELLED_PAGE_LINE = /^[\s#*>-]*(?:advisory|(?:live[ \t]+)?demo|publication|published[ \t]+at)(?:[ \t]+(?:url|link))?[ \t]*:[ \t]*<?https?:\/\//i;
// Also numbered and marked up: "9. *References*", "[+] References", "## Supporting Resources", "9. --- References ---".
const REFERENCE_HEADING =
  /^[\s#*_\d.)[\]+=-]*(?:[IVX]{1,6}[.)][ \t]+)?(?:(?:supporting|additional|useful|related|external|other)[ \t]+)?(?:references?|links|resources|sources|see also|further reading)[\s*_=-]*(?::\s*)?$/i;
/**
 * A path on the reporter's own machine, a shell ("/bin/bash"), or a frame of a stack
 * trace: not where the bug is. Also a web server's bare document root ("Setup the following code
 * in /var/www/html") and the system file a PoC edits to send the product elsewhere (/etc/hosts).
 */
const LOCAL_PATH =
  /^(?:\/(?:tmp|usr|lib|lib64|home|root|proc|dev|mnt|var\/tmp|var\/run|private|Users)(?:\/|$)|\/s?bin\/(?:ba|z|da|k|c|tc|fi)?sh$|\/var\/www(?:\/html)?\/?$|\/etc\/hosts$|[^\s]*\+0x[0-9a-f]+$)/;
/** A line of PostScript (a Ghostscript session or program): its "/Name"s are names, not paths. Its own operators
 *  and shapes only ("/Name (…) def", "} stopped"): Python's and Ruby's "def", prose's "stopped" are not. */
const POSTSCRIPT_LINE =
  /^\s*GS>|%!PS|\b(?:currentdevice|putdeviceprops|setpagedevice|setpattern|setcolorspace|findfont|showpage|\.tempfile)\b|^\s*\/\w+\s[^\n]*\bdef\s*$|\}\s*stopped\b/;
/** A text that is mostly about PostScript code: at least this many of its lines are PostScript. */
const POSTSCRIPT_TEXT_LINES = 5;

/** Offsets of text that lists references: labelled reference lines, and the lines under a "References" heading. */
function referenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  let inSection = false;
  // A list opened by a label ends at the first blank line; one under a References heading runs on.
  let byLabel = false;
  let heading = false;
  for (const line of text.split('\n')) {
    const end = at + line.length;
    const underline = heading && /^\s*(?:={3,}|-{3,})\s*$/.test(line);
    heading = false;
    // A reference label with its value on the lines below ("Original URL:", "Published At:") opens a list like a heading.
    if (REFERENCE_HEADING.test(line)) [inSection, byLabel, heading] = [true, false, true];
    // The heading's underline ("VIII. REFERENCES" over a line of dashes) is part of it, not the next heading's.
    else if (underline) inSection = true;
    else if ((REFERENCE_LINE.test(line) && /:\s*$/.test(line)) || PUBLISHED_AT.test(line)) [inSection, byLabel] = [true, true];
    else if (inSection && byLabel && !line.trim()) inSection = false;
    // Under a References heading, entries may put a description line before their URL: the list ends at the next heading.
    else if (
      inSection &&
      !byLabel &&
      /^\s*(?:\d+\.\s+\S|[IVX]{1,6}\.\s+\S|#+\s|\[\+\]\s|[A-Z][\w ]{2,40}:\s*$|={3,}|-{3,})/.test(line) &&
      !/https?:\/\//.test(line)
    )
      inSection = false;
    else if (inSection && byLabel && line.trim() && !/https?:\/\//.test(line)) inSection = false;
    if (inSection || REFERENCE_LINE.test(line) || LABELLED_PAGE_LINE.test(line)) out.push([at, end]);
    at = end + 1;
  }
  return out;
}

/**
 * Where an advisory's footer starts: its copyright notice ("The contents of this advisory are
 * copyright(c) 2018 KoreLogic", a "Copyright:" heading) in the second half of the text. What
 * follows (the firm's pages, its disclosure policy, the licence) is about the publisher.
 * In the first half, a notice heads the advisory and the report follows it.
 */
function footerStart(text: string): number {
  const m = COPYRIGHT_NOTICE.exec(text.slice(Math.floor(text.length / 2)));
  return m ? Math.floor(text.length / 2) + m.index : Infinity;
}
// The notice names the advisory and its year ("The contents of this advisory are copyright(c) 2018",
// "Copyright (c) 2017 X. This advisory may be shared"), or heads the footer ("Copyright:" alone);
// not "the contents of the Copyright field", nor a file's licence header.
const COPYRIGHT_NOTICE =
  /^[^\n]{0,200}\b(?:copyright|\(c\)|©)[^\n]{0,40}\b(?:19|20)\d\d\b[^\n]{0,200}\b(?:advisory|advisories|this document)\b|^[^\n]{0,200}\b(?:advisory|advisories|this document)\b[^\n]{0,200}(?:copyright|\(c\)|©)[^\n]{0,40}\b(?:19|20)\d\d\b|^[ \t#*\d.-]*copyright[ \t]*:?[ \t]*$/im;

/** A licence's text ("https://creativecommons.org/licenses/by/3.0/deed.en"): what an advisory's copyright grants, never a place. */
export function isLicencePage(line: string): boolean {
  return /\bhttps?:\/\/(?:[\w-]+\.)*(?:creativecommons\.org|opensource\.org|spdx\.org|gnu\.org)\/licen[cs]es?\//i.test(line);
}

/** A site's front page (a vendor's, a researcher's); a bare IP or localhost, or a test host on a port, is a target (an SSRF's, an exposed service). */
function isHomepage(url: string): boolean {
  return /^https?:\/\/[^/]+\/?$/i.test(url) && !MACHINE_HOST.test(url) && !exposedService(url);
}

/** What findLocations reads of the whole text whichever part it reads: worked out once per text (a report's
 *  sections are read one by one, and each pass over the whole text made thousands of sections quadratic). */
interface WholeText {
  text: string;
  footer: number;
  postscript: boolean;
  inReferences: (i: number) => boolean;
  cited: Set<string>;
  devOrigins: Set<string>;
}
let whole: WholeText | undefined;

function wholeText(text: string): WholeText {
  if (whole?.text === text) return whole;
  const refs = referenceRanges(text);
  // The ranges come in order and apart: found by binary search, not one by one for each URL.
  const inReferences = (i: number): boolean => {
    let lo = 0;
    let hi = refs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (refs[mid]![1] <= i) lo = mid + 1;
      else hi = mid;
    }
    return lo < refs.length && refs[lo]![0] <= i;
  };
  whole = {
    text,
    footer: footerStart(text),
    postscript: isPostScript(text),
    inReferences,
    cited: citedUrls(text, inReferences),
    devOrigins: devServerOrigins(text, cleanLocation),
  };
  return whole;
}

/** Whether the text gives this URL as a reference elsewhere (a reference line, a "Publication:" label, a footnote), cleaned as places are. */
export function isCitedIn(text: string, url: string): boolean {
  return wholeText(text).cited.has(cleanLocation(url));
}

let lastPlaces: { text: string; found: ReadonlyArray<{ value: string; index: number }> } | undefined;

/** The places of a whole text, found once for the last text asked: prose reading and the place model (place-model.ts) both ask. */
export function placesOf(text: string): ReadonlyArray<{ value: string; index: number }> {
  if (lastPlaces?.text !== text) lastPlaces = { text, found: findLocations(text) };
  return lastPlaces.found;
}

export function findLocations(text: string, from = 0, to = text.length): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  const seen = new Set<string>();
  const part = unescapeJsonUrls(text.slice(from, to));
  const lines = new Lines(part);
  const { footer, inReferences, cited, postscript, devOrigins } = wholeText(text);
  // URLs, and a host with its path written without a scheme ("mydomain.com/laravel-filemanager/download?…"):
  // judged as the URL it stands for, kept as written.
  const urls = [...part.matchAll(URL_RE), ...part.matchAll(BARE_HOST_URL_RE)].sort((a, b) => a.index - b.index);
  for (const m of urls) {
    const written = cleanLocation(m[0]);
    const bare = !/^https?:\/\//i.test(written);
    const v = bare ? `http://${written}` : written;
    if (cited.has(v) || (bare && !requestedBareUrl(v, lines.before(part, m.index)))) continue;
    // Cut inside a placeholder for the host ("http://[TARGET/IP" of "http://[TARGET/IP]/Forms/x"): read below, by its path.
    if (/^https?:\/\/\[[^\]]*$/i.test(v)) continue;
    if (REFERENCE_HOSTS.test(v) || isLicencePage(v) || TRACKER_LINK.test(v) || isHomepage(v) || inReferences(from + m.index) || seen.has(v)) continue;
    // The publisher's pages in the footer; an exploit appended after the notice still has its target.
    if (from + m.index >= footer && !MACHINE_HOST.test(v) && !TARGET_HOST.test(v)) continue;
    if ((REFERENCE_PAGE.test(v) || DOCS_PAGE.test(v)) && !TARGET_HOST.test(v)) continue;
    // A reporter's scratch page on a playground (a regex's debugger, a pen, a fiddle, a sandbox): where they showed it.
    if (PLAYGROUND_PAGE.test(v)) continue;
    const after = part.slice(m.index + m[0].length, m.index + m[0].length + 100);
    if ((devOrigins.has(v) && !saidExposed(after)) || devServerOrigin(v, lines.before(part, m.index), after)) continue;
    if (ATTACKER_HOST.test(v) || onHeaderLine(lines.before(part, m.index)) || isPicture(v, lines.before(part, m.index)) || inWriteUpRepo(v)) continue;
    // An XML namespace's name ('<objectGet xmlns="http://quantastor.osnexus.com/webservices/osn.xsd">'): an identifier, never fetched.
    if (/\bxmlns(?::[\w.-]{1,40})?[ \t]*=[ \t]*["']?$/.test(lines.before(part, m.index))) continue;
    // A script's setting ("BASE_URL=http://localhost:8084 # REPLACE THIS!"): where the PoC is pointed, no place in the product.
    if (/^https?:\/\/[^/?#\s]+\/?$/i.test(v) && /^\s*(?:export\s+)?[A-Za-z_]\w{0,40}[ \t]*=[ \t]*["']?$/.test(lines.before(part, m.index))) continue;
    // A link into the product's code names a file: the file's path, as a triager writes it, once.
    const file = sourceFilePath(v) ?? written;
    seen.add(v);
    if (file !== written && seen.has(file)) continue;
    seen.add(file);
    out.push({ value: file, index: from + m.index });
  }
  // A URL whose host is a placeholder ("http://<IP>:8080/main_internet.php", "http://[site]/[app]/cat.php"): its path.
  for (const m of part.matchAll(PLACEHOLDER_URL)) {
    const v = cleanLocation((m[1] ?? '').replace(/[?#].*$/, ''));
    if (v.length < 2 || seen.has(v) || inReferences(from + m.index)) continue;
    seen.add(v);
    out.push({ value: v, index: from + m.index + m[0].length - (m[1] ?? '').length });
  }
  const noUrls = part
    .replace(PLACEHOLDER_URL, (u) => ' '.repeat(u.length))
    .replace(URL_RE, (u) => ' '.repeat(u.length))
    .replace(BARE_HOST_URL_RE, (u) => ' '.repeat(u.length));
  for (const m of noUrls.matchAll(PATH_RE)) {
    const { value: v, skipped } = diffSidePath(cleanLocation(m[0]), lines.line(noUrls, m.index));
    // "/OutputFile", "/invalidaccess": PostScript's names, in its code and in the prose about it.
    if (postscript && /^\/[A-Za-z]\w*$/.test(v)) continue;
    if (v.length < 3 || seen.has(v) || MEDIA_TYPE.test(v) || /^\/?\d/.test(v) || /^(?:and|or|and\/or|n\/a|w\/o|i\/o|tcp\/ip|s\/mime)$/i.test(v)) continue;
    if (LOCAL_PATH.test(v) || /\+0x[0-9a-f]+$/i.test(text.slice(from + m.index, from + m.index + m[0].length + 12))) continue;
    if (onShellLine(lines.line(noUrls, m.index)) || pathInCode(part, m.index, m[0], v)) continue;
    // A header a quoted program includes ("#include <curl/curl.h>"): the library's interface, not the flaw's place.
    if (/#\s*include\s*[<"]$/.test(noUrls.slice(Math.max(0, m.index - 12), m.index))) continue;
    // A Windows command's switch ('system("net localgroup Administrators placebo /add")'): no path.
    if (/^\/(?:add|delete|del|domain|active)$/i.test(v) && /\bnet\s+(?:user|localgroup|group)\b/i.test(lines.line(noUrls, m.index))) continue;
    // A regular expression's flags and the method called on it ("/<!--(.|\s)*?-->/i.test(str)"): code, no path.
    if (/^\/[dgimsuvy]{1,6}\.\w+$/.test(v) && noUrls.charAt(m.index + m[0].length) === '(') continue;
    // A regular expression's own start ("/.+_t$/", "/.*\.php/"): any character, repeated, is no folder's name.
    if (/^\/\.[+*?]/.test(v)) continue;
    if (onlyRouteParams(v)) continue;
    // A numbered source line's path, as a listing shows it.
    if (onListingLine(lines.line(noUrls, m.index))) continue;
    // Between SQL's inline comments ("cid=-12/**/union/**/select/**/1"): a word after "/**" and before the next "*"
    // is no path (a glob's "/**/config.php" and a path in bold, "**/api/upload**", still are).
    if (noUrls.slice(Math.max(0, m.index - 3), m.index) === '/**' && noUrls.charAt(m.index + m[0].length) === '*') continue;
    seen.add(v);
    out.push({ value: v, index: from + m.index + skipped });
  }
  // Windows absolute paths ("C:\Program Files (x86)\Acme\acme.exe"), once each.
  for (const w of windowsPaths(part).filter((p) => !seen.has(p.value) && seen.add(p.value))) out.push({ value: w.value, index: from + w.index });
  const noPaths = noUrls.replace(PATH_RE, (p) => ' '.repeat(p.length));
  const quietFrames = framesBeyondTheTop(part);
  for (const m of [
    ...noPaths.matchAll(SOURCE_FILE_RE),
    ...noPaths.matchAll(SCRIPT_AT_LINE_RE),
    ...noPaths.matchAll(SCRIPT_NAMED_VULNERABLE_RE),
    ...noPaths.matchAll(WORKFLOW_FILE_RE),
    ...[...noPaths.matchAll(SCRIPT_WITH_QUERY_RE)].filter((m) => productScript(m[0], m[1]!, noPaths.slice(Math.max(0, m.index - 40), m.index))),
    ...noPaths.matchAll(FLAW_IN_FILE_RE),
  ]) {
    const v = m[0];
    if (
      seen.has(v) ||
      REPORTER_FILE.test(v) ||
      // A header a quoted program includes ("#include <windows.h>"): the platform's, not the product's.
      /#\s*include\s*[<"]$/.test(noPaths.slice(Math.max(0, m.index - 12), m.index)) ||
      isCommand(lines.before(noPaths, m.index)) ||
      onShellLine(lines.line(noPaths, m.index)) ||
      quietFrames.has(lines.bounds(m.index)[0])
    )
      continue;
    seen.add(v);
    out.push({ value: v, index: from + m.index });
  }
  return asATriagerListsThem(out);
}

function isPostScript(text: string): boolean {
  let n = 0;
  for (const line of text.split('\n')) if (POSTSCRIPT_LINE.test(line) && ++n >= POSTSCRIPT_TEXT_LINES) return true;
  return false;
}

/** An HTTP request's header line ("Referer: http://…", "Origin: …"): the page the request came from, not the one it attacks. */
function onHeaderLine(before: string): boolean {
  return /^\s*(?:referer|origin|host|location|x-[\w-]+)\s*:\s*$/i.test(before);
}

/** A numbered line of quoted source code ("27 $files = array($config["homedir"]."/include/help/…"). */
function onListingLine(line: string): boolean {
  return /^\s*\d{1,5}\s+\S.*[;{}()$=]/.test(line);
}

/**
 * A line that runs a shell command the reporter typed ("/bin/echo … >> /etc/passwd", "# id", "./sqlmap.py -u …",
 * "CC=clang CFLAGS=… ./configure --with-x", "./tools/tiffinfo -D crash.tif"), not the product's place.
 */
const SHELL_COMMAND_LINE =
  /^\s*(?:[#>]\s+|[\w.-]{1,40}[#>]\s+|[A-Z]:\\(?:[^>\n]{0,80}>)?\s*)?(?:sudo\s+)?(?:[A-Z_][A-Z0-9_]{0,40}=(?:"[^"\n]{0,200}"|'[^'\n]{0,200}'|[^\s"']{0,200})[ \t]+){0,8}(?:\.\/[\w./-]{1,80}(?:[ \t]|$)|(?:\/(?:usr\/)?s?bin\/)?(?:echo|printf|cat|su|sh|bash|chmod|chown|cp|mv|ln|ls|rm|mkdir|touch|gcc|cc|[\w.-]{1,40}-gcc|dbus-send|id|whoami|python[\d.]*|perl|ruby|nc|ncat|net|icacls|cacls|schtasks|sc|reg|wmic|powershell|cmd)(?:\s|$))/;
/** A directory listing ("compile.sh  enjoy  enjoy.c  pwn  pwn.c"): three or more names apart by runs of spaces. */
const LISTING_LINE = /^\s*[\w.-]+(?: {2,}[\w.-]+){2,}\s*$/;

/**
 * Whether the offset is on a line of a shell session: what the reporter typed and what
 * their own files are (the binaries and target files of a PoC) are not where the bug is.
 */
function onShellLine(line: string): boolean {
  return USER_PROMPT.test(line) || SHELL_COMMAND_LINE.test(line) || LISTING_LINE.test(line);
}

/** A script run on a command line ("python3 check.py", "$ ruby x.rb"): the reporter's tool, not the product's place. */
function isCommand(before: string): boolean {
  return /^\s*(?:[$#>]\s*)?(?:sudo\s+)?(?:python[\d.]*|ruby|perl|node|bash|sh|go run|gcc|clang|cc|javac|java)\s+(?:-\S+\s+)*$/.test(before);
}
