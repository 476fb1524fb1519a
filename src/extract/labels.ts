/**
 * Heading and "Label:" words that reporters (and the seed policies' templates) use
 * for each field. A heading may name two fields ("Affected version(s) and
 * components"); the extractor then splits the value between them.
 */
import { ownVersionLabel } from './own-version-label.js';
import type { FieldName } from './types.js';

type LabelRule = [RegExp, FieldName[]];

// Tested against the normalised heading (lower case, no numbering or markup, no
// trailing colon), anchored so that a sentence ending in a colon is not a heading.
const RULES: LabelRule[] = [
  [
    /^(?:affected )?versions?(?:,| and| &| \/)? (?:(?:affected )?components?|products?)(?:,? (?:or|and) dependencies)?$|^affected$|^affected (?:products?|components?|software)(?: and| &| \/|,) versions?$|^(?:products?|components?|software) (?:and|&|\/) versions?$|^vulnerable (?:systems?|products?|packages?|software)$|^affected product code ?base$/,
    ['affectedVersions', 'component'],
  ],
  [
    /^(?:affected )?(?:products?|components?|modules?|packages?|projects?|software|applications?|services?|plugins?)(?: (?:affected|name|and versions?))?$|^(?:affected )?(?:product|component) \/ (?:module|version)$|^target$|^asset$|^name of (?:the )?(?:affected |vulnerable )?(?:products?|software|applications?|projects?)$|^(?:systems?|platforms?|devices?) affected$|^affected (?:systems?|platforms?|devices?)$/,
    ['component'],
  ],
  [
    /^(?:vulnerability |issue |bug |weakness )?(?:type|class|category|kind)(?: of (?:the )?(?:issue|vulnerability|bug))?$|^(?:brief )?description of the vulnerability type$|^the type of issue$|^weakness$|^cwe(?: id)?$|^vulnerability type \/ cwe$|^type \/ cwe$/,
    ['vulnType'],
  ],
  [
    /^(?:confirmed )?(?:affected |vulnerable |tested )?(?:(?:software|product|firmware) )?versions?(?: affected| tested| tested on)?$|^affected (?:releases?|builds?)$|^tested on$|^version\(s\)$|^affected version\(s\)$/,
    ['affectedVersions'],
  ],
  [/^(?:confirmed )?(?:fixed|patched) (?:in|on|versions?)$|^fix(?:ed)? version$|^first fixed version$/, ['fixedVersion']],
  [
    /^(?:steps? to reproduce|reproduction(?: steps)?|how to reproduce(?: it)?|to reproduce|repro(?: steps)?|steps?|step[\s-]by[\s-]step(?: instructions)?(?: to reproduce(?: the issue)?)?|reproduce|reproducing)(?: the (?:issue|vulnerability|bug|behaviou?r))?$|^steps to reproduce the (?:issue|vulnerability)$|^a detailed description of the steps.*$|^(?:vulnerability|vuln|exploit|loophole) (?:recurrence|reproduction|replication)(?: (?:steps|process|procedure))?$|^(?:(?:bug|issue) )?(?:recurrence|replication) (?:steps|process|procedure)$|^(?:bug|issue) (?:reproduction|replication)(?: (?:steps|process|procedure))?$/,
    ['steps'],
  ],
  [
    /^(?:security |potential |business )?impacts?(?: assessment| analysis)?$|^risk$|^consequences?$|^what (?:could|can) an attacker (?:achieve|do)\??$|^impact of the issue.*$|^description of the location and potential impact.*$/,
    ['impact'],
  ],
  [
    /^(?:proof[\s-]of[\s-]concept|poc|exploit|exploit code|(?:sample|example|attack) code|payload|proof[\s-]of[\s-]concept(?: code)?(?: or exploit code)?|poc (?:code|script|request)|exploit \/ poc|attachments?|(?:malformed|malicious|crafted|forged|exploit|attack) (?:request|url|link))(?: \(if (?:available|possible)\))?$/,
    ['poc'],
  ],
  [
    /^(?:(?:special |required |necessary )?configuration(?: required)?(?: to reproduce)?|setup|(?:test(?:ing)? |runtime )?environment|prerequisites?|pre-?conditions?|requirements|any special configuration.*)$|^browsers? (?:verified|tested) (?:in|on|with)$|^(?:desktop|smartphone) \(please complete the following information\)$/,
    ['configuration'],
  ],
  [
    /^(?:suggested |proposed |possible |recommended |quick )?(?:mitigations?|fix(?:es)?|remediation|recommendations?|suggestions?|workarounds?|solution|patch)(?: or fix)?(?: (?:ideas?|actions?|steps?))?(?: \(if you have ideas\))?$|^suggested mitigation or fix.*$|^how to fix(?: (?:it|this|them|the (?:issue|vulnerability|bug|problem)))?$|^(?:suggested |proposed |recommended )?(?:repair|fix|remediation|mitigation)(?: (?:plan|suggestions?|recommendations?|advice|methods?|measures?))$|^(?:suggested |proposed |recommended )repair$|^how (?:do|can|should) (?:i|we|you|users?) protect (?:myself|ourselves|yourself|themselves)\??$|^(?:vendor information, )?solutions? and workarounds$|^(?:additional )?notes\/fix(?:es)?\/workarounds?$|^(?:suggested |proposed |recommended )?(?:solution|fix(?:es)?|patch(?:es)?|mitigations?|remediation|workarounds?)(?:\s*(?:[-&\/,+]|and)\s*(?:solution|fix(?:es)?|patch(?:es)?|mitigations?|remediation|workarounds?))+(?: (?:recommendations?|actions?|ideas?|steps?))?$/,
    ['mitigation'],
  ],
  [
    /^(?:full )?(?:affected )?(?:paths?|urls?|endpoints?|files?|locations?|source files?|routes?)(?: of (?:the )?affected source files)?$|^full paths of affected source files$|^vulnerable (?:endpoint|url|file)s?$|^affected (?:url|endpoint|file|path)s?$/,
    ['locations'],
  ],
  [/^(?:specific )?commit(?:\s*\/\s*branch)?(?: where the issue exists)?$|^(?:git )?(?:commit|revision|sha)$/, ['commit', 'branch']],
  [/^branch$/, ['branch']],
  [/^cvss(?: v?[34](?:\.[01])?)?(?: vector| score| base score)?(?: string)?$|^severity(?: \(cvss\))?$|^cvss vector \/ score$/, ['cvss']],
  [/^(?:related )?cves?(?: ids?)?$|^cve references?$/, ['cves']],
  [/^(?:publicly known|public disclosure status|is (?:this|it) public\??|public)$/, ['public']],
  [/^(?:exploited(?: in the wild)?|known exploitation|exploitation status|in the wild|actively exploited\??)$/, ['exploited']],
  [
    /^(?:planned |intended |my |our )?(?:public )?(?:disclosure|publication)(?: date| plans?| timeline| deadline)?$|^embargo(?: date)?$|^(?:date )?(?:published|disclosed|released)(?: on| to public)?$|^pub\.?$|^date of (?:public )?disclosure$/,
    ['disclosureDate'],
  ],
  [
    /^(?:credit(?:s| as| to)?|attribution|acknowledg(?:e)?ments?|recognition|name for (?:credit|recognition)|your name for recognition.*|researchers?|reporter|reported[ -]by|submitter|submitted by|found(?: by)?|discovered(?: by)?|identified by|discovery|discoverers?|finders?|credit preference|(?:exploit )?author|author of (?:this|the) (?:full disclosure|advisory|disclosure|paper|report)|by)$/,
    ['credit'],
  ],
  [/^(?:title|summary|short description|subject|vulnerability(?: title| name)?|issue(?: title)?|headline|name of the vulnerability|tl;?dr)$/, ['title']],
];

