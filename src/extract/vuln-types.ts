/**
 * A dictionary of vulnerability classes: the canonical name sectriage stores, the
 * phrases reporters use for it, and its usual CWE. Pure data and lookups; the input
 * is untrusted text, matched with simple bounded regexes only.
 */
import { CITED_CWES } from './cited-cwes.js';

export interface VulnClass {
  name: string;
  cwe: string;
  patterns: RegExp[];
}

/** Phrases that name a class in a title but in a report's prose may only describe what another flaw gives ("… exposing passwords"). */
const TITLE_ONLY = new WeakSet<RegExp>();
function titleOnly(re: RegExp): RegExp {
  TITLE_ONLY.add(re);
  return re;
}

// Order matters: the more specific class comes first (stored XSS before XSS, etc. are
// the same class here; SSTI before "injection"; command injection before RCE).
export const VULN_CLASSES: VulnClass[] = [
  { name: 'sql injection', cwe: 'CWE-89', patterns: [/\bsql[\s-]*i(?:njections?)?\b/i, /\bsqli\b/i, /\binjection sql\b/i, /\binyecci[oó]n sql\b/i] },
  { name: 'ldap injection', cwe: 'CWE-90', patterns: [/\bldap[\s-]*injections?\b/i] },
  {
    name: 'cross-site scripting',
    cwe: 'CWE-79',
    patterns: [/\bcross[\s-]*site[\s-]*scripting\b/i, /\b(?:stored|reflected|dom|persistent|blind)?[\s-]*xss\b/i],
  },
  // HTML injection: markup but no script (CWE-80's neighbour); triagers keep it apart from XSS.
  { name: 'html injection', cwe: 'CWE-80', patterns: [/\bhtml[\s-]*injections?\b/i, /\binjection of html\b/i] },
  // Formulas in an exported spreadsheet ("=cmd|' /C calc'!A0") run in the victim's office suite.
  { name: 'csv injection', cwe: 'CWE-1236', patterns: [/\b(?:csv|formula|excel|spreadsheet)[\s-]*injections?\b/i, /\bdde injections?\b/i] },
  {
    name: 'cross-site request forgery',
    cwe: 'CWE-352',
    patterns: [
      /\bcross[\s-]*site[\s-]*request[\s-]*forger(?:y|ies)\b/i,
      // Not a request's own token named in a step ("editing the identity param and the csrf token", "X-CSRF-Token: …"):
      // the flaw only when the token is missing, unchecked or bypassed.
      /\b[cx]srf\b(?![-_ ]?(?:token|middlewaretoken|header|cookie)s?\b)/i,
      // A title about the tokens is about the flaw ("WebSession: CSRF tokens in account settings forms").
      titleOnly(/\b[cx]srf[-_ ]?tokens?\b/i),
      /\b(?:no|missing|without|lacks?|lack of|absent|bypass\w*|reus\w*|leak\w*)\b[^.\n]{0,40}\b[cx]srf[-_ ]?tokens?\b|\b(?:does|do|did)(?:n't| not) (?:check|validate|verify|require|enforce)\b[^.\n]{0,30}\b[cx]srf[-_ ]?tokens?\b|\b(?:empty|blank|invalid|wrong|forged|missing)[ \t]+(?:x-)?[cx]srf[-_ ]?tokens?\b|\b(?:x-)?[cx]srf[-_ ]?tokens?\b(?:[ \t]+header)?[^.\n]{0,40}\b(?:is|are|was|were|gets|get)\s+(?:(?:not|never)\s+(?:validated|checked|verified|bound|tied|required|enforced)|ignored|accepted|leaked|exposed|reused|predictable|static)\b/i,
    ],
  },
  { name: 'server-side request forgery', cwe: 'CWE-918', patterns: [/\bserver[\s-]*side[\s-]*request[\s-]*forgery\b/i, /\bssrf\b/i] },
  {
    name: 'server-side template injection',
    cwe: 'CWE-1336',
    patterns: [/\bserver[\s-]*side[\s-]*template[\s-]*injections?\b/i, /\bssti\b/i, /\btemplate injections?\b/i],
  },
  { name: 'xml external entity', cwe: 'CWE-611', patterns: [/\bxml external entit(?:y|ies)\b/i, /\bxxe\b/i] },
  {
    name: 'command injection',
    cwe: 'CWE-78',
    patterns: [
      /\b(?:os |shell |operating system )?command[\s-]*injections?\b/i,
      /\bshell injections?\b/i,
      /\binjection de commandes?\b/i,
      // Options smuggled into a program the product runs (CWE-88): "Argument injection in git clone".
      /\bargument injections?\b/i,
      /\b(?:parameter|option|flag) injections? (?:in|into|via) (?:an? |the )?(?:[\w-]+ )?(?:sub)?commands?\b(?![ \t]+(?:handlers?|bus|objects?|pattern|queue)\b)/i,
      // A title that names a shell-running call fed what a user gives ("Calling ::system with user-supplied strings"):
      // a code report's way of naming it. Only a title, not a question, and the call written as code (not "invokes
      // system browser"): in prose the words also deny it ("we never call system() with user input") or name a
      // template's or a pickle's way to it.
      titleOnly(
        /^(?![^\n]*\?)[^\n]*\b(?:call(?:s|ing|ed)?|pass(?:es|ing|ed)?|invok(?:es|ing|ed))\s+[`'"]*(?:::system\b|`{1,3}system`{1,3}|(?:system|popen|exec[lv]?p?|shell_exec|passthru|proc_open)\s*\(|os\.(?:system|popen)\b|subprocess\.(?:call|run|Popen|check_output)\b|child_process\.exec(?:Sync)?\b|Runtime\.getRuntime\(\)\.exec\b)[`'"()]*[^.\n]{0,80}?\b(?:user[- ]?(?:supplied|controlled|provided|input)|untrusted|attacker[- ]controlled|unsanitized)\b/i,
      ),
    ],
  },
  {
    name: 'path traversal',
    cwe: 'CWE-22',
    patterns: [
      /\b(?:path|directory)[\s-]*traversal\b/i,
      /\btraversal (?:attack|vulnerability|bug|issue)s?\b/i,
      /\bdot[\s-]*dot[\s-]*slash\b/i,
      /\blocal file (?:inclusion|include)s?\b/i,
      /\blfi\b/i,
      // A remote or PHP file inclusion is CWE-98 too ("CMS Faethon <= 1.3.2 (mainpath) Remote File Inclusion"), filed here as that CWE is.
      /\b(?:remote|php) file inclusions?\b|\bremote file include\b/i,
      /\brfi\b/i,
      /\bzip[\s-]*slip\b/i,
      // An archive's or a path's symbolic link that leads out of the folder it is unpacked or served in (a
      // "symlink attack" on a predictable /tmp file is a race of another kind, CWE-59/377).
      /\bsym(?:bolic[\s-]*)?link traversals?\b|\b(?:unsafe|insecure|improper) (?:handling|resolution|following) of sym(?:bolic[\s-]*)?links?\b/i,
    ],
  },
  {
    name: 'insecure deserialization',
    cwe: 'CWE-502',
    patterns: [
      /\b(?:insecure |unsafe |untrusted )?deseriali[sz]ation\b/i,
      // A loader that builds any object a document names ("yconf uses unsafe yaml loader", "unsafe pickle loading").
      /\bunsafe (?:yaml|pickle|marshal|jackson|xstream|snakeyaml) (?:load(?:er|ers|ing|s)?|parsing|parser)\b/i,
    ],
  },
  {
    name: 'remote code execution',
    cwe: 'CWE-94',
    patterns: [
      /\bremote[\s-]*code[\s-]*execution\b/i,
      /\brce\b/i,
      /\barbitrary code execution\b/i,
      // Code execution named by its language or as the flaw itself ("PHP Code Execution Vulnerability").
      // In a title only: in prose it is often the outcome of a cause named after it ("PHP code execution via an
      // unrestricted upload"), or denied ("This is not a code execution vulnerability"). JavaScript's is an XSS's.
      titleOnly(/\b(?:php|python|ruby|perl|lua|groovy|java|server[- ]side) code execution\b/i),
      titleOnly(/(?<!\bnot (?:an? )?)\bcode execution (?:vulnerability|vuln|bug|flaw)\b/i),
      /\bcode injections?\b/i,
      /\bex[ée]cution de code\b/i,
      // A CI workflow that runs a fork's code with the base repository's rights ("Untrusted code is explicitly checked out and run").
      /\buntrusted code (?:is |gets )?(?:explicitly )?checked out and (?:run|executed)\b/i,
    ],
  },
  {
    name: 'buffer overflow',
    cwe: 'CWE-120',
    patterns: [
      /\b(?:(?:stack|heap|global)[\s-]*(?:based[\s-]*)?(?:buffer[\s-]*)?|buffer[\s-]*)(?:overflow|overrun)s?\b/i,
      /\bout[\s-]*of[\s-]*bounds(?:[\s-]*\(oob\))?[\s-]*write\b/i,
      /\boob[\s-]*write\b/i,
      /\barray (?:overrun|overflow|index out of bounds)\b/i,
    ],
  },
  // A read past the end is its own weakness (CWE-125), not a write's overflow; a checker's "heap-buffer-overflow … READ" stays an overflow.
  {
    name: 'out-of-bounds read',
    cwe: 'CWE-125',
    patterns: [/\bout[\s-]*of[\s-]*bounds(?:[\s-]*\(oob\))?[\s-]*read\b/i, /\boob[\s-]*read\b/i, /\b(?:buffer[\s-]*)?over[\s-]?read\b/i],
  },
  { name: 'null pointer dereference', cwe: 'CWE-476', patterns: [/\bnull[\s-]*(?:pointer[\s-]*)?dereferences?\b/i, /\bnpd\b/i] },
  { name: 'use after free', cwe: 'CWE-416', patterns: [/\buse[\s-]*after[\s-]*free\b/i, /\buaf\b/i] },
  { name: 'integer overflow', cwe: 'CWE-190', patterns: [/\binteger (?:overflow|underflow|wraparound)s?\b/i] },
  { name: 'open redirect', cwe: 'CWE-601', patterns: [/\bopen[\s-]*redirect(?:ion)?\b/i, /\bunvalidated redirect\b/i] },
  { name: 'insecure direct object reference', cwe: 'CWE-639', patterns: [/\binsecure direct object reference\b/i, /\bidor\b/i] },
  {
    name: 'authentication bypass',
    cwe: 'CWE-287',
    patterns: [
      /\bauth(?:entication)?[\s-]*bypass\b/i,
      /\bbypass (?:the )?(?:authentication|login)\b/i,
      /\bunauthenticated access\b/i,
      /\bmissing authentication\b/i,
      // A forged signature or token accepted: "signature verification bypass", "JWT algorithm confusion".
      /\b(?:signature|token|jwt) (?:verification|validation|check) bypass\b/i,
      // Only of a token's or signature's algorithm: two hash tables' "algorithm confusion" is no login bypass.
      /\b(?:jwt|jws|token|signature|signing|key|hs256|rs256)\b[^.\n]{0,30}\balgorithm confusion\b|\balgorithm confusion\b[^.\n]{0,30}\b(?:jwt|jws|tokens?|signatures?|signing|keys?|hs256|rs256)\b/i,
    ],
  },
  {
    name: 'privilege escalation',
    cwe: 'CWE-269',
    patterns: [
      /\bprivileges?[\s-]*escalation\b/i,
      /\bescalat(?:e|ing|ion of) (?:\w+ )?privileges?\b/i,
      /\belevation of privileges?\b/i,
      /\blocal[\s-]*root\b(?![\s-]*(?:ca|certificates?|certs?|director(?:y|ies)|folders?|paths?|store|trust)\b)/i,
      // A file every user may change that a privileged process runs or trusts ("ships with a world-writeable
      // /etc/rc.d/rc.sysinit", "Insecure File Permissions" of a service's folder): local privilege escalation.
      titleOnly(/\bworld[\s-]writ(?:e)?able\b|\binsecure (?:file |folder |directory )?permissions\b/i),
    ],
  },
  {
    name: 'missing authorization',
    cwe: 'CWE-862',
    patterns: [
      /\b(?:missing|broken|improper|incorrect) (?:authori[sz]ation|access control)\b/i,
      /\blacks? (?:of )?(?:(?:any|proper|an?) )?(?:(?:authori[sz]ation|permission) checks?|access controls?)\b/i,
      /\bauthori[sz]ation bypass\b/i,
      titleOnly(/\b(?:does not|doesn't|do not|fails? to) (?:properly )?(?:restrict|check|enforce) (?:access|permissions?|authori[sz]ation)\b/i),
      /\bwithout (?:an? |any )?(?:access control|authori[sz]ation|permission) checks?\b/i,
      // A title that names the flaw as the access itself ("simple-cms has Unauthorized Access"): CWE-284, improper access
      // control, which this list files here. In prose the words are an outcome of any flaw ("gain unauthorized access").
      // (Titles are typed by the earliest class they name, so a class named after it would lose to it.)
      // Not when the title goes on to say how ("Unauthorized access via SQL injection", "… due to stored XSS"): that is the class.
      titleOnly(/\bunauthori[sz]ed access\b(?![^\n]{0,100}\b(?:via|through|due to|using|by|because of|caused by|with|from|leads?|leading)\b)/i),
      // "Admin access control not working"; "Anyone with a share link can RESET all website data": what only its owner may do.
      titleOnly(
        /\b(?:access control|authori[sz]ation|permission checks?)s? (?:is |are )?(?:not working|broken|not enforced|not applied|ineffective)\b|^\W*anyone (?:with|who has|holding) [^.\n]{1,40}\bcan (?:\w+ ){0,2}?(?:delete|reset|modify|change|edit|remove|read|view|download|access|unsubscribe|cancel|overwrite|publish)\b(?![^\n]{0,100}\b(?:via|through|due to|using|because of|caused by|by means of)\b)/i,
      ),
    ],
  },
  {
    name: 'information disclosure',
    cwe: 'CWE-200',
    patterns: [
      /\binformation (?:disclosure|leak(?:age)?|exposure)\b/i,
      // Telling valid users from invalid ones is disclosing who has an account (CWE-204).
      /\b(?:user(?:name)?|account|email) enumeration\b|\benumerat(?:e|ing|ion of) (?:valid |existing )?(?:users|usernames|accounts)\b/i,
      /\b(?:sensitive )?data (?:exposure|leak(?:age)?)\b/i,
      /\bleaks? (?:of )?(?:sensitive|private|internal)\b/i,
      // A title that names what was exposed ("Email Address Exposure via …", "PII Disclosure").
      titleOnly(
        /\b(?:e-?mail(?: address(?:es)?)?|users?|usernames?|pii|personal (?:data|information)|ip address(?:es)?|(?:internal|private) [\w ]{0,30}?(?:descriptions?|data|information|notes?|files?))\s+(?:disclosure|exposure|leak(?:age|s)?)\b/i,
      ),
      // A secret handed out where others read it: "may expose access_token in error message".
      titleOnly(
        /\bexpos(?:e|es|ed|ing|ure of) (?:the |an? |its |their |users?'? )?(?:access[\s_-]?tokens?|api[\s_-]?keys?|passwords?|secrets?|credentials?|session (?:ids?|tokens?|cookies?))\b/i,
      ),
      // What was exposed, then the word ("Entire database of emails exposed through URN injection", "Scope information is leaked").
      titleOnly(
        /\b(?:e-?mails?|e-?mail addresses|pii|personal (?:data|information)|phone numbers?|passwords?(?: hash(?:es)?)?|secrets?|credentials?|api keys?|information|data|descriptions?|details|files?|keys?|tokens?|session (?:cookies?|ids?)|cookies?|amis|images|snapshots?|backups?|metadata)\b[^.\n]{0,30}?\b(?:is |are |was |were |being |gets? |can be |may be )?(?:\w+ly )?(?:exposed|leaked|disclosed|revealed)\b(?![ \t]+by\b)/i,
      ),
      // "Error messages reveal backend details"; a credential header kept on a redirect to another origin
      // ("Proxy-Authorization header is not cleared in cross-domain redirect").
      titleOnly(
        /\b(?:reveal|disclose|expose|leak)s? (?:the )?(?:backend|internal|server|sensitive|system|implementation) (?:details|paths|versions|information)\b|\b(?:proxy-)?authorization(?: header)?[^.\n]{0,20}\bnot (?:cleared|removed|stripped|dropped)\b[^.\n]{0,40}\bredirect/i,
      ),
      // "Remote File Disclosure"; a password kept or shown in clear ("Plaintext Storage of a Password", CWE-256).
      /\b(?:remote |local |arbitrary |source )?(?:file|code) disclosure\b/i,
      // "Host memory disclosure in libslirp": memory read out to where it should not go.
      /\b(?:host |kernel |heap |stack |process |uninitiali[sz]ed )?memory (?:disclosure|leak(?:age)? to)\b/i,
      // A file every user can read ("security concern over file being made world readable").
      titleOnly(/\bworld[\s-]readable\b/i),
      /\b(?:clear|plain)[\s-]*text (?:storage of )?(?:an? |the )?(?:admin |user |account )?passwords?\b|\bpasswords? (?:is |are )?(?:stored|kept|sent|shown) in (?:clear|plain)[\s-]*text\b/i,
      /\b(?:mysql|database|db|admin(?:istrator)?|root|account)(?:'s)? passwords?\b[^.\n]{0,40}?\b(?:visible|disclosed|revealed|exposed|readable by anyone)\b/i,
      // Secrets written where operators read them (CWE-532): "Sensitive Terraform Output Values Printed At Info Logging
      // Level". Only in a title: a body says so in passing ("sensitive values in the output printed below are redacted").
      titleOnly(
        /\bsensitive (?:[\w-]+ ){0,2}(?:values?|data|information|outputs?|secrets?|credentials?|tokens?)\b(?:(?!\b(?:redact|blur|remov|mask|hid|strip)\w*)[^.\n]){0,80}?\b(?:printed|logged|written (?:to|in) (?:the )?(?:logs?|log files?|terminal|console))\b/i,
      ),
    ],
  },
  {
    name: 'denial of service',
    cwe: 'CWE-400',
    patterns: [
      /\bdenial[\s-]*of[\s-]*service\b/i,
      /\b(?:Re)?Do[Ss]\b/,
      // Written in capitals, when what follows makes it the attack, not the operating system ("DOS via cache poisoning").
      /(?<![-\w])DOS(?= (?:via|attack|vulnerability|vuln|bug|in|on|by|through|using|condition|issue)\b)/,
      // A title that ends on it ("Remote node DOS"), says "deny of service", or names the loop that never ends.
      titleOnly(/(?<![-\w])DOS$/),
      /\bdeny[\s-]*of[\s-]*service\b/i,
      titleOnly(/\b(?:endless|infinite|unbounded) loop\b/i),
      /\bresource exhaustion\b/i,
      /\bcatastrophic backtracking\b/i,
    ],
  },
  { name: 'race condition', cwe: 'CWE-362', patterns: [/\brace condition\b/i, /\btoctou\b/i, /\btime[\s-]*of[\s-]*check\b/i] },
  {
    name: 'hardcoded credentials',
    cwe: 'CWE-798',
    // Also a product shipped with default passwords ("Default passwords used in PCCS config/default.json", CWE-1392/1393 in kind).
    patterns: [
      // Also a key named by its use ("Hard-coded JWT Key", "Hardcoded JWT Secret Key", "Hardcoded Cryptographic Key", CWE-321).
      /\bhard[\s-]*coded (?:(?:jwt|json web token|api|secret|signing|encryption|cryptographic|crypto|private|session|app(?:lication)?|admin|master|aes|hmac|rsa|django)[\s-]+){0,2}(?:\([\w ]{1,30}\) )?(?:credentials?|passwords?|secrets?|keys?|tokens?)\b/i,
      /\bdefault (?:insecure |admin(?:istrator)? |root )?(?:credentials|passwords)\b/i,
    ],
  },
  { name: 'session fixation', cwe: 'CWE-384', patterns: [/\bsession fixation\b/i] },
  {
    name: 'cryptographic weakness',
    cwe: 'CWE-327',
    patterns: [
      /\b(?:weak|broken|insecure) (?:cryptograph\w*|cipher|hash(?:ing)?|encryption)\b/i,
      /\bpadding oracle\b/i,
      /\btiming (?:attack|side[\s-]*channel)\b/i,
      // A guessable key: "Weak JSON Web Token (JWT) signing secret".
      /\bweak\b[^.\n]{0,40}?\b(?:signing|hmac|jwt|encryption) (?:secrets?|keys?)\b/i,
      // A fast digest for passwords (CWE-916): "uses unsafe hash for passwords"; a flaw a title calls cryptographic.
      // Only in a title: a body names them beside its own class ("Besides an unsafe hash for passwords, … SQL injection").
      titleOnly(/\b(?:unsafe|insecure|weak|fast|unsalted) (?:password )?hash(?:es|ing)? (?:for|of) (?:user )?passwords\b/i),
      titleOnly(/(?<!\bnot an? )\bcryptograph(?:ic|y) (?:vulnerabilit(?:y|ies)|flaws?|weakness(?:es)?)\b/i),
    ],
  },
  { name: 'prototype pollution', cwe: 'CWE-1321', patterns: [/\bprototype pollution\b/i] },
  {
    name: 'unrestricted file upload',
    cwe: 'CWE-434',
    patterns: [
      /\b(?:unrestricted|arbitrary|unsafe) file upload\b/i,
      // A title that calls the upload itself the flaw ("Bugtraq File Upload Vulnerability", "uploading bypass by simply
      // changing file extension"); in prose an upload is as often the way into another flaw.
      titleOnly(/\bfile[\s-]upload (?:vulnerabilit(?:y|ies)|flaw|bug)\b|\bupload(?:ing)? (?:restriction |filter |type |extension )?bypass\b/i),
      // "GOautodial 4.0 - Authenticated Shell Upload": a title that says a shell gets uploaded.
      titleOnly(/\b(?:web ?)?shell upload\b|\bupload(?:ing)? (?:of )?(?:a |the )?(?:web ?|php )?shell\b/i),
      // "User is able to upload any file as his avatar": a title that says any file goes.
      titleOnly(
        /\bupload(?:ing|ed)? (?:of )?(?:(?:any|arbitrary) (?:kinds? of |types? of )?files?|all (?:kinds?|types?) of files?|all file types)\b|\b(?:any|arbitrary) (?:kinds? of |types? of )?files? (?:can|could|may) be uploaded\b/i,
      ),
    ],
  },
  { name: 'clickjacking', cwe: 'CWE-1021', patterns: [/\bclick[\s-]*jacking\b/i] },
];

const BY_CWE = new Map(VULN_CLASSES.map((c) => [c.cwe, c.name]));
for (const [cwe, name] of CITED_CWES) BY_CWE.set(cwe, name);

export function vulnTypeForCwe(cwe: string): string | undefined {
  return BY_CWE.get(cwe.toUpperCase());
}

export interface TypeHit {
  name: string;
  index: number;
  length: number;
}

/** Every class named in the text, first mention first; one hit per class. In prose, not by the title-only phrases. */
/** A URL or a bare www address, to the next blank, closing mark or letter no URL holds unescaped (CJK prose glued on). */
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]\u0080-\uffff]+/gi;
/** Pages about a class of flaw that a reporter cites to name theirs ("Reference: https://owasp.org/…/attacks/csrf"). */
const CLASS_PAGE = /^(?:https?:\/\/)?(?:www\.)?(?:owasp\.org|portswigger\.net\/web-security|cwe\.mitre\.org|capec\.mitre\.org)\//i;

export function findVulnTypes(raw: string, inProse = false): TypeHit[] {
  // A link's words are the linked page's ("https://stackoverflow.com/questions/…" names no stack overflow):
  // blanked, so that offsets still point into the text; a page about the class that the report cites names it.
  // Blanked with a mark, not spaces: "SQL https://… \nI noticed" must not read as "SQL I".
  const text = raw.includes('://') || raw.includes('www.') ? raw.replace(LINK, (u) => (CLASS_PAGE.test(u) ? u : '|'.repeat(u.length))) : raw;
  const hits: TypeHit[] = [];
  for (const c of VULN_CLASSES) {
    let best: RegExpExecArray | null = null;
    for (const p of c.patterns) {
      if (inProse && TITLE_ONLY.has(p)) continue;
      const m = p.exec(text);
      if (m && (!best || m.index < best.index)) best = m;
    }
    if (best) hits.push({ name: c.name, index: best.index, length: best[0].length });
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Classes that code execution is the outcome of: named with it ("RCE via file upload"), they are the type. */
const ROOT_CAUSES = new Set([
  'unrestricted file upload',
  'sql injection',
  'command injection',
  'insecure deserialization',
  'server-side template injection',
  'path traversal',
  'xml external entity',
  'buffer overflow',
  'use after free',
  'integer overflow',
  'prototype pollution',
  'csv injection',
]);

/**
 * The class a short text (a title, a labelled value) names first, except that remote code
 * execution gives way to its cause named beside it: "Remote Code Execution (File Upload)"
 * is an unrestricted upload (CWE-434), whose outcome is the code execution.
 */
export function canonicalVulnType(text: string): string | undefined {
  const hits = findVulnTypes(text);
  if (hits[0]?.name === 'remote code execution') {
    const cause = hits.find((h) => ROOT_CAUSES.has(h.name))?.name;
    // "(File Upload)", "via uploading a PHP file": the upload is the way in, though not called unrestricted.
    const upload = /\b(?:file[- ]upload|upload(?:ing|ed)? (?:of )?(?:a |an |any |arbitrary |malicious )?(?:php |executable )?files?)\b/i.test(text);
    if (cause || upload) return cause ?? 'unrestricted file upload';
    // "Code execution vulnerability via SSRF to internal Jenkins": the flaw named as the way in, right after "via" (a
    // few words between at most), is the type; not a class named later in the title, nor an outcome.
    const first = hits[0];
    const next = hits.find((h) => h.index > first.index && h.name !== first.name);
    const gap = next ? text.slice(first.index + first.length, next.index) : '';
    const via =
      next &&
      !OUTCOMES.has(next.name) &&
      /^\W*(?:[\w-]+\W+){0,2}?(?:via|through|using|by means of|due to|caused by|because of)\W+(?:[\w-]+\W+){0,3}$/i.test(gap);
    return via ? next.name : first.name;
  }
  // "Authentication bypass via Cross site request forgery", "Information disclosure through path
  // traversal": what it gives, then the flaw that gives it; the flaw is the type.
  const first = hits[0];
  if (first && OUTCOMES.has(first.name)) {
    const cause = hits.find((h) => h.index > first.index && !OUTCOMES.has(h.name) && h.name !== 'remote code execution');
    if (cause && /\b(?:via|through|using|by means of|due to|caused by|because of)\b/i.test(text.slice(first.index + first.length, cause.index)))
      return cause.name;
  }
  return first?.name;
}

/** Classes named for what a flaw gives an attacker rather than for the flaw itself. */
const OUTCOMES = new Set(['authentication bypass', 'privilege escalation', 'information disclosure', 'denial of service']);

export function findCwes(text: string): Array<{ id: string; index: number; length: number }> {
  const out: Array<{ id: string; index: number; length: number }> = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/\bCWE[\s-]?(?:ID[\s-]?)?(\d{1,4})\b/gi)) {
    const id = `CWE-${Number(m[1])}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, index: m.index, length: m[0].length });
  }
  return out;
}
