// Several issues listed the way plain-text advisories list them without headings the section
// reader knows: marked item lines, two advisory identifiers, one template repeated per issue;
// and the single reports whose steps, payload labels and closing sections look the same.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const partsOf = (text: string, subject: string | null = null): string[] | undefined => extractReport({ text, subject }).multiple?.map((p) => p.title);

describe('issues listed as marked item lines', () => {
  it('reads "1) CSRF Add Admin PoC:" and "2) Persistent XSS" standing alone under a report of multiple vulnerabilities as two parts', () => {
    const text = [
      '# Exploit Title: Ushahidi 2.2 Multiple Vulnerabilites',
      '# Version: 2.2',
      '',
      '1) CSRF Add Admin PoC:',
      '',
      '<form action="http://127.0.0.1/admin/users/edit" method="POST">',
      '<input type="hidden" name="role" value="admin">',
      '</form>',
      '',
      '2) Persistent XSS',
      '',
      '  -> Go to http://127.0.0.1/login',
      '  -> Enter username: <img/onerror="alert(123)"src=a>',
    ].join('\n');
    expect(partsOf(text)).toEqual(['CSRF Add Admin PoC', 'Persistent XSS']);
  });

  it('takes "[*] Cross-Site Scripting (XSS):" once though a Proof of Concept section lists the issues again, and not their combined proof ("[*] CSRF + XSS:")', () => {
    const text = [
      'Multiple vulnerabilities were found on the package net2ftp, version 0.98 and below.',
      '',
      '[*] Cross-Site Scripting (XSS):',
      '',
      '  The regular expression in validateGenericInput() is invalid.',
      '',
      '[*] Cross-Site Request Forgery (CSRF):',
      '',
      '  No form checks a token.',
      '',
      '#=Proof of Concept=#',
      '',
      '[*] Cross-Site Scripting (XSS):',
      '',
      '  http://ftp.victim.com/?state=login_small&errormessage=<iframe onload="alert(1)">',
      '',
      '[*] CSRF + XSS:',
      '',
      '  <form action="http://ftp.victim.com/">',
    ].join('\n');
    expect(partsOf(text)).toEqual(['Cross-Site Scripting (XSS)', 'Cross-Site Request Forgery (CSRF)']);
  });

  it('takes every item of a numbered list of issues ("#1." … "#3.") when two of them name a class, in their order', () => {
    const text = [
      'Vulnerabilities',
      '===============',
      '',
      '#1. Default Insecure Configurations',
      '',
      'The shipped settings allow uploads of any kind.',
      '',
      '#2. Cross-site Scripting',
      '',
      'The folder name is echoed unescaped.',
      '',
      '#3. Cross-site Request Forgeries',
      '',
      'No request carries a token.',
    ].join('\n');
    expect(partsOf(text, 'TinyBrowser 1.41.6 - Multiple Vulnerabilities')).toEqual([
      'Default Insecure Configurations',
      'Cross-site Scripting',
      'Cross-site Request Forgeries',
    ]);
  });

  it('reads "xss-1:" and "xss-2" as two parts when the Subject says there are multiple of that class', () => {
    const text = [
      'A stored XSS in the task system.',
      '',
      'xss-1:',
      '',
      '1) Navigate to http://localhost/?page=view_task&id=2',
      '2) Insert your payload in the "title" parameter',
      '',
      'xss-2',
      '',
      '1) Navigate to http://localhost/?page=manage_account',
      '2) Insert your payload in the "full name" parameter',
    ].join('\n');
    expect(partsOf(text, "Task Management System 1.0 - 'multiple' Cross Site Scripting (XSS)")).toEqual(['xss-1', 'xss-2']);
  });

  it('reads two advisories that each carry their own identifier as two parts, with no claim of several', () => {
    const text = [
      '[ONSEC-09-020] Mura CMS root folder disclosure',
      'Type: Information disclosure',
      '',
      'The error page prints the installation path.',
      '============================================================================',
      '[ONSEC-09-019] Mura CMS XSS',
      'Type: Cross-site scripting',
      '',
      'The link parameter is not filtered.',
    ].join('\n');
    expect(partsOf(text, '[ONSEC-09-020] Mura CMS root folder disclosure')).toEqual(['Mura CMS root folder disclosure', 'Mura CMS XSS']);
  });

  it('reads labels standing alone that name two different flaws ("Directory Traversal POC:", "SQL Injection POC:") as parts of a report of two', () => {
    const text = [
      'I found two vulnerabilities in the admin panel.',
      '',
      'Directory Traversal POC:',
      'GET /admin/cmsWebFile/list.html?path=../../../../../root HTTP/1.1',
      '',
      'SQL Injection POC:',
      "GET /admin/list.html?sort=id' HTTP/1.1",
    ].join('\n');
    expect(partsOf(text)).toEqual(['Directory Traversal POC', 'SQL Injection POC']);
  });
});

