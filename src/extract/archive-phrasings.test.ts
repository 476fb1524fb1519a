// Phrasings of old exploit-archive entries and Bugtraq posts (milw0rm, SecurityFocus
// reposts) that the extractor misread: '#' comment lines that are no title, by-lines and
// "exploited by" credits. Each value is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { extractReport } from './extract.js';

const fields = extractedFields;

describe("an archive entry's '#' lines", () => {
  it('takes neither a labelled link, nor the archive footer, nor a comment that runs on as the title', () => {
    const linked = [
      '# Original Advisory: http://forum.example.net/2857-acme-board-disclosure.html',
      '# Reference: http://www.securityfocus.com/archive/1/512575',
      '',
      '# Exploit Title: Acme Board 3.8.6 faq.php Vulnerability',
      '# Date: 24/07/2010',
      '',
      'The FAQ search shows the database password.',
    ].join('\n');
    expect(fields(linked).title).toBe('Acme Board 3.8.6 faq.php Vulnerability');
    const footer = 'The go.php script reads any file.\n\n# milw0rm.com [2008-01-06]\n';
    expect(fields(footer, 'Acme Mail Remote File Disclosure').title).toBe('Acme Mail Remote File Disclosure');
    const comment = "A fragment cache lets packets through.\n\n# Originally from Jane Doe's advisory,\n# posted to Bugtraq on April 9, 2001.\n";
    expect(fields(comment, 'AcmeFilter fragment cache bypass').title).toBe('AcmeFilter fragment cache bypass');
    // The heading of the PoC section is a section, not the title.
    const demo = 'A fragment cache lets packets through.\n\nDemonstration source code\n-------------------------\n\ndiff -c a.c b.c\n';
    expect(fields(demo, 'AcmeFilter fragment cache bypass').title).toBe('AcmeFilter fragment cache bypass');
  });
});

describe('credit in old advisories', () => {
  it('reads "Exploited by X", "X\'s advisory", "Research Contact - X" and a by-line with an address under the title', () => {
    expect(fields('# Acme 2.0 (catid) SQL Injection\n# Exploited by FarhadKey from example.ir\n').credit).toEqual({ kind: 'handle', name: 'FarhadKey' });
    expect(fields("# Originally from Jane Doe's advisory,\n# posted to Bugtraq.\n").credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('Discovered - 07-02-2013\nResearch Contact - K Lovett\nAffiliation - Example Net\n').credit).toEqual({ kind: 'name', name: 'K Lovett' });
    expect(fields('\t\tAcme Mail Remote File Disclosure\n\t\tEugene Minaev eugene@example.ru\n\nThe go.php script reads any file.\n').credit).toEqual({
      kind: 'name',
      name: 'Eugene Minaev',
    });
    // A name with an address far down (a signature) is no by-line.
    const signed = [
      'Acme Mail Remote File Disclosure',
      '',
      'a',
      'b',
      'c',
      'd',
      'e',
      'The go.php script reads any file.',
      'Eugene Minaev eugene@example.ru',
    ].join('\n');
    expect(fields(signed).credit).toBeUndefined();
  });
});

describe('types old advisories name in their own words', () => {
  it('reads a remote file disclosure and a password kept or shown in clear as information disclosure', () => {
    expect(fields('', 'Acme Mail Remote File Disclosure').vulnType).toBe('information disclosure');
    expect(fields('CWE-256 Plaintext Storage of a Password\n').vulnType).toBe('information disclosure');
    expect(fields('A search for "Database" shows the MySQL password for any person to be visible.').vulnType).toBe('information disclosure');
    // A password field that is merely visible on a form is no disclosure of one.
    expect(fields('The password reset form is visible to logged-in users only.').vulnType).toBeUndefined();
  });
});

describe('mitigation headings of old advisories', () => {
  it('reads "How do I protect myself?", "Vendor information, solutions and workarounds" and "Additional Notes/Fixes/Workarounds:" as the mitigation', () => {
    const cases: Array<[string, string]> = [
      ['How do I protect myself?\nApply the patch from the official site, or delete the phrase by a query.\n', 'Apply the patch'],
      [
        '6. VENDOR INFORMATION, SOLUTIONS AND WORKAROUNDS\n\nUpgrade to the latest version of Acme NNM.\n\n7. CREDITS\n\nJane Doe\n',
        'Upgrade to the latest version',
      ],
      ['Additional Notes/Fixes/Workarounds:\n\nFirmware 1.07.16 fixes the bug.\n', 'Firmware 1.07.16 fixes'],
    ];
    for (const [text, starts] of cases) expect(String(fields(text).mitigation)).toContain(starts);
  });
});

describe('versions next to a fix', () => {
  it('does not take the version a sentence says the fix is in for an affected one, even where the sentence wraps', () => {
    const text = "PS: Acme's internal security team discovered the issue independently and fixed it\non version v4.4.0.";
    const f = fields(text);
    expect(f.affectedVersions).toBeUndefined();
    expect(f.fixedVersion).toBe('4.4.0');
    expect(fields('This was fixed in 3.1.21, but 3.1.20 and earlier are affected.').affectedVersions).not.toContain('3.1.21');
  });
});

describe("an archive entry's product", () => {
  it('reads the product under a Vulnerable Packages heading past its lead-in, and without what it was running', () => {
    const text =
      'XSS in the camera.\n\n4. *Vulnerable Packages*\n\nTests and PoC were run on:\n\n   . TP-Link TL-SC3171 IP camera running firmware version\nLM.1.6.18P12_sign5.\n';
    expect(fields(text).component).toBe('TP-Link TL-SC3171 IP camera');
    expect(fields('Vulnerable Systems:\nWestern Digital My Net Series Wireless Routers:\nN600  Firmware 1.03.12\n').component).toBe(
      'Western Digital My Net Series Wireless Routers',
    );
  });

  it('takes the product of the Subject over a labelled sentence that only mentions it', () => {
    const text = '[+] Systems affected\n\nVersions prior and including 3.1 of Pandora FMS are affected\n\n[+] Details\n\nThe ajax.php page reads any file.';
    expect(extractReport({ text, subject: 'Pandora FMS 3.1 path traversal and file inclusion' }).fields.component?.value).toBe('Pandora FMS');
  });

  it('reads the product of "a vulnerability in X" when nothing else names one, and "v.7.53" as version 7.53', () => {
    expect(fields('There exists a vulnerability in IPFilter that can allow an attacker to reach blocked ports.').component).toBe('IPFilter');
    const nnm = fields('4. VULNERABLE PACKAGES\n\nOpenView NNM v.7.53\nOlder versions are probably affected too.\n');
    expect([nnm.component, nnm.affectedVersions]).toEqual(['OpenView NNM', '7.53']);
  });
});
