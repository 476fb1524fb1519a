// Migration 0011 (issue 13): the deadlines table takes the state 'waived' (rows kept the
// old way, not_applicable with met_at, become waived), keeps its rows and indexes, and the
// sweep trigger also fires on advisory_published and cra_notified.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, readMigrations } from './migrate.js';

function before0011(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, readMigrations().slice(0, 10));
  db.prepare(
    "INSERT INTO cases (id, tracking_id, state, reporter_email, policy, created_at, updated_at, encryption, signature) VALUES (1, 'SEC-2026-00001', 'closed', 'r@example.org', 'cgx', 't', 't', 'none', 'none')",
  ).run();
  const row = db.prepare("INSERT INTO deadlines (case_id, milestone, due_at, state, met_at, steps, computed_at) VALUES (1, ?, 'd', ?, ?, '[]', 'c')");
  row.run('acknowledge', 'met', '2026-01-01T00:00:00.000Z');
  row.run('disclosure', 'not_applicable', '2026-02-01T00:00:00.000Z'); // how 'waived' was stored before 0011
  row.run('resolution', 'not_applicable', null);
  return db;
}

describe('migration 0011: waived deadlines and the advisory event kinds', () => {
  it('turns the rows kept as not_applicable with met_at into waived, keeps the others as they were, and accepts waived from then on', () => {
    const db = before0011();
    migrate(db);
    const rows = db.prepare('SELECT milestone, state, met_at AS metAt FROM deadlines ORDER BY milestone').all();
    expect(rows).toEqual([
      { milestone: 'acknowledge', state: 'met', metAt: '2026-01-01T00:00:00.000Z' },
      { milestone: 'disclosure', state: 'waived', metAt: null },
      { milestone: 'resolution', state: 'not_applicable', metAt: null },
    ]);
    db.prepare("INSERT INTO deadlines (case_id, milestone, state, steps, computed_at) VALUES (1, 'cra_final_report', 'waived', '[]', 'c')").run();
    expect(() => db.prepare("INSERT INTO deadlines (case_id, milestone, state, steps, computed_at) VALUES (1, 'x', 'bogus', '[]', 'c')").run()).toThrow(
      /CHECK/,
    );
    const indexes = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deadlines' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{
        name: string;
      }>
    ).map((r) => r.name);
    expect(indexes).toEqual(['deadlines_by_due', 'deadlines_running', 'deadlines_view']);
    db.close();
  });

  it('sends a case back to the sweep when an advisory is marked published or a CRA notification recorded', () => {
    const db = before0011();
    migrate(db);
    for (const type of ['advisory_published', 'cra_notified']) {
      db.prepare("UPDATE cases SET sweep_at = '2099-01-01T00:00:00.000Z' WHERE id = 1").run();
      db.prepare("INSERT INTO events (case_id, at, actor, type, data, prev_hash, hash) VALUES (1, 't', 'cli:alice', ?, '{}', 'p', 'h')").run(type);
      expect((db.prepare('SELECT sweep_at AS s FROM cases WHERE id = 1').get() as { s: string }).s, type).toBe('');
    }
    db.close();
  });
});
