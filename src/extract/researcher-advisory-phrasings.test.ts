// Phrasings of researchers' advisories on Exploit-DB (the fortieth corpus batch, one per
// author): a body written as a script's comments, a regular expression in an XSS payload,
// numbered labels that are headings and not steps, a year-first date with its day second.
// Each value is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findDate } from './dates.js';
import { findLocations } from './locations.js';

const fields = extractedFields;

describe("a researcher's advisory", () => {
  it('reads a report written behind "# " marks as if they were not there, offsets and all', () => {
    const text = [
      '# Exploit Title: Acme Audit 4.2.0 - Cross-Site Scripting (XSS)',
      '# Date: 2021-11-01',
      '# Exploit Author: Jane Roe',
      '# Version: <= 4.2.0',
      '# Tested on: Windows 10',
      '',
      '# 1. Vendor Description',
      '# Acme Audit tells you what is on your network.',
      '',
      '# 2. Technical Description',
      '# If a bad value is passed to the routine via a URL, javascript code can be executed.',
      '',
      '# 3. Proof of Concept',
      '# Step 1: Login to Acme Audit via the login page',
      '# Step 2: Open the import page with the payload in its path',
      '',
      'Vulnerable URL 1: "http://localhost/audit/index.php/discoveries/import%22onmouseover%3d%22alert(1)%22"',
      '',
      '# Step 3: Observe that the payload runs and a popup is displayed.',
      '',
      '# 4. Remediation',
      '# Apply the recommended workarounds and mitigations provided by Acme.',
    ].join('\n');
    const f = fields(text);
    expect(f.mitigation).toBe('Apply the recommended workarounds and mitigations provided by Acme.');
    expect(f.steps).toMatch(/^Step 1: Login to Acme Audit via the login page\n\s*Step 2:[^]*Step 3: Observe/);
    // A header block alone stays as it is: its lines are labels already.
    expect(fields('# Exploit Title: Acme CMS 1.0 - SQL Injection\n# Exploit Author: Jane Roe\n\nThe id parameter is injectable.').credit).toEqual({
      kind: 'name',
      name: 'Jane Roe',
    });
  });

  it('takes no path from a regular expression given to a call ("alert(/XSS/)"), but keeps a path in brackets', () => {
    const places = findLocations('<script>alert(/XSS/)</script> and alert(/XSS/i), see the panel (/admin/) and (/var/www/x.php)').map((l) => l.value);
    expect(places).toEqual(['/admin/', '/var/www/x.php']);
  });

  it('reads numbered labels ("1. Description:", "2. Proof Of Concept:") as headings, not as steps', () => {
    const text =
      '1. Description:\n\nA CSRF in Acme Files lets a page create users.\n\n2. Proof Of Concept:\n\n<form action="http://x/api/users"></form>\n\n3. HTTP request intercept:\n\nPOST /api/users\n\n4. References:\n\nnone\n';
    expect(fields(text).steps).toBeUndefined();
  });

  it('reads "2022-26-03" as the 26th of March: a middle number over 12 is the day', () => {
    expect(findDate('# Date: 2022-26-03')?.value).toBe('2022-03-26');
    expect(findDate('Date: 2022-03-26')?.value).toBe('2022-03-26');
  });

  it('starts a new list where the numbers start again, keeps Markdown\'s "1." on every item, and reads a list of section names as no steps', () => {
    expect(fields('Steps to reproduce:\n\n1. Log in as admin\n1. Open the settings page\n1. Save the payload in the name field\n').steps).toMatch(
      /Save the payload/,
    );
    const sections = '1. Vendor Description\nAcme is a CMS.\n2. Technical Description\nThe id is not escaped.\n3. Remediation\nUpdate Acme.\n';
    expect(fields(sections).steps).toBeUndefined();
  });

  it("names a platform's plugin as the title does, over the platform the prose names", () => {
    const text = '# Tested on: Debian / WordPress 6.0.1\n\nThe 3dady real-time web stats WordPress plugin is vulnerable to stored XSS in its settings.';
    expect(fields(text, 'Wordpress Plugin 3dady real-time web stats 1.0 - Stored Cross Site Scripting (XSS)').component).toBe(
      'Wordpress Plugin 3dady real-time web stats',
    );
  });
});
