// Headings of tracker issues that name a section in words of their own, read off the tune part: "### Vulnerability
// recurrence" (gh-jeesns-17; 复现, "reproduce", as some translate it) heads the steps, and is no title.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsForHeading } from './labels.js';

describe('a steps heading in translated words', () => {
  it('reads "Vulnerability recurrence" and its kin as the steps', () => {
    for (const h of ['### Vulnerability recurrence', 'Recurrence steps:', 'Bug reproduction process', '**Vulnerability replication**'])
      expect(fieldsForHeading(h), h).toEqual(['steps']);
    expect(fieldsForHeading('Recurrence of the outage')).toEqual([]);
    // Reviewed 2026-12-07: how often, and a database's replication, are no steps.
    for (const h of ['## Replication', '**Issue recurrence:**', 'Bug recurrence:', 'Recurrence']) expect(fieldsForHeading(h), h).toEqual([]);
  });

  it('does not take it for the title over a good Subject', () => {
    const f = extractedFields(
      '### Vulnerability recurrence\n\n1. Register a user\n\n2. Send the admin a message with `<script>alert(1)</script>`\n',
      'Jeesns Message Store XSS',
    );
    expect(f.title).toBe('Jeesns Message Store XSS');
  });
});
