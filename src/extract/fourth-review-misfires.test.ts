// What a second independent review of the 2026-12-07 rules found: Summary lines that are titles with a qualifier first,
// steps whose verb starts like a month, commands handed over by a colon, a dialog's marker with a space, a title heading
// that names a fix, an auth bypass told as "is skipped", a fix read off a range, gateway tags, plugin names, thanks for
// funding, a found takeover, redacted hosts, a script under its own heading, a request inside a heredoc.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe('titles', () => {
  it('keeps a Summary line that is a title with a qualifier or a product first, over a Subject that names more', () => {
    const cases: Array<[string, string]> = [
      ['Security report: XSS, found by Jane Doe', 'Stored cross-site scripting in the comment editor of Acme Wiki 2.4'],
      ['RCE vulnerability (CVSS 9.8)', 'Unauthenticated remote code execution in the backup restore endpoint of Acme NAS OS 5.1'],
      ['Reflected XSS report - acme.com', 'Acme Portal 3.2 - Reflected XSS in the search parameter of /search.php'],
    ];
    for (const [subject, summary] of cases) expect(extractedFields(`## Summary\n${summary}\n`, subject).title, subject).toBe(summary);
  });

  it('keeps the Subject over a Summary sentence with a verb, even one that opens on an action', () => {
    expect(
      extractedFields('**Summary:**\nTrigger a hidden stored XSS payload requires user interaction.\n', '[XSS] Reflected XSS via POST request').title,
    ).toBe('[XSS] Reflected XSS via POST request');
  });
});

describe('steps', () => {
  it('reads "1- Decompile …" as a step, not a date\'s month', () => {
    const text = '1- Decompile the APK using jadx\n2- Open res/values/strings.xml\n3- Search for "api_key"\n4- Use the key to call the API\n';
    expect(extractedFields(text, 'Hardcoded API key').steps).toMatch(/^1- Decompile the APK/);
  });

  it('runs a section past "… then run:" into the commands below', () => {
    const text = 'Steps to reproduce:\nLog in to the admin panel as any user, then run:\n\npython3 exploit.py http://host admin\n';
    expect(extractedFields(text, 'RCE').steps).toContain('python3 exploit.py http://host admin');
  });

  it('keeps the steps under a title heading that names a fix, and an auth bypass told as "the check is skipped"', () => {
    const title =
      '# Incomplete fix for CVE-2024-1234 in Acme CMS\n## Details\nThe fix checks the extension only.\n\nLog in as an editor and upload a file named shell.php.jpg.\n';
    expect(extractedFields(title, 'Incomplete fix').steps).toBe('Log in as an editor and upload a file named shell.php.jpg.');
    const skipped =
      'By sending the header `X-Internal-Request: true` with any request to `/admin/api/users`, the authentication check is skipped and the full user list is returned.\n';
    expect(extractedFields(skipped, 'Auth bypass').steps).toMatch(/^By sending the header/);
  });
});

describe('PoC', () => {
  it("reads a dialog whose marker has a space, and PortSwigger's print() handler", () => {
    const text = "Use this as the value of next:\n\njavascript:alert('XSS on acme.com')\n\nAfter logging in the script runs.\n";
    expect(extractedFields(text, 'Open redirect to XSS').poc).toBe("javascript:alert('XSS on acme.com')");
  });

  it('takes the script under its own "### exploit.py" heading over the words above it', () => {
    const text =
      '## Proof of Concept\nThe script below reads any file from the server.\n\n### exploit.py\n\n```python\nimport requests\nprint(requests.get("http://t/x").text)\n```\n';
    expect(extractedFields(text, 'File read').poc).toContain('import requests');
  });

  it('leaves a request inside a heredoc as written', () => {
    const text = 'PoC:\n\n$ nc nas.acme.local 80 <<EOF\nGET /cgi-bin/status HTTP/1.1\nHost: nas\nConnection: close\n\nEOF\n';
    expect(extractedFields(text, 'Request smuggling').poc).toContain('Connection: close');
  });
});

describe('fix, product, credit and places', () => {
  it('gives the fix of "< 1.8.3" though a sentence says something else is "not fixed"', () => {
    expect(extractedFields('Affected versions: < 1.8.3\n\nThe length of the buffer is not fixed either.\n', 'Overflow in libx').fixedVersion).toBe('1.8.3');
  });

  it("names no product from a mail gateway's or a platform's tag", () => {
    expect(
      extractedFields('The import endpoint of Acme Reports parses external entities.', '[EXTERNAL] XXE in the Acme Reports import endpoint').component,
    ).toBe('Acme Reports');
    expect(extractedFields('Details below.', '[Bugcrowd] New submission: Stored XSS in Acme Portal').component).toBe('Acme Portal');
  });

  it("ends a plugin's name before what the Subject goes on to say", () => {
    expect(extractedFields('Details below.', 'Stored XSS in WordPress plugin Elementor via the title widget').component).toBe('Elementor');
  });

  it('credits the finder, not the one thanked for funding or coordinating', () => {
    const text = '## Credits\n\nWe would like to thank OSTIF for funding this research. The vulnerability was discovered by Jane Doe.\n';
    expect(extractedFields(text, 'XSS').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
  });

  it('names the product of "I found an account takeover in ZurmoCRM."', () => {
    expect(extractedFields('Hi,\n\nI found an account takeover in ZurmoCRM.\n', 'ATO').component).toBe('ZurmoCRM');
  });

  it('keeps a place whose host was redacted', () => {
    const text = '## Affected URLs:\n- https://█████.com/invoices/view?id=1002 (web)\n';
    expect(extractedFields(text, 'IDOR').locations).toBeDefined();
  });
});
