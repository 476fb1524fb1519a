// How tracker issues written in their templates read, found on a scratch set of 30 GitHub issues never labelled
// nor added to the corpus (2026-12-07): GitHub's bug template ("## Describe the bug", "## To Reproduce",
// "## Version information"), the CVE request forms that CVE hunters file as issues (the VulDB-style "# NAME OF
// AFFECTED PRODUCT(S)" … "# Suggested repair", and MITRE's "[Affected Product Code Base]" … "[Affected Component]").
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { sentences } from './prose.js';
import { productInVersionList } from './version-list.js';

describe("GitHub's bug template", () => {
  it('titles the report by its Subject, not by the template\'s "Describe the bug" or "Version information" heading', () => {
    const f = extractedFields(
      '## Describe the bug\nAttackers may run OS commands by editing a template file of the site.\n\n## To Reproduce\n1. Edit a template file\n',
      'Server-Side Template Injection in Acme CMS',
    );
    expect(f.title).toBe('Server-Side Template Injection in Acme CMS');
    expect(f.impact).toBe('Attackers may run OS commands by editing a template file of the site.');
    const g = extractedFields(
      '## Version information\n\n - Laravel: v5.7.*\n - Voyager: v1.1\n\n## Description\n\nThere is a CSRF flaw.',
      'CSRF vulnerability',
    );
    expect(g.title).not.toBe('Version information');
  });

  it('ends a sentence at a heading line, bold or Markdown, but not at an old exploit file\'s "#" comment lines', () => {
    expect(sentences('**Describe the bug**\nThe API returns the password hash.').map((p) => p.text)).toEqual([
      '**Describe the bug**',
      'The API returns the password hash.',
    ]);
    expect(sentences('## Impact\nAn attacker reads files.').map((p) => p.text)).toEqual(['## Impact', 'An attacker reads files.']);
    expect(sentences('# A low privilege account can rename the file\n# and replace it with another').map((p) => p.text)).toHaveLength(1);
  });

  it('takes the product and its version from the one item of a version list that names no runtime, database or browser', () => {
    const text = '## Version information\n\n - Laravel: v5.7.*\n - Voyager: v1.1\n - PHP: 7.2\n - Database: MariaDB 10.1.37\n\n## Description\nA CSRF flaw.';
    expect(productInVersionList(text)).toMatchObject({ name: 'Voyager', version: '1.1' });
    const f = extractedFields(text, 'CSRF vulnerability');
    expect(f.component).toBe('Voyager');
    expect(f.affectedVersions).toBe('1.1');
    // Two products of the vendor's own: which one is meant is not said.
    expect(productInVersionList('* Icinga DB Web version: 1.0.2\n* Icinga Web 2 version: 2.11.2\n* PHP version used: 7.4.3')).toBeUndefined();
    // One item alone is no such list.
    expect(productInVersionList('- Voyager: v1.1\n')).toBeUndefined();
  });

  it('reads no impact off code pasted between single backticks', () => {
    const f = extractedFields(
      'com.acme.filemanager#index\n`else if (request.getMethod().equals("POST")) {\n  mode = "upload";\n  responseData = fm.add();\n}`\nThis allows an attacker to execute commands.',
      'Remote Code Execution in the admin file manager',
    );
    expect(f.impact ?? '').not.toContain('getMethod');
  });
});

describe('CVE request forms filed as issues', () => {
  const vuldb = [
    '# NAME OF AFFECTED PRODUCT(S)',
    '',
    'smart-admin',
    '',
    '## submitter',
    '',
    '- renyu',
    '',
    '## Vulnerable File',
    '',
    '- /smart-admin-api/druid/index.html',
    '',
    '## Impact',
    '',
    '- Attackers can gain unauthorized access to all SQL statements and sessions in the system.',
    '',
    '# Suggested repair',
    '',
    '1. Add authentication to the Druid page and set a strong password.',
  ].join('\n');

  it('reads the product, the submitter as credit, and the suggested repair as the mitigation, not as a step', () => {
    const f = extractedFields(vuldb, 'smart-admin Druid application Unauthorized access');
    expect(f.component).toBe('smart-admin');
    expect(f.credit).toEqual({ kind: 'handle', name: 'renyu' });
    expect(f.mitigation).toContain('Add authentication to the Druid page');
    expect(f.steps).toBeUndefined();
  });

  it("takes no path or bare version for the product of MITRE's form, and reads the product off its suggested description", () => {
    const f = extractedFields(
      '[Suggested description]\nTbed was discovered to contain a SQL injection vulnerability via the searchname parameter.\n\n[Affected Product Code Base]\nv20240111\n\n[Affected Component]\n\n/admin/selectPhoto\n',
      'SQL Injection Vulnerability',
    );
    expect(f.component).toBe('Tbed');
    expect(f.title).toBe('SQL Injection Vulnerability in Tbed');
    expect(f.locations).toContain('/admin/selectPhoto');
  });

  it('reads "Repair plan:" and "How to fix it" as the mitigation', () => {
    expect(extractedFields('An upload flaw.\n\nRepair plan:\nFilter the "content" parameter.', 'File upload').mitigation).toBe(
      'Filter the "content" parameter.',
    );
    expect(extractedFields('### How to fix it\nVery simple, just upgrade json-path to 2.8.0.', 'Vulnerable dependency').mitigation).toContain(
      'upgrade json-path',
    );
  });
});

