import { describe, expect, it } from 'vitest';
import { renderDeadlineMail } from '../outbox/templates-deadlines.js';
import { addTallies, buildDigest, SLA_WINDOWS_DAYS, slaFromTally, slaTally, type CaseDeadlines } from './digest.js';

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

describe('digest: SLA figures from counts added up elsewhere', () => {
  const d = (milestone: string, state: string, metAt: string | null, late = false) =>
    ({ milestone, state, due: new Date('2026-11-20T00:00:00Z'), metAt: metAt ? new Date(metAt) : null, late }) as CaseDeadlines['deadlines'][number];
  const cases: CaseDeadlines[] = [
    { ...c('SEC-2026-AAAA1', '2026-11-20T10:00:00Z'), deadlines: [d('acknowledge', 'met', '2026-11-20T10:01:00Z'), d('firstResponse', 'overdue', null)] },
    {
      ...c('SEC-2026-AAAA2', '2026-11-01T10:00:00Z'),
      deadlines: [d('acknowledge', 'met', '2026-11-03T10:00:00Z', true), d('firstResponse', 'met', '2026-11-02T10:00:00Z')],
    },
    {
      ...c('SEC-2026-AAAA3', '2026-09-01T10:00:00Z'),
      state: 'closed',
      deadlines: [d('acknowledge', 'met', '2026-09-01T10:05:00Z'), d('resolution', 'not_applicable', null)],
    },
    { ...c('SEC-2026-AAAA4', '2026-06-01T10:00:00Z'), state: 'closed', deadlines: [d('acknowledge', 'met', '2026-06-01T10:05:00Z')] },
  ];

  it('are those of all the cases when part of them come as tallies (and their open ones as listed)', () => {
    const whole = buildDigest(cases, now, null);
    for (let k = 0; k <= cases.length; k++) {
      const [mine, theirs] = [cases.slice(0, k), cases.slice(k)];
      const sla = SLA_WINDOWS_DAYS.map((days) => slaTally(theirs, now, days));
      const listed = theirs.filter((x) => x.state !== 'closed');
      expect(buildDigest({ cases: mine, listed, considered: cases, sla }, now, null)).toEqual(whole);
    }
    expect(whole.sla.map((s) => s.cases)).toEqual([2, 3]);
    expect(slaFromTally(addTallies(slaTally(cases.slice(0, 1), now, 90), slaTally(cases.slice(1), now, 90)))).toEqual(whole.sla[1]);
  });
});

describe('digest: long lists are cut to the most urgent', () => {
  // Cases whose subject counts the times it is read: each read opens a sealed value in the store (deadlines/current.ts).
  const opened: string[] = [];
  const overdue = (id: string, due: string): CaseDeadlines => {
    const x = { ...c(id, '2026-10-01T10:00:00Z'), deadlines: [{ milestone: 'acknowledge', state: 'overdue', due: new Date(due), metAt: null, late: false }] };
    return Object.defineProperty(x, 'subject', { get: () => (opened.push(id), `subject of ${id}`), enumerable: true }) as CaseDeadlines;
  };
  const cases = [
    overdue('SEC-2026-CCCC3', '2026-11-03T00:00:00Z'),
    overdue('SEC-2026-CCCC1', '2026-11-01T00:00:00Z'),
    overdue('SEC-2026-CCCC5', '2026-11-05T00:00:00Z'),
    overdue('SEC-2026-CCCC2', '2026-11-01T00:00:00Z'),
    overdue('SEC-2026-CCCC4', '2026-11-04T00:00:00Z'),
  ];

  it('keeps the longest overdue first, counts the rest, and opens only the subjects it lists', () => {
    opened.length = 0;
    const d = buildDigest({ cases: [], listed: cases, considered: [] }, now, null, 2);
    expect(d.overdue.map((i) => i.trackingId)).toEqual(['SEC-2026-CCCC1', 'SEC-2026-CCCC2']);
    expect(d.totals).toEqual({ overdue: 5 });
    expect(opened.sort()).toEqual(['SEC-2026-CCCC1', 'SEC-2026-CCCC2']);
    const mail = renderDeadlineMail({ kind: 'digest', digest: d, to: 'alice@example.com', timezone: 'UTC' }, false);
    expect(mail.subject).toMatch(/^Security digest: 5 overdue,/);
    expect(mail.text).toContain('Overdue (5)');
    expect(mail.text).toContain('  ... and 3 more: sectriage cases list --overdue');
  });

  it('leaves a list that fits whole, with no totals and no "more" line', () => {
    const d = buildDigest({ cases: [], listed: cases, considered: [] }, now, null, 5);
    expect(d.overdue).toHaveLength(5);
    expect(d.totals).toBeUndefined();
    const mail = renderDeadlineMail({ kind: 'digest', digest: d, to: 'alice@example.com', timezone: 'UTC' }, false);
    expect(mail.text).toContain('Overdue (5)');
    expect(mail.text).not.toContain('more:');
  });

  it('counts held messages beyond those it lists, and a digest queued before totals existed still renders its lists whole', () => {
    const held = [{ id: 7, receivedAt: '2026-11-20T00:00:00Z', size: 10, reason: 'UNREADABLE: x' }];
    const d = { ...buildDigest([], now, null), held, totals: { held: 40 } };
    const mail = renderDeadlineMail({ kind: 'digest', digest: d, to: 'alice@example.com', timezone: 'UTC' }, false);
    expect(mail.text).toContain('Held without a case (40)');
    expect(mail.text).toContain('  ... and 39 more: sectriage spool list --state held');
    const old = { ...buildDigest({ cases: [], listed: cases, considered: [] }, now, null, 5), held };
    expect(renderDeadlineMail({ kind: 'digest', digest: old, to: 'alice@example.com', timezone: 'UTC' }, false).text).toContain('Held without a case (1)');
  });
});
