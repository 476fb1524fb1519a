// Phrasings of advisories posted to mailing lists (Full Disclosure, Bugtraq, oss-security;
// the forty-second corpus batch): the timeline entry that is the full disclosure itself,
// a date on its own line above its entry, a header giving where the advisory is published,
// and a Ghostscript report whose PostScript names look like paths. Each value is pinned
// as a triager would write it, and each near miss that must not count beside it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';
import { publication } from './publication.js';

const fields = extractedFields;

describe("a mailing-list advisory's timeline", () => {
  it('takes "DATE - Full Disclosure" as the day the report went public', () => {
    const text = [
      'Timeline:',
      '11-15-2019 - Reported to the vendor',
      '12-02-2019 - Detailed report shared and full disclosure time line given',
      '12-17-2019 - Full Disclosure',
    ].join('\n');
    expect(publication(text)).toMatchObject({ date: { value: '2019-12-17' }, public: true });
  });

  it('takes "…, Full Disclosure as planned." as done, where "planned" alone would be a plan', () => {
    expect(publication('November 13, 2017: No reply from the vendor, Full Disclosure as planned.')).toMatchObject({
      date: { value: '2017-11-13' },
      public: true,
    });
    expect(publication('November 1, 2017: Public release planned for November 13')).toBeUndefined();
  });

  it('takes a timeline\'s "Full Disclosure" after its date however the columns are set off', () => {
    for (const [line, day] of <Array<[string, string]>>[
      ['05/20/2014\tFull Disclosure', '2014-05-20'],
      ['2015-01-05 Full disclosure', '2015-01-05'],
      ['26.09.2016 \tfull disclosure', '2016-09-26'],
      ['2016-12-13 | me | Full Disclosure on FullDisclosure mailinglist on seclists.org', '2016-12-13'],
    ])
      expect(publication(line), line).toMatchObject({ date: { value: day }, public: true });
    expect(publication('05/04/2014\tVendor notified about full disclosure in 15 days (No reply)')).toBeUndefined();
  });

  it("reads a header's credit without the link after it, and a product without its tagline in quotes", () => {
    const text = [
      'Title: SQL injection in Joomla extension DT Register',
      'Credit: Elar Lang / https://security.elarlang.eu',
      'Vulnerability: SQL injection',
      'Product: DT Register "Calendar & Event Registration"',
      '',
      'The cat parameter is injectable.',
    ].join('\n');
    expect(fields(text).credit).toEqual({ kind: 'name', name: 'Elar Lang' });
    expect(fields(text).component).toBe('DT Register');
  });

  it("takes no product or version from the advisory's own revision line", () => {
    const text = [
      '=============================================',
      '- Discovered by: Dawid Roe',
      '- Release date: 03.05.2017',
      '- Revision 1.0',
      '- Severity: Medium/High',
      '=============================================',
      '',
      'If an attacker sends a request like the one below, the password reset mail goes to their server.',
    ].join('\n');
    expect(fields(text).component).toBeUndefined();
    expect(fields(text).affectedVersions).toBeUndefined();
  });

  it('reads "Full Disclosure URL: <link>" in the header as published', () => {
    const text = [
      'Title: SQL injection in Acme Register',
      'Full Disclosure URL: https://security.example.eu/sql-injection-in-acme.html',
      '',
      'The id parameter is injectable.',
    ].join('\n');
    expect(fields(text).public).toBe(true);
  });

  it('takes a header\'s "-> Full Disclosure: <date>" below its "# Date:" as public, and a line sending it to a list, dated or not', () => {
    expect(
      publication(
        ['# Exploit Title: Acme CSRF', '# Date: 04/12/2012', '', '-> Contacted again:\t\t03/28/2012', '-> Full Disclosure:\t\t04/12/2012'].join('\n'),
      ),
    ).toMatchObject({
      public: true,
    });
    expect(
      fields(
        ['Acme Bans 1.4 has a stored XSS in its ban reason.', '', '#Disclosure Information:', '- Disclosed to Exploit-DB, Bugtraq and InterN0T:'].join('\n'),
      ).public,
    ).toBe(true);
    expect(publication('2013-09-30 - Public notice to "bugtraq".')).toMatchObject({ date: { value: '2013-09-30' }, public: true });
    expect(
      fields(['Acme Splunk app reads any file.', '', 'VIII. DISCLOSURE TIMELINE', '8/3/12 - Vendor informed', '9/3/12 - Full disclosure'].join('\n')).public,
    ).toBe(true);
  });

  it('does not take a line that only names a full disclosure as one', () => {
    for (const line of [
      '2017-10-09  Vendor contacted, replied to use GitHub for a full disclosure',
      '2017-06-16  A period of 90 days is requested by vendor until full disclosure.',
    ])
      expect(publication(line), line).toBeUndefined();
  });

  it('dates an entry by the date alone on the line above it', () => {
    const text = ['07 - Disclosure timeline', '', '2017-06-13', 'Received confirmation of the report.', '', '2018-01-03', 'Public Disclosure', ''].join('\n');
    expect(publication(text)).toMatchObject({ date: { value: '2018-01-03' }, public: true });
  });

  it('takes the day it was sent to the lists over the advisory\'s "Original release date"', () => {
    const text = [
      'MGC ALERT 2019-001',
      '- Original release date: February 06, 2019',
      '- Last revised:  March 13, 2019',
      '',
      'I. VULNERABILITY',
      'Local File Inclusion in the Acme Media Player plugin for WordPress.',
      '',
      'XI. DISCLOSURE TIMELINE',
      'February 06, 2019 1: Vulnerability acquired by the researcher',
      'February 21, 2019 3: Second email to vendor without response',
      'March 13, 2019 4: Send to the Full-Disclosure lists',
    ].join('\n');
    expect(publication(text)).toMatchObject({ date: { value: '2019-03-13' }, public: true });
    const f = fields(text);
    expect(f.disclosureDate).toBe('2019-03-13');
    expect(f.public).toBe(true);
  });

  it("prefers the timeline's public disclosure to a sentence that dates someone else's", () => {
    const text = [
      'Acme Cloud 2.30 suffers from a command injection in its sharing page.',
      '',
      'Disclosure timeline',
      '2017-06-10',
      'Reported to the vendor.',
      '2017-12-15',
      'Another researcher posts disclosure of the upload bug independently of my research.',
      '2018-01-03',
      'Public Disclosure',
    ].join('\n');
    expect(fields(text).disclosureDate).toBe('2018-01-03');
  });

  it('reads "Full disclosure and PoC on: <URL>" in the header as published', () => {
    const text = [
      '# Exploit Title: WordPress Theme Acme 4.8.3 - Reflected Cross-Site Scripting (XSS)',
      '# Exploit Author: Jane Roe',
      '# Version: Acme < 4.8.4',
      '',
      '# Full disclosure and PoC on: https://blog.example.net/xss-in-acme-theme',
      '',
      'The page number is reflected without escaping.',
    ].join('\n');
    expect(fields(text).public).toBe(true);
    expect(fields(text.replace('# Full disclosure and PoC on:', '# More on:')).public).toBeUndefined();
  });
});

