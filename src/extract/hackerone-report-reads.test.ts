// How disclosed HackerOne reports read, found on a scratch set of 30 of them never labelled nor added to the corpus
// (2026-12-07): a "Summary:" that is a sentence or a list under a Subject that titles the report, a request's own
// CSRF token named in a step, a title that says what was exposed, attachment marks for a PoC, an IP range.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe("a bounty report's title", () => {
  it('is the Subject over a Summary that is a sentence or a list', () => {
    expect(
      extractedFields(
        '**Summary:**\nUnsanitized user-controlled inputs in the CVE Discovery Search allow for SQL injection.\n\n**Description:**\nSearch terms are split.',
        'SQL Injection in CVE Discovery Search',
      ).title,
    ).toBe('SQL Injection in CVE Discovery Search');
    expect(
      extractedFields(
        '## Summary:\nThe new scope policy feature displays all Program names and scopes that use the new functionality.\n',
        'Scope information is leaked when visiting the policy scopes tab',
      ).title,
    ).toBe('Scope information is leaked when visiting the policy scopes tab');
    expect(extractedFields('## Summary\nAn attacker is able to dump merchants through their invoices.\n', 'IDOR on GraphQL queries BillDetails').title).toBe(
      'IDOR on GraphQL queries BillDetails',
    );
    expect(
      extractedFields(
        '## Summary:\n* there is open redirect while logging in via SAML, saved in the cookies\n',
        'Account takeover via the RelayState parameter',
      ).title,
    ).toBe('Account takeover via the RelayState parameter');
  });

  it('is not a heading that only says it is a report', () => {
    expect(
      extractedFields('# ZERO-DAY VULNERABILITY REPORT\n**Asset:** `coinmate.io`\n\nThe HMAC omits the endpoint.', 'HMAC signature verification omits endpoint')
        .title,
    ).toBe('HMAC signature verification omits endpoint');
  });
});

describe("a bounty report's class of flaw", () => {
  it('is no CSRF for a request whose own CSRF token a step names, but is for a missing token or a title about tokens', () => {
    expect(
      extractedFields('Run the following code after editing the identity param and the csrf token:\n\nfetch(url)', 'Emails returned by the profile API')
        .vulnType,
    ).not.toBe('cross-site request forgery');
    expect(extractedFields('The form has no CSRF token, so another site can post it.', 'Settings change').vulnType).toBe('cross-site request forgery');
    expect(extractedFields('The forms can be posted from another site.', 'WebSession: CSRF tokens in account settings forms').vulnType).toBe(
      'cross-site request forgery',
    );
  });

  it('reads a title that says what was exposed or leaked as information disclosure', () => {
    expect(extractedFields('Set a field to the URN and expand it.', 'Entire database of emails exposed through URN injection').vulnType).toBe(
      'information disclosure',
    );
    expect(extractedFields('Visit the tab unauthenticated.', 'Scope information is leaked when visiting the policy scopes tab').vulnType).toBe(
      'information disclosure',
    );
  });
});

describe("a bounty report's values", () => {
  it('takes no attachment mark for the PoC, no IP range for a version, no file and its lines for the product', () => {
    expect(extractedFields('The button runs script.\n\n## Video POC:\n{F2106781}\n', 'XSS through the Button tag').poc).toBeUndefined();
    const f = extractedFields(
      '## Affected Components\n- app/controllers/unfurl_links_controller.rb:3-8 (accepts untrusted url.)\n\nThe guard omits link-local, so 169.254.x.x is not blocked.',
      'Link unfurling reaches link-local addresses',
    );
    expect(f.component).toBeUndefined();
    expect(f.affectedVersions).toBeUndefined();
  });

  it('takes no variable, participle or "such" phrase for the product, and drops an article before a name', () => {
    expect(extractedFields('The stack buffer in `buf` is freed by `utf8asn1str`.', 'Freeing a stack buffer').component).toBeUndefined();
    expect(extractedFields('The reply of the manipulated server is trusted.', 'OTP bypass').component).toBeUndefined();
    expect(extractedFields('Any such endpoint logs nothing.', 'Missing logs').component).toBeUndefined();
    expect(extractedFields('The flaw is in a Wikimate plugin that renders comments.', 'Stored XSS').component).toBe('Wikimate plugin');
  });
});

describe('a title that says what was exposed', () => {
  it('types leaked descriptions, exposed images and cookies, revealed backend details and a kept credential header as information disclosure', () => {
    for (const subject of [
      'Asset Inventory Internal Descriptions are leaked in CSV export',
      'Private AWS AMIs are temporarily being exposed publicly',
      'Session cookie can be exposed over non-TLS endpoint',
      'Error messages reveal backend details',
      'Proxy-Authorization header is not cleared in cross-domain redirect in undici',
    ])
      expect(extractedFields('See the steps below.', subject).vulnType, subject).toBe('information disclosure');
  });

  it('reads no disclosure from a title where a file is uploaded or a header is cleared', () => {
    expect(extractedFields('See the steps below.', 'Files are uploaded without a size limit').vulnType).toBeUndefined();
    expect(extractedFields('See the steps below.', 'Authorization header is cleared on redirect').vulnType).toBeUndefined();
  });
});

describe('a title that says anyone can do what only the owner may', () => {
  it('types "Admin access control not working" and "Anyone with a share link can RESET all website data" as missing authorization', () => {
    expect(extractedFields('See below.', 'Admin access control not working').vulnType).toBe('missing authorization');
    expect(extractedFields('See below.', 'Anyone with a share link can RESET all website data in Umami').vulnType).toBe('missing authorization');
  });

  it('reads no flaw from "Anyone with an account can log in" or access control that works', () => {
    expect(extractedFields('See below.', 'Anyone with an account can log in twice').vulnType).toBeUndefined();
    expect(extractedFields('See below.', 'Access control works as documented').vulnType).toBeUndefined();
  });
});
