// What an independent review (2026-12-07) of the rules read off the scratch sets of tracker issues and advisories
// found them doing wrong: a bold sentence taken for a heading, a common noun opening a Subject taken for the product,
// a fix's list swallowing the versions called affected, a version's shape, a name's kind, a question about a
// publication, and inputs that made them slow.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { extractReport } from './extract.js';
import { isHeadingAlone } from './piece-shape.js';
import { sentences } from './prose.js';
import { productInVersionList } from './version-list.js';

describe('rules read off the scratch sets, where they must not fire', () => {
  it('keeps a bold or heading line that states something as a candidate impact', () => {
    expect(isHeadingAlone('**Any user can delete the accounts of other users.**')).toBe(false);
    expect(isHeadingAlone('### An attacker can take over any account')).toBe(false);
    expect(isHeadingAlone('**Describe the bug**')).toBe(true);
    expect(
      extractedFields('The endpoint does not check the owner.\n\n**Any user can delete the accounts of other users.**', 'IDOR in Acme Portal').impact,
    ).toBe('**Any user can delete the accounts of other users.**');
  });

  it('takes no common noun opening a Subject for the product over the one the text names', () => {
    const cases: Array<[string, string, string]> = [
      ['Webhooks allow SSRF', 'The webhooks of the server in Gitea 1.20.1 fetch any URL.', 'Gitea'],
      ['Cookies have no HttpOnly flag', 'The session cookies of Acme Portal 3.2 lack the flag.', 'Acme Portal'],
      ['Misconfiguration allows privilege escalation', 'In Grafana 9.1 a role gets admin.', 'Grafana'],
      ['Profile Picture allows Stored XSS', 'The profile picture of Mattermost 7.1 runs script.', 'Mattermost'],
    ];
    for (const [subject, text, product] of cases) expect(extractedFields(text, subject).component, subject).toBe(product);
    expect(extractedFields('Tokens never expire.', 'JWT has no expiry').component).toBeUndefined();
    // A product named only in the Subject and an address of the report stays one.
    expect(extractedFields('Email us at [security@mautic.org](mailto:security@mautic.org)', 'Mautic allows users enumeration').component).toBe('Mautic');
  });

  it('leaves a fix sentence the versions it goes on to call affected', () => {
    const cases: Array<[string, string]> = [
      ['The issue is fixed in 2.0.1, versions 1.9.0 and earlier are affected.', '<= 1.9.0'],
      ['This was patched in 3.1.21; 3.1.20 and earlier are vulnerable.', '<= 3.1.20'],
      ['Fixed in version 4.2.0 and 4.1.3 and below remain vulnerable.', '<= 4.1.3'],
    ];
    for (const [text, affected] of cases) expect(extractedFields(text, 'XSS in Acme Portal').affectedVersions, text).toBe(affected);
    expect(extractedFields('Foo 1.2.3 and earlier are affected (severity high).', 'SQLi in Foo').affectedVersions).toBe('<= 1.2.3');
  });

  it('reads no fix from a proposal or from the latest release that is still vulnerable', () => {
    expect(extractedFields('This could be solved in 2.4 by escaping the name.', 'XSS in Foo').fixedVersion).toBeUndefined();
    expect(extractedFields('Tested on the latest security release 2.3.0, which is still vulnerable.', 'XSS in Foo').fixedVersion).toBeUndefined();
  });

  it('keeps steps after a sentence that sends the reader elsewhere for more information', () => {
    const f = extractedFields(
      "The login form builds SQL from the username (for more information see the code below).\nOpen the login page and enter ' OR 1=1 -- as the username, then press Login.",
      'SQL injection in Acme Login',
    );
    expect(f.steps).toBeDefined();
  });

  it('keeps a product whose name opens with a digit, and the word for what kind of thing a short or acronym name is', () => {
    for (const name of ['7-Zip', '1Password', '3CX', '389-ds-base'])
      expect(extractedFields(`Product: ${name}\n\nA crash.`, 'Crash').component, name).toBe(name);
    expect(extractedFields('A parsing bug in the C library crashes programs.', 'Crash').component).toBe('C library');
    expect(extractedFields('A vulnerability in the MCP server lets attackers read files.', 'File read').component).toBe('MCP server');
    expect(extractedFields('A timing side channel exists in the ring crate when comparing tags.', 'Timing side channel').component).toBe('ring crate');
  });

  it('takes no toolchain of a version list for the product', () => {
    expect(productInVersionList('- Node.js: 20.1\n- TypeScript: 5.0.4\n')).toBeUndefined();
  });

  it('reads no publication from a question to the vendor or an advisory sent privately', () => {
    expect(extractedFields('- 2023-02-10: Asked the vendor whether they had published an advisory, no reply', 'XSS').public).toBeUndefined();
    expect(extractedFields('- 2023-02-10: Vendor released an advisory privately to its customers', 'XSS').public).toBeUndefined();
  });

  it('reads no denial of service into a Subject that says a server crashed after an upload', () => {
    expect(extractedFields('The SVG holds a script.', 'Server crashed after I uploaded an SVG containing a script').vulnType).toBeUndefined();
  });
});

