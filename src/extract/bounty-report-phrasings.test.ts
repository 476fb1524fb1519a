// Phrasings of bug-bounty reports (HackerOne's disclosed reports, corpus batches 86-89, tune halves) that the
// extractor misread. A bounty report opens with its title, then the platform's template ("## Summary:",
// "## Steps To Reproduce:", "## Impact"), often with a greeting inside it. Each value is pinned as a triager would
// write it, with a near miss beside it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';

const fields = extractedFields;

describe("a bounty report's title", () => {
  it('is not the greeting its Summary opens with ("Hi Team,"), but the Subject', () => {
    const text = 'Stored XSS on wordpress.com\n\n## Summary:\n\nHi team\n\nI found Stored XSS in wordpress.com via app.crowdsignal.com\n';
    expect(fields(text, 'Stored XSS on wordpress.com').title).toBe('Stored XSS on wordpress.com');
    expect(fields('IDOR\n\n**Summary:**\nHi Team, \n\nI can delete any campaign.\n', 'IDOR - Delete Campaigns').title).toBe('IDOR - Delete Campaigns');
    // A Summary that names the flaw still titles a report whose Subject cannot.
    expect(fields('## Summary:\nStored XSS in the comment form\n\nDetails follow.', 'Security issue').title).toBe('Stored XSS in the comment form');
  });

  it('is not a Summary line that leads into a list ("… can have a few security issues:")', () => {
    const text = '## Summary:\nThe bug I submitted can have at least a few unintended security issues:\n- Information Disclosure\n- Use after free\n';
    expect(fields(text, 'CVE-2022-32221: POST following PUT confusion').title).toBe('CVE-2022-32221: POST following PUT confusion');
  });

  it('is not a heading that names a part of the body below its first paragraph ("## References", "#### Attack flow")', () => {
    const para = 'An error-based blind SQL injection at the report endpoint. The sites and rods parameters are vulnerable to it.';
    expect(
      fields(`Error-based blind SQL injection\n\n**Description:**\n${para}\n\n## References\nOWASP SQL Injection\n`, 'Error-based blind SQL injection').title,
    ).toBe('Error-based blind SQL injection');
    // A heading at the top of the body, with no paragraph above it, titles the report over a generic Subject's words.
    expect(fields('# Stored XSS in the Acme wiki editor\n\nThe editor keeps script tags.\n\n## Impact\nSession theft.', 'Report for Acme').title).toBe(
      'Stored XSS in the Acme wiki editor',
    );
  });

  it("keeps a bracket that is part of the Subject's title, and drops a list's tag before it", () => {
    expect(fields('Details below.', 'DOS via cache poisoning on [developer.mozilla.org]').title).toBe('DOS via cache poisoning on [developer.mozilla.org]');
    expect(fields('Details below.', '[vertical privilege escalation] User can unapprove any approved translation').title).toBe(
      '[vertical privilege escalation] User can unapprove any approved translation',
    );
    expect(fields('Details below.', '[oss-security] Heap overflow in libfoo 1.2').title).toBe('Heap overflow in libfoo 1.2');
    expect(fields('Details below.', 'Re: [SECURITY] [Full-disclosure] SQL injection in Acme CMS').title).toBe('SQL injection in Acme CMS');
  });
});

describe('a bounty report that names its type in capitals and its tools in passing', () => {
  it('types "DOS via cache poisoning" as denial of service, and not an operating system named DOS', () => {
    expect(fields('Details below.', 'DOS via cache poisoning on [developer.mozilla.org]').vulnType).toBe('denial of service');
    expect(fields('Notes\n\nThe tool also runs on DOS and Windows 3.1.').vulnType).toBeUndefined();
  });

  it('takes no component from "your preferred proxy" or "the following functions"', () => {
    const text = 'Cache poisoning\n\n## Steps To Reproduce:\n\n  1. Pass your HTTP requests through your preferred proxy\n  2. Send the header twice.\n';
    expect(fields(text).component).toBeUndefined();
    expect(fields('Upgrade handler\n\nThe field is passed as is to the following function and run.').component).toBeUndefined();
    // A name before the same noun still is one.
    expect(fields('Notes\n\nThe flaw is in the Acme Portal plugin, which keeps the token.').component).toBe('Acme Portal plugin');
  });
});

