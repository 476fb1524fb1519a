/**
 * Places a report names as the requests it sends, without a scheme: a web script with its query
 * ("settings.php?category=x%22…", "index.php?id=1") and a host with its path ("`mydomain.com/
 * laravel-filemanager/download?file=../..`"). A script named bare is as often the uploaded payload
 * ("shell.php") as the place, but one asked with parameters is a page of the product; a webshell's
 * own name or command ("shell.php?cmd=id", "lol.php?c=id") and a collector of the attacker's ("cookie.php?c=",
 * "my own steal.php?…") stay out. Pure; the input is report text (untrusted), matched with
 * bounded regexes that scan it once.
 */

/** A web script, then the query it is asked with (its first parameter captured): the script is the place. */
export const SCRIPT_WITH_QUERY_RE = /(?<![\w./@%-])[A-Za-z][\w-]{0,80}\.(?:php\d?|aspx?|jsp|cgi|pl|do|action|cfm)(?=\?([\w.[\]%-]{1,40})=)/gi;

/** The names a reporter gives the script they upload and then call, or the one that collects what they steal. */
const PAYLOAD_SCRIPT =
  /^(?:shell|webshell|cmd|backdoor|evil|exploit|poc|payload|hack(?:ed)?|pwn(?:ed)?|test|x|a|b|c|1|2|123|info|phpinfo|reverse|rev)\.\w+$|(?:steal|grab|cookie|logger|collect|exfil|catch)\w*\.\w+$/i;
/** A first parameter that carries a command or what is stolen ("lol.php?c=id", "cookie.php?c="). */
const PAYLOAD_PARAM = /^(?:c|cmd|command|exec|execute|shell|run|system|code|e|x|cookie|cookies|data|d)$/i;

/** Whether a web script asked with its query is the product's page: not a webshell, a collector, nor one that is "my own". */
export function productScript(name: string, param: string, before: string): boolean {
  return !PAYLOAD_SCRIPT.test(name) && !PAYLOAD_PARAM.test(param) && !/\bmy (?:own )?(?:server'?s? )?[\w.-]{0,20}\s*$/i.test(before);
}

/**
 * A host without a scheme, then a path: "mydomain.com/laravel-filemanager/download", "192.168.0.1:8080/cgi-bin/x.cgi".
 * Top-level domains from a short list, so that a file name ("config.js/…", "app.py/…") is no host. The match runs up
 * to the end of the path and query, as a URL does.
 */
export const BARE_HOST_URL_RE =
  /(?<![\w./@:%~+-])(?:(?:[a-z\d](?:[a-z\d-]{0,61}[a-z\d])?\.){1,4}(?:com|net|org|edu|gov|io|dev|app|local|localhost|test|internal|lan|cloud|site|online|info|biz|xyz|tech|ai|me|co|uk|de|fr|ru|cn|jp|in|br|it|nl|es|pl|au|ca|us|eu|ch|se|kr|tw|hk|vn|tr|ir|ua)|(?:\d{1,3}\.){3}\d{1,3})(?::\d{1,5})?\/[^\s<>"'`)\]]{1,500}/gi;

/** Code hosts and module paths: "github.com/lestrrat-go/jwx/v2/jwa" without a scheme is a Go import path, not a page. */
const MODULE_HOST = /^http:\/\/(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|golang\.org|gopkg\.in|go\.dev|pkg\.go\.dev|sourcegraph\.com)\//i;

/**
 * Whether a host with its path, written without a scheme (given here with "http://" put before it), is a request to the
 * product: on a test machine (an address, localhost, a target's or an example's name), or with its query where the text
 * sends it (set as code, after "go to", "visit", "GET", "change … to", or a label that names a place: "go to:
 * `mydomain.com/…/download?file=../..`", "Vulnerable URL: portal.acme.com/export?user=1"). Not a
 * network range ("10.0.0.0/8"), a page named in passing ("facebook.com/whitehat"), a signature's link
 * ("calendly.com/janeroe/30min?month=…") or a package ("npm i socket.io/client?x=1").
 */
export function requestedBareUrl(url: string, before: string): boolean {
  if (MODULE_HOST.test(url)) return false;
  if (/^http:\/\/(?:\d{1,3}\.){3}\d{1,3}\/\d{1,3}(?![\w./-])/.test(url)) return false;
  if (/^http:\/\/(?:(?:\d{1,3}\.){3}\d{1,3}|localhost|[^/]*\b(?:example|target|victim|test|local)\b[^/]*)(?::\d+)?\//i.test(url)) return true;
  return /\?[\w.[\]%-]{1,40}=/.test(url) && SENDS_IT.test(before);
}

/** What sends a request before it on its line: code marks, a verb, "change … to", a label that names a place. */
const SENDS_IT =
  /(?:`|\b(?:go(?:ing)? to|visit(?:ing)?|open(?:ing)?|brows(?:e|ing)(?: to)?|navigat(?:e|ing) to|request(?:ing)?|access(?:ing)?|load(?:ing)?|hit(?:ting)?|GET|POST|curl|(?:chang|modif|replac|set)\w*\b[^.\n]{0,60}\bto)\b[:\s`'"]{0,4}|\b(?:url|uri|endpoint|poc|link|request|target|path|page)s?\b[^:\n]{0,20}:[-\s]*)\s*$/i;