describe('more ways plain-text advisories list their issues', () => {
  it('reads a summary list numbered line by line as the issues, a part of several of one class included ("1. Multiple SQL-injection vulnerabilities")', () => {
    const text = [
      'SugarCRM is prone to multiple vulnerabilities:',
      '',
      '1. Multiple SQL-injection vulnerabilities',
      '2. Multiple unauthorized access vulnerabilities',
      '3. A remote file-include vulnerability',
      '4. A remote code-execution vulnerability',
      '',
      'Exploiting these issues can allow attackers to compromise the application.',
    ].join('\n');
    expect(partsOf(text, 'sugar crm 5.5.0.rc2 and 5.2.0j Multiple Vulnerabilities')).toEqual([
      'Multiple SQL-injection vulnerabilities',
      'Multiple unauthorized access vulnerabilities',
      'A remote file-include vulnerability',
      'A remote code-execution vulnerability',
    ]);
  });

  it('reads "#1 - Reflected XSS in Wireless Settings" without its dash, and an item that names two classes and where as an issue of its own', () => {
    const item = (n: number, title: string): string[] => [`#${n} - ${title}`, '', `<script>alert(${n})</script>`, ''];
    const text = [
      ...item(1, 'Reflected XSS in Wireless Settings'),
      ...item(2, 'Persistent XSS & CSRF in Wireless Security Settings'),
      ...item(3, 'Persistent XSS & CSRF in Mail Settings'),
    ].join('\n');
    expect(partsOf(text, 'TP-LINK TL-WR841N - Multiple Vulnerabilities')).toEqual([
      'Reflected XSS in Wireless Settings',
      'Persistent XSS & CSRF in Wireless Security Settings',
      'Persistent XSS & CSRF in Mail Settings',
    ]);
  });

  it('reads class names alone on their lines as the issues of a report that says it holds several ("Local File Inclusion !", "XSS ( Cross Site Scripting )")', () => {
    const text = [
      'Local File Inclusion !',
      '',
      'http://localhost/index.php?cat=../../../../etc/passwd%00',
      '',
      ' SQL Injection',
      '',
      "http://localhost/index.php?id=-1'+union+select+1,2--",
      '',
      'XSS ( Cross Site Scripting )',
      '',
      'In the comment form put <script>alert(1)</script>',
    ].join('\n');
    expect(partsOf(text, 'PHPDirector Game Edition Multiple Vulnerabilities (LFI/SQLi/Xss)')).toEqual([
      'Local File Inclusion',
      'SQL Injection',
      'XSS ( Cross Site Scripting )',
    ]);
  });

  it('reads "1- XSS" and "2- SQL Injection" as numbered items', () => {
    const text = ['1- XSS', '', 'index.php?q=<script>alert(1)</script>', '', '2- SQL Injection', '', "index.php?id=1'"].join('\n');
    expect(partsOf(text, 'Aztek Forum 4.00 (XSS/SQL) Multiple Vulnerabilities (PoC)')).toEqual(['XSS', 'SQL Injection']);
  });
});

