/**
 * Finders for what reporters write in free prose rather than under a heading:
 * sentences that state impact, configuration, a fix, public/exploited status, a
 * disclosure date (a credit wish: credit.ts; the product: prose-component.ts); commits,
 * branches and versions. Each
 * returns the value and its offsets. Bounded regexes over single sentences only.
 */
import { FIXED_RES, outsideFix } from './fixed-version.js';
import { findDate } from './dates.js';
import { buildAtCommit, isCommitId, repoLinks } from './repo-links.js';
import { DOTTED_VERSION, PLATFORM, versionRanges } from './version-ranges.js';

export interface Piece {
  start: number;
  end: number;
  text: string;
}

/** Sentences (and list items) of text[from, to), with offsets into text. */
export function sentences(text: string, from = 0, to = text.length): Piece[] {
  const out: Piece[] = [];
  // A sentence ends at its full stop, but not at the dots of a path's ".." ("such as .. in
  // untrusted input"). Also at each line that starts a "Label: value" or a list item: those
  // are statements of their own; at an underline ("====") or a box's edge ("+----+") under a
  // heading, which ends the heading; before a code fence, which ends the prose above it (else
  // that prose is dropped with the code); and after a heading line ("## Describe the bug",
  // "**Describe the bug**"), which is no part of the sentence below it (a '#' line above
  // another is an old exploit file's comment paragraph, not a heading). A heading stays a
  // piece of its own: it names the class of a part ("## SQL injection"). The look behind a
  // heading's end is tried only at a line break: at every position it was quadratic on a
  // hostile run of blanks.
  const re =
    /(?<!\b(?:e\.g|i\.e|etc|vs|approx|cf|incl|resp|no|nr|ca|Mr|Ms|Dr))(?<!(?:^|\s)\.)[.!?](?=\s)|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n(?=[ \t]*[A-Z][\w /()-]{0,40}:\s)|\n[ \t]*\+?[=~-]{3,}\+?[ \t]*(?=\n|$)|\n(?=[ \t]*(?:```|~~~))|\n\s*\n|\n(?<=(?:^|\n)[ \t]{0,3}(?:#{1,6}[ \t][^\n]{0,200}|\*\*(?![^*\n]{0,60}:\/\/)[^*\n]{1,60}\*\*:?[ \t]{0,8})\n)(?![ \t]{0,3}#)/g;
  re.lastIndex = from;
  let start = from;
  const slice = text.slice(0, to);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const end = m.index + (m[0].startsWith('\n') ? 0 : 1);
    push(text, out, start, end);
    start = m.index + m[0].length;
  }
  push(text, out, start, to);
  return out;
}

/** No honest sentence is longer; longer runs (a pasted dump) are not read as prose, which
 *  also bounds the sentence patterns' work. */
export const MAX_SENTENCE_CHARS = 2000;

function push(text: string, out: Piece[], s: number, e: number): void {
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (e > s && e - s <= MAX_SENTENCE_CHARS) out.push({ start: s, end: e, text: text.slice(s, e) });
}

const NEGATION = /\b(?:not|no|never|none|nobody|isn't|aren't|wasn't|hasn't|haven't|unaware|nothing)\b|n't\b/i;

/** true/false for "is it public/exploited" style answers; undefined when unclear. */
export function yesNo(s: string): boolean | undefined {
  const t = s.trim().toLowerCase();
  if (/^(?:yes|y|true|confirmed|public|publicly known|exploited|already public)\b/.test(t)) return true;
  if (/^(?:no|n|false|none|not (?:yet|public|known|to my knowledge|that i know)|unknown|not aware)\b/.test(t))
    return t.startsWith('unknown') ? undefined : false;
  return undefined;
}

/** The words before "is public" when the sentence speaks of something else (the product's code, a channel, a key), or
 *  of an issue anyone may open ("when a user creates a public issue", "the title and body of a public GitHub
 *  issue": a workflow's input), not of this report. */
const NOT_OF_THE_REPORT =
  /\b(?:source(?: code)?|code|repo(?:sitory)?|api|channel|key|profile|website|site|docs?|documentation|endpoint|bucket|link|url|page|file|data)\s+(?:\w+\s+)?$|\b(?:users?|attackers?|anyone|someone|somebody|everyone|visitors?|they)\s+(?:can\s+|could\s+|may\s+)?(?:creates?|opens?|comments? on|posts?|submits?|files?)\s+(?:a|an|any|new)\s+$|\b(?:title|body|text|comments?|content|labels?)\s+(?:and\s+\w+\s+)?of\s+(?:a|an|any)\s+$/i;

/** What a public issue was opened for when it only asked for a way to report privately ("Created public issue to request security contact"). */
const ASKS_FOR_CONTACT =
  /^[ \t]+(?:to|asking|requesting)[ \t]+(?:(?:request|ask(?:ing)?[ \t]+for|find|get)[ \t]+)?(?:a[ \t]+|the[ \t]+)?(?:security[ \t]+|private[ \t]+)?(?:contact|email|channel)\b/i;

/** How a question opens, behind a list's mark ("* Have you already …", "Is this issue public?"). */
const QUESTION_OPENING =
  /^[\s*>#-]*(?:have|has|had|is|are|was|were|did|do|does|will|would|could|can|should|may|what|when|how|why|where|which|who|if|any chance|i wonder)\b/i;

/**
 * Whether the mention at `at` is asked, not told: in a sentence that ends on a question mark, unless it stands in an
 * earlier clause than the question ("It was publicly disclosed on GitHub, could you prioritise a fix?" tells) and the
 * sentence opens as no question ("If the issue is publicly known, would you still pay?" asks).
 */
function isAsked(sentence: string, at: number): boolean {
  const t = sentence.trimEnd();
  if (!t.endsWith('?')) return false;
  if (QUESTION_OPENING.test(t)) return true;
  const lastClause = Math.max(t.lastIndexOf(','), t.lastIndexOf(';'), t.lastIndexOf(' - '), t.lastIndexOf('—'));
  return at > lastClause;
}

const PUBLIC =
  /\bpublicly (?:disclosed|known|posted|reported|visible|documented)\b|\b(?:exploit|poc|proof[- ]of[- ]concept|details|write-?up|advisory|report|issue|vulnerability)s? (?:is |are |was |were |has been |have been |now |already )*publicly available\b|\b(?:is|are|was|been|already)(?: not| yet| not yet)? (?:already )?(?:public|publicly known)\b|\bnot (?:yet )?(?:public|publicly known)\b|\b(?:posted|published|tweeted|disclosed|discussed|reported) (?:it |this )?(?:publicly|(?:on|at|in) (?:twitter|x\.com|github|a public|the public|reddit|hacker ?news|full[- ]disclosure|mastodon|my blog|a blog))|\bpublic (?:github )?issue\b|\b(?:issue|vulnerability|bug|flaw|details|exploit|poc|proof[- ]of[- ]concept|write-?up)\s+(?:has|have|had|was|were)(?: already| now)? (?:been )?(?:published|disclosed|made public)\b(?!\s+(?:to|only|privately|under|in private)\b)|\bpublic (?:exploit|poc|proof[- ]of[- ]concept)s?(?: code)? (?:exists?|is available|are available|(?:was|were|has been|have been) (?:released|published))\b|\b(?:releas(?:e|ed|ing)|publish(?:ed|ing)?|publication) (?:of )?(?:the |a |our |this )?(?:security )?advisory\b|^[ \t]*from (?:the )?(?:full[- ]disclosure|oss-security|bugtraq)(?: mailing list)?[ \t]*:|\b(?:posted|sent|post) (?:it |this )?(?:to|on) (?:the )?(?:oss-security|full[- ]disclosure|bugtraq)\b|\b(?:disclosed|posted|published|reported) (?:it |this )?on (?:the )?(?:oss-security|full[- ]disclosure|bugtraq)(?: mailing list)?\b|\b(?:shared|told|disclosed|published|reported|mentioned|posted) (?:this|it|the (?:issue|details|bug))? ?(?:with |to )?(?:anyone|anybody|anywhere|others|any third part(?:y|ies)|publicly)\b/i;
const EXPLOITED =
  /\b(?:exploited|exploitation|exploiting|abused|used in attacks)\b[^.]{0,40}\bin[- ]the[- ]wild\b|\bin[- ]the[- ]wild\b[^.]{0,30}\b(?:exploit|attack|abuse)|\bactively (?:exploited|being exploited|used|abused)\b|\bbeing exploited\b|\bexploitation in the wild\b|(?<!\b(?:can|could|may|might|would|will|must|should)\s+be\s+(?:\w+\s+)?|\b(?<!\b(?:known|reported|believed|said|confirmed|seen|found|observed|thought|understood)\s)to\s+be\s+(?:\w+\s+)?)\bexploited (?:in the wild|against)\b/i;

// Global copies made once: a RegExp built per sentence (matchAll on a new one) was a tenth of
// all extraction time on a backlog (issue 11), these patterns being long alternations.
const PUBLIC_EVERY = new RegExp(PUBLIC.source, 'gi');
const EXPLOITED_EVERY = new RegExp(EXPLOITED.source, 'gi');

/** Every match of a global pattern in text, from its start (the pattern's lastIndex is reset). */
function everyMatch(re: RegExp, text: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

export function statusSentence(all: Piece[], which: 'public' | 'exploited'): { value: boolean; piece: Piece } | undefined {
  const re = which === 'public' ? PUBLIC_EVERY : EXPLOITED_EVERY;
  for (const p of all) {
    // The last mention in the sentence decides: "a public issue exists, but this is not publicly known".
    // Only what is said of the report: "the source code is public" or "a public channel" says nothing of it.
    const all = everyMatch(re, p.text).filter(
      (x) =>
        which !== 'public' ||
        !(
          NOT_OF_THE_REPORT.test(p.text.slice(Math.max(0, x.index - 40), x.index)) ||
          ASKS_FOR_CONTACT.test(p.text.slice(x.index + x[0].length, x.index + x[0].length + 60))
        ),
    );
    const m = all.at(-1);
    if (!m) continue;
    // A question says nothing yet ("Have you already publicly disclosed any information on this issue?"): its answer does.
    if (isAsked(p.text, m.index)) continue;
    if (which === 'public' && /\b(?:before|until|prior to) (?:it is |it's |this is )?(?:public|disclos)/i.test(p.text) && !/\balready\b/i.test(p.text))
      continue;
    // The negation that counts governs the mention: in its clause, a few words before it or in it
    // ("not yet public", "hasn't been publicly disclosed"), not any "not" earlier in a long sentence
    // ("I'm not claiming credit, since it was publicly disclosed on oss-security").
    const clauseStart = Math.max(0, p.text.slice(0, m.index).search(/[^,;:()]*$/));
    const before = p.text.slice(Math.max(clauseStart, m.index - 40), m.index + m[0].length);
    return { value: !NEGATION.test(before), piece: p };
  }
  return undefined;
}

const ACTOR =
  '(?:attackers?|(?<!\\b(?:am|\x27m|as|being)\\s(?:an?\\s)?(?:[\\w-]+\\s){0,3})(?<!(?:ethical|white[- ]?hat|gr[ae]y[- ]?hat|security|bounty)\\s)hackers?|adversar(?:y|ies)|malicious (?:users?|actors?|part(?:y|ies)|websites?|pages?|apps?)|users?|tenants?|customers?|admins?|administrators?|visitors?|clients?|actors?|anyone|anybody|everybody|everyone|someone|employees?|members?|apps?|you)';
const HARM =
  '(?:execut|run|read|writ|steal|access|take over|delet|modif|download|upload|bypass|escalat|impersonat|crash|inject|obtain|gain|leak|dump|forg|hijack|unsubscrib|withdraw|reset|log ?in|sniff|trick|chang|view|see|list|enumerat|exfiltrat|overwrit|caus|trigger|make|mark|put|push|place|corrupt|get|lock|spoof|replay|control|install|send|redirect|call|connect)';
// Who is unmistakably hostile needs no harmful verb after "can": "any user can act as the owner".
const STRONG_ACTOR =
  '(?:(?:an? |the |any )?(?:remote |unauthenticated |malicious |low[- ]privileged? )?(?:attackers?|adversar(?:y|ies))|any (?:authenticated |logged[- ]in |other |remote |unauthenticated )?(?:users?|customers?|tenants?|visitors?|one|body)|anyone|anybody|unauthenticated (?:users?|visitors?|clients?)|malicious (?:users?|actors?|websites?|pages?|apps?|tenants?))';
const IMPACT = [
  new RegExp(`\\b${STRONG_ACTOR}\\b[^.]{0,60}?\\b(?:can|could|may|might|is able to|are able to|would be able to|will be able to)\\s+\\w+`, 'i'),
  new RegExp(`\\b${ACTOR}\\b[^.]{0,100}?\\b(?:can|could|may|might|is able to|are able to|would be able to|will be able to)\\b[^.]{0,60}?\\b${HARM}`, 'i'),
  new RegExp(
    // The actor is whom it allows ("allows remote attackers to …"), not any person named
    // later ("allows companies to centralize confidential employee information" is a blurb).
    `\\b(?:(?:allows?|allowing|lets?|enables?|permits?)\\s+(?:(?:an?|the|any|every|all|other|remote|local|unauthenticated|authenticated|unprivileged|malicious|low[- ]privileged?|logged[- ]in|arbitrary|[a-z]{3,20}ed)\\s+){0,4}${ACTOR}\\b|(?:allows?|allowing|lets?|leads? to|leading to|results? in|resulting in|enables?|permits?|possible to|makes? it possible)\\b[^.]{0,80}?\\b(?:arbitrary|execution|takeover|take over|disclosure|leak|denial|crash|escalation|bypass|hijack|exfiltration|compromise|theft|corruption|fraud|(?:email|password|account|role|admin|user|setting)s? (?:change|reset|deletion|modification))\\b)`,
    'i',
  ),
  /\b(?:impact|consequence)s? (?:is|are|would be|includes?)\b/i,
  // "In both cases remote code execution is possible."
  /\b(?:remote code execution|(?:arbitrary )?(?:code|command) execution|rce|account takeover|privilege escalation|denial of service|information disclosure|data loss)\b[^.]{0,40}?\b(?:is|are|becomes?|was|were) (?:possible|achievable|feasible|achieved|obtained)\b/i,
  // "will cause the device to delete all data"
  /\b(?:will|would|can|could|may|might)\s+(?:cause|force|lead|make)\b[^.]{0,60}?\b(?:delet|crash|reboot|hang|freez|wip|destroy|corrupt|unusable|unavailable|unresponsive|denial)/i,
  // "can be abused to execute commands on boot", "an attack can be performed … to obtain sensitive information"
  // "This functionality can be hijacked to force mrpt to run arbitrary commands."
  /\b(?:can|could|may|might) be (?:abused|exploited|leveraged|used|performed|carried out|launched|hijacked)\b[^.]{0,80}?\bto (?:force \w+ to )?(?:execute|run|obtain|read|steal|access|gain|write|delete|modify|take over|escalate|bypass|crash)\b/i,
  // "This module could be abused by attackers to perform requests to internal servers": what the misused part is made to do
  // (misused: "can be used to perform a search" is what it is for).
  /\b(?:can|could|may|might) be (?:abused|exploited|leveraged|hijacked|misused)\b[^.]{0,40}?\bto (?:perform|make|send|issue|forge)\s+(?:\w+\s+){0,2}(?:requests?|actions?|queries|calls)\b/i,
  // "any malicious site the user is browsing could force them to logout": what a forged request makes its victim do
  // (could: "the new policy will force users to change their password" is a product's rule).
  /\b(?:can|could|may|might)\s+force\s+(?:them|him|her|the (?:victim|user|admin(?:istrator)?)s?|an? (?:victim|user|admin(?:istrator)?)|(?:victim|user|admin)s)\s+to\s+\w+/i,
  // What the flaw itself can be exploited to do ("This can be exploited to disclose the contents of arbitrary files",
  // "This difference could be used to perform username enumeration"), not a tool ("amass can be used to enumerate").
  /\b(?:this|it|the (?:flaw|bug|issue|vulnerability|weakness|difference|behaviou?r))(?: \w+)? (?:can|could|may|might) be (?:abused|exploited|leveraged|used)\b[^.]{0,40}?\bto (?:disclose|leak(?!-)|enumerate|impersonate|hijack|exfiltrate|perform (?:an? )?(?:\w+ ){0,2}(?:enumeration|attacks?|takeover))\b/i,
  // "This might lead to consuming large amounts of CPU time": a resource the flaw exhausts (not "running the fuzzer results in …").
  /\b(?:this|it|which)\b[^.]{0,30}?\b(?:lead|leads|leading|result|results|resulting) (?:to|in) (?:consum\w+|exhaust\w+|using up)\b[^.]{0,60}?\b(?:cpu|memory|ram|disk|resources?|time)\b/i,
  // "resulting in OOB write", "leads to memory corruption"
  /\b(?:result(?:s|ing)? in|lead(?:s|ing)? to|caus(?:e|es|ing))\b[^.]{0,60}?\b(?:oob (?:write|read)|out[- ]of[- ]bounds (?:write|read)|(?:heap|stack|buffer) overflow|memory corruption|use[- ]after[- ]free|double[- ]free)\b/i,
  // "… run in the browser of anyone who views the profile": an XSS's reach.
  /\b(?:runs?|executed?|interpreted)\b[^.]{0,60}\bin the browser of (?:anyone|any (?:user|visitor)|every(?:one| user)|other users|the victim|victims)\b/i,
  // "Able to CSRF a user to log them out.": what the writer could do, its subject left out.
  /^\W*able to\s+\w+/i,
  // "it can add the administrator account"
  /\b(?:can|could|may|will)\s+(?:add|create|generate|register)\s+(?:an? |the )?(?:new )?(?:administrator|admin|superuser|root)\b/i,
  // "so it's possible to read any file", "we were able to read files all over the filesystem"
  /\b(?:possible|able) to (?:read|write|delete|access|download|view|modify|overwrite|execute|run)\b[^.]{0,40}?\b(?:any|arbitrary|all|other|every|sensitive)\b/i,
  // "the payload will fire, even if the target is not logged in": an XSS that runs for whoever visits.
  /\b(?:payload|script|xss)\s+(?:will|would|is going to|gets)\s+(?:fire|execute|run|trigger)\b/i,
  // "we can upload a PHP file to getshell"
  /\b(?:can|could|to|allows?)\b[^.]{0,60}?\b(?:get ?shell|get a (?:web |reverse )?shell|reverse shell)\b/i,
  // "can deceive users into thinking they are visiting …"
  /\b(?:can|could|may|might|will|to)\s+(?:deceive|trick|mislead|fool|phish)\s+(?:the |other )?(?:users?|victims?|people|visitors?)\b/i,
  // "thus redirecting the user to an arbitrary external domain": where an open redirect sends its victim.
  /\bredirect(?:s|ing|ed)? (?:the |a |any )?(?:users?|victims?|visitors?|browsers?) to (?:an? |any )?(?:arbitrary|external|attacker|malicious|untrusted|third-party|another)\b/i,
  // "it is possible to inject custom javascript code": what an injection puts in (the class alone names no outcome).
  // Not denied ("it is not possible to inject", "we were not able to inject") nor asked ("Is it possible to inject …?").
  /(?<!\b(?:not|never|n't|impossible|unable)\s(?:\w+\s)?)\b(?:possible|able) to inject\b[^.?]{0,40}?\b(?:javascript|js|html|scripts?|code|sql|commands?|payloads?)\b(?![^.\n]{0,200}\?)/i,
  // "the user email adresse will be changed to attackers-mail@gmail.com": a forged request's effect on the victim's account
  // (to the attacker's value: "the password will be reset to a temporary one by support" is a feature).
  /\b(?:e-?mail|password|account|role|permissions?)\b[^.]{0,30}\b(?:will|would|can|could) be (?:changed|reset|modified|set) to\b[^.]{0,60}?\b(?:attacker\w*|evil|malicious|hacker\w*)/i,
  // "the page will execute the script": who runs an XSS's payload (not a server running the code it is given).
  /\b(?:page|browser)\s+(?:will|would)\s+(?:execute|run)\s+(?:the |a |any |this |our |my )?(?:script|payload|javascript|js)\b/i,
  // "Which would allow us stoling visitors cookies", "to hijack the admin's session": what an XSS is for, misspelt or not.
  /\b(?:allows?|allowing|lets?|enables?|can|could|would|will|to)\b[^.]{0,40}?\b(?:steal\w*|stol\w*|hijack\w*|exfiltrat\w*)\b[^.]{0,40}?\b(?:cookies?|sessions?|credentials?|tokens?|passwords?|accounts?)\b/i,
];

export function firstMatching(all: Piece[], res: RegExp[], skip?: (p: Piece) => boolean): Piece | undefined {
  for (const p of all) if (!skip?.(p) && res.some((re) => re.test(p.text))) return p;
  return undefined;
}

export const impactPatterns = IMPACT;

// A default only as the set-up the flaw holds in ("exploitable in the default configuration", "on a default
// installation"): a sentence that tells the product's defaults ("The default configuration file for PCCS has default
// insecure passwords") told the flaw itself five times in the tune corpus, and a set-up never.
export const CONFIG_PATTERNS = [
  /\b(?:exploitable|vulnerable|works?|reproducible|reproduces|affected|triggered|triggerable)\b[^.\n]{0,30}?\b(?:in|on|with|under) (?:the |a |its |an? )?default (?:configuration|install(?:ation)?|settings?|config|setup)\b/i,
  /\b(?:only (?:when|if)|requires?|required|needs?|must (?:be|have)|provided that|as long as|when|if|with)\b[^.]{0,80}?\b(?:is |are |be )?(?:enabled|disabled|turned on|switched on|set to|configured|activated)\b/i,
  /\bwith (?:the )?[\w`'".-]+ (?:option|setting|flag|feature|module|plugin) (?:on|enabled|set)\b/i,
  /\b(?:config(?:uration)?|setting|option)\s+`?[\w.-]+`?\s*(?:=|is set to|set to)\s*\S+/i,
  /\b(?:runs?|running|is run) as (?:root|admin(?:istrator)?|system|local ?system)\b/i,
  // A sentence that opens with the set-up it holds for: "When using serveStatic with deno, it is possible …".
  /^\W*(?:only )?(?:when|if) (?:using|running|deployed|installed|hosted|built)\b(?! (?:the|this|a|our|my) (?:poc|payload|exploit|script|command|following|above|below)\b)[^,.\n]{2,80},/i,
  /\b(?:binds?|listens?|exposed?|reachable) (?:\w+ )?(?:to|on) (?:0\.0\.0\.0|all interfaces|the internet)\b|\bwithout (?:a |any )?(?:password|authentication)\b/i,
];

/** A sentence that says there is no fix ("This issue was not fixed by the vendor.", "No solution is available …"). */
const NO_FIX_SENTENCE =
  /^(?:(?:this |the )?(?:issue|vulnerability|bug|problem)s? (?:was|were|is|are|has|have) not (?:been )?(?:fixed|patched|addressed)\b|no (?:solution|fix|patch|workaround|mitigation|update)s? (?:was |were |is |are |has been )?(?:provided|available|known|released|given)\b|(?:i'?m|we are|i am) not aware of any (?:patch|fix|solution)\b)/i;
/** A whole value under a fix heading that says there is none in a word ("None", "n/a", "Not fixed."). */
const NO_FIX_WORD = /^(?:not (?:yet )?fixed|unfixed|none|n\/a|unknown|no)\.?$/i;

/** Whether a value under a fix heading says there is none: in a word, or in its first sentence. */
export function saysNoFix(text: string): boolean {
  const t = text.trim();
  return NO_FIX_WORD.test(t) || NO_FIX_SENTENCE.test(t);
}

/**
 * Whether a sentence of prose only says there is no fix, with its heading's name on the line
 * above ("Solution\nNo solution is available …"). One that also says what to do ("No patch was
 * provided, so we recommend blocking /search.php") is a mitigation.
 */
export function onlyNoFix(sentence: string): boolean {
  return sentence.split('\n').some((l) => NO_FIX_SENTENCE.test(l.trim())) && !RECOMMENDS.test(sentence);
}
const RECOMMENDS = /\b(?:recommend\w*|should|must|advis\w*|suggest\w*|disable|upgrade|update to|apply|restrict|block|avoid|workaround is to|mitigat\w+ by)\b/i;

export const MITIGATION_PATTERNS = [
  /\b(?:i|we)(?:'d| would)? (?:suggest|recommend|propose|advise)\b/i,
  /\bupgrad(?:e|ing) to .{0,40}?\b(?:fix|solv|resolv)\w*/i,
  // An imperative that opens the sentence: "Upgrade Mattermost to version v4.4.0.", "Update to the most recent plugin version."
  /^\s*(?:upgrade|update|patch)\b[^.\n]{0,60}?\bto (?:the )?(?:latest|most recent|newest|fixed|patched|current|version|release|v?\d)/i,
  /\b(?:the |a |one |possible |simple |proper )?(?:fix|remedy|solution|mitigation|workaround)s? (?:is|would be|could be|might be|should be|here is)\b/i,
  /\bshould (?:also )?(?:be )?(?:properly )?(?:validat|escap|sanitiz|sanitis|encod|check|us|reject|restrict|enforc|verif|limit|parameteri[sz]|upgrad|compar|bound|whitelist|allowlist|invalidat|requir|block|deny|disallow|strip|remov|disabl)/i,
  // "the package should also have a blacklist": the guard it lacks, named.
  /\bshould (?:also )?have (?:an? |some )?(?:(?:black|white|block|allow|deny)[\s-]?list|checks?|limits?|validation|sanitization|authentication|authori[sz]ation)\b/i,
  /\bto (?:fix|mitigate|remediate|prevent|avoid) (?:this|it|the issue|the problem|the vulnerability)\b/i,
  // "this should be fixed by defining a page whitelist", "it can be mitigated by disabling …": the way out, named.
  /\b(?:this|it|the (?:issue|problem|vulnerability|bug|flaw))\s+(?:should|could|can|must|might|may)\s+be\s+(?:easily\s+)?(?:fixed|mitigated|prevented|resolved|addressed|solved|remediated)\s+by\b/i,
  // "I think the restrictions should be in place": what ought to exist, said as a wish.
  /\b(?:checks?|restrictions?|validation|authori[sz]ation|access control|limits?)\s+should\s+be\s+(?:in place|added|implemented|enforced)\b/i,
  /\bconsider (?:using|adding|validating|escaping|checking|switching)\b/i,
  /\b(?:as a workaround|until a fix is available|in the meantime),? /i,
  /\bplease (?:ship|release|publish|update|upgrade|patch|apply|add|remove|disable|restrict|validate|escape|sanitize|sanitise|reject|pin|enforce|rotate|revoke)\b/i,
];

/** What comes before a hex string that is a secret's value, not a commit ('CSRF_TOKEN="bd89…"', "api_key: 9f…"). */
const SECRET_VALUE = /(?:token|key|secret|csrf|session|cookie|passw(?:or)?d|salt|nonce|signature|digest)\w*["']?[ \t]*[:=][ \t]*["'`]?$/i;

export function findCommit(text: string): { value: string; index: number; length: number } | undefined {
  const m =
    /\b(?:commit|revision|rev|sha1?|hash|HEAD (?:at|is)|at|on)\b(?:\s+(?:id|hash|sha))?\s*[:#=]?\s*`?([0-9a-f]{7,40})\b`?/i.exec(text) ??
    [...text.matchAll(/(?<![\w/])([0-9a-f]{40})(?![\w/])/g)].find((h) => !SECRET_VALUE.test(text.slice(Math.max(0, h.index - 40), h.index)));
  if (m && isCommitId(m[1] as string))
    return { value: (m[1] as string).toLowerCase(), index: m.index + m[0].indexOf(m[1] as string), length: (m[1] as string).length };
  // The product's code linked at a commit ("…/siteproxy/blob/2551e27…/index.js#L31"): where the report
  // read it. Not a /commit/ link (as often the fix), nor a write-up's or exploit's repository.
  const code = repoLinks(text).find((l) => !l.writeUp && (l.kind === 'blob' || l.kind === 'tree') && l.ref?.length === 40 && isCommitId(l.ref));
  if (code) return { value: code.ref!.toLowerCase(), index: code.index + code.url.indexOf(code.ref!), length: 40 };
  // A fuzzer's build folder named for the project at a commit ("…/pocs/blob/master/mjs-8d847f2/…").
  const built = buildAtCommit(text);
  return built && { value: built.commit, index: built.index + built.project.length + 1, length: built.commit.length };
}

// (nor a preposition after it: "a branch from the base repository")
const NOT_BRANCH =
  /^(?:the|a|an|this|that|is|of|where|which|and|or|protection|name|names|named|it|to|in|on|from|for|with|by|at|as|into|was|were|has|had|build|builds|version|commit|head|tip)$/i;

export function findBranch(text: string): { value: string; index: number; length: number } | undefined {
  const res = [
    // "Chrome version: master branch build 8f57323": a well-known branch's name before the word.
    /\b(master|main|trunk|develop|devel)[ \t]+branch\b/gi,
    /\b(?:on|in|of|from|against) (?:the |our |your )?[`'"]?([\w][\w./-]{0,60}?)[`'"]? branch\b/gi,
    // Not "branches" ("es"); blanks on the line only ("branch" then a run of blanks was quadratic).
    /\bbranch\b(?:[ \t]*[:=])?[ \t]*[`'"]?([\w][\w./-]{0,60})[`'"]?/gi,
  ];
  for (const re of res) {
    let seen = 0;
    for (const m of text.matchAll(re)) {
      if (++seen > 20) break;
      // A release ("Branch: 1.3.11") is a version; "    branch: gh-pages" is a workflow's setting in pasted YAML.
      if (/^v?\d+\.\d+\.\d+/.test(m[1] as string) || /\n[ \t]+$/.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (NOT_BRANCH.test(m[1] as string)) continue;
      return { value: (m[1] as string).replace(/[.,]$/, ''), index: m.index + m[0].indexOf(m[1] as string), length: (m[1] as string).length };
    }
  }
  return undefined;
}

// A Debian or Ubuntu package version glues its suffix on: "0.2.38.3ubuntu0.1", "2.4.1deb9".
export const VERSION_TOKEN = new RegExp(String.raw`(?<![\w.\/:-])(?:${DOTTED_VERSION})(?![\w\/]|\.\d)|(?<![\w.])\d+\.x\b|(?<![\w.])r\d{3,}\b`, 'gi');

function dayFirstDate(token: string): boolean {
  const m = /^(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)$/.exec(token);
  return m !== null && +m[1]! >= 1 && +m[1]! <= 31 && +m[2]! >= 1 && +m[2]! <= 12;
}

export function versionTokens(text: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>(); // not out.includes: quadratic on a line of thousands of versions
  for (const m of text.matchAll(VERSION_TOKEN)) {
    const before = text.slice(Math.max(0, m.index - 20), m.index);
    if (PLATFORM.test(before.trimEnd())) continue;
    if (/\bdate[d:]?\s*[:=]?\s*$/i.test(before)) continue; // "# Date: 2016.10.8" is a date, though CalVer looks the same
    if (/^\d+\.\d+\.\d+\.\d+$/.test(m[0]) && Number(m[0].split('.')[0]) > 20) continue; // an IP address
    if (/^\d+\.\d+\.(?:\d+|x)\.x$/i.test(m[0]) && (Number(m[0].split('.')[0]) > 99 || m[0].startsWith('10.'))) continue; // an IP range ("169.254.x.x"), not "21.3.x.x\"
    if (dayFirstDate(m[0])) continue; // "30.05.2016" in a timeline: a day, never a release (CalVer puts the year first)
    const v = m[0].toLowerCase().replace(/^v\.?/, ''); // "v.7.53" is 7.53
    if (!seen.has(v)) {
      seen.add(v);
      out.push(v);
    }
  }
  return out;
}

const VERSION_CONTEXT =
  /\b(?:versions?|releases?|affect(?:s|ed|ing)?|vulnerable|tested (?:on|against|with)|up to|prior to|before|through|and (?:earlier|older|below|later|newer|above)|or (?:earlier|older|lower)|<=|>=|<|running|latest|build)\b|\bv\d/i;
const FIX_CONTEXT = /\b(?:fixed|patched|resolved|solved|addressed) (?:in|by|with)\b|\b(?:upgrad|updat)(?:e|ing) to\b|\b(?:fix(?:ed)?|patched) versions?\b/i;

const NOT_AFFECTED =
  /\b(?:not|isn't|aren't|wasn't|doesn't|don't) (?:be )?(?:affected|vulnerable|have (?:this|the) (?:code|bug|issue))|\bdoes not have\b|\bnot (?:yet )?(?:in|part of)\b/i;
// A product name right before its version: "Acme Portal 3.2.1", "firmware 1.0.9.44".
const NAMED_VERSION = /\b[A-Za-z][\w.+-]*["'”]?,? (?:version |v|release |build )?\d+\.\d+/;

export function affectedVersionSentence(all: Piece[]): Piece | undefined {
  // A sentence naming the fix may still name the affected ones ("fixed in 3.1.21, but 3.1.20
  // and earlier are affected"): it counts when a version outside the fix context remains.
  // A question ("is 3.0.0 also affected?") is not a claim: the version named in the report's
  // own sentences wins over one the reporter only wonders about.
  const usable = all.filter(
    (p) =>
      (!(FIX_CONTEXT.test(p.text) || FIXED_RES.some((re) => re.test(p.text))) || versionRanges(outsideFix(p.text)).length > 0) &&
      !/CVSS/i.test(p.text) &&
      // A severity's score ("i.e. 9.8 Critical", "Severity: 7.5 (High)") is no version.
      !/\b\d{1,2}\.\d[ \t]*\(?(?:critical|high|medium|moderate|low)\b/i.test(p.text) &&
      // A mail's or an MHT file's header in a PoC: MIME's own version, always 1.0.
      !/\bMIME-Version\s*:/i.test(p.text) &&
      // An advisory's own revision ("- Revision 1.0", "Document revision: 2").
      !/^\W*(?:document\s+)?rev(?:ision)?\.?\s*:?\s*\d[\d.]*\s*$/i.test(p.text.trim()) &&
      !NOT_AFFECTED.test(p.text) &&
      !/\?["')\]]*\s*$/.test(p.text.trim()) &&
      versionTokens(p.text).length,
  );
  return usable.find((p) => VERSION_CONTEXT.test(p.text)) ?? usable.find((p) => NAMED_VERSION.test(p.text));
}

const DISCLOSE =
  /\b(?:disclos\w*|publish\w*|go(?:ing)? public|make (?:it|this) public|public(?:ation)?|blog post|write[- ]?up|talk|present(?:ing)?|advisory|embargo|release (?:the |my )?(?:details|advisory|write-?up))\b/i;

export function disclosureSentence(all: Piece[]): { value: string; piece: Piece } | undefined {
  for (const p of all) {
    if (!DISCLOSE.test(p.text) || !/\b(?:i|we|my|our)\b/i.test(p.text)) continue;
    if (/\b(?:your|the vendor's|policy says)\b/i.test(p.text) && !/\b(?:i|we) (?:will|plan|intend|would like|am going|are going)\b/i.test(p.text)) continue;
    const d = findDate(p.text);
    if (d) return { value: d.value, piece: p };
  }
  return undefined;
}
