// Phrasings of the 2009 list posts of the forty-fifth corpus batch: a credit written with its
// address hidden from harvesters, a bare "Found :" label, a post that carries its list's
// footer or greets the list, and an advisory published under its id. Each value is pinned as
// a triager would write it, with the near miss beside it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { releasedLine } from './publication.js';

const fields = extractedFields;

describe('a credit with its address', () => {
  it('takes the name before an address written "[at]" and "[dot]", and the mailbox of a bare one as the handle', () => {
    expect(fields('Author                 : Lavakumar Kuppan - lavakumar[dot]in[at]gmail[dot]com\n').credit).toEqual({
      kind: 'name',
      name: 'Lavakumar Kuppan',
    });
    expect(fields('Credits:leinakesi[at]gmail.com\n').credit).toEqual({ kind: 'handle', name: 'leinakesi' });
    expect(fields('Credits: Jane Doe <jane.doe@example.org>\n').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    // A role's mailbox is no handle.
    expect(fields('Credits: security[at]example.org\n').credit).not.toEqual({ kind: 'handle', name: 'security' });
  });

  it('reads "Found :" as the finder only when a name or a handle follows', () => {
    expect(fields('Found : halkfild\n').credit).toEqual({ kind: 'handle', name: 'halkfild' });
    expect(fields('Found: the bug in the login form\n').credit).toBeUndefined();
    expect(fields('Discovered: 2009-01-01\n').credit).toBeUndefined();
  });
});

describe('a post on a public list', () => {
  it("reads the Full-Disclosure list's footer as the post being public", () => {
    const text =
      'The XSS is in the search form.\n\n_______________________________________________\nFull-Disclosure - We believe in it.\nCharter: http://lists.grok.org.uk/full-disclosure-charter.html\n';
    expect(fields(text).public).toBe(true);
    expect(fields('We believe in it: full disclosure helps users.\n').public).toBeUndefined();
  });

  it('reads a first line that greets Bugtraq as a post to it, not a greeting further down', () => {
    expect(fields('Hello Bugtraq!\n\nI want to warn you about a Cross-Site Scripting vulnerability in E107.\n').public).toBe(true);
    expect(fields('Hello team,\n\nI found an XSS.\n\nHello Bugtraq!\n').public).toBeUndefined();
  });

  it('takes "Advisory VUDO-2009-0804 published." as a release, the id between', () => {
    expect(releasedLine('[*] 08-04-2009: Advisory VUDO-2009-0804 published.')).toBeDefined();
    expect(releasedLine('[*] 08-04-2009: Advisory VUDO-2009-0804 drafted.')).toBeUndefined();
  });
});
