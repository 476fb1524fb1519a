import { describe, expect, it } from 'vitest';
import { withoutQuotedReply } from './record-fields.js';

describe('follow-up text for field extraction', () => {
  it('drops quoted lines and everything from the "On ... wrote:" line on', () => {
    const reply = 'Version: 2.4.1\n> the type of vulnerability (e.g. SQL injection)\nThanks\nOn Mon, 23 Nov 2026, Security wrote:\nImpact: our own text\n';
    expect(withoutQuotedReply(reply)).toBe('Version: 2.4.1\nThanks');
  });
  it('keeps a reply that quotes nothing as it is', () => {
    expect(withoutQuotedReply('Impact: full takeover\n')).toBe('Impact: full takeover\n');
  });
});
