import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isNonWorkingDay } from '../policy/duration.js';
import { loadPolicy } from '../policy/load.js';
import { policySchema, type Policy } from '../policy/schema.js';
import { computeDeadlines, type EngineEvent, type Deadline } from './engine.js';

const H = 3_600_000;
const D = 24 * H;

// Bodies trimmed to what the engine reads; the log's own shape checks are tested in cases/store/event-log.test.ts.
const ev = (at: string, type: string, data: Record<string, unknown> = {}): EngineEvent => ({ at, type, data }) as EngineEvent;
const received = (at: string) => ev(at, 'report_received', { trackingId: 'SEC-1' });
const sent = (at: string, kind: string) => ev(at, 'mail_sent', { kind });
const state = (at: string, from: string, to: string) => ev(at, 'state_changed', { from, to });
const get = (ds: Deadline[], m: string) => ds.find((d) => d.milestone === m) as Deadline;
const isoOf = (d: Date | null) => d?.toISOString();

describe('one-shot milestones', () => {
  const cgx = loadPolicy('cgx');

  it('cgx: acknowledgement due 48 h after the report, met by the ack being sent', () => {
    const ds = computeDeadlines([received('2026-11-20T22:00:00Z'), sent('2026-11-20T22:01:00Z', 'ack')], cgx, new Date('2026-11-21T00:00:00Z'));
    const ack = get(ds, 'acknowledge');
    expect(isoOf(ack.due)).toBe('2026-11-22T22:00:00.000Z');
    expect(ack.state).toBe('met');
    expect(ack.late).toBe(false);
    expect(isoOf(ack.remindAt)).toBe('2026-11-22T10:00:00.000Z');
    expect(ack.steps[0]).toBe('report received 2026-11-20T22:00:00Z + 48h → 2026-11-22T22:00:00Z');
  });

  it('cgx: a Friday-evening report owes its first response on Wednesday (3 working days)', () => {
    const ds = computeDeadlines([received('2026-11-20T18:00:00Z')], cgx, new Date('2026-11-21T00:00:00Z'));
    expect(isoOf(get(ds, 'firstResponse').due)).toBe('2026-11-25T18:00:00.000Z');
    expect(get(ds, 'firstResponse').state).toBe('due');
    // reminder one working day before: Tuesday
    expect(isoOf(get(ds, 'firstResponse').remindAt)).toBe('2026-11-24T18:00:00.000Z');
  });

  it('an acknowledgement is not satisfied by a status update or a reencrypt request', () => {
    const ds = computeDeadlines([received('2026-11-20T18:00:00Z'), sent('2026-11-20T18:05:00Z', 'reencrypt_request')], cgx, new Date('2026-11-23T00:00:00Z'));
    expect(get(ds, 'acknowledge').state).toBe('overdue');
  });

  it('a team reply also acknowledges when no automatic reply went out', () => {
    const ds = computeDeadlines([received('2026-11-20T18:00:00Z'), sent('2026-11-21T09:00:00Z', 'team_reply')], cgx, new Date('2026-11-23T00:00:00Z'));
    expect(get(ds, 'acknowledge').state).toBe('met');
    expect(get(ds, 'firstResponse').state).toBe('met');
  });

  it('a reply after the due time is met but late, by the exact span', () => {
    const ds = computeDeadlines([received('2026-11-20T18:00:00Z'), sent('2026-11-26T20:30:00Z', 'team_reply')], cgx, new Date('2026-11-27T00:00:00Z'));
    const fr = get(ds, 'firstResponse');
    expect(fr.state).toBe('met');
    expect(fr.late).toBe(true);
    expect(fr.steps.at(-1)).toContain('late by 1d 2h 30m');
  });

  it('state milestones: reaching a later state counts; closing counts for resolution', () => {
    const events = [
      received('2026-01-01T00:00:00Z'),
      state('2026-02-01T00:00:00Z', 'received', 'triaged'),
      state('2026-02-10T00:00:00Z', 'triaged', 'disclosed'),
    ];
    const ds = computeDeadlines(events, cgx, new Date('2026-03-01T00:00:00Z'));
    expect(get(ds, 'resolution').state).toBe('met');
    expect(isoOf(get(ds, 'resolution').metAt)).toBe('2026-02-10T00:00:00.000Z');
    const closed = computeDeadlines(
      [received('2026-01-01T00:00:00Z'), state('2026-01-05T00:00:00Z', 'received', 'closed')],
      cgx,
      new Date('2026-03-01T00:00:00Z'),
    );
    expect(get(closed, 'resolution').state).toBe('met');
    // no team reply ever came, but the case is closed (spam, duplicate...): nothing is owed
    expect(get(closed, 'firstResponse').state).toBe('not_applicable');
    expect(get(closed, 'statusUpdate').state).toBe('not_applicable');
  });

  it('events after `now` do not count yet', () => {
    const ds = computeDeadlines([received('2026-11-20T18:00:00Z'), sent('2026-11-21T09:00:00Z', 'ack')], cgx, new Date('2026-11-21T08:00:00Z'));
    expect(get(ds, 'acknowledge').state).toBe('due');
  });

  it('without a report_received event nothing applies', () => {
    expect(computeDeadlines([], cgx, new Date()).every((d) => d.state === 'not_applicable' && d.due === null)).toBe(true);
  });
});

