// Misfires an independent review found in the rules for listed issues, quoted payloads, product blocks,
// test environments and names (2026-12-08), each pinned here: the single reports these rules must leave alone.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const read = (text: string, subject: string | null = null) => extractReport({ text, subject });
const partsOf = (text: string, subject: string | null = null): string[] | undefined => read(text, subject).multiple?.map((p) => p.title);

describe('one issue whose lines look like a list of issues', () => {
  it('keeps the numbered steps of a chain ("CSRF leads to Stored XSS"): two classes in a Subject claim no several issues', () => {
    const text = [
      'The profile form has no CSRF token and the bio field is rendered without escaping.',
      '',
      '1. Attacker hosts the CSRF page below on evil.com',
      '2. Victim admin visits the page while logged in',
      '3. The stored XSS payload fires on /profile',
    ].join('\n');
    const r = read(text, 'CSRF leads to Stored XSS in profile settings');
    expect(r.multiple).toBeUndefined();
    expect(r.fields.steps?.value).toContain('Victim admin visits the page');
  });

  it('reads no parts from two ticket keys or two CVE ids in brackets', () => {
    const tickets = [
      'The XML parser resolves external entities.',
      '',
      'Related tickets:',
      '',
      '[FOO-1234] XXE in XmlReader',
      '',
      '[FOO-1240] Backport of the XXE fix to 2.x',
    ].join('\n');
    expect(partsOf(tickets, 'XXE in Apache Foo')).toBeUndefined();
    const cves = [
      '[CVE-2021-1111] Original SSRF in the webhook',
      '',
      'Fixed by a host check.',
      '',
      '[CVE-2022-2222] Bypass using a DNS rebinding',
      '',
      'The check runs before the lookup.',
    ].join('\n');
    expect(partsOf(cves, 'Bypass of the fix for CVE-2021-1111')).toBeUndefined();
  });

  it('reads no parts from one issue tried on two versions or reached by two endpoints, each under the same sub-headings', () => {
    const under = (heading: string): string[] => [
      heading,
      '='.repeat(heading.length),
      '',
      'Request',
      '-------',
      'GET /preview?url=http://169.254.169.254/',
      '',
      'Response',
      '--------',
      '200 OK',
      '',
    ];
    expect(partsOf([...under('Version 2.1.0'), ...under('Version 2.2.0')].join('\n'), 'Multiple vulnerable versions: SSRF in URL preview')).toBeUndefined();
    const md = (endpoint: string): string[] => [`## ${endpoint}`, '', '### Request', 'x', '', '### Response', 'y', ''];
    expect(
      partsOf(['There are two vulnerable endpoints.', '', ...md('GET /api/reports'), ...md('GET /api/exports')].join('\n'), 'SQL injection in the reports API'),
    ).toBeUndefined();
  });

  it('reads no numbered sentence about one issue as a part ("SQL injection is not possible here …")', () => {
    const text = [
      'Several vulnerabilities were considered; this report covers only the XSS.',
      '',
      '1. SQL injection is not possible here because the ORM escapes',
      '',
      '2. The XSS payload fires when the admin opens the comment',
    ].join('\n');
    expect(partsOf(text, 'Stored XSS in comments') ?? []).not.toContain('SQL injection is not possible here because the ORM escapes');
  });

  it('keeps Markdown part headings of six words or more with a link or code line right below them', () => {
    const text = [
      '## Stored XSS in the comment section of blog posts',
      'https://portal.example.com/blog/1',
      '',
      '## SQL injection in the search endpoint of the API',
      "curl 'https://portal.example.com/api/search?q=1%27'",
    ].join('\n');
    expect(partsOf(text)).toEqual(['Stored XSS in the comment section of blog posts', 'SQL injection in the search endpoint of the API']);
  });
});

describe('a quoted payload read last', () => {
  it('takes markup a step writes with its own quoted attribute whole, not the attribute value', () => {
    expect(read('Steps:\n1. Log in\n2. Set the user name to <img src=x onerror="alert(1)">\n3. Open the user list').fields.poc?.value).toBe(
      '<img src=x onerror="alert(1)">',
    );
  });

  it('takes no code that a sentence quotes without giving it as input', () => {
    const text = 'The webhook service builds the request URL as "${baseUrl}/hooks/${id}" and fetches it from the server.';
    expect(read(text, 'SSRF in webhooks').fields.poc?.value).not.toBe('${baseUrl}/hooks/${id}');
  });
});

describe('products, versions and names', () => {
  it('keeps a component label above a "Product:" line: only an "Affected Product(s)" block names its vendor first', () => {
    expect(read('Component: libxml2\nProduct: Red Hat Enterprise Linux 8\n\nA heap overflow in xmlParseChunk.').fields.component?.value).toBe('libxml2');
  });

  it('keeps the product a "Tested on" value names beside the system ("Apache Struts 2.5.20 / Ubuntu 20.04", "iOS 16.1 with Acme Wallet 4.2.1")', () => {
    const struts = read('Tested on: Apache Struts 2.5.20 / Ubuntu 20.04\n\nOGNL is evaluated twice.', 'OGNL injection');
    expect(struts.fields.affectedVersions?.value).toBe('2.5.20');
    expect(
      read('Tested on: iOS 16.1 with Acme Wallet 4.2.1\n\nThe token is written to NSUserDefaults.', 'Token stored in plain text').fields.affectedVersions
        ?.value,
    ).toBe('4.2.1');
  });

  it('reads the product from an "Environment:" line that names it, not only a system', () => {
    const r = read('Environment: GitLab 15.4.1 self-managed\n\nThe import endpoint fetches any URL.', 'SSRF in project import');
    expect(r.fields.component?.value).toBe('GitLab');
    expect(r.fields.affectedVersions?.value).toBe('15.4.1');
  });

  it('reads no file inclusion from "The PHP file includes config.php"', () => {
    expect(
      read('The PHP file includes config.php and then builds the query from $_GET["user"].', 'Security issue in login.php').fields.vulnType?.value,
    ).not.toBe('path traversal');
  });

  it('runs "Steps to reproduce:" on over a step that ends in a colon ("Open Settings:")', () => {
    const steps = read('Steps to reproduce: log in as a user\nOpen Settings:\nput <svg onload=alert(1)> in the name\nsave', 'Stored XSS in settings').fields
      .steps?.value;
    expect(steps).toContain('put <svg onload=alert(1)> in the name');
  });
});
