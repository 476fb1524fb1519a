// The fixed release as a timeline dates it, read off the tune part (edb-39319, ghsl-2020-160): "2016-01-25 released
// appointment-booking-calendar 1.1.24", "- 01/13/2021: version 3.03 released to npm"; and a fix announced ahead ("The
// fix will be included in OpManager version 11.5"). Not the releases of a timeline that says the issue stayed unfixed
// (ghsl-2021-051: "Emby 4.6.0.50 is released" … "Verified that the issue is not fixed").
import { describe, expect, it } from 'vitest';
import { fixedVersion } from './fixed-version.js';

const fixed = (text: string): string | undefined => fixedVersion(text)?.value;

describe("a timeline's release", () => {
  it('is the fixed version', () => {
    expect(fixed('2016-01-08 vulnerability discovered\n2016-01-24 reported to vendor\n2016-01-25 released appointment-booking-calendar 1.1.24\n')).toBe(
      '1.1.24',
    );
    expect(fixed('- 01/05/2021: maintainer is working on a patch\n- 01/13/2021: version 3.03 released to npm\n')).toBe('3.03');
    expect(fixed('2018.03.01 - UTM 9.508 released by Sophos.\n')).toBe('9.508');
  });

  it('is not when the timeline says the issue stayed unfixed', () => {
    const text = '- 2021-05-19: Emby 4.6.0.50 is released.\n- 2021-07-28: Verified that the issue is not fixed.\n- 2021-08-12: Published.\n';
    expect(fixed(text)).toBeUndefined();
  });

  it('is no release named outside a dated line', () => {
    expect(fixed('We tested it after Acme 2.3 was released last year.')).toBeUndefined();
  });
});

describe('a fix announced ahead', () => {
  it('is the fixed version', () => {
    expect(fixed('The fix will be included in OpManager version 11.5 which should be released in December.')).toBe('11.5');
  });
});
