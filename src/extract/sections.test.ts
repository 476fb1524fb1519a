import { describe, expect, it } from 'vitest';
import { fieldsForHeading } from './labels.js';
import { findSections } from './sections.js';
import { extractReport } from './extract.js';

describe('sections', () => {
  it("maps the seed policies' own wording to fields", () => {
    expect(fieldsForHeading('Affected version(s) and components')).toEqual(['affectedVersions', 'component']);
    expect(fieldsForHeading('**Steps to reproduce the issue**')).toEqual(['steps']);
    // A short aside after the words: its abbreviation or a note; a step's number is no aside.
    expect(fieldsForHeading('2. Proof of Concept (PoC):')).toEqual(['poc']);
    expect(fieldsForHeading('Steps to Reproduce (STR)')).toEqual(['steps']);
    expect(fieldsForHeading('Step (1)')).toEqual([]);
  });

  it('reads "#Steps to reproduce" written without the space as a heading, and no "#include" line', () => {
    const s = findSections('#Steps to reproduce\n\nFollowing URL is vulnerable in the id field.\n\n#include <stdio.h>\nint main(void);\n');
    expect(s.map((x) => [x.heading, x.fields])).toEqual([['Steps to reproduce', ['steps']]]);
    expect(fieldsForHeading('Proof-of-concept or exploit code (if possible)')).toEqual(['poc']);
    expect(fieldsForHeading('Specific commit/branch where the issue exists')).toEqual(['commit', 'branch']);
    expect(fieldsForHeading('3. Suggested mitigation or fix')).toEqual(['mitigation']);
  });
  it('does not take an ordinary sentence ending in a colon for a label', () => {
    expect(findSections('Here is what I did to break it:\nstuff\n')).toEqual([]);
  });
  it('finds underlined, bold, numbered and caps headings', () => {
    const s = findSections('Impact\n======\nbad\n\n**Fix:** patch it\n\n2) Steps to reproduce\nclick\n\nCONFIGURATION\ndefault\n');
    expect(s.map((x) => [x.kind, x.fields[0]])).toEqual([
      ['underline', 'impact'],
      ['bold', 'mitigation'],
      ['numbered', 'steps'],
      ['caps', 'configuration'],
    ]);
  });
  it('takes no URL or request over a rule for a heading: the payload belongs to the PoC above it', () => {
    const text =
      'Proof of concept:\n-----------------\nThe following HTTP request to the forum page returns the topic with id 1:\n=======\nhttp://www.site.com/?page_id=4&cid=1&show=1 AND 1=0\n=======\n';
    const s = findSections(text);
    expect(s.map((x) => x.heading)).toEqual(['Proof of concept:']);
    expect(text.slice(s[0]!.valueStart, s[0]!.valueEnd)).toContain('AND 1=0');
  });
  it('reads the lines below a label left with a quoted-printable soft space ("Payload :=20") as its value', () => {
    const text =
      'Payload :=20\n\n---\nParameter: project_id (POST)\n    Type: boolean-based blind\n    Title: AND boolean-based blind\n    Payload: project_id=1 AND 4923=4923\n';
    const s = findSections(text);
    expect(s.map((x) => [x.heading, x.inline ?? false])).toEqual([['Payload', false]]);
    expect(text.slice(s[0]!.valueStart, s[0]!.valueEnd)).toContain('AND 4923=4923');
  });
  it("ends sqlmap's listing at the first line that is not one of its keys, so the advisory's own sections below stay", () => {
    const text =
      '  Proof of concept:\n\n  Parameter: id (GET)\n      Type: boolean\n      Payload: id=1 AND 1=1\n\n  Impact:\n    Full read of the user table.\n\n  Solution:\n    Apply vendor build 2.0.\n';
    expect(findSections(text).map((x) => x.heading)).toEqual(['Proof of concept', 'Impact', 'Solution']);
  });
});

describe('a label on the last line', () => {
  it('reads a report that ends with a label and no value (a template left empty) instead of throwing', () => {
    for (const text of ['Impact:', 'Thanks.\nImpact:', 'Steps:', 'Summary: XSS in the search page\nImpact:']) {
      expect(() => extractReport({ text, subject: null })).not.toThrow();
    }
    expect(extractReport({ text: 'Summary: XSS in the search page\nImpact:', subject: null }).fields.impact).toBeUndefined();
  });
  it("keeps an underscore inside a heading's word and drops the emphasis around words", () => {
    const headings = findSections('### Issue 1: Heap buffer overflow in mdns_readName\ntext\n### _Issue 2_: .pam_environment loop\ntext\n').map(
      (x) => x.heading,
    );
    expect(headings).toEqual(['Issue 1: Heap buffer overflow in mdns_readName', 'Issue 2: .pam_environment loop']);
  });
  it('reads a label in single emphasis ("*Mitigation*: …") and not a list bullet before prose', () => {
    expect(
      extractReport({ text: 'The name field runs scripts.\n*Mitigation*: Update the Chamilo to the latest version.\n', subject: 'XSS' }).fields.mitigation
        ?.value,
    ).toBe('Update the Chamilo to the latest version.');
    expect(findSections('* Mitigation is hard here: nobody knows.\n').map((x) => x.heading)).toEqual([]);
  });
  it('keeps a "Label: value" note between step 2 and step 3 inside the steps', () => {
    const text =
      '# Steps to reproduce:\n\n1. Create an account with the victim email\n2. The app asks for the emailed OTP\nEndpoint: https://site/confirm-email\n3. Enter any OTP and brute force it\n';
    expect(extractReport({ text, subject: 'Email verification bypass' }).fields.steps?.value).toContain('3. Enter any OTP and brute force it');
    expect(findSections('Steps:\n1. Open it\nURL: https://x/a\n\nNotes follow.\n').map((x) => x.heading)).toEqual(['Steps', 'URL']);
  });
});
