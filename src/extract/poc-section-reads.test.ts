// A PoC section that opens with words about the exploit ("Create an HTML file with the following code:", "The
// following URL have been confirmed …") and gives the exploit below a blank line: the exploit is the PoC.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe('a PoC section that introduces its exploit', () => {
  it('reads on past the blank line after a paragraph that ends in a colon', () => {
    const text = [
      '3. Proof of Concept',
      '',
      'Create an HTML file with the following code:',
      '',
      '<html>',
      '  <form action="http://192.168.1.1/cgi-bin/net-wlan.asp" method="POST">',
      '    <input type="hidden" name="wlEnbl" value="ON" />',
      '  </form>',
      '</html>',
      '',
      '4. Impact',
      '',
      'The Wi-Fi password is changed.',
    ].join('\n');
    const f = extractedFields(text, 'Router CSRF');
    expect(f.poc).toContain('<form action="http://192.168.1.1/cgi-bin/net-wlan.asp" method="POST">');
    expect(f.poc).not.toContain('password is changed');
  });

  it('gives a section of words alone way to the payload below it', () => {
    const text = [
      'IV. PROOF OF CONCEPT',
      '-------------------------',
      'The following URL have been confirmed that is vulnerable to local file',
      'inclusion.',
      '',
      'Local File Inclusion POC:',
      '',
      'GET',
      '/wordpress/wp-content/plugins/media-player/ajax_controller.php?ajaxAction=getIds&cfg=../../../../../etc/passwd',
      '',
    ].join('\n');
    expect(extractedFields(text, 'WordPress plugin LFI').poc).toContain('cfg=../../../../../etc/passwd');
  });

  it('keeps the words when nothing below is code or a payload', () => {
    const text = 'Proof of Concept:\nSend the crafted packet twice within one second and the daemon stops.\n\nCredits: Jane Doe';
    expect(extractedFields(text, 'Daemon crash').poc).toBe('Send the crafted packet twice within one second and the daemon stops.');
  });

  it('keeps a section that quotes its payload in a sentence', () => {
    const text = [
      'Proof of concept (Poc):',
      'The following payload inside password will allow you to login as admin',
      "admin'or'1'%3D'1",
      '',
      'Steps to exploit:',
      '1) Navigate to http://localhost/cms/admin/login.php',
    ].join('\n');
    expect(extractedFields(text, 'Login SQLi').poc).toContain("admin'or'1'%3D'1");
  });
});

describe("an advisory form's PoC filled with steps", () => {
  it('reads a list of things to do under "PoC" as the steps, not an exploit', () => {
    const text = [
      '### PoC',
      '- Open Uptime Kuma with authentication disabled',
      '- Enable authentication using another window',
      '- Access the platform using the previously logged-in window',
      '',
      '### Impact',
      'Sessions stay valid after authentication is enabled.',
    ].join('\n');
    const f = extractedFields(text, 'Session not invalidated');
    expect(f.poc).toBeUndefined();
    expect(f.steps).toContain('Enable authentication using another window');
  });

  it('keeps a list of URLs, a request or a payload under "PoC" as the PoC', () => {
    const urls = '### PoC\n- https://rsshub.app/mastodon/acct/test@evil.example%23/statuses\n- https://rsshub.app/x?u=http://127.0.0.1\n';
    expect(extractedFields(urls, 'SSRF').poc).toContain('https://rsshub.app/mastodon/acct/test@evil.example%23/statuses');
    const payload = '### PoC\n1. Log in as an editor\n2. Set the title to "><img src=x onerror=alert(1)>\n';
    expect(extractedFields(payload, 'Stored XSS').poc).toContain('onerror=alert(1)');
  });
});

describe('payloads a line carries without markup', () => {
  it('reads an attribute breakout, URL-encoded markup and an SQL union written with comments', () => {
    expect(extractedFields('Example\n\nhttp://site/submit.php\n\nName => " onmouseover=prompt(928137) bad="\n', 'XSS').poc).toBe(
      'Name => " onmouseover=prompt(928137) bad="',
    );
    expect(extractedFields('The id parameter is injectable.\n\n  category.php?cid=-12/**/union/**/select/**/1,2,3/*\n', 'SQLi').poc).toBe(
      'category.php?cid=-12/**/union/**/select/**/1,2,3/*',
    );
    expect(
      extractedFields('**To Reproduce**\n1. Go to: http://host/contact.php?cid=%3C/textarea%3E%3Cscript%3Ealert(1);%3C/script%3E\n2. Boom!', 'XSS').poc,
    ).toBe('http://host/contact.php?cid=%3C/textarea%3E%3Cscript%3Ealert(1);%3C/script%3E');
  });
});
