// Phrasings from real public reports that the extractor missed or misread (issue 15's
// list): each value is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { extractReport } from './extract.js';

const fields = extractedFields;

describe('fields as real reports write them', () => {
  it('reads credit lines and requests: Exploit Author, Author :, Reported by:, please credit, write my name, use my handle', () => {
    expect(fields('Exploit Author: Alice Example\nSQL injection in login.').credit).toEqual({ kind: 'name', name: 'Alice Example' });
    expect(fields('Author : Bob Builder\nXSS in search.').credit).toEqual({ kind: 'name', name: 'Bob Builder' });
    expect(fields('Reported by: John Smith\nXSS in search.').credit).toEqual({ kind: 'name', name: 'John Smith' });
    expect(fields('XSS in search. Please credit Jane Doe.').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('XSS in search.\nplease write my name Carol Danvers in the advisory').credit).toEqual({ kind: 'name', name: 'Carol Danvers' });
    expect(fields('XSS in search.\nplease use my handle h4x0r').credit).toEqual({ kind: 'handle', name: 'h4x0r' });
  });

  it('names the component without the versions that end its line ("Affected: Asterisk 20.5.0 and 21.0.1.")', () => {
    const f = fields('Affected: Asterisk 20.5.0 and 21.0.1.\nA crafted SIP message crashes the server.');
    expect([f.component, f.affectedVersions]).toEqual(['Asterisk', '20.5.0, 21.0.1']);
  });

  it('takes the version the report states over one it only asks about', () => {
    const f = fields(
      "WidgetPro 2.4.1 has an SQL injection in the search form.\n\nSteps: send q=1' OR 1=1\n\nQuestion: is 3.0.0 also affected? I did not test it.",
    );
    expect(f.affectedVersions).toBe('2.4.1');
  });

  it("takes where the bug is for a location, not the advisory's references, homepages, trackers, or the reporter's own machine", () => {
    const f = fields(
      [
        '# Exploit Title: Foo CMS 1.2 - SQL Injection',
        '# Vendor Homepage: https://foocms.example.org',
        '# Software Link: https://foocms.example.org/download/foocms-1.2.zip',
        'The id parameter of http://localhost/foocms/admin/items.php is injectable.',
        'ASAN: #0 0x804ba7b in parse /home/john/foo/src/parse.c:12 (/usr/local/bin/foo+0x804ba7b)',
        'Proof: the file /tmp/hacked is created.',
        'See https://github.com/foo/foo/issues/12 and https://www.exploit-db.com/exploits/1.',
        '',
        'References:',
        'https://blog.example.net/2022/foo-cms-sqli',
      ].join('\n'),
    );
    expect(f.locations).toEqual(['http://localhost/foocms/admin/items.php']);
  });

  it('reads a name with its particles, and the full name around a handle given elsewhere', () => {
    expect(fields('XSS in search.\nThese vulnerabilities were discovered by Flavio de Cristofaro and others.').credit).toEqual({
      kind: 'name',
      name: 'Flavio de Cristofaro',
    });
    expect(fields("# Exploit Author: LiquidWorm\nRCE in admin.\n\nVulnerability discovered by Gjoko 'LiquidWorm' Krstic").credit).toEqual({
      kind: 'name',
      name: "Gjoko 'LiquidWorm' Krstic",
    });
    expect(fields('# Exploit Author: LiquidWorm\nRCE in admin.').credit).toEqual({ kind: 'handle', name: 'LiquidWorm' });
  });

  it('reads credits the way advisories write them: a commented Exploit-DB header, a table row, a person beside a firm, a handle with the name in brackets', () => {
    expect(fields('# Exploit Title: x\n# Exploit Author: Eduardo Braun Prado\n# Vendor Homepage: https://real.com\n').credit).toEqual({
      kind: 'name',
      name: 'Eduardo Braun Prado',
    });
    expect(fields('Credits              Tim Coen of Curesec GmbH\n\nLFI in admin.').credit).toEqual({ kind: 'name', name: 'Tim Coen' });
    expect(fields('Credit: X41 D-Sec GmbH, Eric Sesterhenn\n').credit).toEqual({ kind: 'name', name: 'Eric Sesterhenn' });
    expect(fields('This issue was discovered and reported by GHSL team member @kevinbackhouse (Kevin Backhouse).').credit).toEqual({
      kind: 'name',
      name: 'Kevin Backhouse',
    });
    expect(fields("Vulnerability discovered by Gjoko 'LiquidWorm' Krstic\n").credit).toEqual({ kind: 'name', name: "Gjoko 'LiquidWorm' Krstic" });
    expect(fields('5. Credits\n- - - - ----\nXSS in search.').credit).toBeUndefined();
  });

  it('reads versions with suffixes as one version, and the fixed release however it is announced', () => {
    expect(fields('# Version: 31.0.0.OS\nCSRF in the user form.').affectedVersions).toBe('31.0.0.os');
    expect(fields('# Version: 1.5.0+r1\nPath traversal.').affectedVersions).toBe('1.5.0+r1');
    expect(fields('Affected Versions: <= 8.0B\nFixed Versions: 8.2B, 4.0T').fixedVersion).toBe('8.2b');
    expect(fields('Upgrade Mattermost to version v4.4.0.').fixedVersion).toBe('4.4.0');
    expect(fields('2020-06-15: They fixed it in v2.0.0.').fixedVersion).toBe('2.0.0');
    expect(fields('The vulnerability seems to have been addressed by Telegram in its Windows version 1.5.12.').fixedVersion).toBe('1.5.12');
    expect(fields('05/13/2020: Issue is fixed on all production systems (version 20.5)').fixedVersion).toBe('20.5');
  });

  it('gives a type only as a class it knows (a bare CWE number too), and takes an Exploit-DB title line for the title', () => {
    expect(fields('Vulnerability Type: Backdoor\nThe firmware has a second admin password.').vulnType).toBeUndefined();
    expect(fields('CWE: 89\nThe id parameter is injectable.').vulnType).toBe('sql injection');
    expect(fields('# Exploit Title: Wordpress Plugin Zephyr Project Manager 3.2.42 - Multiple SQLi\n# Date: 14-08-2022\n').title).toBe(
      'Wordpress Plugin Zephyr Project Manager 3.2.42 - Multiple SQLi',
    );
  });

  it("does not take the CVEs of other projects a report cites as examples for its own, but keeps a finding's references", () => {
    const f = fields(
      'Command injection in mversion.\n\nThis is similar to bugs found in other libraries. Here are some examples:\nCVE-2020-7646,\nCVE-2018-3746.\n',
    );
    expect(f.cves).toBeUndefined();
    expect(fields('Finding 2 - Outdated jQuery 1.8.3\nURL: https://portal.example.com/js/jquery.min.js\nReferences: CVE-2020-11022').cves).toEqual([
      'CVE-2020-11022',
    ]);
  });

  it('takes the sentence after an impact sentence of the same paragraph with it, where the consequence often is', () => {
    const f = fields(
      'These backdoors allow attackers who are able to access the web-based management interface to log in. Attackers are granted access to the PBX with the highest privileges.\n\nFix: update.',
    );
    expect(f.impact).toContain('granted access to the PBX with the highest privileges');
  });

  it("does not take an advisory's numbered section headings, or the numbered advice under its Solution, for steps", () => {
    expect(fields('1. Advisory Information\n2. Vulnerability Details\n3. Timeline\n\nThe router leaks its config.').steps).toBeUndefined();
    expect(fields('Solution:\n1. Disallow sql-errors to be displayed.\n2. Escape the name parameter.\n').steps).toBeUndefined();
    expect(fields('Steps:\n1. Log in as bob.\n2. Open /admin/users.\n').steps).toContain('Open /admin/users');
  });

  it('gives no component rather than boilerplate ("vulnerable page", "server function") when nothing names the product', () => {
    expect(
      fields('Stored XSS on the vulnerable page: put a payload in the notes field.', 'XSS in /assets/add/registrar-accounts.php').component,
    ).toBeUndefined();
    expect(fields('The server function accepts any file.', 'Unrestricted upload vulnerability in BearAdmin').component).toBe('BearAdmin');
  });

  it('leaves out pages about the bug (advisories, blog posts, forum threads, write-ups on GitHub) but keeps the target even on such a path', () => {
    const f = fields(
      [
        'Details: https://www.curesec.com/blog/article/blog/FUDforum-306-LFI-167.html',
        'Write-up https://github.com/icekam/0day/blob/main/Camera-vulnerabilities.md and https://github.com/alt3kx/CVE-2018-12596',
        'The file parameter of http://localhost/fudforum/adm/hlplist.php is read from disk, also under http://10.0.0.5/support/upload.php.',
      ].join('\n'),
    );
    expect(f.locations).toEqual(['http://localhost/fudforum/adm/hlplist.php', 'http://10.0.0.5/support/upload.php']);
  });

  it('reads a credit under an underlined Credits heading ("discovered and researched by"), and prefers the bracketed name to the job title before a handle', () => {
    expect(
      fields('5. Credits\n- - - ----\n\nThis vulnerability was discovered and researched by Julio Cesar Fort from\nBlaze Information Security.').credit,
    ).toEqual({
      kind: 'name',
      name: 'Julio Cesar Fort',
    });
    expect(fields('This issue was discovered and reported by GitHub Engineer @erik-krogh (Erik Krogh Kristensen).').credit).toEqual({
      kind: 'name',
      name: 'Erik Krogh Kristensen',
    });
  });

  it('keeps the fixed version apart from the affected ones', () => {
    const f = fields('The bug is fixed in 3.1.21 but 3.1.20 and earlier are affected.');
    expect([f.affectedVersions, f.fixedVersion]).toEqual(['<= 3.1.20', '3.1.21']);
  });

  it('gives versions as versions, from a label, a range list or the Subject only', () => {
    expect(fields('Affected versions: 2.x & 3.x & 4.x\nCVSS 9.8').affectedVersions).toBe('2.x, 3.x, 4.x');
    expect(fields('Version: r1295\nSQL injection in the login form.').affectedVersions).toBe('r1295');
    expect(fields('I found a stored XSS in the comment form.', 'Stored XSS in acme-cms-2.5.10').affectedVersions).toBe('2.5.10');
  });

  it('finds a CVE only in the Subject, and a bare CVSS score', () => {
    expect(fields('SQL injection in the login form.', 'CVE-2024-12345: SQL injection in FooBar').cves).toEqual(['CVE-2024-12345']);
    expect(fields('XSS in search.\nCVSS 9.8').cvss).toMatchObject({ score: 9.8, severity: 'Critical', scoreOnly: true, valid: false });
  });

  it('takes the type from the report title, not from impact prose', () => {
    expect(fields('title: HTML Injection\nAn attacker could perform CSRF-like actions through the injected form.').vulnType).toBe('html injection');
  });

  it('reads "this is public already" as public', () => {
    expect(fields('XSS in search. This is public already.').public).toBe(true);
  });

  it("reads a 'not' that governs the mention as a negation, not one earlier in a long sentence", () => {
    expect(
      fields("I'm not claiming credit for this bug since it was discovered by someone else and publicly disclosed on the oss-security mailing list.").public,
    ).toBe(true);
    expect(fields('SQL injection in login. This has not yet been publicly disclosed.').public).toBe(false);
    expect(fields('SQL injection in login. It is not public, please keep it so.').public).toBe(false);
  });

  it('reads a released advisory or a post to oss-security as public', () => {
    expect(fields('2015-05-07: Confirming that update is available, releasing security advisory').public).toBe(true);
    expect(fields('I posted this to oss-security today.').public).toBe(true);
  });

  it('reads an issue said to be published, or a public PoC, as public; a plan to publish is not', () => {
    expect(fields('The issue has been published this afternoon and vBulletin responded with a patch on it.').public).toBe(true);
    expect(fields('XSS in search. A public PoC exists.').public).toBe(true);
    expect(fields('XSS in search. The details have not been published.').public).toBeUndefined();
    expect(fields('XSS in search. I intend to publish an advisory 90 days from today.').public).toBeUndefined();
    expect(fields('XSS in search. The vulnerability was disclosed to the vendor on 2024-01-02.').public).toBeUndefined();
    expect(fields('XSS in search. The details were disclosed to us under NDA.').public).toBeUndefined();
  });
});