describe('an advisory in the Phrack style ("--[ 05 - Credit")', () => {
  const text = [
    'Acme Cloud Multiple Vulnerabilities',
    '',
    '--[ 01 - Unrestricted file upload',
    '',
    'The uploader at /web/pages/uploader/multi_upload.php takes any file from anyone.',
    '',
    '--[ 05 - Credit',
    '',
    'James Roe',
    'Acme Research and Development',
    '',
    '--[ 07 - Disclosure timeline',
    '',
    '2017-06-10',
    'Disclosed to the vendor.',
  ].join('\n');

  it('reads its sections by their titles: the credit under "Credit"', () => {
    expect(fields(text).credit).toEqual({ kind: 'name', name: 'James Roe' });
  });

  it('takes no date from a timeline whose entries do not say it went public (its first date is when it began)', () => {
    expect(fields(text).disclosureDate).toBeUndefined();
  });
});

describe('an Exploit-DB header crediting several people', () => {
  it('credits them all, as the author line names them', () => {
    const text = [
      '# Exploit Title: WordPress Theme Acme 4.8.3 - Reflected Cross-Site Scripting (XSS)',
      '# Exploit Author: Francisco Díaz-Pache Alonso, Sergio Corral Cristo and David Álvarez Robles',
      '# Version: Acme < 4.8.4',
      '',
      'The page number is reflected without escaping.',
    ].join('\n');
    expect(fields(text).credit).toEqual({ kind: 'name', name: 'Francisco Díaz-Pache Alonso, Sergio Corral Cristo and David Álvarez Robles' });
  });

  it('still credits the person, not the firm, in "Jane Roe, Acme Security GmbH"', () => {
    const text = ['# Exploit Title: Acme 1.0 - SQL Injection', '# Exploit Author: Jane Roe, Acme Security GmbH', '', 'The id parameter is injectable.'].join(
      '\n',
    );
    expect(fields(text).credit).toEqual({ kind: 'name', name: 'Jane Roe' });
  });
});

