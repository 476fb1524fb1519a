/**
 * The release a report says has the fix: "fixed in 3.1.21", "Upgrade to 2.3.1", a timeline's
 * "Vendor releases version 2.3.1", "Patched versions: >= 2.3.1". Pure; report text is untrusted
 * and read with patterns bounded to a sentence or a line.
 */

// A Debian or Ubuntu suffix is part of it ("0.2.38.3ubuntu0.1"), a lone letter too ("8.2B").
const VER = String.raw`(v?\d+(?:\.\d+){1,8}(?:[A-Za-z]{2,}\d+(?:\.\d+){0,4}|[A-Za-z](?![A-Za-z]))?(?:[-.][\w]+){0,4})`;
/** The date that opens a timeline's line ("2016-01-25 ", "- 01/13/2021: ", "Mar 1, 2018 - "). */
/**
 * A timeline line that releases no fix: a test, a confirmation, a discovery, a release that introduced the flaw, a partial
 * or unrelated one, a pre-release, a dependency's or an advisory's, a plan (a look-ahead over the rest of the line).
 */
const NOT_A_FIX = String.raw`(?![^\n]{0,200}\b(?:[Tt]est\w*|[Cc]onfirm\w*|[Dd]iscover\w*|[Ii]ntroduc\w*|[Nn]ot|[Uu]nrelated|[Pp]artial|[Pp]ersists?|[Ss]till|[Rr]c\d*|[Bb]eta|[Aa]lpha|[Pp]review|[Aa]dvisory|[Uu]pstream|[Dd]ependency|[Oo]penssl|[Ww]ill)\b)(?![^\n]{0,200}n't\b)`;
const TIMELINE_DATE = String.raw`^[ \t*>-]*(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4})[ \t:,\u2013\u2014-]+`;
/** How reports name the release with the fix, earliest in the text wins. */
export const FIXED_RES = [
  // "fixed in 3.1.21", "They fixed it in v2.0.0.", "addressed by Telegram in its Windows version 1.5.12"
  new RegExp(
    // (a wrapped sentence breaks its line anywhere: "fixed it\non version v4.4.0", "in version\n     9.508", indented)
    // (not "still not fixed in version 3.2.1": that names an affected one; nor a proposal, "could be solved in 2.4 by …")
    // (also a version in code marks: "patched in Fides version `2.44.0`")
    String.raw`(?<!\b(?:not|never)\s{1,4}(?:(?:yet|been|be|being)\s{1,4}){0,2})(?<!\b(?:could|might|may|would)\s{1,4}be\s{1,4})\b(?:fixed|patched|resolved|solved|addressed|corrected)(?:\s(?:it|this|the (?:issue|bug|vulnerability|problem)))?(?: [^.\n]{0,40}?)?\s(?:in|on)\s(?:[^.\n]{0,30}? )?(?:version(?:[ \t]{1,12}|[ \t]{0,12}\n[ \t]{0,12})|release(?:[ \t]{1,12}|[ \t]{0,12}\n[ \t]{0,12})|v(?=\d))?\x60?${VER}`,
    'i',
  ),
  // "Upgrade to versions 7.0.2.3, …", "Upgrade Mattermost to version v4.4.0", "Update to Acme 2.3.1 or later"
  new RegExp(
    String.raw`\b(?:upgrad|updat)(?:e|ing)(?: [^.\n]{0,30}?)? to (?:the )?(?:latest )?(?:[A-Z][\w.+-]*\s+){0,3}(?:versions? |release |v(?=\d))?${VER}`,
    'i',
  ),
  // "The vendor released version 2.3.1 which fixes this", a timeline's "Vendor releases version 2.3.1", "Version 2.3.1 addresses this"
  // (not a link's path: ".../releases/tag/v31.0.0" names a release, not the fix)
  new RegExp(
    String.raw`(?<![/\w.-])(?:released?|releases|published|shipped)(?![/\w])[^./\n]{0,30}?\b(?:version|release|firmware|v(?=\d))\s?${VER}(?=[^.\n]{0,60}\b(?:fix|patch|address|resolv|correct)|\s*$)`,
    'im',
  ),
  new RegExp(String.raw`\b(?:version|release) ${VER},? (?:fixes|addresses|resolves|patches|corrects)\b`, 'i'),
  // "Fix version: 1.2.3", "Fixed Versions: 8.2B, 4.0T", "Patched in: 1.2"
  new RegExp(String.raw`\b(?:fix(?:ed)?|patched) (?:versions?|releases?|in)\s*[:=]\s*(?:version |v(?=\d))?${VER}`, 'i'),
  // "Issue is fixed on all production systems (version 20.5)", "A fix was released … version 1.5.12"
  new RegExp(String.raw`\b(?:is|was|were|been|has been) (?:fixed|patched)\b[^.\n]{0,60}?\b(?:version|release) ${VER}`, 'i'),
  new RegExp(String.raw`\ba fix was released\b[^.\n]{0,60}?\bversion ${VER}`, 'i'),
  // "The patches are included in OpenSearch 2.14", "The fix will be included in OpManager version 11.5", "The patch is
  // provided in Change Request 1.10": a product's capitalised name (case-sensitive: not "in my notes
  // for version 3.0.1"), after "The"; not a document's part ("Section 4.2") nor a platform's release ("Debian 12.5").
  new RegExp(
    String.raw`\b[Tt]he (?:[Pp]atch|[Ff]ix)(?:es)? (?:is|are|was|were|has been|have been|will be) (?:included|provided|available|shipped|contained) in (?!(?:Section|Figure|Listing|Table|Step|Appendix|Chapter|Page|Part|Annex|Debian|Ubuntu|RHEL|Red Hat|Fedora|CentOS|SUSE|openSUSE|Alpine|Windows|macOS|iOS|Android|Python|Node|PHP|Java)\b)(?:[A-Z][\w.+-]*[ \t]+){1,3}(?:version |v(?=\d))?${VER}`,
  ),
  // "[**Formwork 1.13.1**](…/releases/tag/1.13.1) has been released with a patch that solves this vulnerability"
  new RegExp(String.raw`\b${VER}\W{0,4}(?:\([^)\s]{1,300}\))?\s+(?:has been|have been|was|were|is) released with (?:a |the )?(?:patch|fix)`, 'i'),
  // A timeline's "Patch releases for version 3.14.4 and 3.15.1", "Security release 2.4.1 published with the fix" (not "the
  // latest security release 2.3.0, which is still vulnerable").
  new RegExp(String.raw`\b(?:patch|fix|bug[- ]?fix|security) releases?(?: (?:for|of))? (?:the )?(?:versions? |v(?=\d))?${VER}(?![^\n]{0,60}\bstill\b)`, 'i'),
  // A timeline's "Fix is released as part of 3.1.7 version", "Fixes were shipped in release 2.0".
  new RegExp(
    String.raw`\bfix(?:es)? (?:is|was|were|has been|have been) (?:released|shipped|published|included)\b[^.\n]{0,30}?\b(?:in|as part of|with)\s+(?:the\s+)?(?:version |release |v(?=\d))?${VER}`,
    'i',
  ),
];
/**
 * A dated timeline line that releases a version ("2016-01-25 released appointment-booking-calendar 1.1.24",
 * "- 01/13/2021: version 3.03 released to npm", "2018.03.01 - UTM 9.508 released by Sophos."): the release after the
 * report, unless the report says the issue stayed unfixed (a timeline of releases the vendor shipped without the fix).
 */
