// The fixed version a report gives by the affected range alone: "before 1.14.3" and "< 4.10.0" say the first release
// without the flaw, as CVE descriptions write it; "<= 6.0" and "6.0 and earlier" do not.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fixFromUpperBound } from './fixed-version.js';

describe('a fix read off the affected range', () => {
  it('takes the strict upper bound of the first range', () => {
    expect(fixFromUpperBound('< 1.14.3', '')).toBe('1.14.3');
    expect(fixFromUpperBound('>= 4.0.0, < 6.0.0', '')).toBe('6.0.0');
    expect(fixFromUpperBound('< 1.10.7, 1.12.x, < 1.12.1', '')).toBe('1.10.7');
  });

  it('takes no inclusive bound, lower bound or plain version', () => {
    expect(fixFromUpperBound('<= 6.0', '')).toBeUndefined();
    expect(fixFromUpperBound('>= 2.0', '')).toBeUndefined();
    expect(fixFromUpperBound('2.3.1, 2.x', '')).toBeUndefined();
  });

  it('gives "osTicket before 1.14.3 suffers from SSRF" the fix 1.14.3, and a sentence that names the fix wins', () => {
    expect(extractedFields('osTicket before 1.14.3 suffers from Server Side Request Forgery.', 'osTicket SSRF').fixedVersion).toBe('1.14.3');
    expect(extractedFields('Acme before 2.0.0 is affected.\n\nThe issue is fixed in 2.0.1.', 'Acme XSS').fixedVersion).toBe('2.0.1');
    expect(extractedFields('Acme 2.0.0 and earlier are affected.', 'Acme XSS').fixedVersion).toBeUndefined();
  });
});
