// Phrasings of the 2009 list posts of the forty-fifth and forty-sixth corpus batches: a credit
// written with its address hidden from harvesters, a bare "Found :" label, a post that carries
// its list's footer or greets the list, an advisory published under its id, a pasted page's
// DOCTYPE, a product given as a link, a generic heading or the vendor's blurb where a title
// is read, and the old names of a file read. Each value is pinned as a triager would write
// it, with the near miss beside it.
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

describe("what an old advisory's layout must not give", () => {
  it("reads no product or version from a pasted page's DOCTYPE", () => {
    const text =
      'PeterConnects web server is vulnerable to directory traversal.\n\nHTTP/1.0 200 OK\n\n<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html>\n';
    const f = fields(text);
    expect(f.affectedVersions).toBeUndefined();
    expect(f.component).not.toBe('DTD HTML');
    // A product and version in prose still count.
    expect(fields('The flaw is in Acme Portal 4.01 and earlier.\n').affectedVersions).toBe('<= 4.01');
  });

  it("takes no link for the product's name, a name beside it still", () => {
    expect(fields('Product  : http://www.apple.com/safari/\nVersion  : 4.0.1\n').component).toBeUndefined();
    expect(fields('Product  : Apple Safari\nVersion  : 4.0.1\n').component).toBe('Apple Safari');
  });

  it('titles the report by its Subject, not by a heading that only says "Vulnerability Information" nor by the vendor\'s blurb', () => {
    expect(fields('Vulnerability Information\n=========================\nProduct: Cisco ACE XML Gateway\n').title).toBeUndefined();
    const text = '[Summary]\n\nXOOPS is a web application platform written in PHP for the MySQL database.\nIts object orientation makes it ideal.\n';
    expect(fields(text, 'XOOPS <= 2.3.3 Remote Arbitrary File Retrieval').title).not.toMatch(/web application platform/);
    // Without a Subject to title it, the summary's line is all there is.
    expect(fields(text).title).toMatch(/web application platform/);
  });

  it('files a local file include, and a titled arbitrary file retrieval, as path traversal', () => {
    expect(fields('Pluck CMS has Local File Include vulnerability.\n').vulnType).toBe('path traversal');
    expect(fields('The icon path is built from a request variable.\n', 'XOOPS <= 2.3.3 Remote Arbitrary File Retrieval').vulnType).toBe('path traversal');
    // Reading a file is not the same as uploading one.
    expect(fields('The avatar form stores any file.\n', 'Arbitrary file upload in Acme').vulnType).not.toBe('path traversal');
  });

  it('files no product under a sentence left without its versions, nor under a version in code marks', () => {
    const text =
      'Splunk 4.3.3 and prior versions has "Data Preview" functionality.\n\nVI. SYSTEMS AFFECTED\n-------------------------\n\nVersion 4.3.3 and prior versions are vulnerable.\n';
    expect(fields(text).component).toBe('Splunk');
    expect(fields('The patch was officially released in `v1.7.5`.\n').component).toBeUndefined();
    expect(fields('The flaw is in `acme-parser`.\n').component).toBe('acme-parser');
  });

  it('takes no configuration from a label that says none is needed, nor from a sentence about the defaults', () => {
    expect(fields('Pre-conditions:\nNo pre-conditions for authentication or authorization.\n').configuration).toBeUndefined();
    expect(fields('Pre-conditions:\nregister_globals must be enabled.\n').configuration).toBe('register_globals must be enabled.');
    expect(fields('The default installation of the Hotkey Driver runs under NT Authority\\System privileges.\n').configuration).toBeUndefined();
  });

  it('files no disclosure date whose day and month could be swapped, unless the text settles the order', () => {
    expect(fields('# Date: 04/12/2012\n-> Full Disclosure:\t\t04/12/2012\n').disclosureDate).toBeUndefined();
    // Another date of the text writes the day over 12, or the same day written out.
    expect(fields('# Date: 04/12/2012\nReported: 04/25/2012\n-> Full Disclosure:\t04/12/2012\n').disclosureDate).toBe('2012-04-12');
    expect(fields('# Date: 09/03/2012\n- Release date: September 3rd, 2012\n').disclosureDate).toBe('2012-09-03');
    expect(fields('Date published: 2017-08-12\n').disclosureDate).toBe('2017-08-12');
  });
});
