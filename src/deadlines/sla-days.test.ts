// The SLA counts read from the sums per day (migration 0015's triggers) are the counts the
// stored rows give row by row: for every window, whatever the sweep rewrote, whichever
// cases are stale or computed apart, on a window's first and last days and between them.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../db/migrate.js';
import { addBareCase } from '../../test/helpers/bare-case.js';
import { openDatabase, type Db } from '../db/open.js';
import { notYetApplicable, type Deadline, type DeadlineState } from './deadline.js';
import { storedSla } from './sla-days.js';
import { saveDeadlines, storedSlaByRows, type SlaSelection, type StoredSla } from './store.js';
import type { DeadlineName } from '../policy/schema.js';

const DAY = 86_400_000;
const START = Date.parse('2026-01-01T00:00:00Z');
const MILESTONES = ['acknowledge', 'firstResponse', 'resolution', 'disclosure'];
const TIMED = ['acknowledge', 'firstResponse'];

/** A small deterministic generator (mulberry32): the same world on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomDeadlines(r: () => number, received: number): Deadline[] {
  const states: DeadlineState[] = ['met', 'met', 'due', 'overdue', 'paused', 'not_applicable', 'waived'];
  return [...MILESTONES, 'statusUpdate']
    .filter(() => r() < 0.85)
    .map((m) => {
      const state = states[Math.floor(r() * states.length)] as DeadlineState;
      const met = state === 'met' && r() < 0.9 ? new Date(received + Math.floor(r() * 20 * DAY)) : null;
      return { ...notYetApplicable(m as DeadlineName, []), state, due: new Date(received + 2 * DAY), metAt: met, late: state === 'met' && r() < 0.3 };
    });
}

function world(seed: number, cases: number, db: Db = openDatabase(':memory:')): { db: Db; ids: number[]; r: () => number } {
  const r = rng(seed);
  const ids: number[] = [];
  for (let k = 0; k < cases; k++) {
    // Some at midnight exactly, where a day and a bound may meet.
    const at = START + Math.floor(r() * 120) * DAY + (r() < 0.1 ? 0 : Math.floor(r() * DAY));
    const iso = new Date(at).toISOString();
    const id = addBareCase(db, { trackingId: `SEC-${k}`, at: iso, policy: r() < 0.7 ? 'cgx' : 'other', sweepAt: null });
    ids.push(id);
    saveDeadlines(db, id, randomDeadlines(r, at), new Date(at));
  }
  // The sweep looks again: rows replaced, some the same, some changed (the triggers take the old ones out).
  for (const id of ids) {
    if (r() < 0.5) continue;
    const at = Date.parse((db.prepare('SELECT created_at FROM cases WHERE id = ?').get(id) as { created_at: string }).created_at);
    saveDeadlines(db, id, randomDeadlines(r, at), new Date(at + DAY));
  }
  return { db, ids, r };
}

/** Order aside (and the times as the multiset they are), the same answer. */
function normal(s: StoredSla): unknown {
  return {
    cases: [...s.cases].sort((a, b) => a.w - b.w),
    counts: s.counts.map((c) => ({ ...c, took: [...c.took].sort((a, b) => a - b) })).sort((a, b) => a.w - b.w || a.milestone.localeCompare(b.milestone)),
  };
}

