/**
 * The set-up a report was made on, as issue templates ask for it ("**Desktop (please complete
 * the following information):** - OS: Windows - Browser Edge - Version Latest", "- **Install
 * method:** [Docker]"): the list that holds an operating system, browser, install method or
 * runtime line with a value filled in. A triager copies that list as the configuration when
 * the report names no other. Tool output that prints such labels (nmap, stat, a crash log,
 * HTTP headers, a CI matrix) is not one. Pure; the input is report text (untrusted), matched
 * line by line with bounded regexes, linear in the number of lines. Also what a report ran on
 * (RAN_ON, ownOfTested, runOn), which the version and component readers leave out.
 */
import { ownVersionLabel } from './own-version-label.js';

/** What a product runs on or in, whose version a template asks beside the product's own ("Ruby version: 2.2.5", "Rails version: 4.2.4"). */
export const RUNTIME = String.raw`php|python3?|node(?:\.js)?|java|jdk|jre|ruby|rails|go|golang|rust|perl|dotnet|\.net|django|flask|laravel|spring(?:[ \t]boot)?|mysql|mariadb|postgres(?:ql)?|sqlite|mongodb|redis|apache|nginx|tomcat|docker|kubernetes|npm|yarn|pip`;
/** The labels of a set-up line: an operating system, a browser, a device, an install method, a runtime's version. */
const SET_UP_LABEL = String.raw`(?:os|operating[ \t]system|browsers?|device|install(?:ation)?[ \t]method|distro|distribution|(?:${RUNTIME})[ \t]version)`;
/** A line that names the set-up: a bullet or none, bold or not, a set-up label (with "version", "name" or a parenthesis), a colon. */
const ENVIRONMENT_LINE = new RegExp(
  String.raw`^[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\*\*|__)?[ \t]*${SET_UP_LABEL}(?:[ \t]+(?:version|name|release))?(?:[ \t]*\([^)\n]{0,40}\))?[ \t]*:(?:\*\*|__)?[ \t]*(.*)$`,
  'i',
);
/** The same in a bulleted list, whose label may run on before its colon ("- Browser used:", "- OS tested on:"): the list's other checks guard it. */
const BULLETED_ENVIRONMENT_LINE = new RegExp(
  String.raw`^[ \t]{0,8}[-*+][ \t]{1,4}(?:\*\*|__)?[ \t]*${SET_UP_LABEL}\b[^:\n]{0,40}:(?:\*\*|__)?[ \t]*(.*)$`,
  'i',
);
const BULLET_LINE = /^[ \t]{0,8}[-*+][ \t]{1,4}\S/;
/** An item of a set-up list, with or without its colon ("- Browser Edge", "- Version Latest"). */
const SET_UP_ITEM = new RegExp(
  String.raw`^[ \t]{0,8}[-*+][ \t]{1,4}(?:\*\*|__)?(?:os|operating[ \t]system|browsers?|device|version|install|distro|distribution|platform|kernel|(?:${RUNTIME})\b)`,
  'i',
);
/** A value left as the template gave it: empty, "[e.g. chrome, safari]", "N/A", "-". */
const PLACEHOLDER = /^[\s[(]*(?:e\.g\.|eg\b|for example|n\/a|none|-|\]|\)|$)/i;
/** The line that opens a list of something else: affected products, versions, a changelog, steps, what was fixed. */
const OTHER_LIST_INTRO = /\b(?:affected|products?|versions?|changelog|changes|release notes|steps?|reproduce|fixed|fixes)\b/i;
/** Lines: a set-up list is short; a longer run is something else (a header dump, a config file). */
const MAX_LIST_LINES = 12;

export interface EnvironmentList {
  text: string;
  start: number;
  end: number;
}

/** The first list in the text that holds a filled-in set-up line, whole (its other items too), or undefined. */
export function environmentList(text: string): EnvironmentList | undefined {
  const lines = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  for (let i = 0; i < lines.length; i++) {
    const m = ENVIRONMENT_LINE.exec(lines[i] as string) ?? BULLETED_ENVIRONMENT_LINE.exec(lines[i] as string);
    if (!m || PLACEHOLDER.test((m[1] ?? '').replace(/\*\*|__/g, ''))) continue;
    // A bulleted set-up line goes on over the other bullets; a bare one only over other set-up
    // lines: a "Label: value" run is otherwise tool output (nmap, stat, a crash log, headers).
    const bulleted = BULLET_LINE.test(lines[i] as string);
    const same = (l: string): boolean => (bulleted ? BULLET_LINE.test(l) : ENVIRONMENT_LINE.test(l));
    // A browser's and an OS's bare lines may also stand a blank line apart ("Browser version: Firefox 72", "", "OS: Linux").
    const next = (j: number, dir: 1 | -1): number | undefined => {
      const n = lines[j + dir];
      if (n === undefined) return undefined;
      if (same(n)) return j + dir;
      const after = lines[j + 2 * dir];
      return !bulleted && !n.trim() && after !== undefined && BROWSER_OR_OS_LINE.test(lines[j]!) && BROWSER_OR_OS_LINE.test(after) ? j + 2 * dir : undefined;
    };
    let first = i;
    let last = i;
    for (let j = next(first, -1); j !== undefined && i - j <= MAX_LIST_LINES; j = next(first, -1)) first = j;
    for (let j = next(last, 1); j !== undefined && j - first <= MAX_LIST_LINES; j = next(last, 1)) last = j;
    // Too long a run: its other lines are in it too, so go on past it (linear over a hostile run).
    if (last - first >= MAX_LIST_LINES) {
      i = last;
      continue;
    }
    const items = lines.slice(first, last + 1);
    const setUp = items.filter((l) => (bulleted ? SET_UP_ITEM : ENVIRONMENT_LINE).test(l)).length;
    // Two set-up lines or more without bullets; with bullets, half the list at least, under no line that
    // says it lists something else ("Affected products:", a changelog, "Steps to reproduce:").
    const intro = first > 0 ? (lines[first - 1] as string) : '';
    const isSetUp = bulleted ? setUp * 2 >= items.length && !OTHER_LIST_INTRO.test(intro) : setUp >= 2;
    if (!isSetUp) {
      i = last;
      continue;
    }
    const start = starts[first] as number;
    const end = (starts[last] as number) + (lines[last] as string).length;
    return { text: text.slice(start, end).trim(), start, end };
  }
  return undefined;
}