const TIMELINE_RELEASE = [
  new RegExp(String.raw`${TIMELINE_DATE}${NOT_A_FIX}(?:[^.\n]{0,40}?\b)?released\s+(?:[\w+-]+\s+){0,3}?(?:version\s+|v(?=\d))?${VER}(?![\w.])`, 'm'),
  new RegExp(
    String.raw`${TIMELINE_DATE}${NOT_A_FIX}(?:[^.\n]{0,30}?\s)?(?:version\s+|v(?=\d)|[A-Z][\w+-]*\s+)${VER}\s+(?:is\s+|was\s+|gets\s+|got\s+)?released\b`,
    'm',
  ),
];
/** "Verified that the issue is not fixed", "still vulnerable": a timeline's releases are then no fix. */
const STAYED_UNFIXED =
  /\b(?:is|was|were|are|has|have)\s+(?:still\s+)?(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:fixed|patched)\b|\bstill\s+(?:vulnerable|unfixed|unpatched|present|exploitable)\b|\b(?:does|did)\s*(?:not|n't)\s+fix\b|\bissue\s+persists\b/i;
/** The same, for every match of a sentence (outsideFix), made once. */
const FIXED_RES_EVERY = FIXED_RES.map((re) => new RegExp(re.source, `${re.flags}g`));

export function fixedVersion(text: string): { value: string; index: number; length: number } | undefined {
  // A dated release line only when no sentence names the fix: "fixed in 4.2.0" beats an earlier release on the timeline.
  const best = earliest(text, FIXED_RES) ?? (STAYED_UNFIXED.test(text) ? undefined : earliest(text, TIMELINE_RELEASE));
  if (!best) return undefined;
  const v = best[1] as string;
  return { value: v.toLowerCase().replace(/^v/, '').replace(/\.$/, ''), index: best.index + best[0].lastIndexOf(v), length: v.length };
}

/** The earliest match of any of the patterns in the text. */
function earliest(text: string, patterns: RegExp[]): RegExpExecArray | undefined {
  let best: RegExpExecArray | undefined;
  for (const re of patterns) {
    const m = re.exec(text);
    if (m && (!best || m.index < best.index)) best = m;
  }
  return best;
}

/** Not a version the sentence goes on to call affected ("fixed in 2.0.1, versions 1.9.0 and earlier are affected"). */
const STILL_AFFECTED = String.raw`(?![ \t]+(?:and|or)[ \t]+(?:earlier|below|older|prior|lower|before)\b)(?![ \t]+(?:are|is|remain|remains|were|was|stay|stays)\b)`;
/**
 * The fix patterns, each with the versions listed after the fix's own: "patched in XWiki 14.10.20, 15.5.4 and
 * 15.10RC1" names three releases that fix it, none affected; the affected versions are what is left.
 */
const FIXED_WITH_LIST = FIXED_RES_EVERY.map(
  (re) =>
    new RegExp(
      String.raw`${re.source}(?:[ \t]*(?:,|;|&|\/|\band\b|\bor\b)[ \t]*(?:and[ \t]+|or[ \t]+)?(?:versions?[ \t]+|v)?\d{1,6}(?:\.[\w-]{1,12}){1,8}(?![\w-]|\.\w)${STILL_AFFECTED})*`,
      re.flags,
    ),
);

/** A sentence without what names the fix ("fixed in 3.1.21", "Patched versions: >= 2.3.1"): the versions left are claimed affected. */
export function outsideFix(text: string): string {
  let t = text.replace(/^[\s#*>-]*(?:first )?(?:fix(?:ed)?|patched)(?: in| versions?| releases?)?\s*[:=].*$/gim, ' ');
  for (const re of FIXED_WITH_LIST) t = t.replace(re, ' ');
  return t;
}

/** "Patched versions: None" / "### Patched versions" over "None", "no patch (is) available", "has not yet been fixed". Bounded runs. */
const NO_FIX_YET =
  /\bpatched versions?\b[ \t*#:]{0,8}(?:\n[ \t*#>]{0,8})?(?:none\b|no\b|n\/a\b|not\b|unpatched\b|unknown\b|-{1,5}[ \t]{0,8}$)|\bno (?:patch|fix)(?:es)? (?:is |are |was |has been )?(?:yet )?(?:available|released|planned)\b|\b(?:has|have) not (?:yet )?been (?:fixed|patched)\b/im;

/**
 * The first release outside the affected range when the range says so by a strict upper bound: "osTicket before
 * 1.14.3", "Version: < 4.10.0" (as CVE descriptions write it, "before X" means X is fixed). Not "<= 6.0" or "6.0 and
 * earlier", which say where the tests stopped, not where a fix starts.
 */
export function fixFromUpperBound(affected: string, text: string): string | undefined {
  // Not when the report says there is no fix ("Patched versions: None", "no patch available", "has not been fixed"). (Not
  // every "not fixed" or "unpatched": "the buffer length is not fixed either", "unpatched instances exposed".)
  if (NO_FIX_YET.test(text)) return undefined;
  return /(?:^|,[ \t]*)<[ \t]*v?(\d{1,6}(?:\.[\w-]{1,12}){0,8})(?=[ \t]*(?:,|$))/.exec(affected)?.[1];
}
