/**
 * The product an advisory's Subject opens with, before what it allows or has ("Camaleon CMS
 * allows remote code execution …", "containerd allows RAPL …", "Navidrome has Multiple SQL
 * Injections …"): only a name the report's own text writes as a name. Pure; the input is a
 * Subject and a report's text (untrusted), read with anchored, bounded patterns.
 */
import { canonicalVulnType, findVulnTypes } from './vuln-types.js';

/**
 * An advisory's Subject that opens with its product and what it does or has ("Camaleon CMS allows remote code
 * execution …", "containerd allows RAPL to be accessible …", "Navidrome has Multiple SQL Injections …", "DataEase has an
 * XML External Entity …"): one or two words, the first no word of a flaw's description ("Improper validation allows
 * …", "Enabling Authentication doesn't …", "You can …") and the whole no class of flaw.
 */
const NAME_THEN_VERB =
  /^\s*((?:[A-Z][\w.+-]*|[a-z][a-z\d]*(?:[-.][a-z\d]+)*)(?:[ \t]+[A-Z][\w.+-]*)?)[ \t]+(?:allows?|has|have|permits?|lets|exposes?|leaks?|is[ \t]+(?:vulnerable|susceptible|affected)|does[ \t]+not|doesn't|fails?[ \t]+to|(?:incorrectly|improperly|insecurely|unsafely|wrongly|silently)[ \t]+[a-z]{3,20}s|mishandles|trusts|ignores|discloses|crashes|accepts|follows|stores|renders|executes|evaluates|deserializes|parses|loads)\b/;
const DESCRIBES_A_FLAW =
  /^(?:\w+ing|you|we|i|they|he|she|improper|missing|incorrect|insufficient|insecure|unsafe|unauthenticated|authenticated|unauthori[sz]ed|user|users|attacker|attackers|admin|administrator|any|anyone|an|a|the|this|it|that|remote|local|stored|reflected|arbitrary|malicious|lack|broken|weak|default|server|application|http|https|client|request|input|path|file|endpoint|api|page|form|login|session|token|cookie|crafted|specially|large|long|empty|null|one|some|every|all|no|logged-in|low-privileged|privileged)\b/i;

export function saidToDo(title: string, body?: string): string | undefined {
  const m = NAME_THEN_VERB.exec(title);
  if (!m || DESCRIBES_A_FLAW.test(m[1]!) || canonicalVulnType(m[1]!) || findVulnTypes(m[1]!).length) return undefined;
  // A class of the code ("OpaMiddleware does not filter …"): a part of the package, which the text names.
  if (
    /^[A-Z][a-z]+(?:[A-Z]\w*)?(?:Middleware|Handler|Controller|Service|Filter|Manager|Provider|Factory|Helper|Parser|Decoder|Encoder|Loader|Client|Server|Validator|Resolver)$/.test(
      m[1]!,
    )
  )
    return undefined;
  const name = m[1]!;
  // A technology or a thing every report names ("JWT", "PHP", "Cookies", "Webhooks", "Docker Image"): no product.
  if (TECH_TERM.test(name)) return undefined;
  // A name the text writes as one: with a capital or digit inside or a package's "-" ("OneUptime", "yt-dlp"), in lower
  // case as a package is ("containerd"), or, capitalised, also so in the middle of a sentence of the report
  // ("… in Camaleon CMS …"), where a common noun is not ("Profile Picture allows …", "… the profile picture …").
  // Or one the text names in an address or a package's name ("security@mautic.org", "karate-core").
  if (/^[a-z]|[a-z][A-Z]|\d|-/.test(name)) return name;
  if (body === undefined) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const midSentence = new RegExp(String.raw`[a-z,;][ \t]+${escaped}\b`).test(body);
  const inAddress = !name.includes(' ') && new RegExp(String.raw`[@./][ \t]?${escaped}\b|\b${escaped}[./-][a-z]`, 'i').test(body);
  return midSentence || inAddress ? name : undefined;
}

const TECH_TERM =
  /^(?:jwts?|php|java|python|ruby|node|chrome|firefox|safari|edge|windows|linux|macos|android|ios|excel|word|outlook|libreoffice|markdown|html|javascript|css|pdf|svg|graphql(?: \w+)?|regex(?:es)?|docker(?: \w+)?|apis?|https?|sql|xml|json|yaml|csv|ssh|tls|ssl|dns|oauth2?|saml|ldap|cors|csp|websockets?|cookies?|logs?|webhooks?|misconfiguration|everyone|everybody|nobody|someone)$/i;

/** A Subject's tag that names a report's kind or a list, not a product ("[SECURITY]", "[Bug]", "[oss-security]"). */
const GENERIC_TAG =
  /^(?:security|sec|bug|bugs|vuln|vulnerability|issue|report|question|feature|help|urgent|important|critical|high|medium|low|fix|poc|patch|announce|advisory|oss-security|full-disclosure|bugtraq|hackerone|h1|bugcrowd|intigriti|yeswehack|bounty|external|ext|spam|phishing|suspected|warning|caution|ticket|case|new|draft|wip|re|fwd?)$/i;

/**
 * The product a Subject's leading tag names in a package's form ("[indy_node]POOL_UPGRADE command injection …"), when the
 * report's text names it too (as "indy-node" or "indy_node"): not an advisory's id ("[CONVISO-17-001]"), a kind of report
 * ("[SECURITY]", "[Bug]") or a class of flaw ("[xss]").
 */
export function taggedProduct(subject: string | null | undefined, text: string): string | undefined {
  const tag = subject ? /^\s*(?:(?:re|fwd?)\s*:\s*)*\[([a-z][a-z\d]{1,30}(?:[-_.][a-z\d]{1,30}){0,3})\]/i.exec(subject)?.[1] : undefined;
  // A package's form: joined by "-", "_" or ".", or all in lower case; not a gateway's or a platform's tag ("[EXTERNAL]", "[Bugcrowd]", "[CVE]").
  if (
    !tag ||
    !(/[-_.]/.test(tag) || !/[A-Z]/.test(tag)) ||
    GENERIC_TAG.test(tag) ||
    /\d{2}/.test(tag) ||
    canonicalVulnType(tag) ||
    findVulnTypes(tag).length ||
    TECH_TERM.test(tag)
  )
    return undefined;
  const spelled = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[-_]/g, '[-_ ]');
  return new RegExp(String.raw`(?<![\w-])${spelled}(?![\w-])`, 'i').test(text) ? tag : undefined;
}

/** A platform named alone, then the kind of plugin and its name of up to four words ("wordpress" "plugin double-opt-in-for-download"). */
const PLATFORM_HOST = /^(?:wordpress|wp|joomla!?|drupal|magento|prestashop|moodle|jenkins|opencart|grafana|nextcloud)$/i;
const PLUGGED_IN =
  /^\s+(?:plugin|theme|module|extension|component|add-?on)\s+([\w][\w.+-]*(?:\s+(?!(?:via|through|using|allows?|allowing|leads?|leading|to|in|on|for|with|from|by|and|or|before|prior|is|are|was|has|can|could|may|versions?)\b)(?!v?\d+\.\d)[\w][\w.+-]*){0,3})/i;

/** The plugin a Subject names after its platform ("in wordpress plugin double-opt-in-for-download v2.0.8"): the plugin, not the platform. */
export function pluginOfPlatform(name: string, after: string): string | undefined {
  return PLATFORM_HOST.test(name) ? PLUGGED_IN.exec(after)?.[1] : undefined;
}