describe('an advisory of several vulnerabilities', () => {
  it('gives each part its own CWE and CVSS, not the first of the mail', () => {
    const text = [
      'Vulnerability 1: SQL injection in /api/export',
      'CWE-89',
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'The sort parameter is concatenated into SQL.',
      '',
      'Vulnerability 2: Stored XSS in comments',
      'CWE-79',
      'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
      'Comment bodies are rendered unescaped.',
    ].join('\n');
    const parts = extractReport({ text, subject: 'Two vulnerabilities in Acme' }).multiple ?? [];
    expect(parts.map((p) => [p.cwe, p.cvss?.score, p.cvss?.severity])).toEqual([
      ['CWE-89', 9.8, 'Critical'],
      ['CWE-79', 5.4, 'Medium'],
    ]);
  });
});

describe('the product over boilerplate', () => {
  it('names the product of the Subject where the text only says the target server', () => {
    const f = fields('The target server is vulnerable to SQL injection through the id parameter.', 'SQL injection in Acme Forum 3.2');
    expect(f.component).toBe('Acme Forum');
  });

  it('keeps a labelled component as the reporter wrote it', () => {
    expect(fields('Component: target server\nSQL injection through id.', 'SQL injection in Acme Forum 3.2').component).toBe('target server');
  });
});

