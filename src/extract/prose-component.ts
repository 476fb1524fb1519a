/**
 * The product a report names in its prose ("in the Acme Portal plugin", "Wikimate
 * 12.0.4", "the npm package acme-portal", "a vulnerability in IPFilter"), not a part of
 * it ("the login page"): read
 * after the labelled sections, the Subject and the title, when they name none. Pure;
 * bounded regexes over single sentences of untrusted report text.
 */
import type { Piece } from './prose.js';
import { CODE_PART_NOUN, CODE_VALUE, isNameWord, nameBeforePart, namesSomething, PART_NOUN } from './part-of-product.js';
import { isSourceFileName } from './source-file-name.js';
import { findVulnTypes } from './vuln-types.js';

const COMPONENT_NOUN =
  '(?:component|module|plugin|plug-in|extension|add-?on|package|library|crate|gem|service|api|daemon|endpoint|feature|handler|parser|decoder|encoder|loader|function|method|page|form|widget|panel|dashboard|portal|interface|app|application|server|client|cli|tool|driver|integration|connector|theme|controller|subsystem|bridge|gateway|proxy|router|firmware|appliance|agent|worker|scheduler|backend|frontend)';
const COMPONENT_RES = [
  new RegExp(
    `\\b(?:in|of|within|affecting|inside|via|through|your|the) (?:the |your |its )?((?:[\`'"]?[\\w.@/+-]+(?:'s)?[\`'"]?\\s){1,3})${COMPONENT_NOUN}s?\\b`,
    'i',
  ),
  /["“]?\b((?:[A-Z][\w+-]*(?:\.[A-Za-z]+)?|[a-z]+[A-Z][\w-]*)(?: (?:[A-Z][\w.+-]*|CE|for [A-Z][\w-]*))*)["”]?,? (?:version |v|release )?\d+\.\d+/,
  /\b(?:in|of) `([\w.@/+-]{2,60})`/,
  new RegExp(`\\b(?:the )?${COMPONENT_NOUN} ["“'\`]([\\w. -]{2,40})["”'\`]`, 'i'),
  /\b(?:in|of) ([a-z][\w.-]*[a-z0-9]) (?:v|version )?\d+\.\d+/,
  /\byour [\w-]+ ["“]([A-Z][\w .-]{1,40})["”]/,
  // A package by its registry: "the npm package acme-portal", "acme-portal (npm package)".
  /\b(?:npm|pypi|pip|rubygems|gem|crates\.io|cargo|composer|packagist|maven|nuget|go) (?:package|module|library|crate|gem) [`'"]?(?!(?:manager|index|registry|repository|ecosystem|version|that|which|is|was|and|or|in|of|for|to|with)\b)(@?[\w./-]{2,60}?)[`'"]?(?=[\s,.;:)]|$)/i,
  /(?:^|[\s(])[`'"]?(?!(?:library|package|module|plugin|dependency|project|framework|tool|sdk|crate|gem)\b)(@?[\w./-]{2,60}?)[`'"]? \((?:an? |the )?(?:npm|pypi|pip|rubygems|gem|crates\.io|cargo|composer|packagist|maven|nuget|go)(?: package| module| library| crate)?\)/i,
];
/** Names code gives its variables and arguments: no product's. */
const COMMON_VARIABLE =
  /^(?:buf|buffer|ptr|len|length|str|string|ctx|context|req|res|resp|data|path|name|args?|argv|opts?|params?|value|val|key|tmp|obj|src|dst|dest|out|in|input|output|result|err|error|size|count|idx|index|self|this|cfg|payload|body|headers?|url|uri|user|id|[a-z])$/;
/** A month or a day is when the finding was, not what it was in ("a bug in March"). */
const CALENDAR_WORD =
  /^(?:january|february|march|april|may|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|spring|summer|autumn|fall|winter)\b/i;
/** "There exists a vulnerability in IPFilter that …", "numerous Open Redirect issues in Piranha": a capitalised name after the finding, read when no sentence names a component otherwise. */
const FINDING_IN =
  /\b(?:vulnerability|vulnerabilities|flaws?|bugs?|weakness(?:es)?|issues) (?:exists? |was found |were found |was discovered )?in ((?:[A-Z][\w+-]*|[a-z]+[A-Z][\w-]*)(?: [A-Z][\w+-]*){0,3})(?=[ ,.;:)]|$)/;
/** "I found this Open Redirect in ZurmoCRM.", "We found a stored XSS in Acme Portal": the reporter's finding, then the named product it is in. */
const FOUND_IN =
  /\b(?:found|discovered|identified) (?:this|a|an|the|one|two|some|several|multiple) (?:[\w-]+ ){0,3}?[\w-]+ in ((?:[A-Z][\w+-]*|[a-z]+[A-Z][\w-]*)(?: [A-Z][\w+-]*){0,2})(?=[ ,.;:)]|$)/;
/** What FOUND_IN's reporter found must be a flaw ("this Open Redirect", "a vulnerability"), not a thing found somewhere ("a hardcoded AWS key in GitHub"). */
const FLAW_FOUND =
  /\b(?:vulnerabilit(?:y|ies)|bugs?|issues?|flaws?|weakness(?:es)?|holes?|problems?|takeovers?|bypass(?:es)?|leaks?|exposures?|misconfigurations?)\b/i;
/** A CVE request's own description: "Tbed was discovered to contain a SQL injection vulnerability via …", "Acme CMS v2.1 was found to contain …". */
const DISCOVERED_TO_CONTAIN =
  /(?:^|\n)[ \t]*((?:[A-Z][\w+-]*|[a-z]+[A-Z][\w-]*)(?: [A-Z][\w+-]*){0,3})(?: (?:v|version )?\d[\w.-]{0,20})? (?:was|were|has been|is) (?:discovered|found) to (?:contain|have)\b/;
/** "The API gateway of Orbit Cloud", "the PDF export of Reportly Cloud", "the reset link in Meetly": a part, then the named product it is in. */
const PART_OF_NAME =
  /\b[Tt]he (?:[\w-]+ ){0,2}(?:gateway|export|import|link|page|endpoint|module|feature|function|service|api|panel|dashboard|interface|form|component|plugin|extension|parser|loader|handler|editor|search|upload|login|settings|console|installer|updater|client|server|app|source code|source) (?:of|in) (?:your |the )?((?:[A-Z][\w+-]*|[a-z]+[A-Z][\w-]*)(?: [A-Z][\w+-]*){0,2})(?=[ ,.;:)]|$)/;
