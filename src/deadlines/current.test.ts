// The sweep looks only at the cases it must, and readers take the stored rows where they
// still hold: every answer must be what computing every case from its events gives.
import { describe, expect, it } from 'vitest';
import { casesReceivedSince, insertCase, openCases } from '../cases/store/cases.js';
import { duplicateCandidates } from '../cases/store/duplicates.js';
import { appendEvent, caseEvents } from '../cases/store/event-log.js';
import type { EventBodyIn } from '../cases/model/events.js';
import { resolveConfig } from '../config/load.js';
import { openDatabase, type Db } from '../db/open.js';
import { DAY } from '../limits.js';
import { createLogger } from '../log.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { digestSources, overdueCases } from './current.js';
import { buildDigest, SLA_WINDOWS_DAYS, type CaseDeadlines } from './digest.js';
import { computeDeadlines } from './engine.js';
import { overdueMilestones } from './overdue.js';
import { sweep, type SweepDeps } from './sweep.js';

const cgx = loadPolicy('cgx');
const config = resolveConfig('/tmp/current-test.yaml', {
  smtp: { from: 'Security <security@example.com>', pickupDir: 'out' },
  keys: { teamPrivateKey: 'team.asc' },
  database: ':memory:',
  policy: 'cgx',
  team: [{ name: 'alice', email: 'alice@example.com' }],
});

function world(): {
  db: Db;
  policies: Map<string, Policy>;
  deps: (now: string) => SweepDeps;
  add: (at: string, ...more: Array<[string, EventBodyIn]>) => number;
} {
  const db = openDatabase(':memory:');
  const policies = new Map<string, Policy>([['cgx', cgx]]);
  let n = 0;
  const add = (at: string, ...more: Array<[string, EventBodyIn]>): number => {
    const id = insertCase(db, {
      trackingId: `SEC-2026-T${String(++n).padStart(4, '0')}`,
      reporterName: null,
      reporterEmail: `r${n}@example.net`,
      subject: `case ${n}`,
      policy: 'cgx',
      at: new Date(at),
      encryption: 'none',
      signature: 'none',
      signerFingerprint: null,
      relatedCaseId: null,
      noReplyReason: null,
    });
    const data = { trackingId: 'x', policy: 'cgx', spoolId: 1, encryption: 'none', signature: 'none', attachments: [] };
    appendEvent(db, { caseId: id, at, actor: 'system', type: 'report_received', data });
    for (const [when, body] of more) append(db, id, when, body);
    return id;
  };
  const deps = (now: string): SweepDeps => ({
    db,
    config,
    policyFor: (name) => policies.get(name) as Policy,
    teamAddress: 'security@example.com',
    teamFingerprint: 'AB'.repeat(20),
    log: createLogger('silent'),
    now: new Date(now),
  });
  return { db, policies, deps, add };
}

function append(db: Db, caseId: number, at: string, body: EventBodyIn): void {
  db.transaction(() => {
    appendEvent(db, { caseId, at, actor: 'cli:alice', ...body } as Parameters<typeof appendEvent>[1]);
    if (body.type === 'state_changed') db.prepare('UPDATE cases SET state = ? WHERE id = ?').run(body.data.to, caseId);
  })();
}

const ack = (kind = 'ack'): EventBodyIn => ({ type: 'mail_sent', data: { outboxId: 1, kind, messageId: '<m@example.com>' } });
const to = (from: string, state: string, extra = {}): EventBodyIn => ({ type: 'state_changed', data: { from, to: state, ...extra } }) as EventBodyIn;

/** What the readers gave before stored rows: every case computed from its events. */
function computedOverdue(d: SweepDeps): Map<number, Array<{ milestone: string; due: string }>> {
  const out = new Map<number, Array<{ milestone: string; due: string }>>();
  for (const c of openCases(d.db)) {
    const due = overdueMilestones(d.policyFor(c.policy), caseEvents(d.db, c.id), d.now);
    if (due.length) out.set(c.id, due);
  }
  return out;
}

