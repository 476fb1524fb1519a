// The set-up list an issue template asks for, taken whole as the configuration; a template
// left unfilled, or a long run of "Label: value" lines, is not one.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { environmentList, ownOfTested, runOn } from './environment.js';
import { extractReport } from './extract.js';

describe('environment list', () => {
  it("takes the bug template's Desktop list whole, its items without colons too", () => {
    const text =
      'No alert is prompted\n\n**Desktop (please complete the following information):**\n - OS: Windows\n - Browser Edge\n - Version Latest\n\n**Additional context**\nNone';
    expect(environmentList(text)?.text).toBe('- OS: Windows\n - Browser Edge\n - Version Latest');
    expect(extractReport({ text, subject: 'Stored XSS' }).fields.configuration?.value).toContain('OS: Windows');
  });

  it('takes a bold-labelled list with the install method, and skips a line left as the template gave it', () => {
    const text =
      '## Environment\n\n- **QwenPaw version:** [v1.1.7]\n- **OS:** [Linux]\n- **Install method:** [Docker ]\n- **Python version (if applicable):** [e.g. 3.10]\n';
    expect(environmentList(text)?.text).toContain('Install method:** [Docker ]');
    expect(environmentList('**Desktop:**\n - OS: [e.g. iOS]\n - Browser [e.g. chrome, safari]\n')).toBeUndefined();
  });

  it("takes no HTTP response's Server header and no list longer than a set-up list", () => {
    expect(environmentList('HTTP/1.1 200 OK\nServer: TornadoServer/6.3.3\nContent-Length: 5\n')).toBeUndefined();
    const long = Array.from({ length: 14 }, (_, i) => `- key${i}: value`).join('\n');
    expect(environmentList(`${long}\n- OS: Linux`)).toBeUndefined();
  });

  it('takes bare set-up lines a blank line apart as one list, and reads no product or version off them', () => {
    const text = 'XSS through article titles.\n\nBrowser version: Firefox Nightly, 72.0a1\n\nOS:  Linux 5.3.8-arch1-1 x86_64 GNU/Linux\n\nMore text.';
    expect(environmentList(text)?.text).toBe('Browser version: Firefox Nightly, 72.0a1\n\nOS:  Linux 5.3.8-arch1-1 x86_64 GNU/Linux');
    const f = extractedFields(`Reproduce: Make an article with a <script> title.\n\n${text}`);
    expect(f.component).toBeUndefined();
    expect(f.affectedVersions).toBeUndefined();
    // Two blank lines apart, or a line of prose between, they are no list.
    expect(environmentList('Browser version: Firefox 72\n\n\nOS: Linux')).toBeUndefined();
  });
});

describe('what a report was run on is not its product', () => {
  it('takes no component from a "Tested on:" line and the lines below it ("Apache 1.3.27 (Win32)")', () => {
    const text = [
      "Input passed via the 'subject' parameter to 'contact_us.php' is not properly sanitised.",
      '',
      'Tested on: Microsoft Windows XP Professional SP3 (EN)',
      '           Apache 1.3.27 (Win32)',
      '           PHP 5.2.4',
      '           MySQL 14.14 Distrib 5.1.43 (Win32-ia32)',
    ].join('\n');
    const r = extractReport({ text, subject: 'PG eLMS Pro vDEC_2007_01 (contact_us.php) Multiple POST XSS Vulnerabilities' });
    expect(r.fields.component).toBeUndefined();
    expect(r.fields.affectedVersions).toBeUndefined();
    // The same lines without "Tested on:" are read as before: the guard is the label, not the names.
    expect(extractReport({ text: 'The parameter is not sanitised in Apache 1.3.27.', subject: null }).fields.affectedVersions?.value).toBe('1.3.27');
  });

  it('keeps the product\'s own part of a "Tested on:" value ("Windows Server 2003 SP2 EN + BPM 5.7")', () => {
    const text = ['# Tested on     : Windows Server 2003 SP2 EN + BPM 5.7', '', 'The viewName parameter is echoed unescaped.'].join('\n');
    expect(extractReport({ text, subject: 'ORACLE Business Process Management - XSS' }).fields.affectedVersions?.value).toBe('5.7');
  });

  it('takes no component from the web server, runtime or database lines of an environment ("Web server: Apache 2.4.18", "Database: MySQL 5.7.28")', () => {
    const text = [
      'Remote code execution by uploading a PHP script as a resume.',
      '',
      '**Environment:**',
      '',
      'Version: 1.64',
      'OS: Ubuntu 16.10',
      'Web server: Apache 2.4.18',
      'PHP: 5.6.40',
      'Database: MySQL 5.7.28',
    ].join('\n');
    expect(extractReport({ text, subject: '[security] CVE-2020-8440, Unrestricted file upload' }).fields.component).toBeUndefined();
  });
});

describe('what a report ran on, line by line', () => {
  it('drops the system, browser and server-with-version parts of a "Tested on" value, not a product named beside them', () => {
    expect(ownOfTested('Microsoft Windows XP SP3 / Apache 1.3.27 (Win32) / MySQL 14.14 Distrib 5.1.43').trim()).toBe('');
    expect(ownOfTested('XAMPP 7.4 / WebApp 3.2').trim()).toBe('WebApp 3.2');
    expect(ownOfTested('iOS 16.1 with Acme Wallet 4.2.1').trim()).toBe('Acme Wallet 4.2.1');
    expect(ownOfTested('Apache Struts 2.5.20 / Ubuntu 20.04').trim()).toBe('Apache Struts 2.5.20');
  });

  it('tells a line naming the system a report ran on from one naming the product', () => {
    expect(runOn('Tested on: Windows 10 Pro')).toBe(true);
    expect(runOn('Web server: Apache 2.4.18')).toBe(true);
    expect(runOn('Database: MySQL 5.7.28')).toBe(true);
    expect(runOn('Environment: GitLab 15.4.1 self-managed')).toBe(false);
    expect(runOn('Redis version: 7.0.5')).toBe(false);
    expect(runOn('Apache 1.3.27 is affected')).toBe(false);
  });
});
