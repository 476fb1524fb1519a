/**
 * Reads what the deadline engine needs from the database (a case's events, its
 * policy) and writes its results: the `deadlines` rows, recomputed on every sweep,
 * and the `deadline_actions` rows that make each reminder, escalation, status update
 * and digest happen at most once.
 */
import type { Db } from '../db/open.js';
import type { Deadline } from './engine.js';

export function saveDeadlines(db: Db, caseId: number, deadlines: Deadline[], now: Date): void {
  const stmt = db.prepare(
    `INSERT INTO deadlines (case_id, milestone, due_at, remind_at, state, met_at, late, steps, computed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id, milestone) DO UPDATE SET due_at = excluded.due_at, remind_at = excluded.remind_at, state = excluded.state,
       met_at = excluded.met_at, late = excluded.late, steps = excluded.steps, computed_at = excluded.computed_at`,
  );
  for (const d of deadlines) {
    stmt.run(
      caseId,
      d.milestone,
      d.due?.toISOString() ?? null,
      d.remindAt?.toISOString() ?? null,
      d.state,
      d.metAt?.toISOString() ?? null,
      d.late ? 1 : 0,
      JSON.stringify(d.steps),
      now.toISOString(),
    );
  }
}

export type ActionKind = 'reminder' | 'escalation' | 'reporter_update' | 'digest';

/**
 * Claims an action: true when this call inserted the row (so the caller queues its
 * mail in the same transaction), false when it was already done.
 */
export function claimAction(db: Db, a: { caseId: number | null; milestone: string; kind: ActionKind; dueAt: Date; now: Date }): number | null {
  const scope = a.caseId === null ? 'digest' : `case:${a.caseId}`;
  const info = db
    .prepare("INSERT OR IGNORE INTO deadline_actions (scope, case_id, milestone, kind, due_at, done_at, outbox_ids) VALUES (?, ?, ?, ?, ?, ?, '[]')")
    .run(scope, a.caseId, a.milestone, a.kind, a.dueAt.toISOString(), a.now.toISOString());
  return info.changes > 0 ? Number(info.lastInsertRowid) : null;
}

export function setActionOutbox(db: Db, actionId: number, outboxIds: number[]): void {
  db.prepare('UPDATE deadline_actions SET outbox_ids = ? WHERE id = ?').run(JSON.stringify(outboxIds), actionId);
}

export function lastDigest(db: Db): { dueAt: string; doneAt: string } | undefined {
  return db.prepare("SELECT due_at AS dueAt, done_at AS doneAt FROM deadline_actions WHERE kind = 'digest' ORDER BY due_at DESC LIMIT 1").get() as
    { dueAt: string; doneAt: string } | undefined;
}

/**
 * Deadlines that fell due before this database had deadlines (an upgrade) are handled
 * silently: the instant they start to mail, if the upgrade recorded one.
 */
export function deadlineMailSince(db: Db): Date | undefined {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'deadline_mail_since'").get() as { value: string } | undefined;
  return row ? new Date(row.value) : undefined;
}
