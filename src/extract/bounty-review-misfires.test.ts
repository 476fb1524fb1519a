// Misfires an independent review found in the rules read off the HackerOne tune reports (corpus batches 86-93):
// each input is the reviewer's, the value what a triager writes, as the tree before those rules gave it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const fields = extractedFields;

describe('places the new place rules must keep', () => {
  it('keeps a file under a folder named like a media type ("model/login.php", a diff\'s "text/render.c")', () => {
    expect(fields('The username parameter in model/login.php is concatenated into the query.').locations).toEqual(['model/login.php']);
    const diff = 'Fix\n\n```\ndiff --git a/text/render.c b/text/render.c\n--- a/text/render.c\n+++ b/text/render.c\n@@ -1 +1 @@\n```\n';
    expect(fields(diff).locations).toEqual(['text/render.c']);
  });

  it('keeps the path of a URL whose host or a path segment was redacted', () => {
    expect(fields('Steps\n\n1. Visit https://██████████/api/v1/search?q=<script>alert(1)</script>').locations).toEqual(['/api/v1/search?q=']);
    expect(fields('Steps\n\n1. Visit https://www.████.gov/reports/view.php?id=1%27').locations).toEqual(['/reports/view.php?id=1%27']);
    expect(fields('Steps\n\n1. Visit https://app.example.com/api/users/██████/invoices').locations).toEqual([
      'https://app.example.com/api/users/██████/invoices',
    ]);
  });

  it('keeps a loopback service said to be exposed, though a log line says a server listens there', () => {
    const text =
      'Notes\n\nThe admin API http://127.0.0.1:9000 is exposed without any authentication to every local user.\n\nLog:\nServer listening at http://127.0.0.1:9000\n';
    expect(fields(text).locations).toEqual(['http://127.0.0.1:9000']);
  });

  it('keeps a page under a two-letter folder called docs ("/my/docs/1234"), not a localised docs page', () => {
    expect(fields("Notes\n\nGET https://app.acme.com/my/docs/1234 returns another user's document.").locations).toEqual(['https://app.acme.com/my/docs/1234']);
  });
});

describe('types the new type rules must leave alone', () => {
  it('takes no attack from MS-DOS, and lets code execution in prose give way to its cause', () => {
    expect(fields('Notes\n\nThe installer stub only runs on MS-DOS in real mode; the actual bug is a path traversal in the extractor.').vulnType).toBe(
      'path traversal',
    );
    expect(fields('Notes\n\nI was able to get PHP code execution via an unrestricted file upload in the avatar form.').vulnType).toBe(
      'unrestricted file upload',
    );
    expect(
      fields('Notes\n\nThis is not a code execution vulnerability; the /download endpoint only lets an attacker read arbitrary files through a path traversal.')
        .vulnType,
    ).toBe('path traversal');
  });

  it('types a Subject by the flaw it names as the way to code execution ("via stored XSS", "via SSRF")', () => {
    expect(fields('Details.', 'JavaScript code execution via stored XSS in the comments').vulnType).toBe('cross-site scripting');
    expect(fields('Details.', 'Code execution vulnerability via SSRF to internal Jenkins').vulnType).toBe('server-side request forgery');
  });
});

describe('titles and names the new title and component rules must keep', () => {
  it("drops a tracker's tags around the Subject and never titles by a tag alone", () => {
    expect(fields('Details.', '[PATCH v2] net: sched: fix use-after-free in cls_u32').title).toBe('net: sched: fix use-after-free in cls_u32');
    expect(fields('Details.', '[Bug 1234] Heap overflow in libfoo').title).toBe('Heap overflow in libfoo');
    expect(fields('Details.', 'Heap overflow in libfoo 1.2 [SECURITY]').title).toBe('Heap overflow in libfoo 1.2');
    expect(fields('Hello,\n\nI found a stored XSS in the Acme Wiki page editor that runs for every visitor.', '[Security Report]').title).toMatch(
      /^I found a stored XSS/,
    );
  });

  it('takes a product named like a greeting ("Dear ImGui", "Hi-Tech ERP") as a title and a name', () => {
    const text = 'Title: Dear ImGui heap overflow\nVersion: 1.89\nDescription: a heap overflow in the font atlas.';
    expect([fields(text).title, fields(text).component]).toEqual(['Dear ImGui heap overflow', 'Dear ImGui']);
    expect(fields('## Summary:\nHi-Tech ERP SQL injection\n\nDetails follow.').title).toBe('Hi-Tech ERP SQL injection');
  });

  it('keeps a heading that names the flaw over a Subject that names none', () => {
    const text =
      'This came up while testing the wiki for our customer last week, the details are below.\n\n## Stored XSS in the Acme Wiki page editor\n\nThe editor keeps script tags.';
    expect(fields(text, 'Re: Acme disclosure program').title).toBe('Stored XSS in the Acme Wiki page editor');
  });

  it('names products written like code: "lodash.merge", "Zend_Mail", "X-Cart", "Next"', () => {
    expect(fields('Prototype pollution\n\nThe flaw is in the `lodash.merge` package, which merges deeply.').component).toBe('lodash.merge');
    expect(fields('Header injection\n\nThe flaw is in the Zend_Mail component of the framework.').component).toBe('Zend_Mail component');
    expect(fields('SQL injection\n\nX-Cart 4.5.0 lets an attacker inject SQL.').component).toBe('X-Cart');
    expect(fields('Notes\n\nThe SSRF exists in Next 14.1 when the image optimiser fetches URLs.').component).toBe('Next');
  });

  it('still reads "public" from a statement that ends by asking something', () => {
    expect(fields('Notes\n\nThe issue was already publicly disclosed on GitHub in issue #1234, could you please prioritise a fix?').public).toBe(true);
  });
});