function computedDigest(d: SweepDeps, since: Date | null) {
  const rows = new Map(casesReceivedSince(d.db, new Date(d.now.getTime() - Math.max(...SLA_WINDOWS_DAYS) * DAY)).map((c) => [c.id, c]));
  for (const c of openCases(d.db)) rows.set(c.id, c);
  const cases: CaseDeadlines[] = [...rows.values()].map((c) => ({
    trackingId: c.tracking_id,
    subject: c.subject,
    state: c.state,
    receivedAt: new Date(c.created_at),
    deadlines: computeDeadlines(caseEvents(d.db, c.id), d.policyFor(c.policy), d.now),
    possibleDuplicates: duplicateCandidates(d.db, c.id).map((x) => x.trackingId),
  }));
  return buildDigest(cases, d.now, since);
}

function expectSameAsComputed(d: SweepDeps): void {
  expect(new Map([...overdueCases(d)].sort(([a], [b]) => a - b))).toEqual(computedOverdue(d));
  for (const since of [null, new Date(d.now.getTime() - 3 * DAY)]) expect(buildDigest(digestSources(d, since), d.now, since)).toEqual(computedDigest(d, since));
}

/** Open, closed, paused, late and long-running cases, as they stand on 2026-11-20. */
function history(): ReturnType<typeof world> {
  const w = world();
  w.add('2026-11-20T18:00:00.000Z', ['2026-11-20T18:01:00.000Z', ack()]);
  w.add(
    '2026-11-10T09:00:00.000Z',
    ['2026-11-10T09:01:00.000Z', ack()],
    ['2026-11-11T10:00:00.000Z', to('received', 'triaged')],
    ['2026-11-11T10:00:01.000Z', ack('team_reply')],
    ['2026-11-15T10:00:00.000Z', to('triaged', 'closed', { resolution: 'resolved' })],
  );
  w.add('2026-11-01T09:00:00.000Z', ['2026-11-01T09:01:00.000Z', ack()], ['2026-11-02T09:00:00.000Z', to('received', 'needs_info')]);
  w.add(
    '2026-09-01T09:00:00.000Z',
    ['2026-09-01T09:01:00.000Z', ack()],
    ['2026-09-02T09:00:00.000Z', to('received', 'triaged')],
    ['2026-09-02T09:00:01.000Z', ack('team_reply')],
    ['2026-09-05T09:00:00.000Z', to('triaged', 'fixing')],
  );
  w.add('2026-11-19T23:00:00.000Z');
  w.add('2026-08-01T09:00:00.000Z', ['2026-08-01T09:01:00.000Z', ack()], ['2026-08-02T09:00:00.000Z', to('received', 'closed', { resolution: 'spam' })]);
  return w;
}

describe('deadlines read from the sweep’s rows', () => {
  it('give the overdue list and the digest that computing every case gives, at every instant between sweeps', () => {
    const w = history();
    for (const t of [
      '2026-11-20T19:00:00Z',
      '2026-11-22T06:00:00Z',
      '2026-11-23T12:00:00Z',
      '2026-11-25T18:00:00Z',
      '2026-12-01T08:00:00Z',
      '2027-01-15T08:00:00Z',
    ]) {
      sweep(w.deps(t));
      for (const later of [0, 1, 26, 24 * 5]) expectSameAsComputed(w.deps(new Date(Date.parse(t) + later * 3_600_000).toISOString()));
    }
  });

  it('are not taken for a case something happened to since the sweep', () => {
    const w = history();
    sweep(w.deps('2026-11-25T18:00:00Z'));
    append(w.db, 5, '2026-11-25T19:00:00.000Z', ack());
    append(w.db, 3, '2026-11-25T19:00:00.000Z', to('needs_info', 'triaged'));
    append(w.db, 4, '2026-11-25T19:00:00.000Z', to('fixing', 'closed', { resolution: 'wont_fix' }));
    expectSameAsComputed(w.deps('2026-11-25T20:00:00Z'));
  });

  it('are not taken as of an instant before the last sweep (a preview into the past)', () => {
    const w = history();
    sweep(w.deps('2026-12-01T08:00:00Z'));
    expectSameAsComputed(w.deps('2026-11-21T08:00:00Z'));
  });

  it('are not taken under a policy edited since the sweep computed them', () => {
    const w = history();
    sweep(w.deps('2026-11-25T18:00:00Z'));
    w.policies.set('cgx', { ...cgx, milestones: { ...cgx.milestones, acknowledge: { ...cgx.milestones.acknowledge!, within: '1h' } } });
    expectSameAsComputed(w.deps('2026-11-25T19:00:00Z'));
  });

  it('are what is read for a case nothing happened to (not its events again)', () => {
    const w = history();
    sweep(w.deps('2026-11-25T18:00:00Z'));
    const d = w.deps('2026-11-25T18:30:00Z');
    // Rows altered behind the sweep's back show through: the readers took them, not the events.
    w.db.prepare("UPDATE deadlines SET state = 'overdue' WHERE case_id = 4 AND milestone = 'acknowledge'").run();
    w.db.prepare("UPDATE deadlines SET late = 1 WHERE case_id = 2 AND milestone = 'acknowledge'").run();
    expect(
      overdueCases(d)
        .get(4)
        ?.map((m) => m.milestone),
    ).toContain('acknowledge');
    expect(
      computedOverdue(d)
        .get(4)
        ?.map((m) => m.milestone),
    ).not.toContain('acknowledge');
    const missed = (x: ReturnType<typeof buildDigest>) => x.sla[1]!.perMilestone.find((m) => m.milestone === 'acknowledge')!.missed;
    // Both altered rows are in the 90-day window: one open case, one closed.
    expect(missed(buildDigest(digestSources(d, null), d.now, null))).toBe(missed(computedDigest(d, null)) + 2);
  });
});