describe('fields as real tracker issues and bounty templates write them', () => {
  it('names the product by the repository of an issue the report links, or by its vendor demo site', () => {
    expect(fields('XXE Vulnerability\n\nThe fix of issue [889](https://github.com/Wechat-Group/WxJava/issues/889) is incomplete.').component).toBe('WxJava');
    expect(fields('Stored XSS.\n\nVulnerable Endpoint: https://demo.domainmod.org/assets/registrar-accounts.php').component).toBe('domainmod');
  });

  it("takes no product from a repository that holds the reporter's exploit", () => {
    expect(fields('RCE.\n\nExploit: https://github.com/alice/CVE-2024-1234/issues/1').component).toBeUndefined();
  });

  it('reads "<type> in <product> version <n>" for the product', () => {
    expect(fields('Heap-buffer-overflow in catdoc version 0.95 (numutils.c)\n\nFound while fuzzing.').component).toBe('catdoc');
  });

  it('reads steps written as sentences that tell the reader what to do', () => {
    const steps = fields('CSRF adds an administrator.\n\nWhen the administrator logged in, open the page with the poc. The new account appears.').steps;
    expect(steps).toBe('When the administrator logged in, open the page with the poc.');
    expect(fields('Referer check bypass.\n\nInto BurpSuite add the following extra Header Referer.').steps).toBe(
      'Into BurpSuite add the following extra Header Referer.',
    );
  });

  it('takes no advice to the vendor and no "Label: value" line for steps', () => {
    expect(fields('SQL injection in search.\n\nInstall the latest patches available here.').steps).toBeUndefined();
    expect(fields('Clickjacking on the login page.\n\nType of issue: clickjacking').steps).toBeUndefined();
  });

  it("reads a section behind an emoji heading (huntr's template) as its label", () => {
    const f = fields(
      'Arbitrary File Upload in microweber\n\n## ✍️ Description\n\nUploads are not restricted.\n\n## 🕵️‍♂️ Proof of Concept\n\n<?php system($_GET["c"]); ?>\n\n## 💥 Impact\n\nRemote code execution on the server.',
      'Arbitrary File Upload in microweber/microweber',
    );
    expect(f.title).toBe('Arbitrary File Upload in microweber/microweber');
    expect(f.poc).toBe('<?php system($_GET["c"]); ?>');
    expect(f.impact).toBe('Remote code execution on the server.');
  });
});