describe('single reports whose lines look like items', () => {
  it('does not read numbered steps set apart by blank lines as issues, though two of them name the flaw', () => {
    const text = [
      'Multiple stored XSS issues are possible through the profile form.',
      '',
      '1. Go to the profile page',
      '',
      '2. Enter the XSS payload in the name field',
      '',
      '3. Observe the XSS when the admin opens the user list',
    ].join('\n');
    expect(partsOf(text)).toBeUndefined();
  });

  it('does not read a payload label and a finding label of one class as two issues ("Stored XSS:", "XSS payload:")', () => {
    const text = [
      'Several stored XSS vulnerabilities were found in the comments.',
      '',
      'Stored XSS:',
      'the comment body',
      '',
      'XSS payload:',
      '<script>alert(1)</script>',
    ].join('\n');
    expect(partsOf(text)).toBeUndefined();
  });

  it('needs the report to say it holds several before it splits on marked lines', () => {
    const text = [
      '[*] Cross-Site Scripting (XSS):',
      '',
      'The name is echoed.',
      '',
      '[*] Cross-Site Request Forgery (CSRF):',
      '',
      'The form has no token.',
    ].join('\n');
    expect(partsOf(text, 'net2ftp: a problem in the login form')).toBeUndefined();
  });

  it('does not read consecutive numbered steps as issues, though the report says it holds several and two steps name classes', () => {
    const text = [
      'Multiple stored XSS vulnerabilities via CSRF:',
      '',
      '1. Log in as a normal user',
      '2. Open the stored XSS page',
      '3. Send the CSRF form',
    ].join('\n');
    expect(partsOf(text)).toBeUndefined();
  });

  it('reads class names alone on their lines as issues only when the report says in words that it holds several, not for two classes in its Subject', () => {
    const text = ['Stored XSS', '', 'The bio is rendered raw.', '', 'CSRF', '', 'The bio form has no token.'].join('\n');
    expect(partsOf(text, 'Stored XSS via CSRF in the profile bio')).toBeUndefined();
  });

  it('does not take an item that titles the whole for a part ("[+] CMS Buzz (xss/Change Password) Multiple Remote Vulnerabilities")', () => {
    const text = [
      '[+] CMS Buzz (xss/Change Password) Multiple Remote Vulnerabilities',
      '[+] Discovered By ThE g0bL!N',
      '',
      '[+] CMS Buzz Cookie Grabber Exploit & HTML Injection',
      '[+] Discovered By ThE g0bL!N',
    ].join('\n');
    expect(partsOf(text, 'cms buzz (xss/pc/hi) Multiple Vulnerabilities')).toBeUndefined();
  });

  it('leaves the advisory\'s closing section out of its issues ("-[+]Conclusion:")', () => {
    const text = [
      '[ Vulnerabilities: Persistant XSS, CSRF, Admin Bruteforce ]',
      '',
      '-[+]Persistant XSS:',
      '',
      'The filter does not escape html.',
      '',
      '-[+]Cross Site Request Forgery:',
      '',
      'No token anywhere.',
      '',
      '-[+]Conclusion:',
      '',
      'Do not use this blog.',
    ].join('\n');
    expect(partsOf(text)).toEqual(['Persistant XSS', 'Cross Site Request Forgery']);
  });
});