/** Right after a part's noun: " of ESPHome", " in the Acme Portal" (a name of up to three capitalised or package words). */
const PART_THEN_OF = /^ (?:of|in) (?:the |your )?((?:[A-Z][\w+-]*|[a-z]+[A-Z][\w-]*)(?: [A-Z][\w+-]*){0,2})(?=[ ,.;:)]|$)/;
/** A browser's or an operating system's name, alone or with "version": where a report was tested. */
const TEST_ENVIRONMENT =
  /^(?:google )?(?:chrome|chromium|firefox|mozilla firefox|safari|edge|microsoft edge|opera|brave|internet explorer|windows|ubuntu|debian|fedora|centos|kali|macos|mac os x?|ios|android|linux)(?: (?:version|browser|os))?$/i;
/** Words that say a browser or system is where the report was tested ("Browsers Verified In:", "Tested on", "Environment:"). */
const TESTED_ON = /\b(?:tested|verified|reproduced|browsers?|environment|platform|os)\b/i;
const NOT_COMPONENT =
  /^(?:the|a|an|this|that|my|our|your|those|these|its|their|all|any|some|every|each|other|same|only|main|core|new|old|first|last|such|following|preferred|favou?rite|latest|current|default|affected|vulnerable|mentioned|above-mentioned|said|given|specific|certain|whole|entire|previous|version|revision|rev|draft|advisory|firmware|software|device|product|build|release|update|patch|document|cvss|cve|cwe|step|steps|i|it|in|on|after|before|since|from|until|till|above|below|prior|than|through|up|to|and|or|of|at|for|with|by|tls|http|python|node|php|java|ubuntu|debian|windows|linux|chrome|firefox|macos|ios|android|docker|go|rust|npm|pypi|pip|gem|rubygems|cargo|composer|packagist|maven|nuget)$/i;

/** Whether a value is only the name of a class of flaw ("denial of service", "SQL injection"). */
function isVulnClassName(v: string): boolean {
  const hit = findVulnTypes(v)[0];
  return hit !== undefined && hit.index === 0 && hit.length >= v.trim().length;
}

