/**
 * How the reporter asks to be credited, or who an advisory credits: a stated wish ("please
 * credit Jane Doe", "use my handle h4x0r", "I prefer to stay anonymous"), a credit line of
 * an advisory ("Exploit Author: X", "Discovered by X of Firm", "Reported-by: X") or the value
 * of a Credit field. A name as the text writes it; a handle where it is one; anonymous
 * where asked. Pure; the input is report text (untrusted), matched with bounded patterns.
 */
import type { CreditValue } from './types.js';
import { canonicalVulnType } from './vuln-types.js';

const ANON =
  /\b(?:remain|stay|be kept|keep me|to be|prefer(?: to be)?|report(?:ing)?|credit(?:ed)? as|list me as) anonymous(?:ly)?\b|\banonymous(?:ly)?,? please\b|\bno credit\b|\bno need to (?:credit|mention|name) me\b|\bdo(?:n't| not) (?:need|want|require)(?: any)? (?:credit|attribution|recognition)\b|\bplease do(?:n't| not) (?:credit|mention|name|list) me\b|\bwithout (?:credit|attribution|my name)\b|\bprefer (?:not to be (?:credited|named)|anonymity)\b/i;
/** Particles inside a person's name ("Flavio de Cristofaro", "Jan van der Berg"). */
const PARTICLE = String.raw`(?:(?:de|da|di|del|della|van|von|der|den|la|le|du|dos|das|bin|ibn|al|ter|ten) ){0,2}`;
/** A person's name: two to four capitalised words, particles between them allowed. */
const PERSON = String.raw`\p{Lu}[\p{L}'-]+(?: ${PARTICLE}\p{Lu}[\p{L}'.-]+){1,3}`;
const CREDIT_RES = [
  // "discovered and reported by GHSL team member @kevinbackhouse (Kevin Backhouse)": the name in brackets.
  new RegExp(String.raw`\b(?:discovered|found|reported|researched)(?: and (?:reported|researched|discovered))? by [^@\n]{0,40}?@[\w-]+ \((${PERSON})\)`, 'u'),
  // "discovered and reported by GitHub team member @max-schaefer.": no name given, the handle (not the
  // handle in brackets after a name: "discovered by Esben Sparre Andreasen (@esbena)" names him).
  /\b(?:discovered|found|reported|researched)(?: and (?:reported|researched|discovered))? by [^@\n(]{0,40}?(@[\w-]{2,40})\b(?![ \t]*\()/,
  /\b(?:under|with|using) (?:the|my) (?:pseudonym|handle|alias|nickname|nick|username)\s*[:-]?\s*["“'`]?(@?[\w.-]{2,40})/i,
  /\bmy (?:handle|alias|pseudonym|nickname|nick) is\s+["“'`]?(@?[\w.-]{2,40})/i,
  /\b(?:please )?(?:credit(?:ed)?|acknowledge(?:d)?|thank|mention(?:ed)?|list(?:ed)?|name(?:d)?)\s+(?:me|us|this|the finding|the report)?\s*(?:as|to|under)\s+["“'`]?([^\n"”'`.;]{2,60}?)["”'`]?\s*(?:[.;]|,\s|\s+\(|\s+(?:in|if|on|from|for|please)\b|$)/im,
  /\bcredit(?: us| me)?\s+["“]([^"”\n]{2,60})["”]/i,
  /\bcredit (?:it |this )?to\s+["“'`]?([^\n"”'`.;]{2,60}?)["”'`]?\s*(?:[.;]|,\s|\s+(?:in|if|on|from|for|please)\b|$)/im,
  /\b(?:handle|twitter|mastodon|nick(?:name)?|alias|account)\b[^.\n]{0,30}?(@[A-Za-z0-9_]{2,30})\b/i,
  new RegExp(String.raw`\bmy name,?\s+(?:is\s+)?["“']?(${PERSON})`, 'u'),
  /\b(?:please )?use\s+["“']([^"”'\n]{2,60})["”']/i,
  new RegExp(String.raw`\b(?:[Ff]ound|[Dd]iscovered|[Rr]eported|[Ii]dentified) (?:[^.\n]{0,40}? )?by\s+(${PERSON})`, 'u'),
  /\b(?:i(?:'d| would) like to be credited as|credit should go to|please use the name)\s+["“'`]?([^\n"”'`.;]{2,60}?)["”'`]?\s*(?:[.;]|,\s|\s+(?:in|if|on|from|for|please)\b|$)/im,
  // "Thanks to Jane Doe for reporting this", "Credit goes to Jane Doe"
  /\b(?:[Tt]hanks to|[Cc]redit (?:goes|is due) to)\s+(\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'.-]+){0,3}|@[\w-]{2,40})\b(?:[^.\n]{0,40}\b(?:report|find|found|discover|disclos|research)|\s*[.,;]|\s*$)/u,
  // An advisory's "Thanks Michael Hamann for the report." (without "to": only with what is thanked, "Thanks Team," greets).
  /\b[Tt]hanks,? (\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'.-]+){0,3}|@[\w-]{2,40}) for (?:the |this |their |his |her |your |reporting |responsibly )*(?:report|finding|discover|disclos|research)/u,
  // "We would like to thank @edef with the help of Sander (@sandydoo) for reporting …": who is thanked for the report (not
  // "for funding this research" or "for coordinating the disclosure").
  /\b(?:[Ww]e|I) (?:would like to |want to |wish to )?thank (\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'.-]+){0,3}|@[\w-]{2,40})\b[^.]{0,80}?\bfor\s+(?:(?:responsibly\s+)?(?:reporting|finding|discovering|identifying|disclosing)\b|(?:the|this|these|their|his|her|your)\s+(?:report|finding|discovery))/u,
  // "please credit Jane Doe", "please write my name Carol Danvers", "please use my handle h4x0r"
  /\b[Pp]lease (?:credit|thank|acknowledge)\s+(?!me\b|us\b|as\b|to\b)["“'`]?(\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'.-]+){0,3}|@?[\w.-]{2,40})/u,
  /\b(?:[Pp]lease )?(?:[Ww]rite|[Pp]ut|[Uu]se|[Ss]pell|[Ll]ist) my (?:full )?name(?: as)?\s*[:-]?\s*["“'`]?(\p{Lu}[\p{L}'-]+(?: \p{Lu}[\p{L}'.-]+){0,3})/u,
  /\b(?:please )?use my (?:handle|alias|nick(?:name)?|pseudonym|username)(?: as)?\s*[:-]?\s*["“'`]?(@?[\w.-]{2,40})/i,
  // Advisory and exploit-db style lines: "Exploit Author: X", "Author : X", "Reported by: X", "Credits: found by X".
  // (a "# " comment mark first in an Exploit-DB header; a table's run of spaces for the colon)
  // (also inside a box drawn with brackets or bars: "[   Author of this full disclosure: X   ]", "|-->Author: X   |",
  // its edge after a run of blanks; a handle alone in brackets: "Exploit Author: (Sant268)", not "(see below)")
  /^[ \t#*>|[-]*(?:exploit )?(?:author(?: of (?:the |this )?(?:full )?(?:advisory|report|exploit|disclosure))?|discovered (?:and provided|by)|reported[ -]by|found by|identified by|advisory by|credits?|(?:original )?discovery(?: by)?|(?:vulnerability |bug )?discoverer|(?:(?:vulnerability|security|lead) )?researchers?|research(?:er)? contact|finder|bug (?:hunter|finder))(?:[ \t]*:[ \t]*|[ \t]{2,}|[ \t]+-[ \t]+)(?:(?:this )?(?:vulnerability |issue |bug )?(?:was )?(?:found|discovered|reported) by[ \t]+)?(?:["“'`]|\((?!(?:unknown|none|n\/a|tbd|tba|redacted|withheld|pending|internal|name|your[-_ ]?name|me|private|confidential)\))(?=[\w.@-]{2,40}\)))?(?![\s|[])([^\n"”'`;(<)]{2,60}?)["”'`]?(?:[ \t]{2,}[\]|]|[ \t]+[\]|][ \t]*$|[ \t]*(?:[;(<)]|$))/im,
  // "Jane Doe (@jdoe) of Acme discovered this vulnerability": the finder as the subject of the sentence.
  new RegExp(
    String.raw`(?:^|[.!?]\s+)(?!(?:The|This|That|These|Our|We|My|Your|An?|It|Its|Their)\b)(${PERSON})(?: \(@?[\w.-]{2,30}\))?(?: (?:of|from|at) [^.\n]{2,60}?)? (?:discovered|found|reported|identified|uncovered) (?:this|these|the|a|an)(?: [\w-]{1,30}){0,2} (?:vulnerabilit(?:y|ies)|issues?|bugs?|flaws?|weakness(?:es)?|problems?)\b`,
    'mu',
  ),
  // "Exploited by FarhadKey from kapda.ir": who wrote the exploit an old archive entry is filed under.
  new RegExp(String.raw`\b[Ee]xploited by\s+(${PERSON}|@?[\w.-]{2,40})`, 'u'),
  // "Originally from Thomas Lopatic's advisory": the advisory's author.
  /\b(?:from|see|per|in|based on)\s+(\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}.-]+){1,3})['’]s (?:advisory|report|post|research|paper|write-?up)\b/u,
  // "discovered by Gjoko 'LiquidWorm' Krstic", "discovered and researched by Julio Cesar Fort from …"
  /\b(?:[Ff]ound|[Dd]iscovered|[Rr]eported|[Ii]dentified|[Rr]esearched)(?: and (?:reported|researched|discovered))? by\s+(\p{Lu}[\p{L}'-]+(?: (?:['‘"“][^'’"”\s]{2,30}['’"”]|\p{Lu}[\p{L}'.-]+)){1,3})/u,
  // "discovered and reported by the GitHub Security Lab": a team credited by its name.
  /\b(?:[Ff]ound|[Dd]iscovered|[Rr]eported|[Ii]dentified)(?: and (?:reported|discovered))? by\s+the\s+(\p{Lu}[\p{L}-]+(?: \p{Lu}[\p{L}-]+){0,3} (?:Lab|Labs|Team|Group|Research))\b/u,
];

/** A scanner, fuzzer or checker that "found" a bug is not who to credit. */
const TOOL = /\b(?:Burp|Nessus|Acunetix|Nmap|Nikto|Semgrep|CodeQL|Snyk|OSS-Fuzz|ClusterFuzz|AddressSanitizer|Valgrind|Coverity|Dependabot|ZAP|Qualys|Nuclei)\b/;
/** Words that make a capitalised run no one's name: a time, a sign-off, a product or a process ("Yesterday John Smith", "Windows Defender", "Internal Audit"). */
const NOT_A_NAME =
  /\b(?:Yesterday|Today|Recently|Later|Then|Also|Meanwhile|Internal|Audit|Review|Regards|Kind|Best|Thanks|Defender|Chrome|Firefox|Edge|Safari|Windows|Microsoft|Google|Apple|Android|Scanner|Testing|Fuzzing|Analysis|Monitoring)\b/;

/** An organisation's name, not a person's: "Curesec GmbH", "X41 D-Sec GmbH", "GHSL team". */
const ORG = /\b(?:GmbH|Ltd|Inc|LLC|AG|S\.?A\.?|B\.?V\.?|Corp(?:oration)?|Compan(?:y|ies)|Team|Lab(?:s|oratory)?|Security|Research|Group|D-Sec|Pentesting)\b/i;
/** Words a firm's name ends in that ORG does not hold ("TATA Advanced Systems Limited"). */
const FIRM_WORD = /\b(?:Limited|Ltd\.?|Systems|Technologies|Solutions|Consulting|Services|Software|Networks|Cyber\w*|Infosec|Pvt\.?)\b/i;

const NAME_THEN_TEAM = new RegExp(String.raw`^(${PERSON})@\S+\s.*$`, 'u');
// Not /i: under it \p{Lu} takes lower case too, and "the red team aka r3d" would be a name.
const NAME_AKA = new RegExp(String.raw`^(${PERSON})\s+(?:[Aa][Kk][Aa]|a\.k\.a\.?)\s+\S+$`, 'u');
const ONLY_PERSON = new RegExp(String.raw`^${PERSON}$`, 'u');

/**
 * A credit line with each run of blanks as one: the credit patterns open with blanks, and tried at
 * every blank of a long run they were quadratic (a 40,000-blank credit line took 4.7 s).
 */
function oneSpaced(s: string): string {
  return s.trim().replace(/[ \t]+/g, ' ');
}

/** The person in "X41 D-Sec GmbH, Eric Sesterhenn" or "Tim Coen of Curesec GmbH"; an organisation alone stays. */
function creditName(raw: string): string {
  // "Elar Lang / https://security.elarlang.eu": the name, then where to find them.
  let n = deobfuscated(oneSpaced(raw))
    .replace(/[ \t]+[/|–-][ \t]+<?https?:\/\/\S{1,200}$/i, '')
    // "Lavakumar Kuppan - lavakumar[dot]in[at]gmail[dot]com", "Jane Doe <jane@x.org>": the name, then how to reach them.
    // (A dash joins only with blanks around it: "jean-pierre.dupont@orange.fr" is one address.)
    .replace(/(?<=\S)(?:[ \t]+[-–|/][ \t]*<?|[ \t]*<|[ \t]*\()[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}[>)]?$/, '')
    .replace(/[.,;:]+$/, '');
  n = n.replace(/\s+(?:of|from|at|@)\s+.*$/i, (rest) => (ORG.test(rest) || /^\s+(?:of|from|at)\s+\p{Lu}/u.test(rest) ? '' : rest));
  // "Vadym Soroka @Iterasec https://iterasec.com", "Kamaljeet Kumar - TATA Advanced Systems Limited": a person's name,
  // then their firm (its handle, its site, its name after a dash).
  const person = new RegExp(String.raw`^(${PERSON})(?:[ \t]+@[\w.-]{1,40})?(?:[ \t]+<?https?:\/\/\S{1,200})?$`, 'u').exec(n);
  if (person && person[1] !== n) n = person[1]!;
  const dashed = new RegExp(String.raw`^(${PERSON})[ \t]+[-–|][ \t]+(.{2,80})$`, 'u').exec(n);
  if (dashed && (ORG.test(dashed[2]!) || FIRM_WORD.test(dashed[2]!))) n = dashed[1]!;
  // "Qian Zhang@MarvelTeam Qihoo 360": a name, then its team after an "@" (not an e-mail address, which has no space after).
  n = n.replace(NAME_THEN_TEAM, '$1');
  // "Alex Hernandez aka alt3kx": the name, the handle being another way to say it.
  n = n.replace(NAME_AKA, '$1');
  const parts = n.split(/\s*,\s*/).filter(Boolean);
  if (parts.length > 1 && !isNameList(n)) {
    const people = parts.filter((p) => !ORG.test(p) && ONLY_PERSON.test(p));
    if (people.length === 1) return people[0]!;
  }
  return n;
}

/**
 * An address made of a first and last name ("filippo.cavallarin@wearesegment.com"): the person,
 * as a triager credits them. Not a role's ("security.team@", "no.reply@") nor a handle's
 * ("xss_hunter@", "dark_knight@": an underscore joins a handle's words, a dot a person's names).
 */
const NAME_ADDRESS = /^(\p{L}{2,30})\.(\p{L}{2,30})@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}$/u;
const ROLE_WORD =
  /^(?:security|secure|team|research|researcher|vuln|vulns|vulnerability|red|blue|no|noreply|reply|admin|info|contact|support|help|bug|bugs|bounty|abuse|hello|psirt|cert|csirt|dev|ops|it|root|sales|web|mail|lab|labs|hack|hacker|hackers|pentest|audit|report|reports|disclosure|sec|appsec|infosec|product|project)$/i;

/** An address written so that harvesters miss it ("daath[at]nibblesec[dot]org", "x (at) y (dot) com"), as written to be read. */
function deobfuscated(s: string): string {
  return s.replace(/[ \t]{0,3}[[(][ \t]{0,3}at[ \t]{0,3}[\])][ \t]{0,3}/gi, '@').replace(/[ \t]{0,3}[[(][ \t]{0,3}dot[ \t]{0,3}[\])][ \t]{0,3}/gi, '.');
}
/** A role's mailbox written as one word ("secalert@", "securityteam@", "bugbounty@"). */
const ROLE_MAILBOX = /^(?:sec|security|vuln|bug|psirt|cert|product)(?:alerts?|team|reports?|bounty|response|contact|info)$/i;
/** An e-mail address alone. */
const ADDRESS = /^([\w.+-]{1,64})@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}$/;

function creditKind(name: string, context: string): CreditValue {
  const n = creditName(name);
  const address = NAME_ADDRESS.exec(n);
  if (address && !ROLE_WORD.test(address[1]!) && !ROLE_WORD.test(address[2]!)) {
    // A surname in capitals comes first in some firms' addresses ("MUELLER.hans@"): it goes last.
    const [a, b] = /^\p{Lu}+$/u.test(address[1]!) && !/^\p{Lu}+$/u.test(address[2]!) ? [address[2]!, address[1]!] : [address[1]!, address[2]!];
    return { kind: 'name', name: [a, b].map((w) => w[0]!.toUpperCase() + w.slice(1).toLowerCase()).join(' ') };
  }
  // A bare address that is no name's ("Credits:leinakesi[at]gmail.com"): its mailbox is the handle the finder goes by,
  // which a published credit shows rather than the address. A role's address ("security.team@") stays whole.
  const mailbox = ADDRESS.exec(n)?.[1];
  if (
    mailbox &&
    /\p{L}/u.test(mailbox) &&
    !mailbox.split(/[._+-]/).some((w) => ROLE_WORD.test(w) || ROLE_WORD.test(w.replace(/s$/, '')) || ROLE_MAILBOX.test(w))
  )
    return { kind: 'handle', name: mailbox };
  if (/^anonymous(?:ly)?$/i.test(n) || /^(?:none|no credit|n\/a)$/i.test(n)) return { kind: 'anonymous' };
  // The words around the name, not the name ("Nick Rolfe" is no nickname).
  const around = context.replace(name, ' ');
  if (/\b(?:pseudonym|handle|alias|nick(?:name)?|username)\b/i.test(around) || n.startsWith('@') || !/\s/.test(n)) return { kind: 'handle', name: n };
  return { kind: 'name', name: n };
}

/** A stated credit wish in a sentence, or the value of a Credit: field. */
export function findCredit(text: string, asFieldValue = false): { value: CreditValue; index: number; length: number } | undefined {
  const a = ANON.exec(text);
  const hits: Array<{ value: CreditValue; index: number; length: number }> = [];
  if (a) hits.push({ value: { kind: 'anonymous' }, index: a.index, length: a[0].length });
  for (const re of CREDIT_RES) {
    const m = re.exec(text);
    if (
      m &&
      /\p{L}/u.test(m[1] as string) &&
      !/^(?:a|an|the|me|you|soon|well|any|my|our|this|it)\b/i.test(m[1] as string) &&
      !TOOL.test(m[1] as string) &&
      !NOT_A_NAME.test(m[1] as string)
    )
      hits.push({ value: creditKind(m[1] as string, m[0]), index: m.index, length: m[0].length });
  }
  // A field's first line that is just a name ("Author : Bob Builder") is the value, before
  // any wish further down the field's text.
  const first = text.trim().split('\n')[0]?.trim() ?? '';
  if (asFieldValue && hits.length && /^\p{Lu}[\p{L}'.-]+(?: \p{Lu}[\p{L}'.-]+){0,3}$/u.test(first) && !/\b(?:credit|name|anonym|handle)/i.test(first))
    return { value: creditKind(first, first), index: text.indexOf(first), length: first.length };
  if (asFieldValue && !hits.length) {
    // A list's mark before the one name ("- renyu" under "## submitter") is not part of it.
    const raw = (text.trim().split('\n')[0]?.trim() ?? '').replace(/^(?:[-*•+]|\d{1,2}[.)])[ \t]+/, '');
    const line = oneSpaced(raw);
    if (/^(?:yes|please|sure)\W*$/i.test(line) || !line) return undefined;
    if (/\banonym/i.test(line)) return { value: { kind: 'anonymous' }, index: text.indexOf(raw), length: raw.length };
    const name = line
      .replace(/^(?:please (?:credit|use)|credit(?: me)?(?: as)?|name|as)\s*[:-]?\s*/i, '')
      // An affiliation in brackets or an address after the name ("Jane Doe <jane@example.org>") is not part of it.
      .replace(/\s*[(<].*$/, '')
      // Nor a bare address after it ("Sven Wurth     dos@net-war.de").
      .replace(/\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*$/, '')
      .replace(/^["“']|["”']$/g, '');
    if (name.length >= 2 && (name.length <= 60 || isNameList(name)) && /\p{L}/u.test(name))
      hits.push({ value: creditKind(name, line), index: text.indexOf(raw), length: raw.length });
  }
  return hits.sort((x, y) => x.index - y.index)[0];
}

/** Several people credited together ("Ana Díaz-Pache Alonso, Sergio Corral Cristo and David Álvarez Robles"): each a
 *  first and a last name at least, so that "Jane Roe, Synacktiv" or "John Smith, OSCP" is a person and what they are. */
function isNameList(line: string): boolean {
  const names = line.split(/,[ \t]*(?:and[ \t]+)?|[ \t]+(?:and|&)[ \t]+/);
  return (
    line.length <= 160 &&
    names.length >= 2 &&
    !ORG.test(line) &&
    names.every((n) => /^\p{Lu}[\p{L}'.-]+(?: (?:de |del |da |van |von )?\p{Lu}[\p{L}'.-]+){1,3}$/u.test(n.trim()))
  );
}

/** A "Found:" or "Discovered:" heading without "by". */
export const BARE_FINDING = /^[^\p{L}]*(?:found|discovered)[\s:.-]*$/iu;
/** A handle (one token with a letter) or a person's name (two to four capitalised words). */
const NAME_OR_HANDLE = /^(?:@?(?=[\w.-]{0,39}\p{L})[\p{L}\p{N}_.-]{2,40}|\p{Lu}[\p{L}'.-]{0,30}(?: \p{Lu}[\p{L}'.-]{0,30}){1,3})$/u;
/** What a "Found:" line gives that is no finder: when ("15-Jan-2009", "v2.1"), how ("Fuzzing", "internally", "Burp"), a placeholder. */
const NOT_A_FINDER =
  /\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/. ](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^v?\d{1,4}(?:\.\d{1,4})+$|^(?:internal(?:ly)?|in-?house|fuzz(?:ing|er)?|burp(?: suite)?|scanner|audit|review|testing|pentest|manual(?:ly)?|automated|tba|tbd|n\/a|none|unknown|yes|no|today|yesterday)$/i;

/** The finder a bare "Found:" line names, past its address or firm ("Jane Doe <jane@acme.org>", "Jane Doe of Acme Labs"). */
export function findersName(line: string): boolean {
  const one = oneSpaced(line);
  // Cut at the first mark that starts an address or firm (found, not matched from each blank).
  const cut = one.search(/ [-–|/] |[<([]| (?:of|from|at) \p{Lu}/u);
  const n = (cut < 0 ? one : one.slice(0, cut)).trim();
  // A class's name alone ("XSS", "SQL Injection") is what was found; a handle may hold one ("xss-hunter").
  const onlyAClass = canonicalVulnType(n) !== undefined && !/[-_\d]/.test(n);
  return NAME_OR_HANDLE.test(n) && !NOT_A_FINDER.test(n) && !onlyAClass;
}
