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
import { SIGNS } from './asking-signs.js';
import { versionRanges } from './version-ranges.js';
import { VULN_CLASSES } from './vuln-types.js';

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