export function findComponent(all: Piece[]): { value: string; piece: Piece; index: number; length: number } | undefined {
  let best: { value: string; piece: Piece; index: number; length: number; order: number } | undefined;
  let prev = '';
  for (const p of all) {
    const before = prev;
    prev = p.text;
    for (const [i, re] of COMPONENT_RES.entries()) {
      const m = re.exec(p.text);
      if (!m) continue;
      // (Without an article before the name, or a sentence's opening word: "of a Python CLI", "the following AWS CLI
      // operation", "In Grafana 9.1 a role …".)
      const raw = (m[1] as string)
        .replace(/'s\b/g, '')
        .replace(/[`'"]/g, '')
        .trim()
        .replace(/^(?:a|an|the|following|such|said|above|aforementioned|in|on|at|for|with|from|by)\s+(?=\S)/i, '');
      // (The last word after any white space: a hard-wrapped "the Nix\ndaemon" is Nix's daemon.)
      const noun = i === 3 ? m[0].replace(/^the /i, '').split(/\s/)[0] : m[0].split(/\s+/).pop();
      // "the Fides web application", "the MindsDB server", "the nano-id crate": the name, not what kind of thing it is
      // (written in lower case: "Emby Server", "Apache Guacamole Server" are names whole).
      // (Only a name that stands alone: "the C library", "the MCP server", "the Apache HTTP server" keep the word.)
      const kindOnly =
        i === 0 &&
        /^(?:application|server|crate|library|instance|deployment)s?$/.test(noun ?? '') &&
        /^[A-Za-z][\w-]{2,}(?:\s+web)?$/.test(raw) &&
        /[A-Z\d-]/.test(raw) &&
        !/^[A-Z\d-]+(?:\s+web)?$/.test(raw);
      const v = kindOnly ? raw.replace(/\s+web$/i, '') : i === 0 ? `${raw} ${noun}`.replace(/s$/, '') : i === 3 ? `${raw} ${noun}` : raw;
      const first = raw.split(/\s+/)[0] ?? '';
      // "in next version 3.2.1": the word, not Next.js ("Next 14.1"), which is written with a capital.
      if (!raw || NOT_COMPONENT.test(raw) || raw === 'next' || (NOT_COMPONENT.test(first) && raw.split(/\s+/).length === 1)) continue;
      // A member or a field from the code is no product ("made up of `run_id`", "the internals of `Buffer.from`").
      if (CODE_VALUE.test(raw)) continue;
      // A participle in lower case ("the receiving application", "the manipulated server") says which, not whose.
      if (i === 0 && /^[a-z]{2,}(?:ing|[^e]ed)$/.test(raw) && !/^(?:crate|library|package|gem|module)s?$/i.test(noun ?? '')) continue;
      // Named in code marks after "in"/"of": a function or a header when a code's part follows ("of `X-Abc` header"),
      // or a function's name in snake case ("`interface` in `capture_traffic`"); a module's prefix keeps a name one.
      if (
        i === 2 &&
        (CODE_PART_NOUN.test(/^\s*(\w+)/.exec(p.text.slice(m.index + m[0].length))?.[1] ?? '') ||
          /^(?!(?:mod|ngx|lib|php|py|node|go|rust)_)[a-z]+(?:_[a-z\d]+)+$/.test(raw) ||
          // or a function's in camel case, a verb first ("in `GenerateID`", "`parseHeader`").
          /^(?:[Gg]et|[Ss]et|[Gg]enerate|[Pp]arse|[Cc]reate|[Hh]andle|[Ll]oad|[Rr]ead|[Ww]rite|[Cc]heck|[Vv]alidate|[Mm]ake|[Bb]uild|[Ii]s|[Hh]as|[Pp]rocess|[Uu]pdate|[Dd]elete|[Rr]emove|[Aa]dd|[Ii]nit|[Rr]un|[Ff]etch|[Ss]end|[Ff]ind|[Oo]pen|[Cc]lose|[Cc]onvert|[Dd]ecode|[Ee]ncode|[Rr]ender)[A-Z]\w*$/.test(
            raw,
          ))
      )
        continue;
      // A value's or an output's own name ("shows a popup with the value of `alert`", "the contents of `cfg`"):
      // a variable or a call, not a product.
      if (i === 2 && /\b(?:values?|contents?|output|result|length|size|type|name|field|key|return(?:ed)? value)\s+$/i.test(p.text.slice(0, m.index))) continue;
      // A variable's common name in code marks ("freeing the stack buffer in `buf`").
      if (i === 2 && COMMON_VARIABLE.test(raw)) continue;
      // A version in code marks ("The patch was officially released in `v1.7.5`") is no name.
      if (/^v?\d{1,6}(?:\.\d{1,6})+(?:[-+.]?[\w]{1,20})?$/i.test(raw)) continue;
      // The browser or system it was tested on ("Chrome Version 95.0.4638.69") is no component.
      if (TEST_ENVIRONMENT.test(raw) && TESTED_ON.test(`${before} ${p.text.slice(0, m.index)}`)) continue;
      // A path ("in `app/Ninja/Repositories/AccountRepository.php`", "of /var/cache") is a place, not the product's name.
      if (/\/.*\.\w{1,6}$|^\.{0,2}\/\S*$/.test(raw) || isSourceFileName(raw)) continue;
      // A class of flaw ("resulting in denial of service") is what is wrong, not where.
      if (isVulnClassName(v)) continue;
      // A part of a product ("the login page", "the export endpoint", "merge function") is where
      // the flaw is, which the title and locations say; the component is what a triager files
      // the report under: the product, project or package (as advisories' "package", CVE's
      // "product"). No product named, no component.
      // A part said to be of a named product ("dashboard component of ESPHome version 2023.12.9")
      // is filed under that product.
      const of = i === 0 ? PART_THEN_OF.exec(p.text.slice(m.index + m[0].length)) : null;
      if (of && of[1]!.split(' ').every(isNameWord)) {
        const at = m.index + m[0].length + of[0].length - of[1]!.length;
        if (!best || p.start + m.index < best.piece.start + best.index) best = { value: of[1]!, piece: p, index: at, length: of[1]!.length, order: i };
        continue;
      }
      if ((i === 0 || i === 3) && PART_NOUN.test(noun ?? '')) {
        // Unless a name stands before it: "The phpMyAdmin interface", "The Grafana decoder" are phpMyAdmin's and Grafana's.
        const named = i === 0 ? nameBeforePart(raw, noun ?? '') : undefined;
        if (named && (!best || p.start + m.index < best.piece.start + best.index))
          best = { value: named, piece: p, index: m.index + m[0].indexOf(m[1] as string), length: (m[1] as string).length, order: i };
        continue;
      }
      // "the newsletter module", "a mobile app", "the API gateway" are parts too; "the Acme Portal
      // plugin", "SmartLock Hub firmware", "the deep-merge module" name one: a name among the words.
      if (i === 0 && !namesSomething(raw)) continue;
      // An identifier ("CVE-2018-7265") or a clause ("platform if the parser") is no product's name.
      // So is a relative clause ("the same domain where application is running") or a phrase opened by "same" or "other".
      if (/^(?:CVE|CWE|GHSA|GHSL)-/i.test(v) || /\b(?:if|when|whether|because|unless|then|while|where|which|whose)\b/i.test(v)) continue;
      if (/^(?:same|other)\s/i.test(raw)) continue;
      // Words of a sentence, not of a name ("assumption that this package", "directly to the application").
      if (raw.includes(' ') && /\b(?:that|this|these|those|to|the|is|are|was|be)\b/i.test(raw)) continue;
      if (!best || p.start + m.index < best.piece.start + best.index || (p === best.piece && i < best.order && m.index <= best.index))
        best = { value: v, piece: p, index: m.index + m[0].indexOf(m[1] as string), length: (m[1] as string).length, order: i };
    }
    if (best) break;
  }
  if (!best)
    for (const re of [FINDING_IN, FOUND_IN, DISCOVERED_TO_CONTAIN, PART_OF_NAME])
      for (const p of all) {
        const m = re.exec(p.text);
        const found = m && re === FOUND_IN ? m[0].slice(0, m[0].lastIndexOf(' in ')) : '';
        if (m && re === FOUND_IN && !findVulnTypes(found).length && !FLAW_FOUND.test(found)) continue;
        if (m && !NOT_COMPONENT.test(m[1]!) && !CALENDAR_WORD.test(m[1]!) && !isSourceFileName(m[1]!) && m[1]!.split(' ').every(isNameWord))
          return { value: m[1]!, piece: p, index: m.index + m[0].lastIndexOf(m[1]!), length: m[1]!.length };
      }
  return best && { value: best.value, piece: best.piece, index: best.index, length: best.length };
}