describe('SLA counts from the sums per day', () => {
  it('equal the row-by-row counts for any window, stale cases and cases computed apart', () => {
    for (const seed of [1, 2, 3]) {
      const { db, ids, r } = world(seed, 400);
      for (let k = 0; k < 12; k++) {
        // Stale rows: cases due for the sweep by `now` (or never swept), and cases the caller computes from events.
        db.prepare('UPDATE cases SET sweep_at = NULL').run();
        for (const id of ids)
          if (r() < 0.1) db.prepare('UPDATE cases SET sweep_at = ? WHERE id = ?').run(r() < 0.5 ? '' : new Date(START + r() * 150 * DAY).toISOString(), id);
        const now = new Date(START + 60 * DAY + Math.floor(r() * 70) * DAY + (k % 3 === 0 ? 0 : Math.floor(r() * DAY)));
        const q: SlaSelection = {
          bounds: [30, 90].map((d) => new Date(now.getTime() - d * DAY)),
          until: now,
          now,
          policies: k % 4 === 0 ? ['cgx'] : ['cgx', 'other'],
          except: ids.filter(() => r() < 0.05),
        };
        expect(normal(storedSla(db, q, MILESTONES, TIMED)), `seed ${seed}, ${now.toISOString()}`).toEqual(normal(storedSlaByRows(db, q, MILESTONES, TIMED)));
      }
      db.close();
    }
  });

  it('are kept for rows written before the sums existed, by the migrations that made them', () => {
    // A database of 0.1 (schema 14): cases and deadlines rows, no sums; then upgraded.
    const raw = new Database(':memory:');
    migrate(raw, readMigrations().slice(0, 14));
    const { db } = world(4, 200, raw as Db);
    migrate(raw);
    const now = new Date(START + 100 * DAY);
    const q: SlaSelection = { bounds: [30, 90].map((d) => new Date(now.getTime() - d * DAY)), until: now, now, policies: ['cgx', 'other'], except: [] };
    expect(normal(storedSla(db, q, MILESTONES, TIMED))).toEqual(normal(storedSlaByRows(db, q, MILESTONES, TIMED)));
    expect((db.prepare('SELECT count(*) AS n FROM sla_times').get() as { n: number }).n).toBeGreaterThan(50);
    db.close();
  });

  it("keep each time as its own row, which leaves with its deadline's row and no other (equal times of two cases)", () => {
    const db = openDatabase(':memory:');
    const at = '2026-02-01T10:00:00.000Z';
    const a = addBareCase(db, { trackingId: 'SEC-A', at });
    const b = addBareCase(db, { trackingId: 'SEC-B', at });
    const acked: Deadline = {
      ...notYetApplicable('acknowledge', []),
      state: 'met',
      due: new Date('2026-02-02T10:00:00Z'),
      metAt: new Date('2026-02-01T11:00:00Z'),
    };
    const sums = () => db.prepare("SELECT n, met, missed FROM sla_days WHERE milestone = 'acknowledge'").get();
    const times = () => db.prepare('SELECT case_id AS id, took FROM sla_times ORDER BY case_id').all();
    saveDeadlines(db, a, [acked], new Date(at));
    saveDeadlines(db, b, [acked], new Date(at));
    expect([sums(), times()]).toEqual([
      { n: 2, met: 2, missed: 0 },
      [
        { id: a, took: 3_600_000 },
        { id: b, took: 3_600_000 },
      ],
    ]);
    saveDeadlines(db, a, [{ ...acked, state: 'overdue', metAt: null }], new Date(at));
    expect([sums(), times()]).toEqual([{ n: 2, met: 1, missed: 1 }, [{ id: b, took: 3_600_000 }]]);
    // A row changed in place (no writer does so today) moves the sums as a replaced one does.
    db.prepare("UPDATE deadlines SET state = 'met', late = 1, met_at = '2026-02-03T10:00:00.000Z' WHERE case_id = ?").run(a);
    expect([sums(), times()]).toEqual([
      { n: 2, met: 1, missed: 1 },
      [
        { id: a, took: 172_800_000 },
        { id: b, took: 3_600_000 },
      ],
    ]);
    db.close();
  });

  it('name no milestone and count no case whose only rows are stale', () => {
    const db = openDatabase(':memory:');
    const at = '2026-02-01T10:00:00.000Z';
    const id = addBareCase(db, { trackingId: 'SEC-A', at });
    saveDeadlines(db, id, [{ ...notYetApplicable('resolution', []), state: 'due', due: new Date('2026-03-01T00:00:00Z') }], new Date(at));
    db.prepare('UPDATE cases SET sweep_at = NULL').run(); // swept: its rows hold
    const now = new Date('2026-02-20T12:00:00Z');
    const q: SlaSelection = { bounds: [30, 90].map((d) => new Date(now.getTime() - d * DAY)), until: now, now, policies: ['cgx'], except: [] };
    expect(storedSla(db, q, MILESTONES, TIMED)).toEqual({
      cases: [{ w: 0, n: 1 }],
      counts: [{ w: 0, milestone: 'resolution', met: 0, missed: 0, waived: 0, took: [] }],
    });
    expect(storedSla(db, { ...q, except: [id] }, MILESTONES, TIMED)).toEqual({ cases: [], counts: [] });
    expect(storedSlaByRows(db, { ...q, except: [id] }, MILESTONES, TIMED)).toEqual({ cases: [], counts: [] });
    db.close();
  });
});