describe("places that are none of the product's", () => {
  const places = (text: string): string[] => (fields(text).locations as string[] | undefined) ?? [];

  it('drops a placeholder path ("https://[hostname]/[path]?x") and a write-up\'s post, keeps the real page beside them', () => {
    const text = [
      'Full write-up: https://blog.hackersresearch.es/cross-site-scripting-xss-reflejado-en-tema-acme',
      '',
      'https://[hostname]/[path]?ProofOfConcept --> the page number is reflected.',
      'The search page /index.php?s= reflects it too.',
    ].join('\n');
    expect(places(text)).toEqual(['/index.php']);
  });

  it("drops the suite's test file the reporter wrote the PoC in, keeps the source file", () => {
    const text =
      'The parser in java/core/src/main/java/com/acme/CodedInput.java overreads; see java/core/src/test/java/com/acme/CodedInputTest.java for the PoC.';
    expect(places(text)).toEqual(['java/core/src/main/java/com/acme/CodedInput.java']);
  });

  it("keeps a plugin's folder, however many words its name has", () => {
    expect(places('The upload handler is in /wp-content/plugins/acme-super-contact-form-builder/upload.php.')).toEqual([
      '/wp-content/plugins/acme-super-contact-form-builder/upload.php',
    ]);
  });
});

describe('an advisory headed in brackets (hyp3rlinx\'s "[Product]")', () => {
  const text = [
    '# Exploit Title: Microsoft Internet Explorer / ActiveX Control - Security Bypass',
    '# Exploit Author: John Page (aka hyp3rlinx)',
    '',
    '[Vendor]',
    'www.microsoft.com',
    '',
    '[Product]',
    'Microsoft Internet Explorer (MSIE)',
    'Internet Explorer is a discontinued series of graphical web browsers.',
    '',
    '[Exploit/POC]',
    'Create the MHT file:',
    '',
    'From:',
    'Subject:',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related; type="text/html"',
    '',
    '[database]',
    'host = 127.0.0.1',
  ].join('\n');

  it('reads the product under "[Product]", not a DOCTYPE or a MIME header further down', () => {
    expect(fields(text).component).toBe('Microsoft Internet Explorer');
  });

  it("takes no affected version from the PoC's MIME-Version header", () => {
    expect(fields(text).affectedVersions).toBeUndefined();
  });

  it('leaves a bracketed name that is no section (an INI file\'s "[database]") as text', () => {
    expect(fields(text).configuration ?? '').not.toContain('host = 127.0.0.1');
  });
});