describe('pauses while waiting on the reporter', () => {
  const cgx = loadPolicy('cgx');

  it('a closed pause of 2 days moves the acknowledgement 2 days later', () => {
    const events = [
      received('2026-03-02T10:00:00Z'),
      state('2026-03-02T12:00:00Z', 'received', 'needs_info'),
      state('2026-03-04T12:00:00Z', 'needs_info', 'triaged'),
    ];
    const ack = get(computeDeadlines(events, cgx, new Date('2026-03-05T00:00:00Z')), 'acknowledge');
    expect(isoOf(ack.due)).toBe('2026-03-06T10:00:00.000Z');
    expect(ack.state).toBe('due');
    expect(ack.steps.join('\n')).toContain('+2d');
  });

  it('a running pause reports "paused" and counts up to now', () => {
    const events = [received('2026-03-02T10:00:00Z'), state('2026-03-02T12:00:00Z', 'received', 'needs_info')];
    const ack = get(computeDeadlines(events, cgx, new Date('2026-03-10T12:00:00Z')), 'acknowledge');
    expect(ack.state).toBe('paused');
    expect(isoOf(ack.due)).toBe('2026-03-12T10:00:00.000Z');
  });

  it('a pause that starts after the milestone was met changes nothing', () => {
    const events = [received('2026-03-02T10:00:00Z'), sent('2026-03-02T10:01:00Z', 'ack'), state('2026-03-02T12:00:00Z', 'received', 'needs_info')];
    const ack = get(computeDeadlines(events, cgx, new Date('2026-03-10T12:00:00Z')), 'acknowledge');
    expect(ack.state).toBe('met');
    expect(isoOf(ack.due)).toBe('2026-03-04T10:00:00.000Z');
  });
});

describe('status updates recur from the last update', () => {
  const cgx = loadPolicy('cgx');
  it('due 7 days after the report, then 7 days after each team reply or status update', () => {
    const r = received('2026-05-01T09:00:00Z');
    expect(isoOf(get(computeDeadlines([r], cgx, new Date('2026-05-02T00:00:00Z')), 'statusUpdate').due)).toBe('2026-05-08T09:00:00.000Z');
    const ds = computeDeadlines(
      [r, sent('2026-05-05T10:00:00Z', 'team_reply'), sent('2026-05-12T10:00:00Z', 'status_update')],
      cgx,
      new Date('2026-05-20T00:00:00Z'),
    );
    expect(isoOf(get(ds, 'statusUpdate').due)).toBe('2026-05-19T10:00:00.000Z');
    expect(get(ds, 'statusUpdate').state).toBe('overdue');
  });
  it('stops once the fix is released', () => {
    const ds = computeDeadlines(
      [received('2026-05-01T09:00:00Z'), state('2026-05-03T00:00:00Z', 'triaged', 'fix_released')],
      cgx,
      new Date('2026-06-01T00:00:00Z'),
    );
    expect(get(ds, 'statusUpdate').state).toBe('not_applicable');
  });
});

describe('disclosure', () => {
  const p0 = loadPolicy('google-project-zero');
  const cgx = loadPolicy('cgx');

  it('Project Zero: 90 days, or 30 days after a fix that ships within them', () => {
    const r = received('2026-01-10T00:00:00Z');
    expect(isoOf(get(computeDeadlines([r], p0, new Date('2026-01-11T00:00:00Z')), 'disclosure').due)).toBe('2026-04-10T00:00:00.000Z');
    const fixed = computeDeadlines([r, state('2026-02-01T00:00:00Z', 'fixing', 'fix_released')], p0, new Date('2026-02-02T00:00:00Z'));
    expect(isoOf(get(fixed, 'disclosure').due)).toBe('2026-03-03T00:00:00.000Z');
    expect(get(fixed, 'disclosure').steps.join('\n')).toContain('30d after the fix');
  });

  it('exploited in the wild: 7 days from the flag when that is earlier', () => {
    const ds = computeDeadlines(
      [received('2026-01-10T00:00:00Z'), ev('2026-01-20T06:00:00Z', 'flag_set', { flag: 'exploited', value: true })],
      cgx,
      new Date('2026-01-21T00:00:00Z'),
    );
    expect(isoOf(get(ds, 'disclosure').due)).toBe('2026-01-27T06:00:00.000Z');
    const unset = computeDeadlines(
      [
        received('2026-01-10T00:00:00Z'),
        ev('2026-01-20T06:00:00Z', 'flag_set', { flag: 'exploited', value: true }),
        ev('2026-01-21T06:00:00Z', 'flag_set', { flag: 'exploited', value: false }),
      ],
      cgx,
      new Date('2026-01-22T00:00:00Z'),
    );
    expect(isoOf(get(unset, 'disclosure').due)).toBe('2026-04-10T00:00:00.000Z');
  });
});