describe('impact as advisories write it', () => {
  it("takes no impact from a product blurb: whom a product 'allows' is its customers, not an attacker", () => {
    const f = fields(
      'About - ICEHRM\nIceHrm employee management system allows companies to centralize confidential employee information.\n\nThe password change form has no CSRF token.',
    );
    expect(f.impact).toBeUndefined();
  });

  it('reads "allows remote attackers to …" and "allows any logged-in user to …" as the impact', () => {
    expect(fields('The export endpoint allows remote attackers to read any invoice.').impact).toBe(
      'The export endpoint allows remote attackers to read any invoice.',
    );
    expect(fields('The bug allows any logged-in user to reset the admin password.').impact).toBe(
      'The bug allows any logged-in user to reset the admin password.',
    );
  });

  it('reads an outcome said without an actor: "RCE is possible", "will cause the device to delete", "to getshell", "can deceive users"', () => {
    expect(fields('The image variant takes its options from the URL.\n\nIn both cases remote code execution is possible.').impact).toBe(
      'In both cases remote code execution is possible.',
    );
    expect(fields('Sending GET /cgi-bin/support/killps.cgi will cause the device to delete all data.').impact).toMatch(/^Sending .* delete all data\.$/);
    expect(fields('The avatar form checks no file type, so we can upload a PHP file to getshell.').impact).toMatch(/getshell/);
    expect(fields('A link in a message can deceive users into thinking they are visiting another site.').impact).toMatch(/deceive users/);
    // Said of the product's features, not of an attack, none of them is an impact.
    expect(fields('The updater can cause a restart of the service when asked to.').impact).toBeUndefined();
  });

  it('does not run a heading into the sentence under it', () => {
    const f = fields('Description\n================\nEktron CMS 9.20 SP2 allows remote attackers to enable users.');
    expect(f.impact).toBe('Ektron CMS 9.20 SP2 allows remote attackers to enable users.');
  });
});

