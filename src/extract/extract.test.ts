import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';

const at = (text: string, s: { start?: number; end?: number } | undefined): string => (s && s.start !== undefined ? text.slice(s.start, s.end) : '');

describe('extractReport', () => {
  it('reads "Field: value" lines and gives each field the span it came from', () => {
    const text = 'Hello,\n\nProduct: Widget Server\nAffected versions: 2.0.0 - 2.3.4\nVulnerability type: SQL injection (CWE-89)\n\nThanks';
    const r = extractReport({ text });
    expect(r.fields.component?.value).toBe('Widget Server');
    expect(at(text, r.fields.component?.sources[0] as { start: number; end: number })).toBe('Widget Server');
    expect(r.fields.vulnType?.value).toBe('sql injection');
    expect(r.fields.cwe?.value).toEqual(['CWE-89']);
    expect(r.fields.affectedVersions?.value).toBe('2.0.0 - 2.3.4');
  });

  it('keeps a "Steps to reproduce:" list to itself instead of swallowing the rest of the mail', () => {
    const text = 'Steps to reproduce:\n1. Open /admin\n2. Click save\n\nAn attacker can delete every user.\n';
    const r = extractReport({ text });
    expect(r.fields.steps?.value).toBe('1. Open /admin\n2. Click save');
    expect(r.fields.impact?.value).toBe('An attacker can delete every user.');
  });

  it('reads Markdown headings of a filled template', () => {
    const text =
      '# Path traversal in the export endpoint\n\n## Impact\nRead any file on the server.\n\n## Suggested fix\nNormalise the path and check the prefix.\n';
    const r = extractReport({ text });
    expect(r.fields.title?.value).toBe('Path traversal in the export endpoint');
    expect(r.fields.impact?.value).toBe('Read any file on the server.');
    expect(r.fields.mitigation?.value).toBe('Normalise the path and check the prefix.');
    expect(r.fields.vulnType?.value).toBe('path traversal');
  });

  it('takes code blocks and PoC attachments as the proof of concept, but not a public key', () => {
    const text = 'See below.\n\n```\ncurl -X POST http://localhost/api/run -d "cmd=id"\n```\n';
    const r = extractReport({ text, attachments: [{ filename: 'exploit.py' }, { filename: 'publickey.asc' }] });
    expect(r.fields.poc?.value).toContain('curl -X POST');
    expect(r.fields.poc?.sources).toContainEqual({ attachment: 'exploit.py' });
    expect(r.fields.poc?.sources).not.toContainEqual({ attachment: 'publickey.asc' });
  });

  it('does not take a heading inside fenced code for a section', () => {
    const text = '```\n# Impact\nnot a heading\n```\n';
    expect(extractReport({ text }).fields.impact).toBeUndefined();
  });

  it('reads negated public and exploited statements as false', () => {
    const r = extractReport({ text: 'This is not public yet. I am not aware of any exploitation in the wild.' });
    expect(r.fields.public?.value).toBe(false);
    expect(r.fields.exploited?.value).toBe(false);
  });

  it('reads a wish to remain anonymous and a handle', () => {
    expect(extractReport({ text: 'I would like to remain anonymous, thanks.' }).fields.credit?.value).toEqual({ kind: 'anonymous' });
    expect(extractReport({ text: 'Please credit me under the handle @n0pslide.' }).fields.credit?.value).toEqual({ kind: 'handle', name: '@n0pslide' });
  });

  it('flags several vulnerabilities in one mail with one title per section', () => {
    const text = '## Issue 1: Reflected XSS in search\nfoo\n\n## Issue 2: IDOR on /api/invoices/{id}\nbar\n';
    const r = extractReport({ text });
    expect(r.multiple?.map((p) => p.title)).toEqual(['Issue 1: Reflected XSS in search', 'Issue 2: IDOR on /api/invoices/{id}']);
    expect(r.multiple?.map((p) => p.vulnType)).toEqual(['cross-site scripting', 'insecure direct object reference']);
  });

  it('marks SEO marketing as likely spam and a real report as not', () => {
    expect(extractReport({ text: 'Dear Sir/Madam, our agency offers SEO and backlinks to get you on the first page of Google. Free quote!' }).spam.likely).toBe(
      true,
    );
    expect(extractReport({ text: 'SQL injection in /login via the user parameter; an attacker can dump the database.' }).spam.likely).toBe(false);
  });

  it('stores an invalid CVSS vector with its error rather than dropping it', () => {
    const r = extractReport({ text: 'CVSS: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H' });
    expect(r.fields.cvss?.value).toMatchObject({ valid: false });
    expect(r.fields.cvss?.value.error).toMatch(/S/);
  });

  it('stays linear on a hostile run of colons and hashes', () => {
    const text = `${'a:'.repeat(50_000)}\n${'#'.repeat(100_000)}\n${'1. '.repeat(30_000)}\n${'+/1'.repeat(30_000)}\n${'user can '.repeat(20_000)}\n${'/a.'.repeat(20_000)}`;
    const t0 = performance.now();
    extractReport({ text });
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
