/**
 * Affected versions as a triager writes them: versions and ranges ("< 2.3.1",
 * "<= 3.1.20", ">= 4.0", "2.0 - 2.4", "2.x", "r1295"), not the sentence that holds them.
 * A version named as the fix ("fixed in 3.1.21") is never an affected one. Pure; input
 * is one line or sentence of the report, scanned with bounded regexes.
 */

// A version right after one of these names the platform, not the product; also after its
// release's code name, in brackets ("Ubuntu Utopic (14.10)").
export const PLATFORM =
  /\b(?:tls|ssl|http|cvss|python|node(?:\.js)?|php|java|jdk|openssl|ubuntu|debian|windows|macos|os x|chrome|chromium|firefox|safari|ios|android|kernel|linux|go|rust|ruby|perl|postgres(?:ql)?|mysql|mariadb|nginx|apache|docker|kubernetes|fedora|centos|rhel|alpine|npm|glibc|gcc|clang|ipv|redis(?:-py)?|django|flask|rails|spring(?: boot)?|tomcat|jetty|express|react|angular|vue|android|api level|sdk)(?:[ \t]+[A-Z][a-z]{2,15})?[ \t]*\(?[ \t]*v?$/i;

// A version: 1.2, 1.2.3, v1.2.3-beta1, 2.x, 1.2.*, 8.0B, 31.0.0.OS, 1.5.0+r1, 1.12.2-1ubuntu1.1, 0.2.62ubuntu0.3;
// or an SVN-style revision r1295. ("1.2.0-1.3.0" stays a range: a suffix after "-" starts with a letter.)
/** A dotted version with its suffix, the grammar both this reader and prose.ts's version tokens use. */
export const DOTTED_VERSION = String.raw`(?:v\.?)?\d+(?:\.(?:\d+|x|\*)){1,8}(?:[A-Za-z](?![\w]))?(?:-[A-Za-z][\w.]{0,40}|-\d+[A-Za-z][\w.]{0,40}|[+~][A-Za-z0-9][\w.]{0,40}(?:-\d[\w.]{0,20})?|\.[A-Za-z][A-Za-z0-9]*(?![\w.])|(?!(?:ms|kb|mb|gb|tb|px|em|hz|khz|mhz|ghz|am|pm|nd|rd|th|lts)\b)[A-Za-z]{2,}(?:\d+(?:\.\d+)*)?(?![\w.])|[a-z]\d{1,2}(?![\w.]))?`;
const V = String.raw`${DOTTED_VERSION}|\d+\.x|r\d{3,}`;
/** "tested on <an operating system> … with", up to the version: the reporter's system. */
const TESTED_ON_PLATFORM =
  /\b(?:tested|running|runs|built|compiled)\s+(?:on|under)\s+(?:ubuntu|debian|fedora|centos|rhel|red hat|windows|macos|mac os|os x|linux|android|ios|freebsd|openbsd|alpine|arch linux|kali)\b(?:[^.;\n]|\.(?=\w)){0,80}$/i;
const FIX =
  /\b(?:fixed|patched|resolved|addressed|corrected)\s+(?:in|by|with|since)\s*:?\s*(?:version\s+)?$|\bupgrad(?:e|ing)\s+to\s+(?:version\s+)?$|\bfix(?:ed)?\s+version:?\s*$|\b(?:patch|fix|update)\b[^.\n]{0,30}\breleased\s+(?:in|as|with)\s+(?:version\s+)?$/i;

/** An address with wildcards: two of them last ("10.x.x.x", "169.254.*.*"), or a private network's ("192.168.1.x"). */
const ADDRESS_RANGE = /^(?:\d{1,3}\.(?:\d{1,3}|x|\*)\.(?:x|\*)\.(?:x|\*)|(?:10|127|169|172|192)\.\d{1,3}\.\d{1,3}\.(?:x|\*))$/i;

const RULES: Array<{ re: RegExp; out: (m: RegExpExecArray) => string }> = [
  { re: new RegExp(String.raw`(${V})\s*(?:-|–|to|through|until|up to(?: and including)?)\s*(${V})`, 'gi'), out: (m) => `${norm(m[1]!)} - ${norm(m[2]!)}` },
  { re: new RegExp(String.raw`between\s+(${V})\s+and\s+(${V})`, 'gi'), out: (m) => `${norm(m[1]!)} - ${norm(m[2]!)}` },
  {
    re: new RegExp(
      String.raw`(?:<=|≤|up to(?: and including)?|through|until|prior (?:to )?and including|up to and including|and prior)\s*(?:versions?\s+)?(${V})`,
      'gi',
    ),
    out: (m) => `<= ${norm(m[1]!)}`,
  },
  { re: new RegExp(String.raw`(?:<|before|prior to|below|lower than|older than|earlier than)\s*(?:version\s+)?(${V})`, 'gi'), out: (m) => `< ${norm(m[1]!)}` },
  // Ranges in words, a version perhaps in backticks: "greater than or equal to `1.37.0` and less than `1.41.3`".
  {
    re: new RegExp(String.raw`\b(greater|less|higher|lower|newer|older) than( or equal to)?\s+(?:version\s+)?\x60?(${V})\x60?`, 'gi'),
    out: (m) => `${/greater|higher|newer/i.test(m[1]!) ? '>' : '<'}${m[2] ? '=' : ''} ${norm(m[3]!)}`,
  },
  // "3.1.20 and earlier", "15.1 (and probably below)"
  {
    re: new RegExp(String.raw`(${V})\s*\(?\s*(?:and|or)\s+(?:probably |possibly |likely )?(?:earlier|older|below|lower|prior)(?: versions?)?`, 'gi'),
    out: (m) => `<= ${norm(m[1]!)}`,
  },
  {
    re: new RegExp(String.raw`(?:>=|≥|since|from)\s*(?:version\s+)?(${V})|(${V})\s*(?:and|or)\s*(?:later|newer|above|higher)|(${V})\+(?![A-Za-z0-9])`, 'gi'),
    out: (m) => `>= ${norm((m[1] ?? m[2] ?? m[3])!)}`,
  },
  { re: new RegExp(String.raw`(?<![\w.\/:])(${V})(?![\w\/])`, 'gi'), out: (m) => norm(m[1]!) },
];

// "v.7.53" is 7.53; a sentence's full stop is no part of "3.28.0-0ubuntu1.".
const norm = (v: string): string =>
  v
    .replace(/^v\.?(?=\d)/i, '')
    .replace(/\.+$/, '')
    .toLowerCase();

/** The versions and ranges a text names as affected, in order, without repeats and without fix versions. */
export function versionRanges(text: string): string[] {
  const found: Array<{ at: number; v: string }> = [];
  // The characters an earlier rule's match took, marked: checking a list of spans per match was quadratic on a line of thousands of versions.
  const taken = new Uint8Array(text.length);
  const free = (a: number, b: number): boolean => taken.subarray(a, b).every((x) => x === 0);
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!free(start, end)) continue;
      taken.fill(1, start, end);
      const before = text.slice(Math.max(0, start - 40), start);
      // "fixed in 3.1.21", "The patch was released in `v1.7.5`": the fix, not an affected version.
      if (FIX.test(before.replace(/[`'"“(]+$/, ''))) continue;
      // A platform's version ("PHP 8.1", "CVSS 3.1") is not the product's; a range is ("Linux kernel <= 4.6.2").
      if (PLATFORM.test(before.trimEnd()) && !/^(?:<|≤|up to|through|until|before|prior to)/i.test(m[0])) continue;
      // "# Date: 2016.10.8" is a date, though a CalVer version looks the same.
      if (/\bdate[d:]?\s*[:=]?\s*$/i.test(before)) continue;
      // "127.x.x.x", "192.168.x.x": a range of addresses, not of releases.
      if (ADDRESS_RANGE.test(m[0].trim())) continue;
      // "HPLIP 3.17.10, tested on Ubuntu 18.04 with simple-scan 3.28.0": once the product's version is named, a version
      // of what the reporter's system had beside it is the environment's ("tested on FreePBX 16.0.40 with api module
      // 16.0.13" is the product's own, and stays).
      if (found.length && TESTED_ON_PLATFORM.test(text.slice(Math.max(0, start - 100), start))) continue;
      found.push({ at: start, v: rule.out(m) });
    }
  }
  // In the order the text gives them, without repeats.
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.v))];
}

/**
 * Characters of a title or Subject line that the rules parsing it read (a Subject has no length
 * limit of its own; the version patterns are quadratic on a long run of digits, 6.8 s for 20,000).
 */
export const MAX_TITLE_CHARS = 300;

/** Versions in a Subject line: "Stored XSS in acme-cms-2.5.10", "Foo 3.5.3, 3,5.4" (a typo'd comma). */
export function subjectVersions(subject: string): string[] {
  // Cut at a blank, not inside a version ("… in version 12.4.10 and below" cut in "12.4.1").
  const fixedTypos = (subject.length > MAX_TITLE_CHARS ? subject.slice(0, MAX_TITLE_CHARS).replace(/\S+$/, '') : subject)
    .replace(/\b(\d+),(\d+)\.(\d+)\b/g, '$1.$2.$3')
    .replace(/([A-Za-z])-(\d+\.\d)/g, '$1 $2');
  return versionRanges(fixedTypos);
}
