/**
 * Where in the product a report says the bug is: URLs, absolute paths, relative paths with
 * a file extension. Left out: reference sites, tracker links, front pages, pages about the
 * bug (advisories, blog posts, write-ups), links on reference lines or under a References
 * heading, the reporter's own paths and stack-trace frames. Pure; the input is report text
 * (untrusted), only matched with bounded regexes, never fetched.
 */

// URLs; absolute paths; relative paths with a file extension. Reference sites (CWE,
// CVE, NVD, FIRST, OWASP) are not locations in the product.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+/gi;
const PATH_RE =
  /(?<![\w.:/@%<~+{}-])(?:~|\.{1,2})?\/(?:[\w.@%+{}-]+\/)*[\w.@%+{}-]*[A-Za-z][\w.@%+{}-]*(?:\/\d+(?![\w.]))*\/?|(?<![\w./@-])[\w-]+(?:\/[\w.-]+)+\.[A-Za-z][\w]{0,6}\b/g;
const REFERENCE_HOSTS =
  /^https?:\/\/(?:[\w-]+\.)*(?:cwe\.mitre\.org|cve\.mitre\.org|cve\.org|nvd\.nist\.gov|first\.org|owasp\.org|exploit-db\.com|seclists\.org|packetstormsecurity\.(?:com|net|org)|youtube\.com|youtu\.be|vimeo\.com|githubusercontent\.com|wpscan\.com|twitter\.com|x\.com|medium\.com|linkedin\.com|hackerone\.com|bugcrowd\.com|huntr\.(?:dev|com)|vulnerability-lab\.com|openwall\.com)\b/i;
/** A link to a tracker's issue, pull request, release, commit or profile: where the report is discussed, not where the bug is. */
const TRACKER_LINK =
  /^https?:\/\/(?:www\.)?(?:github\.com|gitlab\.[\w.]+)\/(?:[^/\s]+\/?$|[^/\s]+\/[^/\s]+\/(?:-\/)?(?:issues|pull|merge_requests|releases|commit|security|advisories|tree)\b)/i;
/** A page about the bug rather than the bug's place: an advisory, blog post, article, support note or forum thread on a site that is not the target, a write-up or archive on GitHub. */
const REFERENCE_PAGE =
  /^https?:\/\/[^/]+\/(?:.*\/)?(?:advisor(?:y|ies)|blog|articles?|vulnerabilities|news|posts?|hc|kb|support|forum|community|topic|lab)\/|^https?:\/\/(?:www\.)?github\.com\/[^/]+\/(?:CVE-[\d-]+\/?$|[^/]+\/(?:raw|blob)\/\S+\.(?:md|zip|txt|pdf|rar|7z|tar\.gz)$)/i;
/** Hosts that stand for the system under attack in a write-up: an IP, localhost, a placeholder or example domain. */
const TARGET_HOST =
  /^https?:\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[\d:a-f]+\]|[^/]*\b(?:example|target|victim|vuln|test|local)\b[^/]*|ip|host|server)(?::\d+)?(?:\/|$)/i;

/** A line that labels a reference ("# Vendor Homepage: …", "References:", "Software Link: …"). */
const REFERENCE_LINE =
  /^[\s#*>\-[\]\d.)]*(?:references?|links?|sources?|vendor(?:'s)? (?:homepage|url|link|site|website|advisory)|vendor|homepage|software(?: link| download)?|product (?:link|url|page|homepage)|(?:advisory|original|full) (?:url|link|advisory)|blog(?: post)?|(?:poc )?video|demo|more info(?:rmation)?|credits?|(?:exploit )?author|twitter|website|download|changelog|release notes|patch|fix)\b[^:\n]{0,30}:/i;
const REFERENCE_HEADING = /^[\s#*\d.)[\]-]*(?:references?|links|external links|resources|sources|see also|further reading)\s*:?\s*$/i;
/** A path on the reporter's own machine, or a frame of a stack trace: not where the bug is. */
const LOCAL_PATH = /^(?:\/(?:tmp|usr|lib|lib64|home|root|proc|dev|var\/tmp|private|Users)(?:\/|$)|[^\s]*\+0x[0-9a-f]+$)/;

/** Offsets of text that lists references: labelled reference lines, and the lines under a "References" heading. */
function referenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let at = 0;
  let inSection = false;
  for (const line of text.split('\n')) {
    const end = at + line.length;
    if (REFERENCE_HEADING.test(line)) inSection = true;
    else if (inSection && line.trim() && !/^[\s\-*•\d.)[\]]*(?:https?:\/\/|www\.)/i.test(line) && !/https?:\/\//.test(line)) inSection = false;
    if (inSection || REFERENCE_LINE.test(line)) out.push([at, end]);
    at = end + 1;
  }
  return out;
}

/** A site's front page (a vendor's, a researcher's); a bare IP or localhost with a port is a target (an SSRF's). */
function isHomepage(url: string): boolean {
  return /^https?:\/\/[^/]+\/?$/i.test(url) && !/^https?:\/\/(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[\d:a-f]+\])(?::\d+)?\/?$/i.test(url);
}

export function cleanLocation(s: string): string {
  const v = s.replace(/^\[[+*!-]\]\s*/, '').replace(/[.,;:!?'")\]>]+$/, '');
  // A closing brace belongs to a "{id}" placeholder only when one was opened.
  return v.endsWith('}') && !v.includes('{') ? v.replace(/}+$/, '') : v;
}

export function findLocations(text: string, from = 0, to = text.length): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  const seen = new Set<string>();
  const part = text.slice(from, to);
  const refs = referenceRanges(text);
  const inReferences = (i: number): boolean => refs.some(([a, b]) => i >= a && i < b);
  for (const m of part.matchAll(URL_RE)) {
    const v = cleanLocation(m[0]);
    if (REFERENCE_HOSTS.test(v) || TRACKER_LINK.test(v) || isHomepage(v) || inReferences(from + m.index) || seen.has(v)) continue;
    if (REFERENCE_PAGE.test(v) && !TARGET_HOST.test(v)) continue;
    seen.add(v);
    out.push({ value: v, index: from + m.index });
  }
  const noUrls = part.replace(URL_RE, (u) => ' '.repeat(u.length));
  for (const m of noUrls.matchAll(PATH_RE)) {
    const v = cleanLocation(m[0]);
    if (v.length < 3 || seen.has(v) || /^\/?\d/.test(v) || /^(?:and|or|and\/or|n\/a|w\/o|i\/o|tcp\/ip|s\/mime)$/i.test(v)) continue;
    if (LOCAL_PATH.test(v) || /\+0x[0-9a-f]+$/i.test(text.slice(from + m.index, from + m.index + m[0].length + 12))) continue;
    seen.add(v);
    out.push({ value: v, index: from + m.index });
  }
  return out.sort((a, b) => a.index - b.index);
}