describe('issues written from one template', () => {
  const issue = (title: string, cvss: string): string[] => [
    title,
    '='.repeat(title.length),
    'Severity Rating: Medium',
    'Confirmed Affected Versions: Latest commit 2ab8c6b',
    'CVE: not yet issued',
    `CVSS Vector: ${cvss}`,
    '',
    'Summary and Impact',
    '------------------',
    `${title} is possible.`,
    '',
    'Workarounds',
    '-----------',
    'None.',
    '',
  ];

  it('reads headings of one level over the same sub-headings and labels as the parts, whatever they are called, and not the heading that says there are several', () => {
    const text = [
      'Multiple Vulnerabilities in Shadowsocks',
      '=======================================',
      '',
      'Overview',
      '--------',
      'Confirmed Affected Versions: Latest commit 2ab8c6b',
      '',
      'Summary and Impact',
      '------------------',
      'Several issues have been identified.',
      '',
      ...issue('Log file manipulation', 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N'),
      ...issue('Command Execution', 'CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H'),
      'Timeline',
      '========',
      '2017-09-12 Issues found',
    ].join('\n');
    expect(partsOf(text)).toEqual(['Log file manipulation', 'Command Execution']);
  });

  it("does not read a debugger's backtrace set between rules as issues written from one template", () => {
    const frame = (n: number): string[] => [
      `#${n}  0x0000000000403c6${n} in _start ()`,
      '-'.repeat(30),
      'POC: crash.ogg',
      'CVE: CVE-2017-1466' + n,
      '',
      '(gdb)',
      '-'.repeat(30),
      'POC: crash.ogg',
      'CVE: CVE-2017-1466' + n,
      '',
    ];
    expect(partsOf([...frame(6), ...frame(7)].join('\n'), 'libvorbis multiple vulnerabilities')).toBeUndefined();
  });

  it('reads a Markdown heading that cites code ("in ssh.c:concat_hash_string") as a part, not as a labelled line', () => {
    const text = [
      '# GHSL-2020-051, GHSL-2020-052: Multiple vulnerabilities in NTOP nDPI',
      '',
      '## Details',
      '',
      '### Multiple integer overflows in ssh.c:concat_hash_string (GHSL-2020-051, CVE-2020-11939)',
      '',
      'The length is added without a check.',
      '',
      '### Out of bounds read in ssh.c:concat_hash_string (GHSL-2020-052, CVE-2020-11940)',
      '',
      'The copy reads past the buffer.',
    ].join('\n');
    expect(partsOf(text)).toEqual([
      'Multiple integer overflows in ssh.c:concat_hash_string (GHSL-2020-051, CVE-2020-11939)',
      'Out of bounds read in ssh.c:concat_hash_string (GHSL-2020-052, CVE-2020-11940)',
    ]);
  });
});

describe('the class names these lists use', () => {
  it('files a remote or PHP file inclusion under CWE-98\'s class, as a local one is ("(mainpath) Remote File Inclusion Vulnerability")', () => {
    expect(extractReport({ text: 'x', subject: 'CMS Faethon <= 1.3.2 (mainpath) Remote File Inclusion Vulnerability' }).fields.vulnType?.value).toBe(
      'path traversal',
    );
    expect(extractReport({ text: 'The page parameter allows RFI.', subject: null }).fields.vulnType?.value).toBe('path traversal');
  });

  it('reads plural class names: "Multiple integer overflows", "Cross-site Request Forgeries"', () => {
    expect(extractReport({ text: 'Multiple integer overflows in the parser.', subject: null }).fields.vulnType?.value).toBe('integer overflow');
    expect(extractReport({ text: 'Cross-site Request Forgeries in every admin form.', subject: null }).fields.vulnType?.value).toBe(
      'cross-site request forgery',
    );
  });
});

describe('a labelled line and the bare label below it', () => {
  it('ends "File: config.php" at the bare label below it ("Code:"), which is no location', () => {
    const text = ['File: config_tinybrowser.php', 'Code:', "$tinybrowser['maxsize']['image'] = 0;", '', 'The upload size is unlimited.'].join('\n');
    const locations = extractReport({ text, subject: 'TinyBrowser arbitrary file hosting' }).fields.locations?.value ?? [];
    expect(locations).toContain('config_tinybrowser.php');
    expect(locations).not.toContain('Code:');
  });
});
