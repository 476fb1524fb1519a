// Phrasings of a research lab's advisories (the twelfth corpus batch, GitHub Security Lab):
// a branch given as the tested version, build and run commands beside the code, a timeline's
// "Public Advisory" line, a "Supporting Resources" list, a read past a buffer's end. Each value
// is pinned as a triager would write it.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

const fields = extractedFields;

describe("a lab's advisory", () => {
  it('reads a tested "version" that is a branch as the branch, and no affected version', () => {
    const f = fields('## Product\n\nAcmeFTPd\n\n## Tested Version\n\nDevelopment version - master branch (Feb 7, 2020)\n\n## Details\n\nA read past the list.');
    expect([f.branch, f.affectedVersions]).toEqual(['master', undefined]);
    expect(fields('## Tested Version\n\n2.4.1 (master branch)\n').affectedVersions).toBe('2.4.1');
  });

  it('takes no build or run command for a place: "./configure" after compiler settings, "./server -n" with its options', () => {
    const text =
      'The bug is in diraliases.c.\n\nCC="clang" CFLAGS="-fsanitize=address -g" ./configure --with-diraliases\n\n- Run it as root: # ./acmeftpd -n -c basic.conf\n';
    expect(fields(text).locations).toEqual(['diraliases.c']);
    expect(fields('See ./docs/setup.md and tools/run.sh for details.').locations).toEqual(['./docs/setup.md', 'tools/run.sh']);
  });

  it('reads a timeline\'s "Public Advisory" line as public, but not a build that is "publicly available"', () => {
    const f = fields('## Coordinated Disclosure Timeline\n\n- 02/05/2020: Report sent to Vendor\n- 05/11/2020: Public Advisory\n');
    expect([f.public, f.disclosureDate]).toEqual([true, '2020-05-11']);
    expect(fields('Tested on build QQ1A.191205.011 (latest publicly available build as of the time of writing).').public).toBeUndefined();
    expect(fields('A public exploit is publicly available on GitHub.').public).toBe(true);
  });

  it('takes no link under "Supporting Resources" for a place', () => {
    const text = 'The check is in ValidatorImpl.java.\n\n## Supporting Resources\n\n- https://access.example.com/security/cve/CVE-2020-10693\n';
    expect(fields(text).locations).toEqual(['ValidatorImpl.java']);
  });

  it('types a read past the end as an out-of-bounds read (CWE-125), and a write as an overflow', () => {
    expect(fields('Details below.', 'GHSL-2020-002: out-of-bounds (OOB) read in AcmeFTPd').vulnType).toBe('out-of-bounds read');
    expect(fields('Details below.', 'OOB read and DoS in AcmeFTPd').vulnType).toBe('out-of-bounds read');
    expect(fields('Details below.', 'Out-Of-Bounds write in the NFC stack').vulnType).toBe('buffer overflow');
    expect(fields('The weakness is CWE-125.').vulnType).toBe('out-of-bounds read');
  });
});
