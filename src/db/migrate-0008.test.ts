import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DEADLINE_EVENT_TYPES } from '../deadlines/engine.js';
import { migrate, readMigrations } from './migrate.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

function before0008(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, readMigrations().slice(0, 7));
  return db;
}

function addCase(db: Database.Database, id: number, state: string, createdAt: string): void {
  db.prepare(
    "INSERT INTO cases (id, tracking_id, state, reporter_email, policy, created_at, updated_at, encryption, signature) VALUES (?, ?, ?, 'r@example.org', 'cgx', ?, ?, 'none', 'none')",
  ).run(id, `SEC-2026-${String(id).padStart(5, '0')}`, state, createdAt, createdAt);
  db.prepare("INSERT INTO deadlines (case_id, milestone, due_at, state, steps, computed_at) VALUES (?, 'acknowledge', ?, 'overdue', '[]', ?)").run(
    id,
    createdAt,
    createdAt,
  );
}

const sweepAt = (db: Database.Database, id: number) => (db.prepare('SELECT sweep_at AS s FROM cases WHERE id = ?').get(id) as { s: string | null }).s;

describe('migration 0008: when the sweep looks at a case', () => {
  it('sends every open case and every case of the last 90 days to the first sweep, and records the upgrade instant', () => {
    const db = before0008();
    const now = Date.now();
    addCase(db, 1, 'fixing', iso(now - 400 * DAY));
    addCase(db, 2, 'closed', iso(now - 30 * DAY));
    addCase(db, 3, 'closed', iso(now - 400 * DAY));
    migrate(db);
    expect([sweepAt(db, 1), sweepAt(db, 2), sweepAt(db, 3)]).toEqual(['', '', null]);
    const latest = (db.prepare("SELECT value FROM settings WHERE key = 'deadline_sweep_latest'").get() as { value: string }).value;
    expect(Date.parse(latest)).toBeGreaterThanOrEqual(now - 60_000);
    db.close();
  });

  it('records no upgrade instant on a new, empty database', () => {
    const db = new Database(':memory:');
    migrate(db);
    expect(db.prepare("SELECT value FROM settings WHERE key = 'deadline_sweep_latest'").get()).toBeUndefined();
    db.close();
  });

  it('sends a case back to the sweep on the event kinds the engine reads, and only on those', () => {
    const db = new Database(':memory:');
    migrate(db);
    addCase(db, 1, 'received', '2026-06-01T00:00:00.000Z');
    const event = db.prepare(
      "INSERT INTO events (case_id, at, actor, type, data, prev_hash, hash) VALUES (1, '2026-06-01T00:00:00Z', 'system', ?, '{}', 'p', 'h')",
    );
    const reset = () => db.prepare("UPDATE cases SET sweep_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run();
    const candidates = [
      'report_received',
      'mail_sent',
      'state_changed',
      'flag_set',
      'advisory_published',
      'cra_notified',
      'deadline_reminder_queued',
      'note_added',
      'status_update_queued',
      'advisory_set',
    ];
    const marking = candidates.filter((type) => {
      reset();
      event.run(type);
      return sweepAt(db, 1) === '';
    });
    expect(marking).toEqual([...DEADLINE_EVENT_TYPES]);
    // The trigger's own list, read from the schema, is the engine's.
    const sql = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'events_sweep_case'").get() as { sql: string }).sql;
    expect([...sql.matchAll(/'(\w+)'/g)].map((m) => m[1])).toEqual([...DEADLINE_EVENT_TYPES]);
    db.close();
  });

  it('sends a case back when its state, policy, hold flag or no-reply reason changes, not when the same value is written again', () => {
    const db = new Database(':memory:');
    migrate(db);
    addCase(db, 1, 'received', '2026-06-01T00:00:00.000Z');
    const changes = {
      state: "state = 'triaged'",
      policy: "policy = 'google-project-zero'",
      hold: 'flag_on_hold = 1',
      noReply: "no_reply_reason = 'rate limited'",
      sameState: "state = 'triaged'",
      assignee: "assignee = 'alice'",
      touched: "updated_at = '2026-06-02T00:00:00Z'",
    };
    const marked = Object.entries(changes)
      .filter(([, set]) => {
        db.prepare("UPDATE cases SET sweep_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run();
        db.prepare(`UPDATE cases SET ${set} WHERE id = 1`).run();
        return sweepAt(db, 1) === '';
      })
      .map(([name]) => name);
    expect(marked).toEqual(['state', 'policy', 'hold', 'noReply']);
    db.close();
  });
});
