import { describe, expect, it } from 'vitest';
import { replyCap, reportFingerprint } from './reply-cap.js';

const cap = { limit: 5, hardLimit: 20 };

describe('the per-sender reply cap on acknowledgements', () => {
  it('acknowledges a researcher sixth distinct report of the day, past the cap', () => {
    expect(replyCap({ ...cap, recentReplies: 5, distinct: true })).toEqual({ reply: true, overCap: true });
  });

  it('does not acknowledge the same report sent again past the cap', () => {
    expect(replyCap({ ...cap, recentReplies: 5, distinct: false })).toEqual({ reply: false, why: 'repeated_report' });
  });

  it('still stops a loop of ever-different mail at the hard ceiling', () => {
    expect(replyCap({ ...cap, recentReplies: 20, distinct: true })).toEqual({ reply: false, why: 'hard_limit' });
  });

  it('replies under the cap whatever the text', () => {
    expect(replyCap({ ...cap, recentReplies: 4, distinct: false })).toEqual({ reply: true, overCap: false });
  });

  it('reads a report with other spacing, case or quoted lines as the same report', () => {
    expect(reportFingerprint('XSS in search', 'Hello\n\n  the  q parameter\n> quoted')).toBe(reportFingerprint('xss in SEARCH', 'hello the q parameter'));
    expect(reportFingerprint('XSS in search', 'the q parameter')).not.toBe(reportFingerprint('XSS in search', 'the page parameter'));
  });
});