export function normaliseHeading(h: string): string {
  return (
    h
      .toLowerCase()
      .replace(/\(s\)/g, 's')
      .replace(/[*_`#]+/g, ' ')
      // An emoji or a symbol before the words (huntr's "✍️ Description", "🕵️‍♂️ Proof of Concept").
      .replace(/^[^\p{L}\p{N}(]+/u, '')
      .replace(/^\s*(?:\d+(?:\.\d+)*|[a-h]|[ivx]+)[.)]\s+/, '')
      // A colon, and the dash or arrow some put after it ("Steps:-", "Fix :->").
      .replace(/[:\s]+[-=>–]*\s*$/, '')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** An aside after a heading that says the section holds nothing to file. */
const NO_VALUE_ASIDE = /^(?:none(?: known| yet)?|n\/?a|tbd|tba|pending|unknown|anonymous|not (?:applicable|known|yet)|no|nil|withheld|redacted)$/i;

export function fieldsForHeading(heading: string): FieldName[] {
  const h = normaliseHeading(heading);
  if (!h || h.length > 90) return [];
  for (const [re, fields] of RULES) if (re.test(h)) return fields;
  // The project's own version field names the product ("**CyberPanel version:**"); section-fields.ts reads both.
  if (ownVersionLabel(h)) return ['affectedVersions'];
  // A short aside after the heading's words, its abbreviation or a note ("Proof of Concept (PoC)",
  // "Steps to Reproduce (STR)", "Impact (CVSS)", a form's "(optional)"): the words name the section. Not a number:
  // "Step (1):" is one step of several, which a list reader joins. Not an aside that says there is none or that
  // withholds it ("Impact (none):", "Fix (TBD):", "Credit (anonymous):"): what follows is no value for the field.
  const aside = /\s*\(([^()]{1,15})\)$/.exec(h);
  if (!aside || /^\d+$/.test(aside[1]!) || NO_VALUE_ASIDE.test(aside[1]!.trim())) return [];
  const bare = h.slice(0, aside.index);
  if (bare) for (const [re, fields] of RULES) if (re.test(bare)) return fields;
  return [];
}
