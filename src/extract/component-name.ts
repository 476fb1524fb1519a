/**
 * A product's name from the line that gives it: without its versions, ranges, a link beside
 * it, a former name, a registry page's address or the word for its repository. Pure; the
 * input is a line of report text (untrusted), read up to MAX_NAME_LINE characters.
 */
import { versionTokens } from './prose.js';

/** The name in "cgx 0.11.0 through 0.12.1, the cache unpacker" or "AuthGate 3.4.1 (on-premise), earlier 3.x releases too". */
/** Characters of a product line read for its name: a longer line is no name, and the trims below are quadratic on a hostile run of blanks or dashes. */
export const MAX_NAME_LINE = 300;

export function componentName(whole: string): string {
  // A link beside the name ("Acme Zip (https://…)") says where it lives, and a former name
  // ("ProjectSend (previously cFTP)") what it was called: neither is part of the name.
  // Nor is what kind of product it is ("Boxalino (closed-source product)", "(open source)").
  // Nor its registry ("`aws-cdk-lib` (npm package), source: https://github.com/aws/aws-cdk"), its source's link or the
  // code marks around it.
  const bare = whole
    .replace(
      /\([^()\n]{0,80}?<?https?:\/\/[^\s)]{1,300}>?[ \t]*\)|\([ \t]*(?:previously|formerly|aka|a\.k\.a\.?|also known as|renamed from)\b[^)\n]{0,100}\)|\((?:closed|open)[- ]source(?: (?:product|software|application|project))?\)|\((?:an? )?(?:npm|pypi|pip|rubygems|gem|crates\.io|cargo|composer|packagist|maven|nuget|go)(?: package| module| library| crate)?\)/gi,
      ' ',
    )
    .replace(/[ \t]*,[ \t]*(?:source|repo(?:sitory)?|code|homepage|url)[ \t]*:[ \t]*<?https?:\/\/\S{1,300}$/i, '')
    .replace(/^[ \t]*`([^`\n]{1,80})`/, '$1');
  return registryPackage(whole) ?? withoutTagline(withoutAcronym(withoutRepositoryWord(nameOfLine(bare))));
}

/** 'DT Register "Calendar & Event Registration"': the name, then its tagline in quotes. */
function withoutTagline(name: string): string {
  const m = /^(\S.*?)[ \t]+["“][^"”\n]{3,80}["”]$/.exec(name);
  // Only after a name of its own: in 'WordPress Plugin "Contact Form Builder"' or 'Acme "Secure Gateway"' the quotes hold the name.
  return m && m[1]!.split(/\s+/).length >= 2 && !/\b(?:plugin|component|module|extension|theme|app|add-?on|package|library)$/i.test(m[1]!) ? m[1]! : name;
}

/** "Microsoft Internet Explorer (MSIE)": the name's own acronym after it is said twice. */
function withoutAcronym(name: string): string {
  const m = /^(\S.*?)[ \t]+\(([A-Z][A-Z\d]{2,7})\)$/.exec(name);
  return m && abbreviates(m[2]!, m[1]!) ? m[1]! : name;
}

/** Whether the acronym is made of the name's initials, in order, one letter aside at most ("MSIE": Microsoft Internet
 *  Explorer). "Microsoft Windows (MSDT)" names a part of Windows, which stays. */
function abbreviates(acronym: string, name: string): boolean {
  const initials = name.split(/[\s-]+/).map((w) => w[0]?.toUpperCase() ?? '');
  let k = 0;
  let misses = 0;
  for (const letter of acronym) {
    const at = initials.indexOf(letter, k);
    if (at < 0) misses++;
    else k = at + 1;
  }
  return misses <= 1 && initials[0] === acronym[0];
}

/**
 * A package's page on its registry given for the product ("https://www.npmjs.com/package/@theia/plugin-ext",
 * "https://pypi.org/project/requests/"): the package's name, as a triager writes it.
 */
const REGISTRY_PAGE =
  /^\s*<?https?:\/\/(?:www\.)?(?:npmjs\.com\/package\/((?:@[\w.-]+\/)?[\w.-]+)|pypi\.org\/project\/([\w.-]+)|crates\.io\/crates\/([\w-]+)|rubygems\.org\/gems\/([\w.-]+)|packagist\.org\/packages\/([\w.-]+\/[\w.-]+)|nuget\.org\/packages\/([\w.-]+))\/?>?\s*$/i;

function registryPackage(whole: string): string | undefined {
  const m = REGISTRY_PAGE.exec(whole.split('\n')[0] ?? '');
  return m?.slice(1).find((g) => g !== undefined);
}

/** "Arduino-Cli GitHub repository" names Arduino-Cli: the word for where its code lives is no part of the name. */
function withoutRepositoryWord(name: string): string {
  const bare = name.replace(/\s+(?:(?:github|gitlab|bitbucket|git)\s+)?(?:repo|repository)$/i, '');
  return bare || name;
}

function nameOfLine(whole: string): string {
  // A name in code marks ("Affected products: `go-vela/worker`") is the name without them.
  const line = whole.slice(0, MAX_NAME_LINE).replace(/^([ \t]*)`([^`\n]{1,120})`([ \t]*)$/, '$1$2$3');
  const tokens = versionTokens(line);
  if (!tokens.length) return line.replace(/\s+/g, ' ').trim();
  let c = line.replace(/\([^)]*\)/g, ' ');
  // A version may end the sentence ("21.0.1."): only a further digit makes it longer.
  for (const t of tokens) c = c.replace(new RegExp(`\\bv?\\.?${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w]|\\.\\d)`, 'gi'), ' ');
  c = c
    .replace(/\b(?:versions?|releases?|builds?)\b/gi, ' ')
    .replace(/\b(?:and (?:earlier|older|below|later|newer)|up to(?: and including)?|through|to|prior to|before|until|all|or (?:earlier|later))\b/gi, ' ')
    .replace(/[<>=≤≥–]+/g, ' ');
  const segments = (c.split(/\.\s/)[0] ?? '')
    .split(/[,;]/)
    .map((x) => x.replace(/\s+/g, ' ').trim())
    .filter((x) => x && !/\b(?:earlier|later|older|probably|too|also|tested|latest|current|checked|maybe|likely|only)\b/i.test(x) && /[A-Za-z]/.test(x));
  return segments
    .join(' ')
    .replace(/^[\s:/-]+|[\s:/.-]+$/g, '')
    .replace(/(?:\s+(?:and|or|&|\+))+$/i, '')
    .trim();
}