describe('business days around US holidays', () => {
  const sangoma = loadPolicy('sangoma');
  it('a report the evening before Thanksgiving 2026 skips Thursday, counts Friday, skips the weekend', () => {
    // Wed 2026-11-25 18:00 New York; Thu 26 is Thanksgiving; 3 business days: Fri 27, Mon 30, Tue 1 Dec
    const ds = computeDeadlines([received('2026-11-25T23:00:00Z')], sangoma, new Date('2026-11-26T00:00:00Z'));
    expect(isoOf(get(ds, 'firstResponse').due)).toBe('2026-12-01T23:00:00.000Z');
  });
  it('a report on Christmas Day 2026 starts its clock on Monday morning', () => {
    const ds = computeDeadlines([received('2026-12-25T15:00:00Z')], sangoma, new Date('2026-12-26T00:00:00Z'));
    // Mon 28 00:00 + 3 working days = Thu 31 00:00 New York = 05:00Z
    expect(isoOf(get(ds, 'firstResponse').due)).toBe('2026-12-31T05:00:00.000Z');
    expect(get(ds, 'firstResponse').steps[0]).toContain('Fri 2026-12-25 is not a working day, so the clock starts the next working morning');
  });
});

// ---- properties over a seeded generator: reproducible, no extra dependency ----

describe('reopened cases', () => {
  const cgx = loadPolicy('cgx', '.');
  it('a close that was undone by a reopen meets nothing: the deadlines are owed again', () => {
    const events = [
      received('2026-11-02T10:00:00Z'),
      sent('2026-11-02T10:01:00Z', 'ack'),
      state('2026-11-03T10:00:00Z', 'received', 'closed'),
      state('2026-11-04T10:00:00Z', 'closed', 'triaged'),
    ];
    const ds = computeDeadlines(events, cgx, new Date('2027-03-01T00:00:00Z'));
    expect(get(ds, 'resolution').state).toBe('overdue');
    expect(get(ds, 'disclosure').state).toBe('overdue');
    expect(get(ds, 'firstResponse').state).toBe('overdue');
    expect(get(ds, 'acknowledge').state).toBe('met');
  });

  it('a fix released, then withdrawn, no longer meets the resolution', () => {
    const events = [
      received('2026-11-02T10:00:00Z'),
      state('2026-11-10T10:00:00Z', 'fixing', 'fix_released'),
      state('2026-11-11T10:00:00Z', 'fix_released', 'fixing'),
    ];
    expect(get(computeDeadlines(events, cgx, new Date('2026-11-12T00:00:00Z')), 'resolution').state).toBe('due');
    const kept = [...events, state('2026-11-20T10:00:00Z', 'fixing', 'fix_released')];
    const met = get(computeDeadlines(kept, cgx, new Date('2026-11-21T00:00:00Z')), 'resolution');
    expect([met.state, isoOf(met.metAt)]).toEqual(['met', '2026-11-20T10:00:00.000Z']);
  });
});

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
const REGIONS: Record<string, string> = { 'America/New_York': 'US', 'Europe/Berlin': 'DE', 'Australia/Sydney': 'AU', 'Asia/Kolkata': 'none', UTC: 'none' };
// Instants near DST changes, leap days, year ends and US holidays, plus uniform ones.
const ANCHORS = [
  '2024-02-28T20:00:00Z',
  '2024-02-29T12:00:00Z',
  '2028-02-29T23:30:00Z',
  '2026-03-08T06:30:00Z',
  '2026-03-29T00:30:00Z',
  '2026-04-05T15:30:00Z',
  '2026-10-04T15:30:00Z',
  '2026-10-25T00:30:00Z',
  '2026-11-01T05:30:00Z',
  '2026-11-25T22:00:00Z',
  '2026-12-24T21:00:00Z',
  '2026-12-31T23:59:00Z',
  '2027-07-02T20:00:00Z',
];

function policyWith(zone: string, within: string): Policy {
  return policySchema.parse({
    name: 'prop',
    title: 'property policy',
    businessCalendar: { timezone: zone, holidays: REGIONS[zone] },
    milestones: { firstResponse: { within, satisfiedBy: 'team-reply', reminderLead: '1 business day' } },
  });
}

