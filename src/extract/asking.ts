/**
 * Which missing fields the acknowledgement may ask the reporter for. Asking someone for
 * what they already wrote is the worst outcome, so a required field the extractor did
 * not find is asked for only when no sentence of the report speaks to it at all: a
 * version number, a word for the kind of flaw, a step, an attacker's gain (or a class of
 * flaw whose gain goes without saying: a denial of service, code execution, an added
 * administrator, memory corruption such as a heap overflow or a use-after-free, a root
 * shell shown as "uid=0(root)", a cross-site scripting: script run as whoever views the
 * page), or where a redirect lands ("will be redirected to …"), or what an exploit, attacker or user gets
 * out of a query ("Exploit For Get Admin Username And Password Hash", "you can get the admin password hash";
 * a step's "1. Get the username and password of the demo admin" is no gain).
 * An injection into a query is still asked what it reaches. When unsure, do not ask; the
 * team still sees the field as missing. The signs are wider than what the extractor can
 * read a value from: any class name of the type dictionary, any dotted version-like
 * number or commit hash, any word for a privilege gained or a resource used up ("can
 * OOM", "accumulates without limits"), any payload for the steps. Pure; input is the
 * report text, only tested with bounded regexes. A connection "not encrypted" or "not using TLS" names
 * its kind of flaw (cleartext transmission) as well as a class name does.
 */
import type { MissingField } from './completeness.js';
import type { FieldName } from './types.js';
import { hasPayloadSign } from './payload.js';
import { REPL_PROMPT } from './shell.js';
import { versionRanges } from './version-ranges.js';
import { VULN_CLASSES } from './vuln-types.js';

