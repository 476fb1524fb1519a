// The CRA notification drafts: built from what the team recorded, with the gaps marked for
// the team to fill in, and carried by CRA reminders only when the mail is encrypted.
import { describe, expect, it } from 'vitest';
import { fullInput } from '../../test/helpers/advisory-input.js';
import { renderDeadlineMail } from '../outbox/templates-deadlines.js';
import { craDraft } from './cra-draft.js';

const AWARE = { awareAt: '2026-11-20T18:00:00.000Z' };

describe('CRA notification drafts', () => {
  it('draft each notification from the case: product, versions, severity, the fix, and when the team became aware', () => {
    const a = fullInput();
    const ew = craDraft('early_warning', a, AWARE).join('\n');
    expect(ew).toContain('EARLY WARNING of an actively exploited vulnerability (CRA Art. 14(2)(a))');
    expect(ew).toContain('Product: Example Corp Example Server, versions >=1.0.0 <1.2.3; 0.9.9');
    expect(ew).toContain('the manufacturer became aware on 2026-11-20T18:00:00.000Z');
    const n = craDraft('notification', a, AWARE).join('\n');
    expect(n).toContain('Severity: Medium (CVSS 3.1 5.4: CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N)');
    expect(n).toContain('Measures users can take: update to 1.2.3 or later');
    expect(craDraft('final_report', a, AWARE).join('\n')).toContain('Security update or other corrective measures made available: version 1.2.3');
  });

  it('mark what the case lacks, with the command that records it', () => {
    const n = craDraft('notification', fullInput({ product: null, cvss: null, fixed: null }), AWARE).join('\n');
    expect(n).toContain('[to fill in: the product (cases set --product)]');
    expect(n).toContain('Severity: [to fill in: severity (cases set --cvss)]');
    expect(n).toContain('Corrective or mitigating measures taken: [to fill in: measures taken so far]');
  });

  it('are in a reminder only when it is encrypted; plain mail says where to get it', () => {
    const draft = craDraft('early_warning', fullInput(), AWARE);
    const params = {
      kind: 'deadline_reminder' as const,
      to: 'alice@example.com',
      timezone: 'UTC',
      trackingId: 'SEC-2026-7K3QD',
      item: {
        trackingId: 'SEC-2026-7K3QD',
        subject: null,
        milestone: 'cra_early_warning',
        label: 'CRA early warning (24 h)',
        due: '2026-11-21T18:00:00.000Z',
        state: 'due',
      },
      steps: [],
      draft,
    };
    const enc = renderDeadlineMail(params, true).text;
    expect(enc).toContain('sectriage cases set SEC-2026-7K3QD --cra-notified early_warning');
    expect(enc).toContain('Example Corp Example Server');
    const plain = renderDeadlineMail(params, false).text;
    expect(plain).toContain('A draft of this notification is sent only encrypted');
    expect(plain).not.toContain('Example Server');
  });
});