function randomInstant(r: () => number): Date {
  if (r() < 0.6) return new Date(Date.parse(ANCHORS[Math.floor(r() * ANCHORS.length)] as string) + Math.floor((r() - 0.5) * 2 * D));
  return new Date(Date.parse('2024-01-01T00:00:00Z') + Math.floor(r() * 4 * 365 * D));
}

describe('properties (seeded, 300 cases each)', () => {
  const N = 300;

  it('business-day due times and their reminders never fall on a weekend or holiday of the zone', () => {
    const r = rng(1);
    for (let i = 0; i < N; i++) {
      const zone = ZONES[Math.floor(r() * ZONES.length)] as string;
      const p = policyWith(zone, `${1 + Math.floor(r() * 20)} business days`);
      const at = randomInstant(r);
      const fr = get(computeDeadlines([received(at.toISOString())], p, at), 'firstResponse');
      const cal = p.businessCalendar;
      const local = DateTime.fromJSDate(fr.due as Date, { zone });
      expect(isNonWorkingDay(local, cal), `${at.toISOString()} ${zone} → ${local.toISO()}`).toBe(false);
      expect(isNonWorkingDay(DateTime.fromJSDate(fr.remindAt as Date, { zone }), cal)).toBe(false);
      expect((fr.remindAt as Date).getTime()).toBeLessThan((fr.due as Date).getTime());
      expect((fr.due as Date).getTime()).toBeGreaterThan(at.getTime());
    }
  });

  it('due times are monotonic in the report time (a later report is never due earlier)', () => {
    const r = rng(2);
    for (let i = 0; i < N; i++) {
      const zone = ZONES[Math.floor(r() * ZONES.length)] as string;
      const unit = r() < 0.5 ? `${1 + Math.floor(r() * 10)} business days` : r() < 0.5 ? `${1 + Math.floor(r() * 90)}d` : `${1 + Math.floor(r() * 72)}h`;
      const p = policyWith(zone, unit);
      const a = randomInstant(r);
      const b = new Date(a.getTime() + Math.floor(r() * 3 * D));
      const da = get(computeDeadlines([received(a.toISOString())], p, a), 'firstResponse').due as Date;
      const db = get(computeDeadlines([received(b.toISOString())], p, b), 'firstResponse').due as Date;
      expect(db.getTime(), `${unit} ${zone} ${a.toISOString()} vs ${b.toISOString()}`).toBeGreaterThanOrEqual(da.getTime());
    }
  });

  it('calendar durations are exact milliseconds across DST changes and leap days', () => {
    const r = rng(3);
    for (let i = 0; i < N; i++) {
      const zone = ZONES[Math.floor(r() * ZONES.length)] as string;
      const days = 1 + Math.floor(r() * 120);
      const p = policyWith(zone, `${days}d`);
      const a = randomInstant(r);
      const due = get(computeDeadlines([received(a.toISOString())], p, a), 'firstResponse').due as Date;
      expect(due.getTime() - a.getTime()).toBe(days * D);
    }
  });

  it('a pause of P before the due time moves it by exactly P; met-before-pause is unaffected', () => {
    const r = rng(4);
    for (let i = 0; i < N; i++) {
      const zone = ZONES[Math.floor(r() * ZONES.length)] as string;
      const p = policyWith(zone, r() < 0.5 ? `${1 + Math.floor(r() * 10)} business days` : `${1 + Math.floor(r() * 30)}d`);
      const a = randomInstant(r);
      const plain = get(computeDeadlines([received(a.toISOString())], p, a), 'firstResponse').due as Date;
      const pauseStart = new Date(a.getTime() + Math.floor(r() * (plain.getTime() - a.getTime())));
      const P = 1 + Math.floor(r() * 20 * D);
      const pauseEnd = new Date(pauseStart.getTime() + P);
      const events = [
        received(a.toISOString()),
        state(pauseStart.toISOString(), 'received', 'needs_info'),
        state(pauseEnd.toISOString(), 'needs_info', 'triaged'),
      ];
      const now = new Date(pauseEnd.getTime() + 1);
      const paused = get(computeDeadlines(events, p, now), 'firstResponse');
      expect(paused.due!.getTime() - plain.getTime()).toBe(P);
      expect(paused.state === 'due' || paused.state === 'overdue').toBe(true);
    }
  });
});

describe('policy files name only satisfactions the engine knows', () => {
  const base = (satisfiedBy: string) => ({ name: 'x', title: 'x', milestones: { firstResponse: { within: '2d', satisfiedBy } } });
  it.each(['auto-acknowledgement', 'team-reply', 'state:triaged', 'state:closed'])('"%s" is accepted', (s) => {
    expect(policySchema.safeParse(base(s)).success).toBe(true);
  });
  it.each(['team_reply', 'state:fixed', 'reply', 'state:'])('"%s" is refused (a typo would never be met)', (s) => {
    const r = policySchema.safeParse(base(s));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toContain('team-reply');
  });
});
