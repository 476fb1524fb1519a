/**
 * Parts of a product against product names. The component a triager files a report under
 * is the product, project or package (GitHub advisories' "package", CVE's "product"); "the
 * login page", "the newsletter module", "the PDF export service" are places in one, which
 * the title and locations carry. Pure; inputs are short phrases read from report text.
 */

/** Nouns that name a part of a product, never a product: "<words> page" is a place in an application. */
export const PART_NOUN =
  /^(?:page|endpoint|function|method|form|feature|handler|panel|dashboard|interface|widget|parser|decoder|encoder|loader|controller|service|api|backend|frontend|field)$/i;

const INITIALS =
  'APIs?|VPN|SSO|UI|URLs?|DNS|HTTPS?|SMTP|FTP|SSH|LDAP|SAML|OAuth2?|OIDC|JWT|REST|GraphQL|CMS|PDF|CSV|XML|JSON|SQL|DB|IoT|CI|CD|SDK|CLI|GUI|TLS|SSL';
/** A protocol's or format's initials alone in a Subject ("in API endpoint"): a kind of thing; "in PHP 8.3.1" names one. */
export const SUBJECT_GENERIC_INITIALS = new RegExp(`^(?:${INITIALS})$`);
/** A protocol's, format's or language's initials before a part ("the API gateway", "the PHP backend"): no product. */
export const GENERIC_INITIALS = new RegExp(`^(?:${INITIALS}|MQTT|IP|TCP|UDP|USB|PHP|JS|HTML)$`);

/** A word of a name: capitalised (not a protocol's initials), camel-cased, or a package's ("deep-merge", "libxml2"). */
export function isNameWord(w: string): boolean {
  // (Two tests, not one pattern: "^[a-z]\w*[-.\d][\w.-]*$" backtracks quadratically on "a111…1@".)
  return (/^\p{Lu}/u.test(w) && !GENERIC_INITIALS.test(w)) || /^[a-z]+[A-Z]/.test(w) || (/^[a-z]\w*?[-.\d]/.test(w) && /^[\w.-]+$/.test(w));
}

/** Everyday words that stand before a part's noun ("the newsletter module", "the mobile app"): no product's name alone. */
const EVERYDAY =
  /^(?:admin|administration|user|users|customer|mobile|web|website|site|wiki|newsletter|image|images|file|files|upload|appliance|main|core|payment|search|login|settings|account|profile|export|import|report|reporting|email|mail|chat|media|video|photo|backup|restore|cache|data|database|auth|authentication|internal|external|public|private|remote|local|client|server|desktop|cloud|analytics|billing|shop|store|cart|checkout|forum|blog|portal|management|monitoring|logging|notification|messaging|storage|network|security|system|help|support|content|comment|comments|message|messages|order|orders|product|products|team|member|members|task|tasks|calendar|booking|document|documents|invoice|invoices|api|rest|http|frontend|backend|new|old|default|custom|third-party|the|a|an|your|our|their|its)$/i;

/** Whether the words before a noun name something: a name's word among them, or one word no everyday one ("the keymaster application"). */
export function namesSomething(words: string): boolean {
  // A version ("keymaster 1.2 CLI") and everyday words ("keymaster admin panel") are not what names it.
  const w = words
    .trim()
    .split(/\s+/)
    .filter((x) => x && !/^v?\d[\d.]*$/.test(x));
  if (w.some((x) => isNameWord(x) && !EVERYDAY.test(x))) return true;
  // One lowercase word no everyday one, first, and only everyday words after it ("keymaster", "keymaster admin").
  const [first, ...rest] = w;
  return first !== undefined && /^[a-z][a-z\d]{2,}$/.test(first) && !EVERYDAY.test(first) && rest.every((x) => EVERYDAY.test(x));
}

/**
 * A name from code before a code's part ("the `POOL_UPGRADE` handler", "the `parser.fn` function", "`X-Abc` header"):
 * a constant or a variable, a member or a method (a product's ".js" or ".io" is its name), a header. Before a
 * product's noun the same shapes are names ("the Zend_Mail component", "the X-Pack plugin", "the lodash.merge package").
 */
const CODE_IDENTIFIER = /^(?:[A-Za-z][A-Za-z\d]*(?:_[A-Za-z\d]+)+|[A-Za-z]\w*\.(?!(?:js|io|net|org|com|py|rb|php|ts|go|rs|sh|md)$)[a-z]\w*(?:\(\))?|X-[\w-]+)$/;
export const CODE_PART_NOUN =
  /^(?:handlers?|functions?|methods?|headers?|calls?|hooks?|callbacks?|fields?|param(?:eter)?s?|variables?|propert(?:y|ies)|attributes?|class(?:es)?|constants?|flags?|options?|events?|keys?)$/i;

/**
 * A name written as code that only a program uses, wherever it stands: a class's member ("`Buffer.from`",
 * "JSON.parse"; not "Chart.js") or a record's field ("`run_id`", "user_id").
 */
export const CODE_VALUE =
  /^(?:[A-Z]\w*\.(?!(?:js|io|net|org|com|py|rb|php|ts|go|rs|sh|md)$)[a-z]\w*(?:\(\))?|[a-z]+_(?:ids?|name|path|url|uri|key|type|size|data|list|file|dir|token|hash|mode|flag|count|index|value|num))$/;

/** The words that name something among a part's ("The phpMyAdmin interface", "the Acme Pay service"), or undefined. */
export function nameBeforePart(words: string, noun: string): string | undefined {
  // A page's, a form's or a field's own title ("the About page", "the Settings form") is no product.
  if (/^(?:page|form|field)s?$/i.test(noun)) return undefined;
  const w = words.trim().split(/\s+/);
  // Nor is a protocol's or a format's acronym ("the NTS-KE service", "the SNMP handler").
  const named = w.filter((x) => isNameWord(x) && !EVERYDAY.test(x) && !/^[A-Z\d-]+$/.test(x) && !(CODE_PART_NOUN.test(noun) && CODE_IDENTIFIER.test(x)));
  // Only a capitalised, camel-cased or package-like name: "the error page" is no product "error".
  return named.length && named.length === w.filter((x) => !/^v?\d[\d.]*$/.test(x)).length ? named.join(' ') : undefined;
}

/** Last words of a labelled part ("Affected component: wiki module", "PDF export service", "email templates editor"). */
const PART_TAIL =
  /\b(?:page|endpoint|function|method|form|feature|handler|panel|dashboard|interface|widget|controller|service|api|field|module|app|portal|gateway|editor|search|component|section|tab|view|screen)s?$/i;

/**
 * What a labelled component names when it is a part: the product it says the part is of
 * ("`ws_frame_free()` in the websocket module of EmberHTTP" -> EmberHTTP), or nothing
 * (no name among its words: "wiki module", "PDF export service"). Undefined when the
 * value is not a part ("SmartLock Hub firmware", "peplink balance routers").
 */
export function productOfPart(value: string): { product: string | undefined } | undefined {
  const bare = value
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const of = /\b(?:of|in)\s+(?:the\s+)?([\w.+-]+(?:\s+[\p{Lu}\d][\w.+-]*){0,2})\s*$/u.exec(bare);
  if (of && of[1]!.split(/\s+/).every(isNameWord) && PART_TAIL.test(bare.slice(0, of.index).trim())) return { product: of[1] };
  if (!PART_TAIL.test(bare)) return undefined;
  return namesSomething(bare.replace(PART_TAIL, '')) ? undefined : { product: undefined };
}
