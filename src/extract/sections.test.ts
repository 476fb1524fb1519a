import { describe, expect, it } from 'vitest';
import { fieldsForHeading } from './labels.js';
import { findSections } from './sections.js';

describe('sections', () => {
  it("maps the seed policies' own wording to fields", () => {
    expect(fieldsForHeading('Affected version(s) and components')).toEqual(['affectedVersions', 'component']);
    expect(fieldsForHeading('**Steps to reproduce the issue**')).toEqual(['steps']);
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
});
