// Misfires an independent review found in the rules for researchers' advisories (batch 40):
// lists, PoCs, a title's crash and reports written behind "# " marks. Each ordinary report here
// must keep the answer a triager would give.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';

const fields = extractedFields;

describe('the rules for researcher advisories stay narrow', () => {
  it('keeps a list whole past a short "Captured request:" step, a nested list, a repeated number and a CJK list', () => {
    const idor =
      "1. Log in as customer A and open an order of A\n2. Captured request:\n```\nGET /api/v2/orders/51877 HTTP/1.1\n```\n3. Change the order id to 51878, an order of customer B\n4. Server response:\n```\nHTTP/1.1 200 OK\n```\n5. The response holds customer B's address and phone number\n";
    expect(fields(idor).steps).toMatch(/5\. The response holds/);
    const nested =
      '1. Log in as a maintainer\n2. Open Settings > Webhooks\n3. Add a webhook with URL http://169.254.169.254/\n   1. tick "Push events"\n   2. save\n4. The response body shows the metadata\n';
    expect(fields(nested).steps).toMatch(/^1\. Log in as a maintainer[^]*\n {3}1\. tick[^]*4\. The response body/);
    expect(
      fields("1. Open the shop and log in\n2. Go to the search page\n3. Enter ' OR 1=1-- in the box\n3. Press Enter\n4. All products are listed\n").steps,
    ).toMatch(/4\. All products/);
    expect(fields('后台任意文件上传漏洞\n\n1. 使用管理员账号登录后台。\n2. 点击系统设置-上传配置。\n3. 上传 shell.php 文件。\n').steps).toMatch(
      /上传 shell\.php/,
    );
  });

  it('takes the payload line for the PoC over a list of steps or a video link that a line introduces', () => {
    const steps =
      'How to exploit it:\n1. Log in at https://app.example.com/login\n2. Visit https://app.example.com/settings?tab=profile\n3. Set the display name to <img src=x onerror=alert(document.domain)>\n';
    expect(fields(steps).poc).not.toMatch(/^1\. Log in/);
    expect(fields('PoC video:\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n1. Create a note titled <svg/onload=alert(document.domain)>\n').poc).not.toMatch(
      /youtube/,
    );
  });

  it('reads no mail quoted between two "-----Original Message-----" lines as code', () => {
    const thread =
      'Any update on this?\n\n-----Original Message-----\nFrom: Mark Lee <mark@acme.example>\nSubject: RE: Vulnerability\n\nThanks Tom, we are looking into it.\n\n-----Original Message-----\nFrom: Tom\n\nThe login page is vulnerable to reflected XSS.\n';
    expect(fields(thread).poc ?? '').not.toMatch(/looking into it/);
  });

  it('keeps the class the body names over a title that says the server "can crash"', () => {
    const f = fields(
      'The root cause is a heap-based buffer overflow in parse_hdr() when the header is longer than 256 bytes.',
      'Crafted RTSP packet can crash the server',
    );
    expect(f.vulnType).toBe('buffer overflow');
  });

  it('keeps the Exploit-DB header and a fenced script\'s own comments when it reads a report written behind "# " marks', () => {
    const header = '# Exploit Title: Acme Router 2.1 - Unauthenticated Remote Code Execution\n# Date: 2023-04-11\n# Exploit Author: John Doe\n# Version: 2.1\n';
    const body = Array.from({ length: 12 }, (_, i) => `# Line ${i + 1} of the write-up says what the diag.cgi endpoint does.`).join('\n');
    expect(fields(`${header}\n${body}\n`, 'Security vulnerability report').title).not.toMatch(/^Exploit Title/);
    const script =
      '```sh\n#!/bin/sh\n' +
      Array.from({ length: 12 }, (_, i) => `# comment ${i}`).join('\n') +
      '\ncurl -s "http://$TARGET/cgi-bin/ping.cgi?ip=127.0.0.1%3B$2"\n```\n';
    expect(fields(script).poc).toMatch(/^#!\/bin\/sh/);
  });

  it('keeps a path glued to a word in brackets ("page(/upload/)")', () => {
    expect(findLocations('The upload page(/upload/) accepts .php files').map((l) => l.value)).toEqual(['/upload/']);
  });
});
