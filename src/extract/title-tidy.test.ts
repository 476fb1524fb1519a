// A title as a triager writes it: not a form's question or a heading that names a part of the
// report, and without the marks, labels and brackets around it.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { tidyTitle } from './title.js';

const titleOf = (text: string, subject: string | null): unknown => extractReport({ text, subject }).fields.title?.value;

describe('a heading that is no title', () => {
  it('does not take an issue form\'s question for the title ("### Is there an existing issue for this?")', () => {
    const text = [
      '### Is there an existing issue for this?',
      '',
      '- [X] I have searched the existing issues',
      '',
      '### Current Behavior',
      '',
      'The target name runs script.',
    ].join('\n');
    expect(titleOf(text, 'XSS Stored')).not.toBe('Is there an existing issue for this?');
  });

  it('does not take "Long summary", "Suggested description of the vulnerability" or "Document Title:" for the title', () => {
    expect(titleOf('# Long summary\n\nIn order to sign a block, the data is hashed first.', 'CVE-2023-46132')).toBe('CVE-2023-46132');
    expect(
      titleOf('### Suggested description of the vulnerability\n: A path traversal in piSignage 2.6 allows file download.', 'Path Traversal vulnerability'),
    ).not.toBe('Suggested description of the vulnerability');
    const lab = ['Document Title:', '============', 'Beehive Forum v1.4.4 Stored XSS Vulnerability', '', 'Author:', '==============', 'Halil Dalabasmaz'].join(
      '\n',
    );
    expect(titleOf(lab, 'Beehive Forum v1.4.4 Stored XSS Vulnerability')).toBe('Beehive Forum v1.4.4 Stored XSS Vulnerability');
  });
});

describe('a title tidied', () => {
  it('drops a mark before it, a label that only says it is the name and brackets around the whole', () => {
    expect(tidyTitle('*Authentication Bypass Vulnerability in PHP Online Jobs')).toBe('Authentication Bypass Vulnerability in PHP Online Jobs');
    expect(tidyTitle('Name: Symantec pcAnywhere insecure file permissions')).toBe('Symantec pcAnywhere insecure file permissions');
    expect(tidyTitle('Weakness: Improper Input Validation — HTTP Response Parser')).toBe('Improper Input Validation — HTTP Response Parser');
    expect(tidyTitle('[Netgear Voice Gateway Multiple Vulnerabilities]')).toBe('Netgear Voice Gateway Multiple Vulnerabilities');
  });

  it('keeps brackets and marks that are part of the title', () => {
    expect(tidyTitle('[vertical privilege escalation] user can edit roles')).toBe('[vertical privilege escalation] user can edit roles');
    expect(tidyTitle('DOS via cache poisoning on [developer.mozilla.org]')).toBe('DOS via cache poisoning on [developer.mozilla.org]');
    expect(tidyTitle('*')).toBe('*');
  });
});