describe('the sweep looks only at the cases it must', () => {
  it('looks at a case again when its stored instant comes or something happens to it, not at every tick', () => {
    const w = history();
    expect(sweep(w.deps('2026-11-20T19:00:00Z')).cases).toBe(4); // the open ones, all new to it
    expect(sweep(w.deps('2026-11-20T19:01:00Z')).cases).toBe(0);
    append(w.db, 5, '2026-11-20T19:01:30.000Z', ack());
    expect(sweep(w.deps('2026-11-20T19:02:00Z')).cases).toBe(1);
    // Case 1's first response (Wed 25 18:00) is reminded a business day before, at that instant and not a tick later.
    const reminded = () =>
      (
        w.db.prepare("SELECT count(*) AS n FROM deadline_actions WHERE case_id = 1 AND kind = 'reminder' AND milestone = 'firstResponse'").get() as {
          n: number;
        }
      ).n;
    sweep(w.deps('2026-11-24T17:59:00Z'));
    expect(reminded()).toBe(0);
    sweep(w.deps('2026-11-24T18:00:00Z'));
    expect(reminded()).toBe(1);
  });

  it('stores the instant on the case and sends it back on a change (the stored due time follows the state)', () => {
    const w = history();
    sweep(w.deps('2026-11-20T19:00:00Z'));
    const sweepAt = (id: number) => (w.db.prepare('SELECT sweep_at AS s FROM cases WHERE id = ?').get(id) as { s: string | null }).s;
    expect(sweepAt(1)).toBe('2026-11-24T18:00:00.000Z');
    expect(sweepAt(2)).toBeNull(); // closed
    append(w.db, 1, '2026-11-20T20:00:00.000Z', to('received', 'closed', { resolution: 'informative' }));
    expect(sweepAt(1)).toBe('');
    sweep(w.deps('2026-11-20T20:01:00Z'));
    expect(sweepAt(1)).toBeNull();
  });

  it('looks at every open case again after a sweep into the past, and at the cases of an edited policy', () => {
    const w = history();
    sweep(w.deps('2026-11-25T18:00:00Z'));
    expect(sweep(w.deps('2026-11-25T17:00:00Z')).cases).toBe(4);
    expect(sweep(w.deps('2026-11-25T17:01:00Z')).cases).toBe(0);
    w.policies.set('cgx', { ...cgx, title: 'cgx, edited' });
    expect(sweep(w.deps('2026-11-25T17:02:00Z')).cases).toBe(4);
    expect(sweep(w.deps('2026-11-25T17:03:00Z')).cases).toBe(0);
  });
});