describe('a plain-text advisory underlined with tildes', () => {
  const text = [
    '# Exploit Title: Acme DT 850W Wireless Router - CSRF',
    '',
    'Disclosure Timeline',
    '~~~~~~~~~~~~~~~~~~~',
    '04/23/2014  Contacted Vendor',
    '05/20/2014\tFull Disclosure',
    '',
    'Technical Details',
    '~~~~~~~~~~~~~~~~~~',
    'The web console has no CSRF protection: a page the admin visits can change the Wi-Fi password.',
    '',
    'Exploit Code',
    '~~~~~~~~~~~~~',
    '<form action="http://192.168.1.1/Forms/home_wlan_1" method="POST">',
    '<input type="hidden" name="PreSharedKey" value="owned">',
    '</form>',
  ].join('\n');

  it('reads the tildes under a title as its underline, not as a fence: the timeline is no code', () => {
    expect(fields(text).poc).toMatch(/^<form action=/);
    expect(fields(text).public).toBe(true);
  });

  it('reads a form posting to "http://[TARGET/IP]/Forms/x" by its path, not the cut "http://[TARGET/IP"', () => {
    expect(findLocations('<form action="http://[TARGET/IP]/Forms/home_wlan_1" method="POST">').map((l) => l.value)).toEqual(['/Forms/home_wlan_1']);
  });

  it('still reads three tildes after a line that hands over code as a fence', () => {
    const fenced = ['Run this:', '~~~', 'curl -d @x http://acme.local/api', '~~~'].join('\n');
    expect(fields(fenced).poc).toBe('curl -d @x http://acme.local/api');
  });
});

describe("a Windows driver's report", () => {
  it("takes no affected version from its timeline's dates ('30.05.2016')", () => {
    const text = [
      'The MSI NTIOLib.sys driver lets any user map physical memory.',
      '',
      'Disclosure timeline:',
      '30.05.2016 \tsent e-mail notification to the vendor',
      '31.05.2016 – 03.06.2016 \ttried reporting through official support channel',
    ].join('\n');
    expect(fields(text).affectedVersions).toBeUndefined();
    expect(fields('Acme Gateway versions 10.12.2 and earlier are affected.').affectedVersions).toBe('<= 10.12.2');
  });

  it('lists the driver files it names as the places of the flaw', () => {
    const text = [
      'The following drivers expose physical memory to any user:',
      '    NTIOLib.sys / NTIOLib_X64.sys',
      '        MSI FastBoot',
      '    WinIO.sys / WinIO64.sys',
      '        MSI Dragon Center',
    ].join('\n');
    expect(findLocations(text).map((l) => l.value)).toEqual(['NTIOLib.sys', 'NTIOLib_X64.sys', 'WinIO.sys', 'WinIO64.sys']);
  });
});

describe('a Ghostscript report', () => {
  const session = [
    '1. /invalidaccess checks stop working after a failed restore, so you can execute shell commands. Repro:',
    '',
    '$ gs -q -sDEVICE=ppmraw -dSAFER -sOutputFile=/dev/null',
    'GS>legal',
    'GS>{ null restore } stopped { pop } if',
    'GS>mark /OutputFile (%pipe%id) currentdevice putdeviceprops',
    'GS><< /Whatever 16#414141414141 >> setpattern',
    '/FileToSteal (/etc/passwd) def',
    'GS>{ /LockDistillerParams true } stopped pop',
  ].join('\n');

  it("takes PostScript's /Names for names, not for places in the product", () => {
    expect(findLocations(session).map((l) => l.value)).not.toEqual(expect.arrayContaining(['/OutputFile']));
    expect(findLocations(session).map((l) => l.value)).toEqual(expect.not.arrayContaining(['/invalidaccess', '/Whatever', '/LockDistillerParams']));
  });

  it('still takes a one-part path in a text that is not PostScript', () => {
    expect(findLocations('The endpoint /admin lets anyone in; see /OutputFile handling too.').map((l) => l.value)).toEqual(expect.arrayContaining(['/admin']));
  });
});

describe('an Exploit-DB header naming a release by its year', () => {
  it('takes "# Version: 2018" as the version, and the product without it', () => {
    const f = fields(
      '# Exploit Title: Adobe ColdFusion 2018 - Arbitrary File Upload\n# Version: 2018\n# Tested on: Adobe ColdFusion 2018\n\nUnrestricted file upload in Adobe ColdFusion 2018 lets anyone run code.\n',
    );
    expect(f.affectedVersions).toBe('2018');
    expect(f.component).toBe('Adobe ColdFusion');
    // A year among other words on the line is a date, not a release.
    expect(fields('# Version: released in 2018\n\nA stored XSS in Acme Blog lets anyone run script.\n').affectedVersions).toBeUndefined();
  });
});
