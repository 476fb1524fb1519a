// Guards against algorithmic attacks: the time of hostile input relative to ordinary
// input of the same size, measured in this same run. A ratio near 1 means linear work;
// the quadratic HTML scanner this replaced ran ~1000x slower on 200 KB of "<".
import { fieldsToAsk } from '../src/extract/asking.js';
import { missingFields } from '../src/extract/completeness.js';
import { extractReport } from '../src/extract/extract.js';
import { findArmorBlocks } from '../src/open/armor.js';
import { htmlToPlainText } from '../src/parse/html-text.js';
import { meanMs, type Section } from './report.js';

const SIZE = 1024 * 1024;

export const guards: Section = {
  name: 'guards',
  title: 'hostile input against ordinary input of the same size (linear work stays near 1x)',
  async run(report) {
    const ordinary = '<p>Steps: <b>send</b> the request &amp; watch the log.</p>\n'.repeat(SIZE / 56);
    const cases: Record<string, string> = {
      'html: unclosed "<a"': '<a'.repeat(SIZE / 2),
      'html: unclosed "<!--"': '<!--'.repeat(SIZE / 4),
      'html: unclosed "<script"': '<script>'.repeat(SIZE / 8),
      'html: run of blanks': ' '.repeat(SIZE) + 'x',
      'html: unclosed quotes': '<a title="'.repeat(SIZE / 10),
      'html: tags with quoted ">"': '<a t=">">'.repeat(SIZE / 9),
    };
    const base = meanMs(() => htmlToPlainText(ordinary));
    for (const [name, input] of Object.entries(cases)) {
      const t = meanMs(() => htmlToPlainText(input));
      report.ratio(name, t / base, { baseline: `1 MiB of ordinary HTML: ${base.toFixed(1)} ms`, atMost: 50 });
    }
    const armorBase = meanMs(() => findArmorBlocks(ordinary, 20));
    const armorHostile = meanMs(() => findArmorBlocks('-----BEGIN PGP MESSAGE-----\n'.repeat(SIZE / 28), 20));
    report.ratio('armor: BEGIN lines, no END', armorHostile / armorBase, { baseline: `1 MiB of ordinary text: ${armorBase.toFixed(1)} ms`, atMost: 50 });

    // The report-field extractor reads at most 256 KiB of hostile text with regexes: each of these once
    // ran quadratic (a minute for some) while the daemon could read no other report.
    const X = 256 * 1024;
    const report256 = 'Steps: send the request to /api/export and watch the log. Version 2.3.1 is affected.\n'.repeat(X / 88);
    const extractBase = meanMs(() => extractReport({ text: report256, subject: null }));
    const extractCases: Record<string, string> = {
      'extract: run of blank lines': '\n'.repeat(X),
      'extract: script name, then blanks': 'x.php' + ' '.repeat(X),
      'extract: 30,000 distinct paths': Array.from({ length: 30000 }, (_, i) => `/p${i}`).join(' '),
      'extract: source names dotted on': 'a' + '.c'.repeat(X / 2) + '/',
      'extract: blank lines in a fence': '```\n' + ' \n'.repeat(X / 4) + '```\n',
      'extract: heading mark, then blanks': '[+] A' + ' '.repeat(X) + 'x',
      'extract: one long version run': 'affected 1' + '.1'.repeat(X / 2) + ' to 2',
      'extract: a line of blanks (archive footer)': ' '.repeat(X) + '\n',
      // A product section's line: its trims ran quadratic on blanks or dashes inside it, its versions deduplicated by a list.
      'extract: a product line of blanks': 'Product: a' + ' '.repeat(X) + 'b\n',
      'extract: a product line of dashes': 'Product: a' + '-'.repeat(X) + 'b\n',
      'extract: a product line of 28,000 versions': 'Product: ' + Array.from({ length: 28000 }, (_, i) => `1.${i}`).join(' ') + '\n',
      // The finder as a sentence's subject, and a package before its registry, are tried at every sentence start.
      'extract: capitalised names, sentence after sentence': 'Jane Doe Smith Jones of Acme found. '.repeat(X / 36),
      'extract: a package name run before a bracket': `${'a-'.repeat(X / 2)} (npm`,
      'extract: traversal after traversal': `GET /a${'/..'.repeat(X / 3)}\n`,
      // A numbered list of thousands of "1." items, also behind "# " marks (a report read as comments).
      'extract: thousands of "1." items': '1. Step one\n'.repeat(X / 12),
      'extract: a "# 1." run read as comments': '# 1. Step one\n'.repeat(X / 14),
      'extract: framed labels, line after line': Array.from({ length: X / 12 }, (_, i) => `---a${i}---`).join('\n'),
      // Review of 2026-12-06: one pattern over a placeholder path was exponential, a Phrack heading's quadratic.
      // (32 of them: the exponential pattern took 2.4 s on 28; at 256 KiB a regression would never end.)
      'extract: a placeholder path of "["': `The page at http://[host]/${'['.repeat(32)}]x is vulnerable.`,
      'extract: a Phrack heading, then blanks': '--[ a' + ' '.repeat(X) + 'x',
      // A test folder was told by one pattern over the whole path: quadratic on "tests/" after "tests/".
      'extract: a path of test folders': `See /src/${'tests/'.repeat(X / 8)}${'a.b.c.d.e'.repeat(100)}`,
      // Each entry looked up the line of its date by a search of every line (quadratic).
      'extract: dated "Public Disclosure" entries, line after line': '2018-01-03\nPublic Disclosure\n'.repeat(X / 29),
      // Second review of 2026-12-06: each "URL:" section read the whole text's references and footer again (quadratic
      // in sections), and a URL's trailing punctuation was cut by a pattern tried at every dot of a run.
      'extract: "URL:" sections, then a line of URLs': `${'URL: /p\n\n'.repeat(X / 20)}${'http://a.example.org/x '.repeat(X / 46)}`,
      'extract: a URL, then a run of dots': `http://a.com/${'.'.repeat(X)}x`,
      // The place model's features (place-features.ts): a mention once counted with indexOf on a long, repeating
      // needle (8 s for these 40 URLs); every place is judged, so a dump of thousands must stay linear.
      'extract: 40 long URLs of one repeated folder': Array.from({ length: 40 }, (_, k) => `http://a.com/${k}/${'a/'.repeat(3000)}`).join('\n'),
      'extract: a scanner dump of 8,000 URLs': Array.from({ length: 8000 }, (_, k) => `[200] http://10.0.0.5/app/p${k}.html`).join('\n'),
      // A token's trailing marks were once trimmed by a regex tried at each of them (109 s for a place, then 250,000 commas);
      // each issue's likeliest place was once found with a pass over every place per issue.
      // A sign-off's tail ("Thanks" + blanks + "x") was once read by a regex quadratic in the blanks (93 s for 250,000).
      'extract: a sign-off, then blanks': `Hi,\n\nThe title is not escaped.\n\nThanks${' '.repeat(X)}x\n`,
      'extract: a place, then a run of commas': `See /admin/x.php${','.repeat(X)}`,
      'extract: 3,000 issues with a place each': Array.from({ length: 3000 }, (_, k) => `Bug ${k + 1}: SQL injection in /m${k}/x${k}.php`).join('\n'),
      'extract: an "Affected endpoints:" list of 10,000 names': `Affected endpoints:\n${Array.from({ length: 10000 }, (_, k) => `endpoint_${k}_name`).join('\n')}`,
      // Third review: a "Found:" and a "Credit:" line's patterns each opened by blanks (quadratic on a run of them).
      // (80,000 blanks: a much longer line is no section's value, and the patterns were never reached.)
      'extract: a "Found:" line of blanks': `Found: a${' '.repeat(80000)}b\n`,
      'extract: a "Credit:" line of blanks': `Credit: Jane${' '.repeat(80000)}Doe\n`,
      // 2026-12-07 review: "Patched versions" then a run of blanks or dashes (the no-fix check, 79 s and 188 s for 250,000),
      // and a request followed by a run of blank lines (a workflow key and a header read with ^\s* across lines, 72 s).
      'extract: "Patched versions" then blanks': `Affected versions: < 1.2.3\n\nPatched versions${' '.repeat(X)}x\n`,
      'extract: "patched version" then dashes': `Affected versions: < 1.2.3\n\npatched version\n${'-'.repeat(X)}x\n`,
      'extract: a fenced request, then blank lines': `\`\`\`\nGET / HTTP/1.1\nHost: a\n${'\n'.repeat(X)}x\n\`\`\`\n`,
      // 2026-12-08 review: item and heading lists of a report that claims several issues were grown by copying (18-25x).
      'extract: "[*] XSS" items under "Multiple vulnerabilities"': `Multiple vulnerabilities:\n\n${'[*] XSS\n\n'.repeat(X / 9)}`,
      'extract: "xss-1:" items under "Multiple vulnerabilities"': `Multiple vulnerabilities:\n\n${'xss-1:\n\n'.repeat(X / 8)}`,
      'extract: "## Heading" lines under "Multiple vulnerabilities"': `Multiple vulnerabilities:\n\n${'## Heading\n'.repeat(X / 11)}`,
    };
    for (const [name, text] of Object.entries(extractCases)) {
      const t = meanMs(() => extractReport({ text, subject: null }));
      report.ratio(name, t / extractBase, { baseline: `256 KiB of ordinary report text: ${extractBase.toFixed(0)} ms`, atMost: 50 });
    }
    // A Subject has no length limit of its own: the product is read off it.
    const subjectBase = meanMs(() => extractReport({ text: 'x', subject: 'Acme Server 1.2 path traversal in the download page '.repeat(X / 52) }));
    const subjectHostile = meanMs(() => extractReport({ text: 'x', subject: `A${'-'.repeat(X)}B XSS` }));
    report.ratio('extract: a Subject of dashes before a type', subjectHostile / subjectBase, {
      baseline: `256 KiB of ordinary Subject: ${subjectBase.toFixed(0)} ms`,
      atMost: 50,
    });
    // Its versions too: the version patterns are quadratic on a run of digits (6.8 s for 20,000 before the cut).
    const digitsHostile = meanMs(() => extractReport({ text: 'x', subject: `Acme ${'1'.repeat(X)}` }));
    report.ratio('extract: a Subject of digits', digitsHostile / subjectBase, {
      baseline: `256 KiB of ordinary Subject: ${subjectBase.toFixed(0)} ms`,
      atMost: 50,
    });
    // And the product without its versions: a tail of "-1.1" pieces backtracked exponentially (21 s for 109 characters).
    const tailHostile = meanMs(() => extractReport({ text: 'x', subject: `XSS in a${'-1.1'.repeat(X / 4)}+` }));
    report.ratio('extract: a Subject of version pieces', tailHostile / subjectBase, {
      baseline: `256 KiB of ordinary Subject: ${subjectBase.toFixed(0)} ms`,
      atMost: 50,
    });
    // What the acknowledgement asks reads the whole mail for signs.
    const required = missingFields(undefined, []).required;
    const askBase = meanMs(() => fieldsToAsk(required, report256));
    const askHostile = meanMs(() => fieldsToAsk(required, `CVSS${' '.repeat(X)}`));
    report.ratio('asking: "CVSS" then blanks', askHostile / askBase, { baseline: `256 KiB of ordinary report text: ${askBase.toFixed(1)} ms`, atMost: 50 });
  },
};
