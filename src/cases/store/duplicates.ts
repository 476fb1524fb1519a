/**
 * Possible duplicates: when a case opens, its report is compared with the newest open
 * cases and those that look alike are stored with a score and the reasons. The text side
 * works on stored MinHash sketches, so the work per report does not grow with the texts
 * of earlier cases; the few whose estimate comes near the bar are then scored exactly
 * on their texts, so a stored score means what it meant before sketches. Input: our own
 * rows (report text is the reporter's, but only ever hashed and compared here).
 */
import type { Db } from '../../db/open.js';
import { estimateJaccard, minhash, sketchFromBlob, sketchToBlob } from '../../extract/minhash.js';
import { jaccard, shingles, similarityGiven, textlessScore, type ReportSketch } from '../../extract/similarity.js';
import { DEFAULTS } from '../../limits.js';

/** The text and fields a case is compared by: its title and first inbound message. */
function reportSketch(db: Db, caseId: number): ReportSketch {
  const body = db.prepare("SELECT body_text FROM messages WHERE case_id = ? AND direction = 'in' ORDER BY id LIMIT 1").get(caseId) as
    { body_text: string | null } | undefined;
  const f = caseSketchFields(db, [caseId], true).get(caseId) ?? {};
  return {
    text: `${f.title ?? ''}\n${body?.body_text ?? ''}`,
    ...(f.vulnType ? { vulnType: f.vulnType } : {}),
    ...(f.component ? { component: f.component } : {}),
  };
}

/** Type and component (and the title, when asked) of many cases in one query. */
function caseSketchFields(db: Db, ids: number[], withTitle = false): Map<number, { title?: string; vulnType?: string; component?: string }> {
  const out = new Map<number, { title?: string; vulnType?: string; component?: string }>();
  if (ids.length === 0) return out;
  const rows = db
    .prepare(`SELECT case_id, field, value FROM case_fields WHERE field IN ('vulnType', 'component', ?) AND case_id IN (SELECT value FROM json_each(?))`)
    .all(withTitle ? 'title' : 'vulnType', JSON.stringify(ids)) as Array<{ case_id: number; field: 'vulnType' | 'component' | 'title'; value: string }>;
  for (const r of rows) {
    const v = JSON.parse(r.value) as unknown;
    if (typeof v === 'string') out.set(r.case_id, { ...out.get(r.case_id), [r.field]: v });
  }
  return out;
}

function storeSketch(db: Db, caseId: number, sig: Uint32Array, at: Date): void {
  db.prepare('INSERT OR REPLACE INTO case_sketches (case_id, minhash, made_at) VALUES (?, ?, ?)').run(caseId, sketchToBlob(sig), at.toISOString());
}

/**
 * Open cases from before sketches existed get theirs on first use, once: afterwards
 * every case is sketched as it opens, and a marker in settings skips this query.
 */
function sketchOlderCases(db: Db, at: Date): void {
  if (db.prepare("SELECT 1 FROM settings WHERE key = 'case_sketches_complete'").get()) return;
  const missing = db
    .prepare("SELECT id FROM cases c WHERE state != 'closed' AND NOT EXISTS (SELECT 1 FROM case_sketches s WHERE s.case_id = c.id) ORDER BY id DESC LIMIT ?")
    .all(DEFAULTS.duplicateCasesScanned) as Array<{ id: number }>;
  for (const { id } of missing) storeSketch(db, id, minhash(shingles(reportSketch(db, id).text)), at);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('case_sketches_complete', ?)").run(at.toISOString());
}

/** Sketches a newly opened case, compares it with the open cases and stores those that look the same. */
export function recordDuplicateCandidates(db: Db, caseId: number, at: Date): Array<{ candidateId: number; score: number; reasons: string[] }> {
  sketchOlderCases(db, at);
  const me = reportSketch(db, caseId);
  const myShingles = shingles(me.text);
  const mine = minhash(myShingles);
  storeSketch(db, caseId, mine, at);
  const open = db
    .prepare("SELECT c.id, s.minhash FROM cases c JOIN case_sketches s ON s.case_id = c.id WHERE c.id != ? AND c.state != 'closed' ORDER BY c.id DESC LIMIT ?")
    .all(caseId, DEFAULTS.duplicateCasesScanned) as Array<{ id: number; minhash: Buffer }>;
  const fields = caseSketchFields(
    db,
    open.map((o) => o.id),
  );
  // Estimated score first; only cases within reach of the bar are scored on their texts.
  const near = open
    .map((o) => ({ id: o.id, estimate: textlessScore(me, fields.get(o.id) ?? {}, estimateJaccard(mine, sketchFromBlob(o.minhash))) }))
    .filter((o) => o.estimate >= DEFAULTS.duplicateMinScore - DEFAULTS.duplicateEstimateMargin)
    .sort((x, y) => y.estimate - x.estimate)
    .slice(0, DEFAULTS.duplicateExactChecks);
  const found = near
    .map((o) => {
      const other = reportSketch(db, o.id);
      return { candidateId: o.id, ...similarityGiven(me, other, jaccard(myShingles, shingles(other.text))) };
    })
    .filter((s) => s.score >= DEFAULTS.duplicateMinScore)
    .sort((x, y) => y.score - x.score)
    .slice(0, DEFAULTS.duplicateMaxCandidates);
  const insert = db.prepare('INSERT OR REPLACE INTO duplicate_candidates (case_id, candidate_id, score, reasons, at) VALUES (?, ?, ?, ?, ?)');
  for (const f of found) insert.run(caseId, f.candidateId, f.score, JSON.stringify(f.reasons), at.toISOString());
  return found;
}

export interface DuplicateCandidate {
  trackingId: string;
  state: string;
  subject: string | null;
  score: number;
  reasons: string[];
}

/** The possible duplicates of a case, best first: cases it resembles and cases that resemble it. */
export function duplicateCandidates(db: Db, caseId: number): DuplicateCandidate[] {
  const rows = db
    .prepare(
      `SELECT c.tracking_id, c.state, c.subject, d.score, d.reasons FROM duplicate_candidates d JOIN cases c ON c.id = d.candidate_id WHERE d.case_id = ?
       UNION ALL
       SELECT c.tracking_id, c.state, c.subject, d.score, d.reasons FROM duplicate_candidates d JOIN cases c ON c.id = d.case_id WHERE d.candidate_id = ?
       ORDER BY 4 DESC`,
    )
    .all(caseId, caseId) as Array<{ tracking_id: string; state: string; subject: string | null; score: number; reasons: string }>;
  return rows.map((r) => ({ trackingId: r.tracking_id, state: r.state, subject: r.subject, score: r.score, reasons: JSON.parse(r.reasons) as string[] }));
}
