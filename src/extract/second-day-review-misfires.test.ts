// A second independent review (2026-12-07) of the rules made after the first review and of that review's fixes: each
// case is its input, pinned as a triager writes it, against the rule as it stood at a82a212.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { fixedVersion } from './fixed-version.js';
import { fieldsForHeading } from './labels.js';
import { findLocations } from './locations.js';
import { productFromSubject } from './product.js';
import { cleanLocation } from './url-text.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);
const asked = (text: string, given: string[] = ['component', 'affectedVersions']): string[] =>
  fieldsToAsk(missingFields(undefined, given as never).required, text).map((m) => m.entry);

describe('exploited against', () => {
  it('is a condition after "for this to be", "needs to be", "has to be"', () => {
    for (const t of [
      'For this to be exploited against a victim, the victim has to open the article while logged in.',
      'The bug needs to be exploited against a logged-in user.',
      'This has to be exploited against an authenticated admin.',
    ])
      expect(extractedFields(t, 'Stored XSS').exploited, t).toBeUndefined();
    expect(extractedFields('The flaw is reported to be exploited against several banks right now.', 'RCE').exploited).toBe(true);
  });
});

describe("a timeline's releases", () => {
  it('give way to a sentence that names the fix, and are no fix when tested, confirmed, introduced or planned', () => {
    expect(fixedVersion('2021-01-02 vendor released 4.1.0 (maintenance)\n2021-02-10 reported\n2021-03-01 fixed in 4.2.0')?.value).toBe('4.2.0');
    for (const t of [
      '2021-05-10: Tested latest release 1.2.3, issue persists',
      '2021-05-01 - Vulnerability confirmed on release 4.5.1',
      '- 2021-01-01: Discovered the vulnerability in freshly released 3.4.0',
      '2021-03-01: Vendor released 2.3.1\n2021-03-05: Verified 2.3.1 does not fix the issue',
      '2019-05-01: Acme 3.0 released (introduces the vulnerable importer)',
      '2021-04-02 Upstream OpenSSL 1.1.1k released',
      '18.05.2021: Vendor informed us the fix will be released on 01.06.2021',
      '2.3.1 - released 2021.05.01',
    ])
      expect(fixedVersion(t)?.value, t).toBeUndefined();
  });
});

describe('a host with its path, without a scheme, under a label or after "change … to"', () => {
  it('is the place', () => {
    expect(places('Vulnerable URL: portal.acme.com/account/export?format=csv&user=1234')).toEqual(['portal.acme.com/account/export?format=csv&user=1234']);
    expect(places('3. Change the request to portal.acme.com/account/export?user=1')).toEqual(['portal.acme.com/account/export?user=1']);
  });
});

describe('a hacker', () => {
  it('is the actor with "a", "an" or none, and not the reporter', () => {
    expect(extractedFields('A hacker can read the orders of every customer.', 'IDOR').impact).toBe('A hacker can read the orders of every customer.');
    expect(extractedFields('Hacker can change password any user click the link.', 'CSRF').impact).toBe('Hacker can change password any user click the link.');
    expect(extractedFields('I am a bug bounty hacker and I may have found an issue.', 'IDOR').impact).toBeUndefined();
  });
});

describe("a Subject's product before its own parts", () => {
  it('stays the product', () => {
    expect(productFromSubject('CRLF injection in urllib3 headers')).toBe('urllib3');
    expect(productFromSubject('Reflected XSS in Acme Shop query parameters')).toBe('Acme Shop');
    expect(productFromSubject('Open Redirect in RedirectUrl GET parameter')).toBeUndefined();
  });
});

describe('URLs', () => {
  it("cut a SQL payload after an encoded apostrophe, and an italic's star", () => {
    expect(cleanLocation('https://shop.acme.com/category/shoes%27%20AND%20SLEEP(5)--%20-')).toBe('https://shop.acme.com/category/shoes');
    expect(places('visit *https://portal.acme.com/admin/users* and')).toEqual(['https://portal.acme.com/admin/users']);
  });

  it('keep a target after "Vulnerable software running at"', () => {
    expect(places('Vulnerable software running at http://192.168.56.10/acme/admin/upload.php accepts any file.')).toEqual([
      'http://192.168.56.10/acme/admin/upload.php',
    ]);
  });
});

describe('asking', () => {
  it('does not ask what a past access, a printed token or a future read give', () => {
    expect(asked('The /admin/export page can be accessed without logging in.', ['component', 'affectedVersions', 'steps', 'impact'])).not.toContain('vulnType');
    expect(asked('The deploy token is printed in the public job output.', ['component', 'affectedVersions', 'steps', 'vulnType'])).not.toContain('impact');
    expect(asked('It will be possible to retrieve config files of other tenants.', ['component', 'affectedVersions', 'steps', 'vulnType'])).not.toContain(
      'impact',
    );
  });

  it('still asks the impact of a set-up step, a failure or a question about databases', () => {
    for (const t of [
      '2. After the first start you get a database created with the demo data.',
      'You can list the tables in the admin UI under Tools.',
      'Do you get the database name in the error too?',
    ])
      expect(asked(t, ['component', 'affectedVersions', 'steps', 'vulnType']), t).toContain('impact');
  });

  it('reads "Bug recurrence steps" as the steps heading', () => {
    expect(fieldsForHeading('Bug recurrence steps')).toEqual(['steps']);
  });
});

describe("a template's version fields", () => {
  it('name the product the text names most, with its version', () => {
    const f = extractedFields('Element shows the room name as HTML.\n\n**Element version:** 1.11.5\n**Olm version:** 3.2.15\n', 'XSS in room names');
    expect(f.component).toBe('Element');
    expect(f.affectedVersions).toBe('1.11.5');
  });

  it('keep the system-information product over a Subject that names a part', () => {
    const f = extractedFields(
      'Users can store scripts.\n\n```\nMarkUs version: 1.5.0\nRuby version: 2.2.5\nRails version: 4.2.4\n```\n',
      'Stored XSS in Assignment Description',
    );
    expect(f.component).toBe('MarkUs');
  });
});