describe('names in titles and prose that are no product', () => {
  it("stops a Subject's product at the verb of a title case Subject, and takes no source file for it", () => {
    const f = extractedFields('SECRET_KEY is set in the code.', 'Hardcoded JWT Secret Key in settings.py Leads to Authentication Bypass');
    expect(f.component).toBeUndefined();
    expect(f.vulnType).toBe('hardcoded credentials');
  });

  it('reads a key named by its use as a hard-coded credential', () => {
    expect(extractedFields('The key is `SECRET_12345`.', 'Hard-coded JWT Key Vulnerability').vulnType).toBe('hardcoded credentials');
    expect(extractedFields('# Vulnerability Type\n\nHardcoded Cryptographic Key\n', 'Secret in settings').vulnType).toBe('hardcoded credentials');
  });

  it("takes no product from a value's name in code marks, nor a method's scope for a label", () => {
    expect(extractedFields('Clicking on it shows a popup with the value of `alert`.', 'XSS vulnerability').component).toBeUndefined();
    expect(
      extractedFields('## Key Findings\n\n1. Orders::update — modify any order\n2. Products::update — modify any product\n', 'IDOR on update endpoints')
        .component,
    ).toBeUndefined();
  });
});

describe('a second scratch set of tracker issues (2026-12-07)', () => {
  it('takes the lower case product that opens a Subject before its "v" version', () => {
    expect(extractedFields('The id parameter is concatenated into SQL.', 'eyoucms v1.7.1 has SQL injection vulnerability').component).toBe('eyoucms');
    expect(extractedFields('The admin can run code.', 'mcms v5.2.8 backstage RCE').component).toBe('mcms');
    // (Not before a path: "Ubuntu 22.04 /tmp race in acme-backup" names a platform there; see dev-set-review-misfires.test.ts.)
  });

  it('takes no modal for part of the product\'s name ("Zipper might be vulnerable to Zip Slip")', () => {
    expect(extractedFields('Entries with ../ are written outside.', 'Zipper might be vulnerable to Zip Slip').component).toBe('Zipper');
  });

  it('titles by the Subject over a template\'s "nDPI Environment:" heading', () => {
    expect(
      extractedFields(
        'A stack-buffer-overflow occurs during fuzzing.\n\n## nDPI Environment:\n* OS name: Ubuntu\n',
        'Stack-buffer-overflow in ndpi_is_printable_string',
      ).title,
    ).toBe('Stack-buffer-overflow in ndpi_is_printable_string');
  });

  it('reads "lack authorization checks" as missing authorization', () => {
    expect(extractedFields('Any user can call them.', 'Admin endpoints lack authorization checks allowing permission escalation').vulnType).toBe(
      'missing authorization',
    );
  });
});

describe('an issue that says where the reporter found the flaw', () => {
  it('names the product of "I found this Open Redirect in ZurmoCRM."', () => {
    expect(
      extractedFields('Hi,\n\nI found this Open Redirect in ZurmoCRM.\n\n[*] Page affected\n\nindex.php', 'Open Redirect in RedirectUrl GET parameter')
        .component,
    ).toBe('ZurmoCRM');
  });

  it('names no product from a month, a page or a lower-case word after "found … in"', () => {
    expect(extractedFields('We found a stored XSS in March.', 'Stored XSS').component).toBeUndefined();
    expect(extractedFields('I found this bug in the login page.', 'Bug').component).toBeUndefined();
  });
});