/** A line that names the browser or the OS a report was made on ("Browser version: Firefox Nightly, 72.0a1", "- OS: Windows 11"). */
const BROWSER_OR_OS_LINE =
  /^[ \t]{0,8}(?:[-*+][ \t]{1,4})?(?:\*\*|__)?[ \t]*(?:os|operating[ \t]system|browsers?)(?:[ \t]+(?:version|name|release|used))?[ \t]*:/i;

/**
 * Whether `value` was read off the line of the browser or OS the report was made on, and is named nowhere else in the
 * text ("Browser version: Firefox Nightly, 72.0a1" in a report on a web app): what ran the product, not the product
 * or its version. A runtime's or device's line ("PHP version: 7.3.10", "Device: Xiaomi Mi Router 4A") may be the
 * product's own, and a browser or OS the prose names too ("OS: RouterOS 6.48.1" … "The winbox service of RouterOS
 * 6.48.1 crashes") is the product: both stay.
 */
export function onSetUpLine(text: string, at: number, value: string): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const stop = end < 0 ? text.length : end;
  if (!BROWSER_OR_OS_LINE.test(text.slice(start, stop))) return false;
  const elsewhere = text.slice(0, start) + text.slice(stop);
  return !elsewhere.toLowerCase().includes(value.toLowerCase());
}

/**
 * The project's own version line right above a set-up list ("MarkUs version: 1.5.0.DEV" over "Ruby version: 2.2.5",
 * "Rails version: 4.2.4"), with a value on its line: the product the template asks about, and its version. The list
 * is the caller's environmentList(text), found once per report.
 */
export function ownVersionAboveSetUp(text: string, env: EnvironmentList | undefined): { name: string; value: string; start: number; end: number } | undefined {
  if (!env || env.start < 2) return undefined;
  const start = text.lastIndexOf('\n', env.start - 2) + 1;
  const end = env.start - 1;
  const own = ownVersionLabel(text.slice(start, end));
  return own?.value ? { ...own, start, end } : undefined;
}

/**
 * What a product ran on, named at the start of a value: an operating system or a browser, whatever words follow
 * ("Microsoft Windows XP Professional SP3", "Firefox 102"), or a server or runtime right before its version
 * ("Apache 1.3.27 (Win32)", "MySQL 14.14 Distrib 5.1.43", "PHP 5.2.4"; not "Apache Struts 2.5.20", a product).
 */
export const RAN_ON = new RegExp(
  String.raw`^[ \t(]*(?:(?:microsoft[ \t]+)?(?:windows|win(?:7|8|10|11|xp|32|64))\b|linux\w*|ubuntu|debian|centos|fedora|kali|red[ \t]?hat|rhel|mac[ \t]?os|os[ \t]?x\b|ios\b|android\b|freebsd|openbsd|solaris|(?:mozilla[ \t]+)?firefox|(?:google[ \t]+)?chrome\b|chromium|safari|(?:microsoft[ \t]+)?edge\b|internet[ \t]+explorer|opera\b|xampp|wamp\w*|lamp\b|mamp\b|iis\b|(?:${RUNTIME})(?=[ \t]*(?:v?\d|\(|$)))`,
  'i',
);

/**
 * What a "Tested on" value says of the product itself: without the parts that name what it ran on (RAN_ON), whose
 * versions are theirs. Parts are split at line ends, "/", ",", ";", "+", "&", brackets, " - " and " with "
 * ("iOS 16.1 with Acme Wallet 4.2.1" keeps Acme Wallet 4.2.1).
 */
export function ownOfTested(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .split(/[/,;+&[\]]| - | with /i)
        .filter((part) => !RAN_ON.test(part))
        .join(' '),
    )
    .join('\n');
}

/** A line that says what a report was run on: its label ("Tested on:", "Web server:", "Database:"), then a platform or runtime (RAN_ON). */
const RUN_ON_LABEL = new RegExp(
  String.raw`^[ \t#*-]{0,4}(?:tested[ \t]+(?:on|with|against|in)|test(?:ing)?[ \t]+environment|environment|web[ \t]?server|database|db|operating[ \t]system|os|platform|browsers?|${RUNTIME})(?:[ \t]+version)?[ \t]*:[ \t]*`,
  'i',
);
export function runOn(line: string): boolean {
  const m = RUN_ON_LABEL.exec(line);
  return m !== null && RAN_ON.test(line.slice(m[0].length));
}