/** Words of a name spelled out: two to four, each capitalised or in capitals ("Gleez CMS", "Invoice Ninja"). */
const SPELLED_NAME = /\b\p{Lu}[\p{L}\d]{0,30}(?:[ \t]\p{Lu}[\p{L}\d]{0,30}){1,3}\b/gu;

/**
 * The product as the text spells it, when the name found is one lower-case word run together
 * ("gleezcms" of demo.gleezcms.org, "invoiceninja" of a repository's path) and the text also
 * writes it as capitalised words whose letters join to it ("Gleez CMS"): a triager writes the
 * spelled form. Undefined otherwise.
 */
export function spelledOut(name: string, text: string): string | undefined {
  if (!/^[a-z\d]{4,40}$/.test(name)) return undefined;
  for (const m of text.matchAll(SPELLED_NAME)) if (m[0].replace(/[ \t]/g, '').toLowerCase() === name && !COMMON_FIRST_WORD.test(m[0])) return m[0];
  return undefined;
}

/** A first word that makes the spelled form a phrase that only happens to join to the name ("My SQL query" for
 *  mysql, "Open Source" for opensource, "Pass Word" for password). */
const COMMON_FIRST_WORD =
  /^(?:my|your|our|their|his|her|its|the|this|that|these|those|a|an|open|pass|free|sign|log|back|up|out|over|under|any|some|no|all|new|old)\b/i;

/**
 * A component's name as a triager writes it, whichever reader found it: one line ("the Nix\ndaemon" that a
 * hard-wrapped line broke); a package without the version written on to it ("shellwords@1.1.1", or its "@" left
 * when the version was taken: "lodash.set@"); a name said twice and nothing else, as Bugtraq's vendor and product
 * lines do ("SugarCRM SugarCRM 5.5.0.RC2"; a name with a capital or digit inside, not "Talk Talk"); without a
 * generic word written after it in lower case ("Seagate Media Server application", "notable desktop application",
 * "libvorbis package"); without a version or joiner left at its end ("phpMyAdmin 3.5.8 and"). Read up to
 * MAX_NAME_LINE characters (a longer value is no name).
 */
export function tidyName(name: string): string {
  const one = name.slice(0, MAX_NAME_LINE).replace(/\s+/g, ' ').trim();
  const tidy = one
    .replace(/^((?:@[\w.-]{1,60}\/)?[\w.-]{1,100})@(?:v?\d[\w.+-]*)?$/, '$1')
    .replace(/(?: (?:and|or|&)){1,3}$/, '')
    .replace(/ v?\d+(?:\.\d+){1,3}[a-z]?$/i, '')
    .replace(/^(\S*(?:[a-z][A-Z]|\d)\S*) \1$/, '$1')
    .replace(/(?<=\S)(?: (?:mobile|desktop|web))? (?:application|package|software)$/, '');
  return tidy || one;
}
