/**
 * The attention rows of cases (migration 0006): raised with the event that caused
 * them, cleared by kind with the event that cleared them. Runs inside the caller's
 * transaction. Texts are built by model/attention.ts from our own words.
 */
import type { Db } from '../../db/open.js';
import type { AttentionItem, AttentionKind } from '../model/attention.js';

export interface AttentionRow {
  id: number;
  kind: string;
  text: string;
  raisedAt: string;
  raisedByEvent: number | null;
  clearedAt: string | null;
  clearedByEvent: number | null;
}

/** Raises (or, when the kind is already open on the case, re-words) an attention item. */
export function raiseAttention(db: Db, caseId: number, item: AttentionItem, at: Date, eventId: number | null): void {
  db.prepare(
    `INSERT INTO attention (case_id, kind, text, raised_at, raised_by_event) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (case_id, kind) WHERE cleared_at IS NULL DO UPDATE SET text = excluded.text`,
  ).run(caseId, item.kind, item.text, at.toISOString(), eventId);
}

/** Clears the open item of this kind, if any; returns whether there was one. */
export function clearAttention(db: Db, caseId: number, kind: AttentionKind, at: Date, eventId: number | null): boolean {
  return (
    db
      .prepare('UPDATE attention SET cleared_at = ?, cleared_by_event = ? WHERE case_id = ? AND kind = ? AND cleared_at IS NULL')
      .run(at.toISOString(), eventId, caseId, kind).changes > 0
  );
}

export function openAttention(db: Db, caseId: number): Array<{ kind: string; text: string; raisedAt: string }> {
  return db.prepare('SELECT kind, text, raised_at AS raisedAt FROM attention WHERE case_id = ? AND cleared_at IS NULL ORDER BY id').all(caseId) as Array<{
    kind: string;
    text: string;
    raisedAt: string;
  }>;
}

/** The open items of every case that has one, by case (`cases list`: one query, not one per case). */
export function openAttentionByCase(db: Db): Map<number, Array<{ kind: string; text: string }>> {
  const out = new Map<number, Array<{ kind: string; text: string }>>();
  const rows = db.prepare('SELECT case_id AS caseId, kind, text FROM attention WHERE cleared_at IS NULL ORDER BY id').all() as Array<{
    caseId: number;
    kind: string;
    text: string;
  }>;
  for (const { caseId, kind, text } of rows) out.set(caseId, [...(out.get(caseId) ?? []), { kind, text }]);
  return out;
}

/** Every item a case ever had, open and cleared, for `cases show --json` and the record. */
export function attentionHistory(db: Db, caseId: number): AttentionRow[] {
  return db
    .prepare(
      `SELECT id, kind, text, raised_at AS raisedAt, raised_by_event AS raisedByEvent, cleared_at AS clearedAt, cleared_by_event AS clearedByEvent
       FROM attention WHERE case_id = ? ORDER BY id`,
    )
    .all(caseId) as AttentionRow[];
}
