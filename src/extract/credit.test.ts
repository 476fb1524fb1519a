// Who to credit, in the ways advisories and reporters write it that the corpora did not all
// show: the finder as the subject of a sentence, "reported to us by", a researcher's title
// as the label; and what is not a person to credit (a scanner, a sentence's own subject).
import { describe, expect, it } from 'vitest';
import { findCredit } from './credit.js';
import { extractReport } from './extract.js';

const credit = (line: string) =>
  extractReport({ text: `Hello,\n\nThere is a stored XSS in the comment form of FooCMS 1.2.\n\n${line}\n`, subject: 'XSS in FooCMS' }).fields.credit?.value;

describe('credit', () => {
  it.each([
    ['Jane Doe from Acme Security discovered this vulnerability.', 'Jane Doe'],
    ['Jane Doe (@jdoe) found this bug while testing.', 'Jane Doe'],
    ['This vulnerability was reported to us by Jane Doe.', 'Jane Doe'],
    ['Vulnerability Researcher: Jane Doe', 'Jane Doe'],
    ['Security researcher: Jane Doe', 'Jane Doe'],
    ['Original discovery: Jane Doe', 'Jane Doe'],
    ['Advisory by: Jane Doe', 'Jane Doe'],
  ])('%s -> %s', (line, name) => {
    expect(credit(line)).toEqual({ kind: 'name', name });
  });

  it.each([
    'Microsoft Defender found the malicious file.',
    'Google Chrome found a certificate error.',
    'Yesterday John Smith found the bug.',
    'Internal Audit found the issue.',
    'Kind Regards found this vulnerability.',
  ])('credits no product, process, time or sign-off that "found" something: %s', (line) => {
    expect(credit(line)).toBeUndefined();
  });

  it('credits no scanner that found it, and no sentence that opens with its own subject', () => {
    expect(findCredit('Burp Suite Scanner found the issue during a routine scan.')).toBeUndefined();
    expect(findCredit('The Apache Foundation found the report credible.')).toBeUndefined();
    expect(credit('Our QA Team found this during review.')).toBeUndefined();
  });

  it('credits a team named after "reported by the", but not an idiom', () => {
    expect(findCredit('This issue was discovered and reported by the GitHub Security Lab.')?.value).toEqual({ kind: 'name', name: 'GitHub Security Lab' });
    expect(findCredit('It was found by the way that the parser hangs.')).toBeUndefined();
  });

  it('credits the handle of a team member named by handle alone, and the name where a handle follows it in brackets', () => {
    expect(findCredit('This issue was discovered and reported by GitHub team member @max-schaefer.')?.value).toEqual({ kind: 'handle', name: '@max-schaefer' });
    expect(findCredit('This issue was discovered by Esben Sparre Andreasen (@esbena) performing a Variant Analysis.')?.value).toEqual({
      kind: 'name',
      name: 'Esben Sparre Andreasen',
    });
  });

  it('reads a credit line inside a box of brackets or bars, a "Vulnerability Discoverer" and a handle alone in brackets', () => {
    expect(findCredit('[   Author of this full disclosure: Milos Zivanovic                 ]')?.value).toEqual({ kind: 'name', name: 'Milos Zivanovic' });
    expect(findCredit('|-->Author: YEnH4ckEr                                   |')?.value).toMatchObject({ name: 'YEnH4ckEr' });
    expect(findCredit('Vulnerability Discoverer: Dennis Jenkins (dennis.jenkins.75 _at_ gmail.com)')?.value).toEqual({ kind: 'name', name: 'Dennis Jenkins' });
    expect(findCredit('# Exploit Author: (Sant268)')?.value).toMatchObject({ name: 'Sant268' });
    // Brackets that are no box and no handle: a note, a nickname inside a name, a Markdown link.
    expect(findCredit('Credits: (see below)')).toBeUndefined();
    expect(findCredit('Author: (unknown)')?.value).not.toEqual({ kind: 'handle', name: 'unknown' });
    expect(findCredit('Author: Jean-Pierre [JP] Dupont')?.value).toMatchObject({ name: 'Jean-Pierre [JP] Dupont' });
    // Title Case is no "Discovered By": "Found By Automated Scan Results" names no finder.
    expect(findCredit('# Stored XSS Found By Automated Scan Results')).toBeUndefined();
  });
});

// Exploit-DB authors with their firm on the same line, read off the tune part (edb-49565, edb-49628, edb-11663).
describe('a credited person with their firm', () => {
  const creditOf = (line: string): unknown => findCredit(`# Exploit Author: ${line}\n`)?.value;

  it('credits the person, not the firm after a dash, a handle or a site', () => {
    expect(creditOf('Kamaljeet Kumar - TATA Advanced Systems Limited')).toEqual({ kind: 'name', name: 'Kamaljeet Kumar' });
    expect(creditOf('Vadym Soroka @Iterasec https://iterasec.com')).toEqual({ kind: 'name', name: 'Vadym Soroka' });
    expect(creditOf('Rafael Pacheco | Acme Cyber Labs Pvt. Ltd.')).toEqual({ kind: 'name', name: 'Rafael Pacheco' });
  });

  it('keeps a name whose dash joins no firm, and a firm alone', () => {
    expect(creditOf('Jean-Pierre Dupont')).toEqual({ kind: 'name', name: 'Jean-Pierre Dupont' });
    expect(creditOf('Mary Major - Independent Researcher')).toMatchObject({ name: 'Mary Major - Independent Researcher' });
  });
});

describe('the kind of a credit', () => {
  it('reads "Nick" in a name as a first name, not as "nickname"', () => {
    expect(credit('Credit: Nick Rolfe')).toEqual({ kind: 'name', name: 'Nick Rolfe' });
    expect(credit('Credit: please use my nickname nrolfe')).toMatchObject({ kind: 'handle' });
  });
});