// The second review (of 581ae32..f25eb37): again each input is the reviewer's.
describe('types and titles the second review found misread', () => {
  it('types a title by its flaw, not by who is exposed to it, and "DOS in/on/using" as denial of service', () => {
    expect(fields('Details.', 'Users are exposed to stored XSS in the comments widget').vulnType).toBe('cross-site scripting');
    expect(fields('Details.', 'Unauthenticated DOS in ntpd-rs NTS-KE server').vulnType).toBe('denial of service');
    expect(fields('Details.', 'DOS using deeply nested JSON').vulnType).toBe('denial of service');
  });

  it('takes for code execution only the flaw named right after "via", never an outcome or a class named later', () => {
    expect(fields('Details.', 'Remote code execution via the import feature leads to sensitive data exposure').vulnType).toBe('remote code execution');
    expect(fields('Details.', 'RCE through the Jenkins script console and XSS in the build log viewer').vulnType).toBe('remote code execution');
    expect(fields('Details.', 'Code execution vulnerability via SSRF to internal Jenkins').vulnType).toBe('server-side request forgery');
  });

  it('titles by the Subject over an aside heading ("What is SSRF?"), a lead-in line, and any greeting', () => {
    const aside =
      'Hi team,\n\nI was testing the webhook configuration of my workspace last week and found the problem described below.\n\n## What is SSRF?\nA request forgery.\n\n## Steps to reproduce\n1. Set the URL.';
    const subject = 'Webhook URL lets anyone reach the cloud metadata service';
    expect(fields(aside, subject).title).toBe(subject);
    const leadIn = '## Summary\nWhile checking for SQL injection I found this instead:\n- invoices of others';
    expect(fields(leadIn, 'Acme Portal: anyone can read other customers invoices').title).toBe('Acme Portal: anyone can read other customers invoices');
    for (const greeting of ['Dear Sir/Madam,', 'Hello Team :)', 'Hi @octocat,'])
      expect(fields(`## Summary\n${greeting}\nI found a stored XSS in the comments.`, 'Stored XSS in Acme Wiki comments').title).toBe(
        'Stored XSS in Acme Wiki comments',
      );
    expect(fields('Details.', 'Reflected XSS on [REDACTED]').title).toBe('Reflected XSS on [REDACTED]');
  });
});

describe('fields the second review found set or asked wrongly', () => {
  it('reads no "public" from a question that opens with a question word or "if"', () => {
    expect(fields('XSS in search\n\nThe search box reflects input. What is your timeline for releasing a security advisory?').public).toBeUndefined();
    expect(fields('XSS in search\n\nThe search box reflects input. If the issue is publicly known, would you still pay a bounty?').public).toBeUndefined();
  });

  it('keeps every file of a list of findings written like frames, with no method or script frame among them', () => {
    const text =
      'Missing nonce checks (CSRF) in Acme Plugin\n\nEach of these AJAX handlers changes settings without a nonce check:\n\nsettings.php:45, acme_save_settings()\nusers.php:88, acme_delete_user()\najax.php:120, acme_import()\nexport.php:31, acme_export_csv()';
    expect(fields(text).locations).toEqual(['settings.php', 'users.php', 'ajax.php', 'export.php']);
  });

  it('drops a docs page under a language folder, and takes no component from "in next version"', () => {
    expect(
      fields('Notes\n\nSee https://nginx.org/en/docs/http/ngx_http_proxy_module.html for the directive. The bug is in https://shop.example.com/api/cart.')
        .locations,
    ).toEqual(['https://shop.example.com/api/cart']);
    expect(fields('Notes\n\nPlease include a fix in next version 3.2.1 of the app.').component).toBeUndefined();
  });
});