const SIGNS: Partial<Record<FieldName, RegExp>> = {
  // Also the ways a fuzzing or code report names its code: a branch, a checkout, a snapshot.
  affectedVersions:
    /\b(?:versions?|releases?|builds?|latest|current|production|all (?:versions|releases)|master|main branch|nightly|firmware|HEAD|trunk|upstream|snapshot|git|svn|cvs|git (?:clone|checkout|tree|repo(?:sitory)?)|(?:built|compiled) from|source tree|tag(?:ged)?)\b|\b[0-9a-f]{40}\b|\br\d{3,7}\b/i,
  // Also a name set in bold ("The **prime-jwt** implementation"): a writer's way of naming what they report on.
  component:
    /\b(?:endpoint|page|form|module|plugin|plug-in|api|service|app|application|site|website|portal|server|library|package|component|feature|function|parameter|field|panel|dashboard|login|upload|search|account|profile|admin|comments?|editor|cms|system|platform|software|product|firmware|device|camera|router|implementation|class|method|sdk|framework|driver|tool|handler|interface|widget|parser|decoder|encoder|loader|controller|backend|frontend|cli|api)\b|\bhttps?:\/\/|(?:^|\s)\/[\w.-]+|\b\w+\.(?:php|aspx?|jsp|cgi|py|js|java|c|go|rb)\b|\*\*[\w.@/-]{2,60}\*\*/i,
  vulnType:
    /\b(?:cwe-\d+|vulnerab\w*|inject\w*|bypass\w*|leak\w*|disclos\w*|overflow|xss|csrf|ssrf|idor|rce|traversal|takeover|escalat\w*|deserializ\w*|redirect|forgery|csrf\w*|x-csrf\w*|expos(?:ed|es|ing|ure)|integrity|unsigned|signatures?|forged|tamper\w*|spoof\w*|misconfigur\w*|denial of service|dos|local ?root|world[- ]writ\w*|enumerat\w*|privileges?|setuid|suid|symlinks?|permissions?|arbitrary (?:file|code|command)s?|unauthenticated|memory corruption|crash\w*|oom|out[- ]of[- ]memory|exhaust\w*|unbounded|(?:no|without) (?:limits?|bounds?)|infinite loop|hangs?|redos|root (?:exploit|hole|bug|vulnerability|access|shell)|(?:gain|get|obtain|become)s? root|sensitive (?:data|information)|(?:passwords?|credentials?|tokens?|secrets?|keys?|data) (?:is |are |gets? )?(?:exposed|leaked|printed|logged|written to (?:the )?logs?)|(?:plain|clear) ?text passwords?|rbac|access control|authori[sz]\w*|unauthori[sz]ed access|(?:other|another|different)\b[^.\n]{0,40}\b(?:users?|tenants?|customers?|accounts?|organi[sz]ations?|members?|workspaces?|teams?|projects?|planes?)|someone else|cross[- ]tenant|user [A-Z]'s|role (?:check|based)|tabnabbing|cors|cross-origin|mass[- ]assignment|insecure random\w*|predictable|cache poisoning|smuggl\w*|hard-?coded|rate[- ]limit\w*|brute[- ]?forc\w*|response splitting|crlf|md5|sha-?1|httponly|secure flag|directory listing|broken auth\w*|alg(?:orithm)?[ =:]*none|business logic|plain ?text|world[- ]readable|panic\w*|replay\w*|lpe|weak (?:passwords?|password policy|ciphers?|crypto\w*|keys?)|insecure (?:storage|defaults?|configuration)|unencrypted|not encrypted|clear-?text|(?:without|no|not using|disabl\w+) (?:tls|ssl|https|encryption))\b|\be?uid=0\(root\)|\(root\)|\b(?:remote )?(?:shell|command|code) execution\b|\b(?:reveal|disclos|expos|leak)(?:s|es|ed|ing)? (?:the )?(?:backend|internal|server|database|sensitive|system|implementation) (?:details|internals|paths|versions|stack traces|configuration)\b/i,
  // Also a crafted input or what triggers it ("a specifically crafted string that will trigger a ReDoS"), and the
  // input an injection goes through ("inject arbitrary SQL via the message parameter of the `/v1/messages` POST endpoint"),
  // and what the reader or an attacker can do to the input ("You could rename any file with the extension …").
  steps:
    /\b(?:you|one|an? attacker|attackers|anyone) (?:can|could|may) (?:simply |just |then )?(?:rename|modify|replace|upload|send|submit|enter|insert|put|craft|append|intercept|inject)\b|\b(?:inject\w*|insert\w*|payloads?|send\w*|submit\w*|pass\w*|put\w*|enter\w*)\b[^.\n]{0,60}\b(?:via|through|in|into|using) (?:the )?[`'"]?[\w.[\]-]{1,40}[`'"]? (?:parameters?|params?|fields?|headers?|cookies?|arguments?|inputs?)\b|\b(?:steps?|reproduc\w*|poc|proof of concept|curl|request|payload|navigate|go to|click|send\w*|call\w*|open|run|upload|log ?in|submit|visit|exploit|traverse|crafted|trigger(?:s|ed|ing)?|access (?:a |the )?(?:url|page|path|endpoint)|try (?:putting|entering|typing|adding|inserting|sending|using)|putting|entering|typing)\b|\b(?:GET|POST|PUT)\s+\/|^[ \t]*\d+[.)]\s|\bhttps?:\/\/[^\s?]{1,200}\?[^\s=]{1,60}=/im,
  // Code of any kind, fenced or indented, even code the PoC reader judged the product's own
  // (poc-fields.ts): an attack tool's diff shown as "Demonstration source code" is a PoC given.
  // A request URL with its parameters is a PoC as written ("…/go.php?untrusted=1&url=test.php%00http://…").
  // Also without its scheme ("Example: omegaup.com/api/user/changepassword?user=user1&password=…").
  poc: /\b(?:poc|proof of concept|exploit|payload|curl|script|attached|attachment|screenshot|video|demonstrat\w*|demo|source code|diffs?|cut here)\b|```|(?:^|\n)(?: {4}|\t)[^\n]{0,200}[;{}][ \t]*(?=\n|$)|\bhttps?:\/\/[^\s?]{1,200}\?[^\s=]{1,60}=|\b[\w-]{1,63}(?:\.[\w-]{1,63}){1,5}\/[^\s?]{0,200}\?[^\s=]{1,60}=/i,
  impact:
    /\b(?:impact|attacker|allows?|could|leads? to|results? in|able to|xss|cross[- ]site[- ]scripting|can (?:read|write|execute|access|steal|take|modify|delete)|(?:vulnerabilit(?:y|ies)|flaw|bug|issue|attackers?|csrf|xss)\b[^.\n]{0,30}\bcan (?:change|reset)\b|causes? (?:the |an? |any )?(?:\w+ ){0,2}(?:users?|members?|victims?|admins?|administrators?|people|visitors?) to (?:change|reset|delete|lose|disclose|leak|send|perform|execute|run|visit|click|download|install|grant|transfer)\b|risk|compromise|steal|hijack|takeover|denial[- ]of[- ]service|dos|crash\w*|rce|(?:remote )?code execution|command injection|getshell|web ?shell|privilege\w*|(?:add|creat)\w* (?:an? |the )?(?:new )?(?:administrator|admin)\b|backdoor\w*|credentials?|access control|unauthori[sz]ed|authori[sz]ation|(?:heap|stack|buffer|integer)[- ](?:buffer[- ])?(?:overflow|underflow|overread)|out[- ]of[- ]bounds|use[- ]after[- ]free|double[- ]free|memory corruption|segv|segmentation fault|null pointer dereference|addresssanitizer|local ?root|execute (?:arbitrary )?commands?|(?:gain|get|obtain|become|spawn|giving|gives?|escalates? to|as) root|root (?:shell|access|privileges?|permissions?)|arbitrary (?:files?|code|commands?)|sensitive (?:data|information|files?)|sensitive (?:values?|outputs?|secrets?|credentials?|tokens?)\b(?:(?!\b(?:redact|blur|remov|mask|hid|strip|and)\w*)[^.;\n]){0,60}\b(?:printed|logged|written (?:to|in)|echoed)|(?:information|data) (?:disclosure|leak\w*|exposure)|bypass\w*|leak\w*|passwords?\b[^.\n]{0,40}\b(?:visible|exposed|revealed|readable|extracted)|(?:read|write|delete|download|access) (?:any|arbitrary|every|other users'?) (?:files?|data|accounts?|records?)|(?:payload|xss|alert) (?:will |would |gets? )?(?:fire[sd]?|execut(?:es|ed)|trigger(?:s|ed)?)|(?:will|would|gets?|then) (?:execute|run|fire|trigger) (?:the |a |my |our |any |this )?(?:script|payload|javascript|js|code)|(?:run|runs|executed|interpreted)\b[^.\n]{0,60}\bin (?:the |a |their |any |every )?(?:\w+ )?browser|(?:void|voids|defeats?|nullif(?:y|ies)|renders? (?:\w+ )?useless)\b|(?:be|being|been|is|are|gets?|got) redirected to|redirect(?:s|ing)? (?:the |a )?(?:users?|victims?|visitors?) to)\b|\b(?:can|could|may) be (?:abused|exploited|leveraged|used) to\b|\b(?:exploit|poc|payload|attackers?|adversar(?:y|ies)|you|anyone|one|(?:remote |unauthenticated |any )?users?)\b[^.\n]{0,30}\b(?:get|gets|getting|obtain\w*|dump\w*|extract\w*|retriev\w*|steal\w*)\b[^.\n]{0,30}\b(?:usernames?|passwords?|password hash(?:es)?|hash(?:es)?)\b|\b(?:will|would|can|could|may|might) cause\b|\bphishing\b|(?<!\b(?:not|n't|never|cannot)\s(?:\w+\s)?)\b(?:read|include|contain|download)\w*\b[^.\n]{0,10}\b(?:any other|arbitrary) files?\b|\b(?:passwords?|api[ -]?keys?|credentials?|tokens?|secrets?|hash(?:es)?)\b[^.\n]{0,20}\b(?:extraction|exfiltration|theft)\b[^.\n]{0,20}\b(?:proven|possible|achieved|demonstrated|confirmed|works)\b|\b(?:extract\w*|unarchiv\w*|unzipp?\w*|writ\w*|created|saved|placed|lands?)\b[^.\n]{0,60}\b(?:outside (?:of )?(?:the )?(?:destination|target|extraction|intended|output)|but (?:at|in|to|into) the root)\b|\be?uid=0\(root\)|\(root\)/i,
};

/**
 * An attack told as it was done or how it is done: someone's past actions ("the attacker created a
 * playlist, added song, …", "I changed the id"), or a request's parts changed ("change the parameter
 * values in the body", "tampering with the cookie").
 */
const ATTACK_TOLD =
  /\b(?:attackers?|i|we|users?)[ \t]+(?:\w+[ \t]+){0,2}?(?:created|changed|modified|added|posted|set|sent|uploaded|intercepted|replaced|edited|entered|injected|crafted|submitted|called|requested)\b|\b(?:chang|manipulat|tamper|modif|alter)\w*[ \t]+(?:with[ \t]+)?(?:the[ \t]+)?(?:\w+[ \t]+)?(?:parameters?|values?|body|requests?|headers?|cookies?|ids?|tokens?)\b/i;

const TYPED_AT_INTERPRETER = new RegExp(REPL_PROMPT.source, 'm');

/** A line that heads an exploit with what it gets, ending in a colon (a numbered step's "1. Get the password …" is none). */
const EXPLOIT_GETS = /^[ \t]*(?:get|dump|extract|retrieve|steal)\w*\b[^.\n:]{0,60}\b(?:usernames?|passwords?|hash(?:es)?)\b[^.\n:]{0,30}:[ \t]*$/im;

/** Whether the text says anything about `field` (even where no value could be read). */
export function speaksTo(field: FieldName, text: string): boolean {
  // "Open Redirect_", "Stored_XSS": an underscore joins words a writer meant apart. Read both
  // ways: as written, "search_results?q=" and "**my_pkg**" are signs of their own.
  return speaksAsWritten(field, text) || (text.includes('_') && speaksAsWritten(field, text.replace(/_/g, ' ')));
}

function speaksAsWritten(field: FieldName, text: string): boolean {
  if (field === 'affectedVersions') {
    // A version number counts, but not a CVSS vector's "3.1", a platform's ("PHP 8.1"), an
    // address, a date or a duration (withoutNonVersions, made once: it walks the whole text).
    const versionText = withoutNonVersions(text);
    if (versionRanges(versionText).length) return true;
    // A dotted number the range reader could not place ("ytool-1.9.2", "v2.0b3", "build 4.5").
    if (/(?<!\d|\d\.)v?\d{1,4}\.\d{1,4}(?:\.\d{1,6})?(?!\.?\d)/i.test(versionText)) return true;
  }
  // A class of flaw the type dictionary knows is a word for the kind of flaw.
  if (field === 'vulnType' && VULN_CLASSES.some((c) => c.patterns.some((p) => p.test(text)))) return true;
  // A commit the reporter tested names the code as well as a version does.
  // So does an abbreviated hash after "as of", "at", "since" or "on" ("can be triggered as of ecc9d87"): the
  // letters-and-digits mix keeps words ("facade") and plain numbers out.
  if (field === 'affectedVersions' && /\b(?:commit|revision|rev|tested (?:on|at|with))\b[^\n]{0,40}?\b[0-9a-f]{7,40}\b/i.test(text)) return true;
  if (
    field === 'affectedVersions' &&
    /\b(?:as of|at|since|on|from|until|before|after)[ \t]+(?=[0-9a-f]{0,39}\d)(?=[0-9a-f]{0,39}[a-f])[0-9a-f]{7,40}\b/i.test(text)
  )
    return true;
  // A payload, even one quoted in a sentence ("if you put in something like \"../../../../"), shows how.
  if ((field === 'steps' || field === 'poc') && hasPayloadSign(text)) return true;
  // So does an attack told as it was done ("the attacker created a playlist, added song, …"), or a
  // session typed at an interpreter ("irb(main):009:0> text = '<pre>   </pre'").
  if ((field === 'steps' || field === 'poc') && (ATTACK_TOLD.test(text) || TYPED_AT_INTERPRETER.test(text))) return true;
  // A heading over the exploit that says what it gets ("Get admin username and password:" over a union select).
  if (field === 'impact' && EXPLOIT_GETS.test(text)) return true;
  const sign = SIGNS[field];
  return sign ? sign.test(text) : false;
}

/** The text without the dotted numbers that are not versions: addresses, dates, CVSS and CWE figures. */
function withoutNonVersions(text: string): string {
  return (
    text
      .replace(/\bCVSS(?::\d\.\d\/\S+|[ \t]{0,3}v?[234](?:\.\d)?\b|[ \t]{0,3}(?:v?[234](?:\.\d)?)?[ \t:]{0,3}\d{1,2}\.\d)/gi, ' ')
      .replace(/\b\d{1,6}(?:\.\d{1,6})?[ \t]{0,2}(?:seconds?|secs?|ms|minutes?|mins?|hours?|days?|percent|[kmg]i?b)\b|\b\d{1,6}(?:\.\d{1,6})?%/gi, ' ')
      // Whole numbers only: the tail of a four-part build ("2.7.1.3940") is no date.
      .replace(/(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![.\d])/g, ' ')
      .replace(/(?<![\d.])(?:\d{4}([./-])\d{1,2}\1\d{1,2}|\d{1,2}([/-])\d{1,2}\2\d{2,4}|\d{1,2}\.\d{1,2}\.\d{4})(?![.\d])/g, ' ')
      .replace(/\b(?:score|severity|rated?)[ \t:]{0,3}\d{1,2}\.\d\b/gi, ' ')
  );
}

/** Characters of a report read for signs: a report's first 256 KiB say what it is about, and every sign is read in linear time, but no mail need cost more. */
const MAX_ASKING_TEXT = 256 * 1024;

/** The missing fields to ask for: those no part of the text (body or Subject) speaks to. */
export function fieldsToAsk(missing: readonly MissingField[], text: string): MissingField[] {
  const read = text.slice(0, MAX_ASKING_TEXT);
  return missing.filter((m) => !m.fields.some((f) => speaksTo(f, read)));
}
