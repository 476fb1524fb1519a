// A payload standing on its own line is the PoC a triager copies; one a sentence only
// mentions, or a step that uses it, is not.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { isPayloadLine, payloadLine, quotedPayload } from './payload.js';

describe('a payload on its own line', () => {
  it('takes a request with a null byte, markup that runs script, an SQL tautology, a command appended, a template expression', () => {
    for (const line of [
      'http://test1.example/horde/util/go.php?untrusted=1&url=test.php%00http://another.host/',
      '"><img src=x onerror=alert(1)>',
      "act=addUser&name=admin' OR '1'='1",
      'ip link show "eth0; id"',
      '${http.class.protectionDomain.classLoader}',
      'http://[site]/cat.php?catid=-1%20union%20select%201,1,email',
    ])
      expect(isPayloadLine(line), line).toBe(true);
  });

  it('leaves out a sentence that mentions one, a numbered step, a long line and an ordinary URL', () => {
    for (const line of [
      'GET /logs/download?file=../../../../etc/shadow returns the file when LogView runs as root.',
      '1. Send an email with From: "<img src=x onerror=alert(1)>"',
      `${'word '.repeat(12)}<script>alert(1)</script>`,
      'https://shop.example.com/search?q=shoes',
    ])
      expect(isPayloadLine(line), line).toBe(false);
  });

  it('is read as the PoC only when the report gives none otherwise', () => {
    const text = 'We can use a null byte to deceive the function.\n\nhttp://h/app/go.php?untrusted=1&url=x.php%00http://y/\n';
    expect(payloadLine(text)?.value).toBe('http://h/app/go.php?untrusted=1&url=x.php%00http://y/');
    expect(extractReport({ text, subject: null }).fields.poc?.value).toBe('http://h/app/go.php?untrusted=1&url=x.php%00http://y/');
    const labelled = `PoC: curl -d 'a=1' http://h/app/x\n\n${text}`;
    expect(extractReport({ text: labelled, subject: null }).fields.poc?.value).toBe("curl -d 'a=1' http://h/app/x");
  });

  it('takes a payload quoted in backticks or after the word payload inside a step, not a quoted command or word', () => {
    expect(quotedPayload('- Set `" <script>alert(document.domain)</script>` as website name.')?.value).toBe('" <script>alert(document.domain)</script>');
    expect(quotedPayload('*   **Attack Vector:** Local execution (e.g., `ip link show "eth0; id"`)')?.value).toBe('ip link show "eth0; id"');
    expect(quotedPayload('At the place of UserName put xss payload "><img src=x onerror=alert("x")>')?.value).toBe('"><img src=x onerror=alert("x")>');
    expect(quotedPayload('Run `npm install` and open `settings.json` in the editor.')).toBeUndefined();
    expect(quotedPayload('The payload is stored and shown later to the admin.')).toBeUndefined();
  });

  it('takes a payload set in bold, not a bold label or word', () => {
    expect(quotedPayload('Provide the name as **name"><svg onload="alert(2)";**  and save the user.')?.value).toBe('name"><svg onload="alert(2)";');
    expect(quotedPayload('When we go to **view users** again, it will trigger the XSS.')).toBeUndefined();
  });

  it('takes a payload in double quotes inside prose, whole quotes only, not a quoted word or the inner quotes of a payload', () => {
    expect(quotedPayload('Then use " onmouseover=alert(1) " this XSS payload on Display name field.')?.value).toBe('onmouseover=alert(1)');
    expect(quotedPayload('For example, if "《img src=1 onerror=alert(1)》" is entered, the script runs.')?.value).toBe('《img src=1 onerror=alert(1)》');
    expect(quotedPayload('\t- > BanIP =>  " onmouseover=prompt(928137) bad="')?.value).toBe('onmouseover=prompt(928137) bad=');
    expect(quotedPayload('Open the "Display name" field and press "Save".')).toBeUndefined();
    // The step's own markup rule reads this one whole; the quote rule must not cut it at its inner quote.
    expect(quotedPayload('1. Put "><img src=x onerror=alert("Xssed-By-A")> in the name')?.value).toBe('"><img src=x onerror=alert("Xssed-By-A")>');
  });
});
