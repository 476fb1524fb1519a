// Misfires an independent review found in this session's rules (the second review of stop 35),
// each pinned as a triager would read the text. The first review's are in product.test.ts and
// template-phrasings.test.ts beside the rules they narrowed.
import { describe, expect, it } from 'vitest';
import { extractedFields as fields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { findCredit } from './credit.js';
import { findLocations } from './locations.js';
import { subjectVersions } from './version-ranges.js';

describe('the second review of stop 35', () => {
  it('keeps a Summary sentence as the title when the Subject only shares the class of flaw with it', () => {
    const text = '### Summary\nA stored XSS vulnerability exists in the comment form of Acme Portal before 3.2.1.\n\n### Details\nThe body is not escaped.';
    for (const subject of [
      'Stored XSS vulnerability found on your website',
      'Question about stored XSS vulnerability disclosure',
      'Fwd: [Acme #4521] stored XSS vulnerability',
    ])
      expect(fields(text, subject).title, subject).toBe('A stored XSS vulnerability exists in the comment form of Acme Portal before 3.2.1.');
  });

  it('reads no code execution from a service that runs untrusted code on purpose', () => {
    expect(fields("Acme's online judge is a service where untrusted code is executed in a sandbox; its regex hangs (ReDoS).").vulnType).toBe(
      'denial of service',
    );
  });

  it('takes no fixed version from a document part or a platform release the patch is included in', () => {
    expect(fields('The patch is included in Section 4.2 below.').fixedVersion).toBeUndefined();
    expect(fields('The fix is included in Debian 12.5 and Ubuntu 24.04.').fixedVersion).toBeUndefined();
  });

  it("takes no impact from what the reporter's own tools can do", () => {
    expect(fields('During recon, amass can be used to enumerate the subdomains of acme.com.').impact).toBeUndefined();
    expect(fields('Running the fuzzer for a day results in consuming all CPU of my laptop.').impact).toBeUndefined();
  });

  it('keeps a workaround that lets the reader skip a feature', () => {
    expect(fields('As a workaround, you can skip thumbnail generation for SVG uploads by setting thumbnails.svg=false.').mitigation).toBeDefined();
  });

  it("keeps a table's or a box's edge out of a credit, and a placeholder in brackets out too", () => {
    expect(findCredit('| Author: Jane Doe |')?.value).toMatchObject({ name: 'Jane Doe' });
    expect(findCredit('[ Author: Jane Doe ]')?.value).toMatchObject({ name: 'Jane Doe' });
    expect(findCredit('| Reported by     | Jane Doe        |')?.value).not.toMatchObject({ name: '| Jane Doe' });
    for (const line of ['Researcher: (your-name)', 'Credits: (pending)', 'Discovered by: (internal)'])
      expect(findCredit(line)?.value, line).not.toMatchObject({ kind: 'handle' });
  });

  it("keeps a code playground's own pages as places, and drops a user's scratch page on it", () => {
    expect(findLocations('The CSRF is in https://codesandbox.io/api/v1/sandboxes/define').map((l) => l.value)).toEqual([
      'https://codesandbox.io/api/v1/sandboxes/define',
    ]);
    expect(findLocations('See my debugger session https://regex101.com/r/XvYgkN/1/debugger').map((l) => l.value)).toEqual([]);
  });

  it('still asks for the type and the impact when sensitive values are only redacted before something is printed', () => {
    const missing = missingFields(undefined, ['component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'Sensitive tokens have been redacted from the log output printed below.').map((m) => m.entry)).toEqual(['vulnType', 'impact']);
  });

  it('cuts a long Subject at a blank, not inside a version, and finds a branch past a word that is none', () => {
    const subject = `${'Stored XSS in the comment form of Acme Portal and more words '.repeat(4)}, in version 12.4.10 and below`;
    expect(subjectVersions(subject.slice(0, 290) + ' 12.4.10 and below')).not.toContain('12.4.1');
    expect(fields('The workflow checks out a branch from the fork. Tested on branch: develop').branch).toBe('develop');
  });
});