describe('credit as advisories and trailers write it', () => {
  it('reads Discovery:, Discoverer, Reported-by: trailers, "thanks to X for reporting" and "credit goes to X"', () => {
    expect(fields('SQL injection in login.\n\nDiscovery: Jane Doe (Acme Security)').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('SQL injection in login.\n\n# Discoverer\nJane Doe').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('SQL injection in login.\n\nReported-by: Jane Doe <jane@example.org>').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('SQL injection in login.\n\nThanks to Jane Doe for reporting this issue.').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    expect(fields('SQL injection in login.\n\nCredit goes to Jane Doe.').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
  });

  it('takes no credit from thanks that name no finder', () => {
    expect(fields('SQL injection in login.\n\nThanks to the maintainers for the quick fix.').credit).toBeUndefined();
    expect(fields('SQL injection in login.\n\nThanks to this bug an attacker can read any row.').credit).toBeUndefined();
  });
});

describe('the fixed release, however it is announced, and never as the affected one', () => {
  const cases: Array<[string, string]> = [
    ['Patched versions: >= 2.3.1', '2.3.1'],
    ['Patched version: 2.3.1', '2.3.1'],
    ['Solution: Update to version 2.3.1 or later.', '2.3.1'],
    ['The vendor released version 2.3.1 which fixes this issue.', '2.3.1'],
    ['Version 2.3.1 addresses this vulnerability.', '2.3.1'],
    ['The issue has been fixed in release v2.3.1.', '2.3.1'],
    ['Remediation\n-----------\nUpgrade to Acme 2.3.1 or newer.', '2.3.1'],
    ['2021-09-10 Vendor releases version 2.3.1', '2.3.1'],
  ];
  for (const [line, fixed] of cases)
    it(`"${line.split('\n').at(-1)}"`, () => {
      const f = fields(`SQL injection in Acme 2.3.0.\n\n${line}`);
      expect([f.fixedVersion, f.affectedVersions]).toEqual([fixed, '2.3.0']);
    });

  it('takes no fix from a link to a release page', () => {
    expect(
      fields('CSRF in ICEHRM.\n\n# Software Link: https://github.com/gamonoid/icehrm/releases/tag/v31.0.0.OS\n# Version: 31.0.0.OS').fixedVersion,
    ).toBeUndefined();
  });
  it('takes the sentence that says how the flaw is set off as the steps when it comes before the PoC set-up', () => {
    const text =
      'The algorithm is taken from the unverified token. To exploit this vulnerability, an attacker needs to craft a JWT with the HS256 algorithm signed with the public RSA key.\n\nChange the JWT to the HS256 algorithm at jwt.io.\nCopy the resulting token into the request.';
    expect(fields(text, 'Algorithm confusion in acme-jwt').steps).toMatch(/^To exploit this vulnerability, an attacker needs to craft/);
    const later = 'Open the settings page and paste the payload into the name field.\n\nTo trigger the vulnerability, save the form.';
    expect(fields(later, 'Stored XSS in Acme').steps).toMatch(/^Open the settings page/);
    expect(fields('The branch name reaches a shell. For a proof of concept create a PR from a branch named a";id#.', 'Command injection in CI').steps).toMatch(
      /^For a proof of concept create a PR/,
    );
  });
  it('types the classes that real titles name in other words', () => {
    const typed = (subject: string): unknown => fields('Details are below.', subject).vulnType;
    expect(typed('Parameter Injection in git subcommand')).toBe('command injection');
    expect(typed('Argument injection in the clone helper')).toBe('command injection');
    expect(typed('xml-crypto vulnerable to XML signature verification bypass')).toBe('authentication bypass');
    expect(typed('json-web-token library is vulnerable to a JWT algorithm confusion attack')).toBe('authentication bypass');
    expect(typed('Cache driver GetBlob() allows read access to any blob without access control check')).toBe('missing authorization');
    expect(typed('OpenSearch Observability does not properly restrict access to private tenant resources')).toBe('missing authorization');
    expect(typed('github.com/huandu/facebook may expose access_token in error message')).toBe('information disclosure');
    expect(typed('Weak JSON Web Token (JWT) signing secret in YApi')).toBe('cryptographic weakness');
    expect(typed('Unsafe handling of symbolic links in archiver unpacking routine')).toBe('path traversal');
    expect(typed('Unlimited number of NTS-KE connections can crash ntpd-rs server')).toBe('denial of service');
    // A crash said in prose is a symptom: the memory bug behind it has a class of its own.
    expect(fields('Hello team.\n\nOpening the file can crash the server process.', 'Problem with the importer').vulnType).toBeUndefined();
  });
  it('takes a "should be invalidated" or "should also have a blacklist" sentence for the mitigation', () => {
    expect(
      fields('Sessions stay open after the change. After enabling authentication, all previously connected sessions should be invalidated.').mitigation,
    ).toMatch(/sessions should be invalidated/);
    expect(fields('The screenshot service fetches any URL. The package should also have a blacklist of internal hosts.').mitigation).toMatch(
      /should also have a blacklist/,
    );
  });
});

describe('a type named only by what a title says of a file, an upload or memory', () => {
  const typeOf = (subject: string, body = 'Details below.'): string | undefined => extractReport({ text: body, subject }).fields.vulnType?.value;

  it('types a title that calls the upload the flaw, a file anyone may write or read, and memory read out', () => {
    expect(typeOf('QuiXplorer 2.3 <= Bugtraq File Upload Vulnerability')).toBe('unrestricted file upload');
    expect(typeOf('`allowed_file` uploading bypass by simply changing file extension')).toBe('unrestricted file upload');
    expect(typeOf('Red Star 2.0 desktop ships with a world-writeable /etc/rc.d/rc.sysinit')).toBe('privilege escalation');
    expect(typeOf('Wondershare Dr.Fone 11.4.10 - Insecure File Permissions')).toBe('privilege escalation');
    expect(typeOf('php/test.sh -- security concern over file being made world readable')).toBe('information disclosure');
    expect(typeOf('GHSL-2021-078: Host memory disclosure in libslirp')).toBe('information disclosure');
  });

  it('leaves an upload, a permission or a memory leak in prose to the class the report names', () => {
    expect(typeOf('Acme 2.1 report', 'Via the file upload form an attacker stores a script: a stored XSS.')).toBe('cross-site scripting');
    expect(typeOf('Acme 2.1 report', 'A world-writable log file; the real bug is an SQL injection in login.php.')).toBe('sql injection');
    expect(typeOf('Acme 2.1 memory leak when parsing headers')).not.toBe('information disclosure');
  });
});
