import { describe, expect, it } from 'vitest';
import { digestPage } from './digest.js';

describe('digest page', () => {
  it('draws met and missed per milestone as inline SVG, loads nothing remote, escapes subjects', () => {
    const item = {
      trackingId: 'SEC-2026-AAAAA',
      subject: '<img src=//evil>',
      milestone: 'acknowledge',
      label: 'Acknowledge',
      due: '2026-12-01T00:00:00Z',
      state: 'overdue',
    };
    const html = digestPage(
      { name: 'alice', csrf: 'x' },
      {
        at: '2026-12-02T00:00:00Z',
        since: null,
        newCases: [],
        overdue: [item],
        waiting: [],
        statusUpdatesDue: [],
        disclosures: [],
        sla: [
          {
            days: 30,
            cases: 4,
            medianAckMs: 3_600_000,
            medianFirstResponseMs: null,
            perMilestone: [{ milestone: 'acknowledge', label: 'Acknowledge', met: 3, missed: 1 }],
          },
        ],
      },
      [],
    );
    expect(html).toContain('<svg');
    expect(html).toMatch(/<rect [^>]*class="met"/);
    expect(html).toContain('3 met, 1 missed');
    expect(html).toContain('&lt;img src=//evil&gt;');
    expect(html).not.toMatch(/<img|<script|href="http|src="http/);
  });

  it('a cut list says how many it left out and links to the case list that has them', () => {
    const item = { trackingId: 'SEC-2026-AAAAA', subject: 'x', milestone: 'acknowledge', label: 'Acknowledge', due: '2026-12-01T00:00:00Z', state: 'overdue' };
    const base = { at: '2026-12-02T00:00:00Z', since: null, newCases: [], overdue: [item], waiting: [], statusUpdatesDue: [], disclosures: [], sla: [] };
    const cut = digestPage({ name: 'alice', csrf: 'x' }, { ...base, totals: { overdue: 3 } }, []);
    expect(cut).toContain('Overdue (3)');
    expect(cut).toContain('<a href="/cases?overdue=1">2 more in the case list</a>');
    const whole = digestPage({ name: 'alice', csrf: 'x' }, base, []);
    expect(whole).toContain('Overdue (1)');
    expect(whole).not.toContain('more in the case list');
  });
});
