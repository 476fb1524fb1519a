// One report or several: the headings that open an issue of their own, and the ones that
// only title the report, point elsewhere or name a section of the one issue.
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
});