describe("a bounty platform's questions, diffs and redactions", () => {
  it('reads no "public" from the form\'s question "Have you already publicly disclosed …?", only from a statement', () => {
    const text =
      'Silent enumeration\n\n* Have you already publicly disclosed any information on this issue? If so, when and where?: \n\nThis specific example? No.\n';
    expect(fields(text).public).toBeUndefined();
    expect(fields('Silent enumeration\n\nI have already publicly disclosed this issue on my blog.').public).toBe(true);
  });

  it('lists a file a diff\'s header names as "a/…" and "b/…" once, by its own path', () => {
    const diff =
      'Fix\n\n```\ndiff --git a/src/net/handler.inl b/src/net/handler.inl\nindex 1..2 100644\n--- a/src/net/handler.inl\n+++ b/src/net/handler.inl\n@@ -1 +1 @@\n-a\n+b\n```\n';
    expect(fields(diff).locations).toEqual(['src/net/handler.inl']);
    // A path that only starts with "a/" elsewhere keeps it.
    expect(fields('Traversal\n\nThe handler in a/b/upload.php writes anywhere.').locations).toEqual(['a/b/upload.php']);
  });

  it("ends a place where the platform's redaction blocks start", () => {
    const text = 'Leaked credentials\n\nThe dump holds https://en.example.org/login,██████,,█████████,Personal and more.\n';
    expect(fields(text).locations).toEqual(['https://en.example.org/login']);
  });
});

describe("places a bounty report names that are not the flaw's", () => {
  it('lists no media type ("application/vnd.oasis…") as a path, and keeps a path under a folder named so', () => {
    const text = 'File enumeration\n\nThe check compares against application/vnd.oasis and image/svg+xml before /apps/richdocuments/api/create runs.\n';
    expect(fields(text).locations).toEqual(['/apps/richdocuments/api/create']);
    expect(fields('Upload\n\nThe file lands in /srv/app/text/uploads/a.php and runs.').locations).toEqual(['/srv/app/text/uploads/a.php']);
  });

  it('lists no header a quoted program includes ("#include <curl/curl.h>")', () => {
    const text = 'Loop\n\n```c\n#include <stdio.h>\n#include <curl/curl.h>\nint main(void) { return 0; }\n```\n\nThe loop is in lib/ws.c.\n';
    expect(fields(text).locations).toEqual(['lib/ws.c']);
  });

  it("reads a URL written with JSON's escaped slashes as the one URL, not as its pieces", () => {
    const text = 'Users listed\n\n1. Visit https:\\/\\/www.example.com\\/wp-json\\/wp\\/v2\\/users\\/9 and read the names.\n';
    expect(fields(text).locations).toEqual(['https://www.example.com/wp-json/wp/v2/users/9']);
  });

  it('takes a dev server named once ("Server listening at …") as that server everywhere, and skips a localised docs page', () => {
    const text =
      'Crash\n\n```\n{"msg":"Server listening at http://127.0.0.1:3000"}\n```\n\n> curl -X POST http://127.0.0.1:3000 -H \'Content-Type: constructor\'\n\nSee https://developer.mozilla.org/zh-CN/docs/Web/HTTP/Headers/Content-Type and the parser in lib/contentTypeParser.js.\n';
    expect(fields(text).locations).toEqual(['lib/contentTypeParser.js']);
    // A loopback URL with a path is still a place.
    expect(fields('Crash\n\n> curl -X POST http://127.0.0.1:3000/api/upload -d x').locations).toEqual(['http://127.0.0.1:3000/api/upload']);
  });
});

describe("a bounty report's component", () => {
  it('is no name from the code: a constant, a variable, a member, a method or a header', () => {
    expect(fields('RCE\n\nThe authorization that the `POOL_UPGRADE` handler performs is missing.').component).toBeUndefined();
    expect(fields('Format string\n\nThe path is made up of `run_id` and other things.').component).toBeUndefined();
    expect(fields('Crash\n\nThen the `parser.fn` function is called with no parser.').component).toBeUndefined();
    expect(fields('Smuggling\n\nNote that the value of `X-Abc` header in the request is read.').component).toBeUndefined();
    // A product written as code still is one: its ".js" is part of its name.
    expect(fields('Prototype pollution\n\nThe flaw is in the `Chart.js` library, which merges options.').component).toBe('Chart.js library');
  });
});

