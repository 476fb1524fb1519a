/**
 * Whether a Summary's first line describes the report rather than titles it: a description (long,
 * or two sentences) or one sentence that opens as a clause, says what can happen, or is the
 * vendor's blurb for the product; and whether a Subject titles the same flaw better than a
 * sentence that says the flaw is there. Pure; bounded patterns over one line of untrusted report text.
 */
import { titlesTheReport } from './title.js';
import { canonicalVulnType, findVulnTypes } from './vuln-types.js';

/** A sentence's verb that says what can happen ("access_token can be exposed in …", "it allows …"): a description's, not a title's. */
const SAYS_WHAT_HAPPENS =
  /\b(?:can|could|may|might|will|would)[ \t]+(?:not[ \t]+)?(?:be[ \t]+)?\w+|\b(?:allows?|lets|enables?|leads?|results)\b|\b(?:is|are)[ \t]+able[ \t]+to\b/i;

/** A sentence's verb that says the flaw is there ("A potential mXSS vulnerability exists in Qwik …", "Some avo fields are vulnerable to XSS …"). */
const SAYS_IT_IS_THERE = /\b(?:exists|(?:is|are)[ \t]+(?:not[ \t]+)?(?:vulnerable|affected|present|possible|exposed))\b/i;

/** How a sentence opens that is a clause, not a title's noun phrase ("When using X, it is possible …", "This is basically …"). */
const CLAUSE_OPENING = /^(?:when|if|while|since|because|although|after|before|this|these|there|it|we|i|you|our|my)\b/i;

/** A sentence that says what the product is ("XOOPS is a web application platform written in PHP …"): its vendor's
 *  blurb, unless it names a class of flaw ("The image proxy at /api/fetch is an open SSRF into …") and no kind of
 *  software ("DOMPurify is a DOM-only XSS sanitizer" is a blurb). */
const KIND_OF_SOFTWARE =
  /\b(?:sanitizers?|firewalls?|filters?|scanners?|librar(?:y|ies)|tools?|frameworks?|plugins?|platforms?|applications?|engines?|servers?|clients?|modules?|packages?|extensions?|cms|suite|software|system|service|proxy server)\b/i;
const DEFINES_THE_PRODUCT = /^[^:.\n]{1,60}? (?:is|are) (?:a|an|one of the)\b/i;

const wordCount = (line: string): number => line.split(/\s+/).filter(Boolean).length;

/** A description, not a title: eighteen words or more (a title is rarely half that), or two sentences. */
export function isDescription(line: string): boolean {
  return wordCount(line) >= 18 || /\w[.!?]\s+\p{Lu}/u.test(line);
}

/**
 * One sentence of eight words or more that opens as a clause, says what can happen before
 * any colon, or says what the product is, and comes to its full stop ("When using X, it is possible …", "access_token can
 * be exposed in …"): a description when the Subject can title the report instead.
 * ("LDAP injection in the user search of Wikimate." and "Missing authorization on X: any user
 * can …" are titles.)
 */
export function isDescribingSentence(line: string): boolean {
  return (
    wordCount(line) >= 8 &&
    (CLAUSE_OPENING.test(line) ||
      SAYS_WHAT_HAPPENS.test(line.split(/:\s/)[0]!) ||
      (DEFINES_THE_PRODUCT.test(line) && (canonicalVulnType(line) === undefined || KIND_OF_SOFTWARE.test(line)))) &&
    // Its full stop, or a lower-case opening ("too high p2c parameter in JWE's alg PBES2-* could lead to a DOS attack").
    (/[\p{L}\d)\]`'"]\.$/u.test(line) || (/^\p{Ll}/u.test(line) && SAYS_WHAT_HAPPENS.test(line)))
  );
}

/**
 * A Summary sentence that says the flaw is there ("A potential mXSS vulnerability exists in Qwik
 * for versions up to 1.6.0.") gives way to a Subject only when that Subject titles the same flaw
 * better: it names a flaw and shares a name with the sentence ("Qwik has a potential mXSS
 * vulnerability due to improper HTML escaping"); "Security vulnerability found on your website",
 * "Report #4521" or the product's name alone do not.
 */
export function subjectTitlesItBetter(line: string, subject: string | null | undefined): boolean {
  if (
    !subject ||
    !titlesTheReport(subject) ||
    /^\s*(?:re|fwd?|aw)\s*:|\[[^\]]{0,40}\]/i.test(subject) ||
    wordCount(line) < 8 ||
    !SAYS_IT_IS_THERE.test(line.split(/:\s/)[0]!) ||
    !/[\p{L}\d)\]`'"]\.$/u.test(line)
  )
    return false;
  if (wordCount(subject) < 4 || !(findVulnTypes(subject).length || FLAW_WORD.test(subject))) return false;
  // A name, not the class both name ("stored XSS"): the class's words are left out of both.
  const own = new Set(nameWords(withoutClasses(line)));
  return nameWords(withoutClasses(subject)).some((w) => own.has(w));
}
/**
 * A sentence about the product ("The new scope policy feature displays all Program names and …"): it opens with "The"
 * and comes to its full stop, under a Subject that names a flaw ("Scope information is leaked …"), which titles the
 * report instead. (Under a Subject that names none, "Bug bounty submission", such a sentence may be the best title.)
 */
export function describesUnderAFlawSubject(line: string, subject: string | null | undefined): boolean {
  return (
    /^the\b/i.test(line) &&
    wordCount(line) >= 8 &&
    /[\p{L}\d)\]`'"]\.$/u.test(line) &&
    !!subject &&
    titlesTheReport(subject) &&
    findVulnTypes(subject).length > 0
  );
}

/** Words a title names a flaw with when its class is not in the dictionary ("a potential mXSS vulnerability"). */
const FLAW_WORD = /\b(?:vulnerab\w*|flaws?|inject\w*|bypass\w*|leak\w*|disclos\w*|overflow\w*|traversal|escalat\w*|spoof\w*|forg\w*)\b/i;
/** Words that are no name: what every report says. */
const COMMON_WORD =
  /^(?:the|and|for|with|from|that|this|into|when|via|due|has|have|are|was|were|not|can|could|may|all|any|some|potential|possible|vulnerab\w*|security|issue|issues|bug|bugs|flaw|found|website|site|web|page|application|app|report|version|versions|user|users|attacker|improper|allows?|stored|reflected|persistent|blind|remote|local|question|follow-up|disclosure|reported|about|your|our)$/;
/** The text with the classes of flaw it names blanked ("stored XSS" is no name both share). */
function withoutClasses(text: string): string {
  let out = text;
  for (const t of findVulnTypes(text)) out = out.slice(0, t.index) + ' '.repeat(t.length) + out.slice(t.index + t.length);
  return out;
}
/** The words of a text that can be a name: three letters or more, none every report says. */
function nameWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}_.-]+/u)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ''))
    .filter((w) => w.length >= 3 && !COMMON_WORD.test(w));
}