describe('the rules stay fast on hostile input', () => {
  it('stays linear on runs of blanks, open fences and a long bulleted line', () => {
    const t0 = performance.now();
    expect(productInVersionList(`- a${' '.repeat(2_000)}x`)).toBeUndefined();
    sentences(`x${' '.repeat(200_000)}y`);
    extractReport({ text: `# ${' '.repeat(200_000)}`, subject: 'x' });
    extractReport({ text: `## Impact\n${'```x\n'.repeat(40_000)}`, subject: 'x' });
    extractReport({ text: `## PoC\nSee ${' '.repeat(200_000)}above`, subject: 'x' });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});

describe('what the second review found (2026-12-07)', () => {
  it('stays fast on many attachment marks before a line of text in a PoC section', () => {
    const t0 = performance.now();
    extractReport({ text: `## Proof of Concept\n${'{F1}\n\n'.repeat(40)}x\n`, subject: 'XSS in search' });
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it('reads the ways a report says the CSRF token is not checked as a CSRF', () => {
    for (const text of [
      'The server does not validate the CSRF token on the settings form.',
      'An empty CSRF token is accepted by the password change.',
      'The X-CSRF-Token header is ignored by the API.',
    ])
      expect(extractedFields(text, 'Account settings change').vulnType, text).toBe('cross-site request forgery');
  });

  it('keeps a Summary sentence as the title under a Subject that names no class of flaw', () => {
    expect(
      extractedFields(
        '## Summary\nThe password reset endpoint of Acme Portal returns the reset token in its JSON response.',
        'Security vulnerability found on your website',
      ).title,
    ).toMatch(/password reset endpoint/);
  });

  it('reads no disclosure into a bug a tool revealed, and no authorization flaw into a missing permission or header', () => {
    expect(extractedFields('Two threads write the queue.', 'Data race in worker pool revealed by ThreadSanitizer').vulnType).not.toBe('information disclosure');
    expect(extractedFields('Requests that lack authorization headers are answered with 401.', 'Header parsing loop').vulnType).not.toBe(
      'missing authorization',
    );
  });

  it('keeps names the rules read as words: a package in code marks, a two-word product, "All in One", a vendor before "Security Advisory"', () => {
    expect(extractedFields('A ReDoS exists in `marked` when a link is parsed.', 'ReDoS').component).toBe('marked');
    expect(extractedFields('A heap overflow exists in After Effects 23.1 when a file is opened.', 'Heap overflow').component).toBe('After Effects');
    expect(extractedFields('Product: All in One SEO Pack\n\nA stored XSS.', 'Stored XSS').component).toBe('All in One SEO Pack');
    expect(extractedFields('The chat runs code.', 'Zoom - Security Advisory - Remote code execution via chat').component).toBe('Zoom');
  });

  it('takes no generic first word before a "v" version, and no platform before a path, for the product', () => {
    expect(extractedFields('The id is injected.', 'poc v1.0 for SQL injection in Acme Shop').component).not.toBe('poc');
    expect(extractedFields('The root password is fixed.', 'firmware v2.1.4 has a hardcoded root password').component).not.toBe('firmware');
    expect(extractedFields('A race on a temporary file.', 'Ubuntu 22.04 /tmp race in acme-backup').component).not.toBe('Ubuntu');
  });

  it('keeps steps in a fully bold list, and a heading that asks what an attacker can do out of the impact', () => {
    const steps = extractedFields(
      '1. **Log in as an administrator**\n2. **Open Settings > Footer and paste <svg onload=alert(1)>**\n3. **Visit the home page as any user**',
      'Stored XSS in the footer',
    ).steps;
    expect(steps).toContain('Log in as an administrator');
    expect(isHeadingAlone('### What an attacker can do')).toBe(true);
  });

  it('keeps a publication a vendor asked for, and a security release with the fix as the fix', () => {
    expect(extractedFields('- 2023-03-10: Public disclosure, as asked by the vendor', 'XSS').public).toBe(true);
    expect(extractedFields('- 2021-05-20: Security release 2.4.1 published with the fix', 'XSS').fixedVersion).toBe('2.4.1');
    expect(extractedFields('It should be fixed in 2.3.1 which was released yesterday.', 'XSS').fixedVersion).toBe('2.3.1');
  });

  it('closes a fence only on the same mark, as long, alone on its line', () => {
    const f = extractedFields("## Impact\n````md\nsample\n```\nstill code\n````\nAny user can read other users' invoices.\n", 'IDOR in invoices');
    expect(f.impact).toBe("Any user can read other users' invoices.");
  });
});
