// The EU CRA clocks (Article 14) under a policy with cra: true: a case flagged exploited
// owes an early warning 24 h and a notification 72 h after the flag, and a final report
// 14 days after the fix; each is met by the team recording it made. Without the option,
// or without the flag, a case owes none of them.
import { describe, expect, it } from 'vitest';
import { policySchema } from '../policy/schema.js';
import { renderDeadlineMail } from '../outbox/templates-deadlines.js';
import { buildDigest } from './digest.js';
import { computeDeadlines, type Deadline, type EngineEvent } from './engine.js';

const ev = (at: string, type: string, data: Record<string, unknown> = {}): EngineEvent => ({ at, type, data }) as EngineEvent;
const policy = (cra: unknown) =>
  policySchema.parse({
    name: 'p',
    title: 'p',
    milestones: { acknowledge: { within: '48h', satisfiedBy: 'auto-acknowledgement', reminderLead: '12h', escalateTo: ['team'] } },
    cra,
  });
const received = ev('2026-11-20T17:30:00Z', 'report_received', { trackingId: 'SEC-1' });
const flagged = ev('2026-11-20T18:00:00Z', 'flag_set', { flag: 'exploited', value: true }); // a Friday evening
const get = (ds: Deadline[], m: string) => ds.find((d) => d.milestone === m) as Deadline;
const iso = (d: Date | null) => d?.toISOString() ?? null;

describe('CRA milestones', () => {
  it('are due 24 h and 72 h after the exploited flag (weekend or not), with reminders 6 h and 24 h before, listed first', () => {
    const ds = computeDeadlines([received, flagged], policy(true), new Date('2026-11-20T19:00:00Z'));
    expect(ds.slice(0, 3).map((d) => d.milestone)).toEqual(['cra_early_warning', 'cra_notification', 'cra_final_report']);
    expect([iso(get(ds, 'cra_early_warning').due), iso(get(ds, 'cra_early_warning').remindAt)]).toEqual([
      '2026-11-21T18:00:00.000Z',
      '2026-11-21T12:00:00.000Z',
    ]);
    expect([iso(get(ds, 'cra_notification').due), iso(get(ds, 'cra_notification').remindAt)]).toEqual(['2026-11-23T18:00:00.000Z', '2026-11-22T18:00:00.000Z']);
    expect(get(ds, 'cra_early_warning').escalateTo).toEqual(['team']);
    expect(get(ds, 'cra_early_warning').steps[0]).toBe('flagged exploited 2026-11-20T18:00:00Z + 24h (EU CRA Art. 14) → 2026-11-21T18:00:00Z');
  });

  it('start the final report only when a fix is released: 14 days after it', () => {
    const before = get(computeDeadlines([received, flagged], policy(true), new Date('2026-11-22T00:00:00Z')), 'cra_final_report');
    expect([before.state, before.due]).toEqual(['not_applicable', null]);
    expect(before.steps[0]).toMatch(/no fix released yet/);
    const events = [received, flagged, ev('2026-11-25T10:00:00Z', 'state_changed', { from: 'fixing', to: 'fix_released' })];
    expect(iso(get(computeDeadlines(events, policy(true), new Date('2026-11-26T00:00:00Z')), 'cra_final_report').due)).toBe('2026-12-09T10:00:00.000Z');
  });

  it('are met by the notification recorded, late when recorded after the due time, and overdue until then', () => {
    const late = ev('2026-11-21T19:00:00Z', 'cra_notified', { notification: 'early_warning' });
    expect(get(computeDeadlines([received, flagged], policy(true), new Date('2026-11-21T18:30:00Z')), 'cra_early_warning').state).toBe('overdue');
    const ew = get(computeDeadlines([received, flagged, late], policy(true), new Date('2026-11-21T20:00:00Z')), 'cra_early_warning');
    expect([ew.state, ew.late, iso(ew.metAt)]).toEqual(['met', true, '2026-11-21T19:00:00.000Z']);
  });

  it('are owed by no case without cra: true, and by no case not flagged exploited (or no longer)', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    expect(computeDeadlines([received, flagged], policy(false), now).some((d) => d.milestone.startsWith('cra_'))).toBe(false);
    expect(computeDeadlines([received], policy(true), now).some((d) => d.milestone.startsWith('cra_'))).toBe(false);
    const cleared = ev('2026-11-20T20:00:00Z', 'flag_set', { flag: 'exploited', value: false });
    expect(computeDeadlines([received, flagged, cleared], policy(true), now).some((d) => d.milestone.startsWith('cra_'))).toBe(false);
  });

  it('escalate to whom the policy names', () => {
    const ds = computeDeadlines([received, flagged], policy({ escalateTo: ['alice', 'backup'] }), new Date('2026-11-21T00:00:00Z'));
    expect(get(ds, 'cra_notification').escalateTo).toEqual(['alice', 'backup']);
  });
});

describe('the digest', () => {
  it('lists the CRA notifications owed first, before the overdue list', () => {
    const now = new Date('2026-11-21T19:00:00Z');
    const deadlines = computeDeadlines([received, flagged], policy(true), now);
    const d = buildDigest([{ trackingId: 'SEC-2026-AAAAA', subject: 'RCE', state: 'triaged', receivedAt: new Date(received.at), deadlines }], now, null);
    expect(d.cra?.map((i) => [i.milestone, i.state])).toEqual([
      ['cra_early_warning', 'overdue'],
      ['cra_notification', 'due'],
    ]);
    const text = renderDeadlineMail({ kind: 'digest', digest: d, to: 'alice@example.com', timezone: 'UTC' }, false).text;
    expect(text.indexOf('EU CRA notifications owed (2)')).toBeGreaterThan(-1);
    expect(text.indexOf('EU CRA notifications owed')).toBeLessThan(text.indexOf('Overdue ('));
  });
});
