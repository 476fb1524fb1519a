/**
 * The places findLocations (locations.ts) found, thinned to those a triager would list:
 * not a traversal's payload, not a folder that only encloses another place, not a site's
 * root or the reporter's upload beside a real place, not a file named bare beside its own
 * path, not a header beside the source file, not a request that fills in a route named beside
 * it, not the reporter's own site. Also the host classes, dev-server origins and media types both
 * modules judge by.
 * Pure; the input is found places (report text, untrusted), matched with bounded regexes.
 */

import { redactedLine } from './http-request.js';
import { URL_RE } from './url-text.js';

type Found = Array<{ value: string; index: number }>;

/** Hosts that stand for the system under attack in a write-up: an IP, localhost, a placeholder or example domain. */
export const TARGET_HOST =
  /^https?:\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[\d:a-f]+\]|[^/]*\b(?:example|target|victim|vuln|test|local)\b[^/]*|ip|host|server)(?::\d+)?(?:\/|$)/i;

/** A URL on an IP address or localhost: the reporter's own system or an SSRF's target, never a vendor's site. */
export const MACHINE_HOST = /^https?:\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[\d:a-f]+\])(?=[:/?#]|$)/i;

/** A test host's root on a port of its own ("https://keymaster.example.com:6920/"): a service exposed there, a place. */
export function exposedService(url: string): boolean {
  return TARGET_HOST.test(url) && /^https?:\/\/[^/?#]+:\d{2,5}\/?$/i.test(url);
}

/**
 * A loopback origin ("http://localhost:3000", "http://127.0.0.1:5000/", "http://localhost:${port}"), which is a
 * place only in some sentences: devServerOrigin below tells. A test host's root on a port of its own
 * ("https://keymaster.example.com:6920/") is not one of these and stays.
 */
const LOOPBACK_ORIGIN = /^https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0)(?::(?:\d{1,5}|\$\{\w{1,30}\}))?\/?(?:[?#]|$)/i;
/** Words before an origin that say a dev server runs there ("Listening at", "Server two running on"). */
const DEV_SERVER_BEFORE = /\b(?:listening|running|started|serving|served|listens?|runs?)[ \t]+(?:at|on)[ \t]*[`'"]?$/i;
/** Words after it that say anyone can reach it (then it is the exposed service, the place). */
const EXPOSED_AFTER =
  /^[^.\n]{0,80}?\b(?:without (?:any |a )?(?:auth\w*|token|password|login)|no (?:auth\w*|token|password|login)|unauthenticated|anyone|exposed)\b/i;

/**
 * Whether a loopback origin is where the reporter ran the product, not where in it the bug is: a request to its
 * root with the PoC's query ("http://localhost:4173/?href=…"), a template's port ("http://localhost:${port}"), or
 * a dev server's announcement ("Listening at http://localhost:3000"). Not an SSRF's target ("url=http://127.0.0.1:6379",
 * "the server fetches http://127.0.0.1:6379") nor a service said to be open to anyone.
 */
export function devServerOrigin(origin: string, before: string, after: string): boolean {
  if (!LOOPBACK_ORIGIN.test(origin) || EXPOSED_AFTER.test(after)) return false;
  return /[?#]./.test(origin) || /\$\{/.test(origin) || DEV_SERVER_BEFORE.test(before);
}

/** The origins a report says a dev server of its own runs at, over the whole text: each later mention of one
 *  ("curl -X POST http://127.0.0.1:3000 …" under "Server listening at http://127.0.0.1:3000") is that server too. */
export function devServerOrigins(text: string, clean: (s: string) => string): Set<string> {
  const dev = new Set<string>();
  const exposed = new Set<string>();
  for (const m of text.matchAll(URL_RE)) {
    const v = clean(m[0]);
    if (!LOOPBACK_ORIGIN.test(v)) continue;
    // The words before it on its line, read back no further than they can matter (a long line stays linear).
    const back = text.slice(Math.max(0, m.index - 200), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 100);
    // Said anywhere to be reachable by anyone, it is the exposed service, whatever else runs there.
    if (EXPOSED_AFTER.test(after)) exposed.add(v);
    else if (devServerOrigin(v, back.slice(back.lastIndexOf('\n') + 1), after)) dev.add(v);
  }
  for (const v of exposed) dev.delete(v);
  return dev;
}

/** A diff's header names each file twice, as "a/…" and "b/…": the file's own path, once, and how much was cut before it. */
export function diffSidePath(path: string, line: string): { value: string; skipped: number } {
  const value = /^(?:diff --git |--- |\+\+\+ )/.test(line) ? path.replace(/^[ab]\//, '') : path;
  return { value, skipped: path.length - value.length };
}

/** Whether the words after a place say anyone can reach it ("… is exposed without any authentication"). */
export function saidExposed(after: string): boolean {
  return EXPOSED_AFTER.test(after);
}

/** A media type ("application/vnd.oasis.opendocument.text", "image/svg+xml"): a name for a kind of content, no path. */
export const MEDIA_TYPE =
  /^(?:application|text|image|audio|video|multipart|message|font|model)\/[\w.+-]+$(?<!\.(?:php\d?|phtml|aspx?|jsp|jsx?|tsx?|mjs|c|h|cc|cpp|hpp|py|rb|go|rs|java|kt|swift|pl|pm|sh|cgi|html?|css|json|xml|ya?ml|toml|conf|cfg|ini|txt|md|sql|lua|erb|ejs|twig|tpl|vue|svelte))/i;

/** A file a reporter made to show the bug (a PoC, a fuzzer's crash input), not a place in the product. */
export const REPORTER_FILE =
  /^(?:test|shell|evil|attack|exploit|poc|payload|crash|repro|fuzz|sploit|pwn|sqlmap|commix|xsstrike|dirsearch|tplmap|nosqlmap|jwt_tool|ghauri|ysoserial)|(?:^|[_.-])(?:poc|exploit|payload|crash|repro|fuzz|sploit|rce|pwn)(?:[_.\d-]|$)/i;
/** A package manager's generated loader that a PoC requires ("require 'vendor/autoload.php';"): every project's, no place in it. */
const DEPENDENCY_LOADER = /^(?:\.\/)?vendor\/autoload\.php$/;

/** More places than a triager would list: the pairwise checks (enclosing, bare repeats, headers) are skipped past this many. */
const MAX_ENCLOSING_CHECK = 200;

/** The found places, thinned as above, in the order the report gives them. */
export function asATriagerListsThem(found: Found): Found {
  return withoutInstances(
    withoutHeadersBesideSources(
      withoutBareRepeats(withoutUploads(withoutSiteRoots(withoutEnclosing(withoutTraversal(found.filter((f) => !noPlace(f.value))))))),
    ),
  ).sort((a, b) => a.index - b.index);
}

/** A route's parameter inside a segment, in braces or angle brackets ("{id}", "<id>"). */
const BRACED_PARAM = String.raw`\{[\w.-]{1,40}\}|<[\w-]{1,30}>`;
/** A route's parameter as a whole segment, Express's ":id" (with "?", "*" or "+" after it; PATH_RE reads the same). */
const COLON_PARAM = String.raw`:[A-Za-z_]\w{0,40}[?*+]?`;
/** A segment that is or holds a route's parameter. */
const ROUTE_PARAM = new RegExp(`${BRACED_PARAM}|^${COLON_PARAM}$`);
const BRACED_PARAMS = new RegExp(BRACED_PARAM, 'g');
const BRACED_SPLIT = new RegExp(`(${BRACED_PARAM})`);
const ONLY_COLON_PARAMS = new RegExp(`^(?:/${COLON_PARAM})+/?$`);

/** A route made only of parameters ("/:a" in "/s is the silent switch and /:a is not"): no place of its own. */
export function onlyRouteParams(path: string): boolean {
  return ONLY_COLON_PARAMS.test(path);
}
/** Segments a route template may have: longer ones are not compared. */
const MAX_ROUTE_SEGMENTS = 20;
/** Parameters one segment of a route may hold ("{SegmentId}.{SegmentContainer}"): more are not compared. */
const MAX_PARAMS_PER_SEGMENT = 2;

/**
 * Not a request that fills in a route the report also names ("/Videos/{Id}/hls/…" beside
 * "/Videos/43b57ac0-…/hls/…", "/zjol/paper/:id" beside "https://rsshub.app/zjol/paper/x.com%23",
 * "/Images/Ratings/theme/name" beside "/Images/Ratings/{theme}/{name}"): the PoC's request to the
 * place, or the route written without its braces, which a triager writes once, as the route. A
 * request may leave out the route's last parameters. Placeholders in square brackets ("/[path]/x.php")
 * are no routes: a real path beside one is the more precise place.
 */
function withoutInstances(found: Found): Found {
  if (found.length > MAX_ENCLOSING_CHECK) return found;
  // The query goes, not an optional parameter's "?" (":id?").
  const segmentsOf = (v: string): string[] =>
    v
      .replace(/^https?:\/\/[^/?#]*/i, '')
      .replace(/(?<!\/:[A-Za-z_]\w{0,40})[?#].*$/, '')
      .split('/')
      .filter(Boolean);
  // A route with a literal segment of its own ("/{lang}/{page}" would fill in any two-segment path) and at most two
  // parameters in one segment (more, and the matcher's regex would backtrack on a long request).
  const segments = found.map((f) => segmentsOf(f.value));
  const isRoute = segments.map((g) => g.some((x) => ROUTE_PARAM.test(x)));
  const routes = segments
    .filter((g, i) => isRoute[i] && g.length <= MAX_ROUTE_SEGMENTS && g.some((x) => !ROUTE_PARAM.test(x)))
    .filter((g) => g.every((x) => (x.match(BRACED_PARAMS) ?? []).length <= MAX_PARAMS_PER_SEGMENT))
    .map((g) => g.map(segmentMatcher));
  if (!routes.length) return found;
  return found.filter((_, i) => isRoute[i] || !routes.some((r) => fillsIn(r, segments[i]!)));
}

interface SegmentMatcher {
  param: boolean;
  /** The parameters' names, lower case ("theme" of "{theme}"): the route written without its braces fills them in. */
  names: string[];
  re: RegExp;
}

/** A template's segment as a matcher: its parameters stand for any text, the rest for itself. */
function segmentMatcher(segment: string): SegmentMatcher {
  const colon = /^:([A-Za-z_]\w{0,40})/.exec(segment);
  if (colon) return { param: true, names: [colon[1]!.toLowerCase()], re: /^[^/]+$/ };
  const parts = segment.split(BRACED_SPLIT);
  const re = parts.map((p, i) => (i % 2 ? '[^/]+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  const names = parts.filter((_, i) => i % 2).map((p) => p.slice(1, -1).toLowerCase());
  return { param: parts.length > 1, names, re: new RegExp(`^${re}$`, 'i') };
}

/**
 * A value a request puts where a route has a parameter: an id, a token, a payload ("43b57ac0-ca1b-…",
 * "x.requestrepo.com%23", "7"), the parameter's own name (the route without braces), or a letter cut short.
 * A plain word ("export", "me", "settings") is more often a route of its own beside the template.
 */
function filledValue(segment: string, r: SegmentMatcher): boolean {
  const g = segment.toLowerCase();
  return r.names.includes(g) || g.length === 1 || /[\d%.@_~=+-]/.test(g) || g.length >= 16;
}

/** Whether `segments` fill in the route `route`, maybe without its last parameters, with a value in at least one parameter and no plain word in any. */
function fillsIn(route: SegmentMatcher[], segments: string[]): boolean {
  if (segments.length > route.length || segments.length < 2) return false;
  let filled = false;
  for (let i = 0; i < route.length; i++) {
    const r = route[i] as SegmentMatcher;
    const g = segments[i];
    if (g === undefined) {
      if (!r.param) return false;
      continue;
    }
    if (!r.re.test(g)) return false;
    if (!r.param) continue;
    if (!filledValue(g, r)) return false;
    filled = true;
  }
  return filled;
}

/**
 * A file named bare where the report also gives its path ("ssh.c" beside "src/lib/protocols/ssh.c",
 * "config/default.json" beside "QuoteGeneration/pccs/config/default.json"): one place, which a
 * triager writes once, with its folders.
 */
function withoutBareRepeats(found: Found): Found {
  if (found.length > MAX_ENCLOSING_CHECK) return found;
  // Bare: no leading slash and no scheme ("ssh.c", "config/default.json", "./angular.js").
  const bare = (v: string): boolean => !/^[/\\]/.test(v) && !v.includes('://');
  // A diff's "a/" and "b/" are no folders: "lib/opener.js" is the place, not "a/lib/opener.js".
  const diffSide = (g: string, f: string): boolean => g === `a/${f}` || g === `b/${f}`;
  return found.filter(
    (f) => !bare(f.value) || !found.some((g) => !diffSide(g.value, f.value) && (g.value.endsWith(`/${f.value}`) || g.value.endsWith(`\\${f.value}`))),
  );
}

const HEADER_FILE = /\.(?:h|hh|hpp|hxx)$/i;
const C_SOURCE_FILE = /\.(?:c|cc|cpp|cxx|m|mm)$/i;

/**
 * A C or C++ header named beside a source file of its own tree, two leading folders in common
 * ("src/nfc/include/rw_int.h" beside "src/nfc/tags/rw_t2t_ndef.cc"): the source file holds the code
 * that goes wrong, the header its declarations. Named alone, or beside the reporter's harness
 * ("stb_image.h" and "main.c"), a header stays (a macro or an inline function can be the place).
 */
function withoutHeadersBesideSources(found: Found): Found {
  if (found.length > MAX_ENCLOSING_CHECK) return found;
  const dirs = (v: string): string[] =>
    v
      .replace(/^https?:\/\/[^/]+/i, '')
      .split('/')
      .filter(Boolean)
      .slice(0, -1);
  const shared = (a: string[], b: string[]): number => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  };
  const sources = found.filter((f) => C_SOURCE_FILE.test(f.value)).map((f) => dirs(f.value));
  return found.filter((f) => !HEADER_FILE.test(f.value) || !sources.some((d) => shared(d, dirs(f.value)) >= 2));
}

/**
 * A path traversal's payload is not a place: "../../../etc/passwd" and "../tomcat/webapps/x.war"
 * name the file the attack reaches, and "https://vpn.example.com/dana-na/../../etc/passwd" is
 * the endpoint "/dana-na/" with the payload after it, which is what a triager writes down. A
 * traversal in the query ("?file=../../etc/passwd") leaves the path as it is.
 */
function withoutTraversal(found: Found): Found {
  const out: Found = [];
  const seen = new Set<string>();
  const keep = (value: string, index: number): void => {
    if (!seen.has(value)) out.push({ value, index });
    seen.add(value);
  };
  for (const f of found) {
    if (/^(?:\.\.|%2e%2e)(?:[/\\]|%2f|%5c)/i.test(f.value)) continue;
    const m = /^((?:https?:\/\/[^/?#]*)?)([^?#]*)/i.exec(f.value);
    const path = m?.[2] ?? '';
    // Written plain, with backslashes or URL-encoded ("/..%2f", "%2e%2e/").
    const cut = path.search(/(?:\/|%2f|\\)(?:\.\.|%2e%2e)(?:[/\\]|%2f|%5c|$)/i);
    if (cut < 0) {
      keep(f.value, f.index);
      continue;
    }
    const before = `${path.slice(0, cut)}/`;
    if (before.replace(/[/\\]+/g, '') !== '') keep(`${m?.[1] ?? ''}${before}`, f.index);
  }
  return out;
}

/**
 * Not a site's root, with or without a query ("http://www.site.com/?page_id=4&show=1"),
 * when the report names another place: it says where the site is, not where the bug is.
 * Named alone, it is all the report gives, and stays.
 */
function withoutSiteRoots(found: Found): Found {
  // An IP's or localhost's root is an SSRF's target (as in isHomepage), a place of its own.
  const root = (v: string): boolean => /^https?:\/\/[^/?#]+\/?(?:[?#]|$)/i.test(v) && !MACHINE_HOST.test(v) && !exposedService(v);
  return found.some((f) => !root(f.value)) ? found.filter((f) => !root(f.value)) : found;
}

/**
 * Not a place that only encloses another one found: the install's folder on the reporter's
 * test host ("http://localhost/HYBBS2.2" beside ".../HYBBS2.2/?admin/user.html", "/WorkArea/"
 * beside "/WorkArea/activateuser.aspx") says where the product is, not where the bug is.
 * On a host that stands for the reporter's own system (localhost, an IP, a placeholder) only
 * the path is compared, since the host means nothing to the product.
 */
function withoutEnclosing(found: Found): Found {
  if (found.length > MAX_ENCLOSING_CHECK) return found;
  const paths = found.map((f) => (TARGET_HOST.test(f.value) ? f.value.replace(/^https?:\/\/[^/?#]+/i, '').replace(/[?#].*$/, '') : f.value));
  return found.filter((_, i) => !paths.some((q, j) => j !== i && isInside(paths[i] as string, q)));
}

/** Whether `inner` is a place below the folder `outer` ("/app/" holds "/app/service.php"). */
function isInside(outer: string, inner: string): boolean {
  const o = outer.replace(/\/+$/, '');
  return o !== '' && inner.length > o.length + 1 && inner.startsWith(`${o}/`) && !/\.\w+$/.test(o);
}

/**
 * Where the reporter's own file landed ("…/uploadedFiles/shell_file", "/uploads/evil.php"):
 * the upload's result, not the place of the bug (the upload's endpoint is), when the report
 * names another place. Named alone, it is all the report gives of where, and stays. Only the
 * last segment of a path of two or more is judged: "/shell" alone may be the product's page.
 */
function withoutUploads(found: Found): Found {
  return found.some((f) => !reportersUpload(f.value)) ? found.filter((f) => !reportersUpload(f.value)) : found;
}

function reportersUpload(v: string): boolean {
  const segments = v
    .replace(/^https?:\/\/[^/?#]*/i, '')
    .replace(/[?#].*$/, '')
    .split('/')
    .filter(Boolean);
  const last = segments[segments.length - 1];
  // A file the reporter names as theirs ("evil.php", "test.php") or a shell by any name ("shell_file"); not an
  // endpoint that only starts like one ("/admin/testConnection", "/api/crashReport").
  return segments.length >= 2 && last !== undefined && ((/\.\w{1,6}$/.test(last) && REPORTER_FILE.test(last)) || /^(?:web)?shell(?:[_.\d-]|$)/i.test(last));
}

/** A test of the product's own suite ("src/test/java/…/LiteTest.java", "url_test.go"): where the reporter showed the bug,
 *  not where it is. Told by its parts: one pattern over the whole path ran quadratic on a path of "tests/" after "tests/". */
const TEST_FILE = /_test\.go$|^test_\w+\.py$|\.(?:test|spec)\.[cm]?[jt]sx?$/;
const CODE_FILE = /\.(?:java|kt|scala|go|py|rb|[cm]?[jt]sx?|cs)$/;
const TEST_FOLDER = /^(?:tests?|__tests__|spec)$/;

function testSource(v: string): boolean {
  const parts = v.split('/');
  const file = parts[parts.length - 1] ?? '';
  return TEST_FILE.test(file) || (CODE_FILE.test(file) && parts.slice(0, -1).some((d) => TEST_FOLDER.test(d)));
}
/** A write-up's page: a post's slug of four or more words ("…/cross-site-scripting-xss-reflejado-en-tema-enfold"), not a plugin's folder. */
const WRITE_UP_SLUG =
  /^https?:\/\/[^/?#]+\/(?![^?#\s]*(?:^|\/)(?:wp-content|plugins?|themes?|api|components?|index\.php|admin)\/)(?:[^?#\s]*\/)?[a-z\d]+(?:-[a-z\d]+(?:\.[a-z\d]+)*){3,}(?:\.html?)?\/?$/i;
/** A segment that is a placeholder ("[path]", "<path>"), cut or whole. */
const PLACEHOLDER_SEGMENT = /^(?:\[[^\]/]*\]?|<[^>/]*>?)$/;

/** A path made only of placeholders ("/[path]", "/<path>" of "https://[hostname]/[path]?x"). Segment by
 *  segment: one pattern over the whole path backtracked exponentially on a run of "[" (review of 2026-12-06). */
function onlyPlaceholders(v: string): boolean {
  const segments = v.split('/').filter(Boolean);
  return segments.length > 0 && !v.includes('://') && segments.every((g) => PLACEHOLDER_SEGMENT.test(g));
}

/** The files an attack reads or writes to show it worked ("reading the contents of /etc/shadow",
 *  "C:\\Windows\\win.ini"): what a file read reaches, never where the flaw is. */
const PROOF_FILE =
  /^(?:\/etc\/(?:passwd|shadow|group|hosts|hostname|issue|os-release)|\/proc\/(?:self\/(?:environ|cmdline|maps|status)|version)|(?:[A-Za-z]:)?[\\/]+(?:windows|winnt)[\\/]+(?:win|system)\.ini|(?:[A-Za-z]:)?[\\/]+boot\.ini)$/i;
/** A personal home page ("http://www.livejournal.com/~pavelmachek", "http://host/~pavel/blog.html"): the author's, not the
 *  product's; a script under a user's folder ("/~bob/app/login.php") may still be the product. */
const HOME_FOLDER_PAGE = /^https?:\/\/[^/?#\s]+\/~[\w.-]+(?:\/[^?#\s]*)?$/i;
const SCRIPT_PAGE = /\.(?:php\d?|aspx?|jsp|cgi|pl|do|action)\b/i;

/** A release archive on a vendor's or a download site ("http://joomlacode.org/gf/download/…/com_x_1.14.3.zip"), its
 *  version in its name: where to get the product, not where the bug is. An archive without a version is as often the
 *  flaw's place ("https://shop.example/backup/site-backup.zip can be downloaded by anyone"), and a program on the
 *  target ("/OvCgi/webappmon.exe") is a place. */
const RELEASE_ARCHIVE = /[/_-]v?\d+(?:\.\d+)+[\w.-]{0,20}\.(?:zip|tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|rar|7z)$/i;

/** Found as a path or URL, but no place in the product (the kinds above). */
function noPlace(v: string): boolean {
  // A post on the reporter's machine or a target is a page of the product ("http://localhost/school/edit-student-fee-details.php").
  return (
    testSource(v) ||
    PROOF_FILE.test(v) ||
    (RELEASE_ARCHIVE.test(v) && /^https?:\/\//i.test(v) && !TARGET_HOST.test(v)) ||
    (HOME_FOLDER_PAGE.test(v) && !SCRIPT_PAGE.test(v)) ||
    DEPENDENCY_LOADER.test(v) ||
    (WRITE_UP_SLUG.test(v) && !TARGET_HOST.test(v) && !/\.(?:php|aspx?|jsp|cgi|do|action)\b/i.test(v)) ||
    onlyPlaceholders(v) ||
    // A line of a request redacted whole ("██████████ HTTP██████2", "Host: ████████"): marks and words, no place.
    redactedLine(v)
  );
}

/**
 * Not a URL on the reporter's own site ("http://www.balupton.com/sandbox/logger.php" from
 * Benjamin "balupton" Lupton): their logger, blog or PoC host, never the product's place.
 * A host label must equal a word of the credited name of 5+ letters: a short first name
 * ("mark") may well be a vendor's host.
 */
export function offReportersSite(locations: string[], credited: string): string[] {
  const words = new Set((credited.toLowerCase().match(/[a-z0-9]{5,}/g) ?? []).filter((w) => !ORG_WORD.test(w)).slice(0, 8));
  if (!words.size) return locations;
  return locations.filter((v) => {
    // The name a site is registered under ("balupton" of www.balupton.com), not any label ("security" of security.acme.com).
    const labels = /^https?:\/\/([^/?#:]+)/i.exec(v)?.[1]?.toLowerCase().split('.');
    return !labels || labels.length < 2 || !words.has(labels[labels.length - 2]!);
  });
}

/** Words of a team's or firm's credit that name no one's own site ("Acme Security Team"). */
const ORG_WORD = /^(?:security|team|research|labs?|group|consulting|systems|solutions|technologies|network|networks|software|services|university|institute)$/;
