// How disclosed HackerOne reports and oss-security posts read, found on a second scratch set of 40 of them never
// labelled nor added to the corpus (2026-12-07): advice under a remediation's sub-heading, a configuration that is the
// impact again, a Subject's "[product]" tag, a plugin named after its kind, an asset label's extra words, IP ranges,
// a class for a product, redaction marks for a PoC or a place.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe('advice and conditions', () => {
  it('reads no steps from advice under a sub-heading of "Suggested Remediation"', () => {
    const text = [
      '## Summary',
      'Keys are not validated.',
      '',
      '## Suggested Remediation',
      '',
      '### Option A: Validate Key Format on the Blob Model',
      '',
      'Add a validation that rejects keys containing path traversal characters:',
    ].join('\n');
    expect(extractedFields(text, 'ActiveStorage path traversal').steps).toBeUndefined();
  });

  it('reads no configuration from the sentence read as the impact', () => {
    const text = 'The flaw is in _XkbSetCompatMap.\n\nThis may lead to local privilege escalation if the server is run as root.';
    const f = extractedFields(text, 'X.Org X server heap overflow');
    expect(f.impact).toMatch(/^This may lead to local privilege escalation/);
    expect(f.configuration).toBeUndefined();
  });
});
