import { describe, expect, it } from 'vitest';
import { renderDeadlineMail } from '../outbox/templates-deadlines.js';
import { buildDigest, type CaseDeadlines } from './digest.js';

const now = new Date('2026-11-24T08:00:00Z');
const c = (id: string, receivedAt: string, possibleDuplicates?: string[]): CaseDeadlines => ({
  trackingId: id,
  subject: 'XSS in the profile page',
  state: 'received',
  receivedAt: new Date(receivedAt),
  deadlines: [],
  ...(possibleDuplicates ? { possibleDuplicates } : {}),
});

describe('digest: new cases', () => {
  it('names the open cases a new case may duplicate, and only for new cases', () => {
    const d = buildDigest(
      [c('SEC-2026-OLD01', '2026-11-10T10:00:00Z', ['SEC-2026-NEW01']), c('SEC-2026-NEW01', '2026-11-23T10:00:00Z', ['SEC-2026-OLD01'])],
      now,
      new Date('2026-11-23T08:00:00Z'),
    );
    expect(d.newCases).toEqual([expect.objectContaining({ trackingId: 'SEC-2026-NEW01', possibleDuplicates: ['SEC-2026-OLD01'] })]);
    const mail = renderDeadlineMail({ kind: 'digest', digest: d, to: 'alice@example.com', timezone: 'UTC' }, false);
    expect(mail.text).toMatch(/SEC-2026-NEW01: received .*; possible duplicate of SEC-2026-OLD01/);
  });
});
