// Misreads of tracker issues read off the tune part (batches 71-72): a finding's bold "**CVSS:** 8.1" (a score
// without a vector) and the same score in the Subject's "Security Finding (8.1)", taken for a version; a URL set in
// bold that kept the stars; "to be properly exploited against a victim", a condition, read as exploited in the wild.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';

describe("a finding's score", () => {
  it('reads "**CVSS:** 8.1" as a score given without a vector, and not the Subject\'s "(8.1)" as a version', () => {
    const f = extractedFields(
      '**Finding ID:** SEC-004\n**Location:** lib/Media/Storage.php\n**CVSS:** 8.1\n\n`getUploadDir()` does not filter `..`.',
      'Security Finding (8.1) SEC-004: Path Traversal in Media Upload Storage',
    );
    expect(f.cvss).toMatchObject({ vector: '', valid: false, score: 8.1, scoreOnly: true });
    expect(f.affectedVersions).toBeUndefined();
    expect(extractedFields('The folder is not filtered.\n**CVSS**: 7.5', 'Path traversal').cvss).toMatchObject({ score: 7.5, scoreOnly: true });
  });

  it('keeps a Subject version that is not the score, or that is the score but not set in brackets', () => {
    expect(extractedFields('**CVSS:** 8.1\n\nThe folder is not filtered.', 'Path traversal in Acme 2.4').affectedVersions).toBe('2.4');
    // Reviewed 2026-12-07: 5.4 and 6.1 are the usual scores of a stored and a reflected XSS.
    expect(extractedFields('**CVSS:** 6.1\n\nThe q parameter is echoed.', 'Reflected XSS in Acme CMS 6.1').affectedVersions).toBe('6.1');
  });
});

describe('a URL set in bold', () => {
  it("keeps a wildcard's one star", () => {
    expect(findLocations('Affected: https://api.acme.com/v2/* (all routes)').map((l) => l.value)).toEqual(['https://api.acme.com/v2/*']);
  });

  it('ends before the stars', () => {
    expect(findLocations('**visit the evil file via http://10.211.55.8/Chevereto/page/url-key**').map((l) => l.value)).toEqual([
      'http://10.211.55.8/Chevereto/page/url-key',
    ]);
  });
});

describe('exploited in the wild', () => {
  it('is not a condition of the attack ("needs to … to be properly exploited against a victim")', () => {
    const text = 'An attacker needs to coerce a user into visiting a link with the XSS payload to be properly exploited against a victim.';
    expect(extractedFields(text, 'Reflected XSS').exploited).toBeUndefined();
  });

  it('is still a report that it was exploited against customers, or is known to be', () => {
    expect(extractedFields('The flaw was exploited against several customers last week.', 'Auth bypass').exploited).toBe(true);
    expect(extractedFields('The flaw is known to be exploited against government networks.', 'Auth bypass').exploited).toBe(true);
  });
});