describe("a bounty report's type, named by its title", () => {
  it('reads a title that names what was exposed as information disclosure, and not the same words in prose', () => {
    expect(fields('Details below.', 'Email Address Exposure via Gratipay Migration Tool').vulnType).toBe('information disclosure');
    expect(fields('Details below.', 'Possible PII Disclosure via Advanced Vetting Process').vulnType).toBe('information disclosure');
    // In prose, a consequence among others names no type.
    expect(fields('Account takeover\n\nWith the session, user emails are exposed and the account is lost.').vulnType).toBeUndefined();
  });

  it('reads "Remote node DOS", "Deny of service" and a title\'s endless loop as denial of service', () => {
    expect(fields('Details below.', 'Remote node DOS').vulnType).toBe('denial of service');
    expect(fields('Details below.', 'Deny of service via malicious Content-Type').vulnType).toBe('denial of service');
    expect(fields('Details below.', 'CVE-2025-5399: WebSocket endless loop').vulnType).toBe('denial of service');
    // A loop in prose ("an infinite loop of redirects") is no type by itself.
    expect(fields('Open redirect issue\n\nThe page sends the browser into an infinite loop of redirects.').vulnType).not.toBe('denial of service');
  });
});

describe("a bounty report's fix, under the headings reporters give it", () => {
  it('reads "Remediation ideas", "Quick fix" and "Suggested Mitigation/Remediation Actions" as the mitigation', () => {
    expect(fields('Bug\n\n## Remediation ideas:\nCheck that *tok is not NULL in the while statement.\n').mitigation).toMatch(/tok is not NULL/);
    expect(fields('Bug\n\n## Quick fix\n\n- Check that a handshake has completed before sending blocks\n').mitigation).toMatch(/handshake has completed/);
    expect(fields('Bug\n\n## Suggested Mitigation/Remediation Actions\nImplement access control on the registry.\n').mitigation).toMatch(
      /Implement access control/,
    );
    // A heading that only names ideas of another kind is no fix.
    expect(fields('Bug\n\n## Attack ideas\nChain it with the open redirect.\n').mitigation).toBeUndefined();
  });
});

describe('asking a bounty reporter for the type', () => {
  const asksForType = (text: string): boolean =>
    fieldsToAsk(missingFields(undefined, ['component', 'steps', 'impact', 'affectedVersions']).required, text).some((m) => m.fields.includes('vulnType'));
  it('does not ask when the report says the service stalls or runs for minutes ("Stall the network.")', () => {
    expect(asksForType('Crafted contract can take 1.5 minutes to execute due to inefficient CODESIZE implementation')).toBe(false);
    expect(asksForType('Notes\n\n## Impact\n\n## Summary:\nStall the network.')).toBe(false);
    expect(asksForType('TLDR: `VM.doCODESIZE()` is inefficient which can lead to slow executions.')).toBe(false);
    // A report that says nothing of what goes wrong is still asked.
    expect(asksForType('Hello, I looked at your contract code and have a question about CODESIZE.')).toBe(true);
  });
  // From the second review: a blockchain named in a question, a slow dashboard, are no sign of a type.
  it('still asks the type of a text that only mentions a blockchain or a slow dashboard', () => {
    expect(asksForType('Hello, I have a question about how your blockchain network handles gas refunds.')).toBe(true);
    expect(asksForType('Feature request: the dashboard takes 12 seconds to load when an org has 500 projects.')).toBe(true);
  });
});

describe("a debugger's call stack in a bounty report", () => {
  it('lists the first two frames of a PhpStorm or Xdebug call stack as places, not every caller down to main', () => {
    const text =
      'SQLi\n\nCallstack:\n```\nclass-wc-admin-report.php:369, WC_Admin_Report->get_order_report_data()\nclass-wc-report-coupon-usage.php:449, WC_Report_Coupon_Usage->get_main_chart()\nhtml-report-by-date.php:91, include()\nclass-wp-hook.php:324, WP_Hook->apply_filters()\nplugin.php:517, do_action()\nadmin.php:260, {main}()\n```\n';
    expect(fields(text).locations).toEqual(['class-wc-admin-report.php', 'class-wc-report-coupon-usage.php']);
  });
});
