// Misfires an independent review found in the rules for security firms' advisories (batch 39):
// each ordinary report here must keep the answer a triager would give.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { codeBlocks } from './blocks.js';

const fields = extractedFields;

describe('the rules for firm advisories stay narrow', () => {
  it('keeps a URL the label calls vulnerable, on whatever site, and takes no PGP armour after a licence line', () => {
    expect(fields('## Affected URL\nhttps://www.acme.com/\n\nThe page can be framed.').locations).toEqual(['https://www.acme.com/']);
    expect(fields('Vulnerable URL: https://www.linkedin.com/jobs/search?keywords=test\n').locations).toEqual([
      'https://www.linkedin.com/jobs/search?keywords=test',
    ]);
    expect(fields('Title: XSS in a licence chooser\n\nVulnerable URL: https://creativecommons.org/choose/results-one?q=<script>\n').locations).toHaveLength(1);
    expect(fields('Bug in /x.php.\n\nURL: https://creativecommons.org/licenses/by/3.0/deed.en\n-----BEGIN PGP SIGNATURE-----\n').locations).toEqual(['/x.php']);
  });

  it('keeps a mitigation that says what to do beside "no patch yet", and one whose first line is short', () => {
    expect(fields('No patch was provided by the vendor, so we recommend blocking /search.php with a WAF rule.').mitigation).toMatch(/we recommend blocking/);
    expect(fields('Mitigation:\nDisable the plugin\nNo patch is available yet.\n').mitigation).toMatch(/^Disable the plugin/);
    expect(fields('Solution:\nUpgrade immediately\nNo workaround is available for older versions.\n').mitigation).toMatch(/^Upgrade immediately/);
  });

  it('ends a section at the rule below it, not at the next heading', () => {
    const rule = '~'.repeat(80);
    expect(fields(`Solution:\n\nUpdate to version 1.2.4.\n\n${rule}\n\nDisclosure Timeline:\n\n2020-01-01: reported\n`).mitigation).toBe(
      'Update to version 1.2.4.',
    );
  });

  it('reads no bare "v" number from a "Tested on" line, a range or an API', () => {
    expect(fields('# Exploit Title: Acme CMS - SQLi\n# Tested on: Kali Linux, Firefox v102\n').affectedVersions).toBeUndefined();
    expect(fields('Version: v2 API\n').affectedVersions).toBeUndefined();
    expect(fields('Affected versions: all releases before v5\n').affectedVersions).not.toBe('5');
  });

  it('takes no form field listed alone on a line for a heading, nor a title word', () => {
    const text = 'Reflected XSS in Acme contact form\n\nThe form reflects two of its fields:\n\nSubject\nMessage\n\nBoth are echoed unescaped.';
    expect(fields(text).title).toBe('Reflected XSS in Acme contact form');
    expect(fields('Acme Wiki 2.0 stored XSS\n\nIssue\nPage titles are rendered without escaping in the sidebar.\n').title).toBe('Acme Wiki 2.0 stored XSS');
  });

  it("drops no URL after a copyright word that is no advisory footer, nor an exploit's target after one", () => {
    const xss =
      'Stored XSS in the site footer.\n\nThe contents of the Copyright field are then printed unescaped on every page, e.g. http://target/acme/index.php?page=home\n';
    expect(fields(xss).locations).toEqual(['http://target/acme/index.php?page=home']);
    const appended = `${'The advisory text.\n'.repeat(10)}Copyright (c) 2019 Acme Labs. This advisory may be redistributed.\n\nimport requests\nrequests.get("http://192.168.1.1/cgi-bin/ping.cgi?ip=;id")\n`;
    expect(fields(appended).locations).toContain('http://192.168.1.1/cgi-bin/ping.cgi?ip=;id');
  });

  it('turns no role or handle address into a person, and puts a surname in capitals last', () => {
    expect(fields('Credit: security.team@acme-labs.com\n').credit).toEqual({ kind: 'handle', name: 'security.team@acme-labs.com' });
    // A handle's address credits the handle (its mailbox), not a person; a role's stays whole.
    expect(fields('Reported by: xss_hunter@protonmail.com\n').credit).toEqual({ kind: 'handle', name: 'xss_hunter' });
    expect(fields('Credit: MUELLER.hans@firm.example\n').credit).toEqual({ kind: 'name', name: 'Hans Mueller' });
  });

  it('files no product under a platform or a vendor that is none', () => {
    expect(fields('Title: WordPress Contact Form 7 plugin - stored XSS\nVendor: WordPress\nProduct: Contact Form 7\n').component).toBe('Contact Form 7');
    expect(
      fields('Title: Multiple Vendors Routers using the Realtek SDK - RCE\nVendor: Multiple Vendors\nProduct: Routers using the Realtek SDK\n').component,
    ).not.toMatch(/^Multiple/);
  });

  it('keeps a numbered list whole when one step is set off by dashes, and reads no one-column table as a heading', () => {
    expect(fields('Steps to reproduce:\n1. Log in\n2. --- intercept the request ---\n3. Change the id\n4. Send it\n').steps).toMatch(/4\. Send it/);
    expect(fields('| Solution |\n|---|\n| Upgrade to 2.1 |\n').mitigation ?? '').not.toMatch(/\|---\|/);
    expect(fields('Title: Acme CMS SQLi\n\n+-------+\n| title |\n+-------+\n| Hello world |\n+-------+\n').title).not.toMatch(/Hello world/);
  });

  it('closes a long tilde fence with its closing line, and reads "not fixed in version 3.2.1" as no fix', () => {
    const fence = '~'.repeat(30);
    expect(codeBlocks(`${fence} bash\ncurl http://x/?a=1\n${fence}\n\nImpact: RCE\n`)).toHaveLength(1);
    expect(fields('As of today the issue is still not fixed in version\n    3.2.1, the latest release.\n').fixedVersion).toBeUndefined();
    expect(fields('This issue is not fixed in the current version\n\n3.2.1 and all earlier releases are affected.\n').fixedVersion).toBeUndefined();
  });
});
