// One report or several: the headings that open an issue of their own, and the ones that
// only title the report, point elsewhere or name a section of the one issue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const partsOf = (text: string, subject: string | null = null): string[] | undefined => extractReport({ text, subject }).multiple?.map((p) => p.title);

describe('several issues in one report', () => {
  it('does not take Exploit-DB header lines that name a vulnerability ("Exploit Title: … - Multiple SQLi", "Blog Post: …") for parts', () => {
    const text = [
      '# Exploit Title: Wordpress Plugin Acme Projects 3.2.42 - Multiple SQLi',
      '# Exploit Author: Jane Doe',
      '# Blog Post: https://blog.example.org/acme-projects-multiple-sqli',
      '',
      '# Description',
      '',
      'The project_id parameter is used in a query without sanitising.',
    ].join('\n');
    expect(partsOf(text)).toBeUndefined();
  });

  it("does not read an exploit's comment block, wrapped mid-sentence, as headings of parts (Exploit-DB 47529)", () => {
    // The tune part's copy: the advisory's last sections, then the exploit script whose '#' comment lines
    // ("# leveraged to cause a denial of service condition or to escalate") read as Markdown headings.
    const text = readFileSync(new URL('../../test/fixtures/reports-real/edb-47529-solaris-xscreensaver-lpe.txt', import.meta.url), 'utf8');
    expect(partsOf(text, 'Local privilege escalation on Solaris 11.x via xscreensaver')).toBeUndefined();
  });

  it('does not read the sentences of an exploit\'s comments as part headings, but keeps "Issue 1: …." and a title ending in a full stop', () => {
    const comments = [
      '# Exploit title: Multiple vulnerabilities on OemPro',
      '',
      '# FCKEditor 2.3.2 is used, file upload vulnerabilities have been found',
      'before (Credits to grabz), making possible to bypass any kind of restriction.',
      '',
      '# We can bypass the directory traversal mitigation by using an array.',
      '$ curl -X POST -d "paths[0]=../../../../tmp/" http://localhost/execute.php',
      '',
      "# Several SQL injections have been found all the encoded input data it's",
      'only being decoded but not properly filtered.',
    ].join('\n');
    expect(partsOf(comments)).toBeUndefined();
    const issues = [
      '## Issue 1: Double evaluation of JSP tag dynamic attributes.',
      '',
      'The value is evaluated twice.',
      '',
      '## Issue 2: Additional evaluation on FreeMarker tags',
      '',
      'Again twice.',
    ].join('\n');
    expect(partsOf(issues)).toEqual(['Issue 1: Double evaluation of JSP tag dynamic attributes.', 'Issue 2: Additional evaluation on FreeMarker tags']);
    const periods = ['### XSS Reflected via adding a comment', '', 'x', '', '### Upload restriction bypass (Admin) + Stored Xss.', '', 'y'].join('\n');
    expect(partsOf(periods)).toEqual(['XSS Reflected via adding a comment', 'Upload restriction bypass (Admin) + Stored Xss.']);
  });

  it('reads an advisory title and a section that only names its type again as one issue', () => {
    const text = [
      '# GHSL-2020-071: Server-side template injection in Lithium CMS',
      '',
      '## Summary',
      'The template renderer evaluates user input.',
      '',
      '## Server-Side Template Injection',
      'The name parameter reaches the template engine unescaped.',
    ].join('\n');
    expect(partsOf(text)).toBeUndefined();
  });

  it('keeps two parts of one type that each say where ("XSS via syncid", "XSS via preview.cgi")', () => {
    const text = [
      'XSS via syncid Parameter',
      '========================',
      'CVE: CVE-2017-8838',
      '',
      'XSS via preview.cgi',
      '===================',
      'CVE: CVE-2017-8839',
      '',
    ].join('\n');
    expect(partsOf(text)).toEqual(['XSS via syncid Parameter', 'XSS via preview.cgi']);
  });

  it('adds the sibling headings of an advisory that carry their own CVE, though they name no vulnerability type', () => {
    const text = [
      'SQL Injection via bauth Cookie',
      '==============================',
      'CVE: CVE-2017-8835',
      'CVSS Vector: CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      '',
      'Workarounds',
      '-----------',
      'Install the update.',
      '',
      'Passwords stored in Cleartext',
      '=============================',
      'CVE: CVE-2017-8837',
      '',
      'XSS via syncid Parameter',
      '========================',
      'CVE: CVE-2017-8838',
      'CVSS Vector: CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N',
      '',
      'Timeline',
      '========',
      '2017-04-07 Issue found',
    ].join('\n');
    const r = extractReport({ text, subject: null });
    expect(r.multiple?.map((p) => p.title)).toEqual(['SQL Injection via bauth Cookie', 'Passwords stored in Cleartext', 'XSS via syncid Parameter']);
    expect(r.multiple?.map((p) => p.cvss?.score)).toEqual([9.8, undefined, 5.4]);
    // Each part has its own vector: the first is not the report's.
    expect(r.fields.cvss).toBeUndefined();
  });

  it("reads an advisory's numbered, marked-up section titles of one depth with their own CVEs as its parts, not its earlier sections", () => {
    const text = [
      '3. *Vulnerability Description*',
      'Found: [CVE-2013-2578] command execution and [CVE-2013-2579] hard-coded credentials.',
      '',
      '3.1. *Attack Paths*',
      'Combine CVE-2013-2578 with CVE-2013-2579.',
      '',
      '7. *Technical Description / Proof of Concept Code*',
      '',
      '7.1. *OS Command Injection in servetest*',
      '[CVE-2013-2578] The file /cgi-bin/admin/servetest has an OS command injection.',
      '',
      '7.2. *Hard-coded credentials in telnet service*',
      '[CVE-2013-2579] The telnet service has a hard-coded login.',
      '',
      '7.3. *Unauthenticated remote firmware upgrades*',
      '[CVE-2013-2581] /cgi-bin/firmwareupgrade takes any firmware.',
    ].join('\n');
    expect(partsOf(text)).toEqual([
      'OS Command Injection in servetest',
      'Hard-coded credentials in telnet service',
      'Unauthenticated remote firmware upgrades',
    ]);
  });

  it("reads one 'Vulnerability:' label per issue as the parts", () => {
    const text = '#3\nVulnerability: Remote code execution via file upload\nCVE-2014-7866\n\n#4\nVulnerability: Blind SQL injection\nCVE-2014-7868\n';
    expect(partsOf(text)).toEqual(['Remote code execution via file upload', 'Blind SQL injection']);
  });

  it('reads an advisory\'s "5.1 - Title -" sub-sections, each with its own CVE or CVSS figure, as its issues (a colon in brackets labels nothing)', () => {
    const text = [
      '5) Vulnerabilities:',
      '',
      '5.1 - PHP File Inclusion (or RFI/LFI: Remote/Local file inclusion) -',
      'CVE-2031-0001 - CVSS 8.5/10',
      '',
      'Parameter page of ajax.php is not sanitised.',
      '',
      '5.2 - SQL injection in the report filter - CVE-2031-0002',
      '- - CVSS 7.9/10',
      '',
      'Any user may upload a plugin archive.',
      '',
      '5.3 - Credits',
      '',
      'Jane Doe',
    ].join('\n');
    expect(partsOf(text)).toEqual(['PHP File Inclusion (or RFI/LFI: Remote/Local file inclusion)', 'SQL injection in the report filter']);
  });

  it('reads "can be abused in two different ways" and the two numbered titles that stand alone below it as two issues, not sentences', () => {
    const text = [
      'The client fetches every link itself. This can be abused in two different ways, without any user interaction:',
      '',
      '1) Client-Side Request Forgery (SSRF)',
      '',
      "The client sends a request to an internal address of the attacker's choosing.",
      '',
      '2) Capture of credentials (Windows client only)',
      '',
      'A resource behind HTTP basic auth makes the client prompt for a password.',
    ].join('\n');
    expect(partsOf(text)).toEqual(['Client-Side Request Forgery (SSRF)', 'Capture of credentials (Windows client only)']);
    // Sentences under the numbers are not titles of issues.
    const sentences = 'It can be abused in two different ways:\n\n1) Open the page in a frame.\n\nThen wait.\n\n2) Click save twice.\n\nDone.\n';
    expect(partsOf(sentences)).toBeUndefined();
  });
});
