/**
 * People credited on a case (migration 0004): its reporter, and the reporters of the
 * duplicates merged into it, each once.
 */
import type { Db } from '../../db/open.js';

/** Credits someone on a case; false when they already were. */
export function addCredit(db: Db, caseId: number, who: { email: string; name: string | null }, viaCaseId: number | null, at: Date): boolean {
  return (
    db
      .prepare('INSERT OR IGNORE INTO case_credits (case_id, email, name, via_case_id, added_at) VALUES (?, ?, ?, ?, ?)')
      .run(caseId, who.email, who.name, viaCaseId, at.toISOString()).changes > 0
  );
}

export function creditsOf(db: Db, caseId: number): Array<{ email: string; name: string | null }> {
  return db.prepare('SELECT email, name FROM case_credits WHERE case_id = ? ORDER BY id').all(caseId) as Array<{ email: string; name: string | null }>;
}

/** For views: each credited person with the duplicate that brought them (a tracking ID), if any. */
export function credits(db: Db, caseId: number): Array<{ email: string; name: string | null; via: string | null }> {
  return db
    .prepare(
      'SELECT cc.email, cc.name, v.tracking_id AS via FROM case_credits cc LEFT JOIN cases v ON v.id = cc.via_case_id WHERE cc.case_id = ? ORDER BY cc.id',
    )
    .all(caseId) as Array<{ email: string; name: string | null; via: string | null }>;
}

/** The cases merged into this one whose reporters it credits, in the order they were merged. */
export function mergedCreditCases(db: Db, caseId: number): Array<{ id: number; tracking_id: string }> {
  return db
    .prepare('SELECT DISTINCT v.id, v.tracking_id FROM case_credits cc JOIN cases v ON v.id = cc.via_case_id WHERE cc.case_id = ? ORDER BY cc.id')
    .all(caseId) as Array<{ id: number; tracking_id: string }>;
}
