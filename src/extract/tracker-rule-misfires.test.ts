// Misfires an independent review (2026-12-07) found in the rules read off batches 55-57 (tracker issues) and
// the locations rules of that day: each pins the review's input with what a triager writes, against the rule as
// it first stood. Routes and the requests that fill them in, loopback origins, archives, "URL:" forms, offered
// links, headings' asides and "#Heading" lines, a title's "unauthorized access", the signs that keep the
// acknowledgement from asking, impact sentences and a product spelled out. Two hostile inputs that ran for
// seconds to minutes on the first version of the rules are run here against a bound far above their time now.
// A second review the same day probed the rules made after the first (set-up lines, shell calls, file downloads,
// hyphenated names, changed settings, files at the root), and a third the last three rules (a bar-led value,
// "reproduce the problem", the asking signs, and a steps sign of before that was quadratic on blank lines).
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { spelledOut } from './component-name.js';
import { missingFields } from './completeness.js';
import { extractReport } from './extract.js';
import { findLocations } from './locations.js';
import { findSections } from './sections.js';

const fields = extractedFields;
const places = (text: string): string[] => findLocations(text).map((l) => l.value);
const typeOf = (subject: string): string | undefined => extractReport({ text: 'Details below.', subject }).fields.vulnType?.value;

describe('routes and the requests that fill them in', () => {
  it('keeps a path beside a route made only of parameters, or one whose parameter holds a plain word', () => {
    expect(places('Pages are served through /{lang}/{page}. The bug: /admin/export.php?file=../../etc/passwd')).toContain('/admin/export.php');
    expect(places('IDOR in /api/orders/:id (any id). Also /api/orders/export returns every order.')).toEqual(['/api/orders/:id', '/api/orders/export']);
    expect(places('GET /users/{id} leaks mail; GET /users/me is fine but /api/debug is open. Route /api/{version}/{resource}/{id}.')).toContain('/api/debug');
  });

  it('stays fast on a route with many parameters in one segment', () => {
    const text = `Hello, the route /api/{p0}{p1}{p2}{p3}{p4}{p5}{p6}{p7}z is generic.\n${`Request /api/${'a'.repeat(60)} returns data.\n`.repeat(10)}`;
    const t0 = performance.now();
    expect(places(text)).toContain('/api/{p0}{p1}{p2}{p3}{p4}{p5}{p6}{p7}z');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('takes no route made only of parameters', () => {
    expect(places('Note: /s is the silent switch and /:a is not.')).toEqual([]);
  });
});

describe('origins, archives and links a report gives as places', () => {
  it('keeps a loopback origin that is an SSRF target or a service open to anyone', () => {
    expect(places('POST /api/webhooks\n{"url": "http://127.0.0.1:6379"}')).toContain('http://127.0.0.1:6379');
    expect(places('The server fetches http://127.0.0.1:6379 when you save a webhook.')).toContain('http://127.0.0.1:6379');
    expect(places('Jupyter runs on http://127.0.0.1:8888/ without a token.')).toEqual(['http://127.0.0.1:8888/']);
    // A dev server announcing itself is still where the reporter ran it.
    expect(places('Server two running on http://localhost:3001 for the demo.')).toEqual([]);
  });

  it('keeps an archive anyone can download that is no release', () => {
    expect(places('Sensitive data exposure: https://shop.acme-corp.com/backup/site-backup.zip can be downloaded by anyone.')).toEqual([
      'https://shop.acme-corp.com/backup/site-backup.zip',
    ]);
  });

  it('keeps the one URL of a form\'s "URL:" line, unless the text cites it as a reference', () => {
    expect(fields('Vulnerability: Clickjacking\nURL: https://www.acme-shop.com/\n').locations).toEqual(['https://www.acme-shop.com/']);
    expect(
      fields('#Publication:\nhttps://gitbook.seguranca-informatica.pt/cves/acme-xss\n\nURL:\nhttps://gitbook.seguranca-informatica.pt/cves/acme-xss\n')
        .locations,
    ).toBeUndefined();
  });

  it('keeps the URL an issue "can be found at" in a new or updated version', () => {
    expect(
      places('Even in the updated version, the issue can be found at https://cloud.vendorapp.com/account/settings/profile where the bio is not escaped.'),
    ).toEqual(['https://cloud.vendorapp.com/account/settings/profile']);
    expect(places('The exploit code can be found below:\n\n\nhttps://shop.vendorapp.com/index.php?route=product/search&search=x')).toHaveLength(1);
  });
});

describe("headings' asides and headings without a space", () => {
  it('files no value under an aside that says there is none, and reads "_No response_" as empty', () => {
    const form = [
      '### Steps to reproduce',
      '',
      '1. Post a comment: <img src=x onerror=alert(1)>',
      '',
      '### Impact (optional)',
      '',
      '_No response_',
      '',
      '### Proof of concept (optional)',
      '',
      '_No response_',
      '',
    ].join('\n');
    const f = fields(form);
    expect(f.impact).toBeUndefined();
    expect(f.poc).toBe('<img src=x onerror=alert(1)>');
    expect(fields('XSS in search.\n\nCredit (anonymous):\nJohn Smith\n').credit).toBeUndefined();
    expect(fields('XSS in search.\n\nFix (TBD):\nnone yet\n').mitigation).toBeUndefined();
  });

  it('takes no hashtag or script comment for a heading, and stays fast on a long line under one', () => {
    expect(findSections('Found XSS\n#bugbounty\n#poc\n#infosec #xss\n')).toEqual([]);
    expect(findSections('#!/bin/sh\n#Steps\ncurl -s http://x/\n#Impact of this change: none\n').map((s) => s.heading)).toEqual([]);
    const text = `Intro line.\n${`#Steps${' '.repeat(16_000)}x\nprose line\n`.repeat(3)}`;
    const t0 = performance.now();
    findSections(text);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('a title that says "unauthorized access"', () => {
  it('is typed by the class it names after the words', () => {
    expect(typeOf('Unauthorized access via SQL injection in login.php')).toBe('sql injection');
    expect(typeOf('Unauthorized access to admin panel due to stored XSS')).toBe('cross-site scripting');
    expect(typeOf('Unauthorized Access to Files via Path Traversal')).toBe('path traversal');
    expect(typeOf('simple-cms has Unauthorized Access')).toBe('missing authorization');
  });
});

describe('the signs that keep the acknowledgement from asking', () => {
  const ask = (given: Parameters<typeof missingFields>[1], text: string): string[] =>
    fieldsToAsk(missingFields(undefined, given).required, text).map((m) => m.entry);

  it('still asks for steps when the text only names where the bug is or what a user may do', () => {
    const noSteps: Parameters<typeof missingFields>[1] = ['vulnType', 'component', 'impact', 'affectedVersions'];
    expect(ask(noSteps, 'Hello, I think there is a security bug in the id parameter of your app. Please look into it.')).toContain('steps|poc');
    expect(ask(noSteps, 'Anyone can set their display name to anything; this seems like a vulnerability.')).toContain('steps|poc');
    expect(ask(noSteps, 'A user can edit their profile bio. The bio is shown on the public page.')).toContain('steps|poc');
  });

  it('still asks for an impact or a type that a normal feature or a status line does not give', () => {
    const noImpact: Parameters<typeof missingFields>[1] = ['vulnType', 'component', 'steps', 'affectedVersions'];
    expect(ask(noImpact, 'An admin can change the site logo via the settings page.')).toContain('impact');
    expect(ask(noImpact, 'This error causes some members to be logged out every few minutes.')).toContain('impact');
    const noType: Parameters<typeof missingFields>[1] = ['component', 'steps', 'impact', 'affectedVersions'];
    expect(ask(noType, 'The request returns HTTP/1.1 401 Unauthorized and then a blank page.')).toContain('vulnType');
  });
});

describe('impact sentences and a product spelled out', () => {
  it('takes no denied, asked or ordinary sentence for the impact', () => {
    const denied = fields('Notes\n\nIt is not possible to inject javascript there because the output is escaped.');
    expect(denied.impact).toBeUndefined();
    expect(fields('Notes\n\nIs it possible to inject SQL into the search box? I could not confirm it.').impact).toBeUndefined();
    expect(fields('Notes\n\nIn AcmeNotebook the server will execute the code cells of the notebook you open.').impact).toBeUndefined();
  });

  it('spells no product out of a phrase that only joins to its name', () => {
    expect(spelledOut('mysql', 'Hello, My SQL query below crashes mysqld.')).toBeUndefined();
    expect(spelledOut('opensource', 'Open Source projects need this.')).toBeUndefined();
  });
});

describe('the second review: set-up lines, shell calls, downloads, hyphens, changed settings and files at the root', () => {
  it("keeps a product or version a set-up line names when the prose names it too, or when the line is a runtime's or device's", () => {
    const router = fields('OS: RouterOS 6.48.1\n\nThe winbox service of RouterOS 6.48.1 crashes (denial of service) on a malformed packet.\n');
    expect(router.affectedVersions).toBe('6.48.1');
    expect(fields('Device: Xiaomi Mi Router 4A (firmware 2.28.62)\n\nAn authenticated user can inject shell commands.\n').affectedVersions).toBe('2.28.62');
    // Two labels a blank line apart that are no browser or OS are no set-up list.
    expect(
      fields('Device: Acme IPC-3000 camera, firmware 4.1.2\n\nDistribution: TLP:CLEAR\n\nA stored XSS in the name field.\n').configuration,
    ).toBeUndefined();
  });

  it('types no command injection from a call in prose, a denial or a question, and leaves the class the report names', () => {
    const ssti = extractReport({
      text: "A bio such as {{ cycler.__init__.__globals__.os.popen('id').read() }} makes the server call os.popen with attacker-controlled input. This is a server-side template injection.",
      subject: 'Template rendering of user bios is unsafe',
    });
    expect(ssti.fields.vulnType?.value).toBe('server-side template injection');
    expect(typeOf('Does the plugin call shell_exec() with user-provided values anywhere?')).toBeUndefined();
    expect(typeOf('The DeepLinkActivity invokes system browser with an untrusted URL')).not.toBe('command injection');
    expect(typeOf('Calling ::system with user-supplied strings')).toBe('command injection');
  });

  it('types an arbitrary file download as a traversal only through a path the attacker sets', () => {
    const idor = extractReport({
      text: "GET /invoices/download?id=1043 returns my invoice; id=1044 returns user B's.",
      subject: "Arbitrary file download of other users' invoices",
    });
    expect(idor.fields.vulnType?.value).not.toBe('path traversal');
    const path = extractReport({
      text: 'Changing the "path" parameter to ../../etc/passwd downloads it.',
      subject: 'Arbitrary file download in the file manager',
    });
    expect(path.fields.vulnType?.value).toBe('path traversal');
  });

  it('takes no page or technique hyphenated with "in", "on" or "of" before a title\'s class for the product', () => {
    expect(extractReport({ text: 'The search API of Acme Portal 2.3.1 is affected.', subject: 'Out-of-Band SQL Injection' }).fields.component?.value).not.toBe(
      'Out-of-Band',
    );
    expect(extractReport({ text: 'Details below.', subject: 'Sign-in Page SQL Injection' }).fields.component).toBeUndefined();
  });

  it("reads a changed e-mail or password as the impact only when it becomes the attacker's", () => {
    const text =
      "Expected behaviour: the email will be changed to the new address only after the user clicks the confirmation link.\n\nActual behaviour: there is no CSRF token. An attacker can make a victim's browser submit the form.";
    expect(fields(text).impact).toMatch(/An attacker can make a victim's browser submit the form/);
    expect(fields('Notes\n\nBy default the account role can be set to viewer, editor or admin by the owner.').impact).toBeUndefined();
  });

  it('still asks for an impact when a file is only said to be written at the root, or a root cause is named', () => {
    const noImpact: Parameters<typeof missingFields>[1] = ['vulnType', 'component', 'steps', 'affectedVersions'];
    const ask = (text: string): string[] => fieldsToAsk(missingFields(undefined, noImpact).required, text).map((m) => m.entry);
    expect(ask('The installer writes its files to the root of the drive.')).toContain('impact');
    expect(ask('I traced the extracted stack down to the root cause: a missing null check.')).toContain('impact');
    expect(ask('After extractAll the file is not unarchived at the destination location but at the root location.')).not.toContain('impact');
  });
});

describe('the third review: a bar-led value, "reproduce the problem" and a slow steps sign', () => {
  it('keeps a value after the colon that starts with a bar but is a command or a table row', () => {
    expect(fields('Payload: | dir C:\nThe response lists the files of the C drive.\n').poc).toMatch(/^\| dir C:/);
    expect(fields('Steps to reproduce the behavior: | Étapes pour reproduire le bug :\n\n1. Open /admin\n2. Save\n').steps).toMatch(/^1\. Open \/admin/);
  });

  it('reads no "Reproduce the problem:" line as the steps heading', () => {
    expect(fields('Reproduce the problem: I cannot reproduce it reliably. It crashed twice last week.\n').steps).toBeUndefined();
  });

  it('asks for steps in linear time on a text of blank lines', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'impact', 'affectedVersions']).required;
    const t0 = performance.now();
    expect(fieldsToAsk(missing, `${'\n'.repeat(100_000)}x`).map((m) => m.entry)).toContain('steps|poc');
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
