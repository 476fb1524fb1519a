/**
 * Possible duplicates: when a case opens, its report is compared with the newest open
 * cases and those that look alike are stored with a score and the reasons. The text side
 * works on stored MinHash sketches, so the work per report does not grow with the texts
 * of earlier cases; the few whose estimate comes near the bar are then scored exactly
 * on their texts, so a stored score means what it meant before sketches. On a backlog the
 * open worker that read the report looks first, on its read-only connection, and the
 * recording thread compares only the cases opened since (AheadCandidates). Input: our own
 * rows (report text is the reporter's, but only ever hashed and compared here).
 */
import type { Db } from '../../db/open.js';
import { estimateJaccard, minhash, sketchFromBlob, sketchToBlob } from '../../extract/minhash.js';
import { jaccardPrints, shinglePrints, shingles, similarityGiven, textlessScore, type ReportSketch } from '../../extract/similarity.js';
import type { NewReportSketch } from '../../extract/report-sketch.js';
import { DEFAULTS } from '../../limits.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';
import { COMPONENT_MARK, openCasesToScan } from './open-scan.js';

/** The text and fields a case is compared by: its title and first inbound message. */
function reportSketch(db: Db, caseId: number): ReportSketch {
  const body = db
    .prepare("SELECT case_text(body_text, case_id, 'messages.body_text') AS body_text FROM messages WHERE case_id = ? AND direction = 'in' ORDER BY id LIMIT 1")
    .get(caseId) as { body_text: string | null } | undefined;
  const f = caseSketchFields(db, caseId);
  return {
    text: `${f.title ?? ''}\n${body?.body_text ?? ''}`,
    ...(f.vulnType ? { vulnType: f.vulnType } : {}),
    ...(f.component ? { component: f.component } : {}),
  };
}

/** Title, type and component of a case. */
function caseSketchFields(db: Db, caseId: number): { title?: string; vulnType?: string; component?: string } {
  const rows = db
    .prepare(
      "SELECT field, case_text(value, case_id, 'case_fields.value') AS value FROM case_fields WHERE case_id = ? AND field IN ('vulnType', 'component', 'title')",
    )
    .all(caseId) as Array<{
    field: 'vulnType' | 'component' | 'title';
    value: string;
  }>;
  const out: { title?: string; vulnType?: string; component?: string } = {};
  for (const r of rows) {
    const v = JSON.parse(r.value) as unknown;
    if (typeof v === 'string') out[r.field] = v;
  }
  return out;
}

// A stored sketch never changes (it is written once, when its case opens), so each
// process keeps the ones it has read or written, per database: the scan of up to 500
// open cases per new report then reads ids and two short columns, not 500 blobs of 512
// bytes (issue 11: the scan was the recording thread's largest item).
const sketchesByDb = new WeakMap<Db, Map<number, Uint32Array>>();

function knownSketches(db: Db): Map<number, Uint32Array> {
  let m = sketchesByDb.get(db);
  if (!m) sketchesByDb.set(db, (m = new Map()));
  return m;
}

/** The sketches of these cases: from memory, the missing ones read in one query. */
function sketchesOf(db: Db, ids: number[]): Map<number, Uint32Array> {
  const known = knownSketches(db);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) {
    if (known.size + missing.length > DEFAULTS.duplicateSketchesKept) known.clear();
    const rows = db
      .prepare('SELECT case_id, minhash FROM case_sketches WHERE case_id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(missing)) as Array<{
      case_id: number;
      minhash: Buffer;
    }>;
    for (const r of rows) known.set(r.case_id, sketchFromBlob(r.minhash));
  }
  return known;
}

function storeSketch(db: Db, caseId: number, sketch: ReportSketch, sig: Uint32Array, at: Date): void {
  knownSketches(db).set(caseId, sig);
  db.prepare('INSERT OR REPLACE INTO case_sketches (case_id, minhash, vuln_type, component, made_at) VALUES (?, ?, ?, ?, ?)').run(
    caseId,
    sketchToBlob(sig),
    sketch.vulnType ?? null,
    sealerOf(db).sealText(caseScope(caseId), 'case_sketches.component', sketch.component ?? null),
    at.toISOString(),
  );
}

// The cases exact checks compare with, per database: type, component and the shingles of
// their texts as fingerprints (extract/similarity.ts shinglePrints, ~2 KiB a case), so
// every open case fits and a burst of look-alike reports never reads and shingles the
// same texts again. A new case is put in as it is recorded (from the sketch the open
// worker made), replacing anything kept under its id. Forgotten when the case's fields
// or first message change here; a change made by another process (an `ingest` adding a
// title) is seen once this entry is pushed out.
type Checked = { sketch: Omit<ReportSketch, 'text'>; prints: Float64Array };
const checkedByDb = new WeakMap<Db, Map<number, Checked>>();

function checkedCases(db: Db): Map<number, Checked> {
  let m = checkedByDb.get(db);
  if (!m) checkedByDb.set(db, (m = new Map()));
  return m;
}

function keepChecked(db: Db, caseId: number, c: Checked): void {
  const m = checkedCases(db);
  m.delete(caseId);
  if (m.size >= DEFAULTS.duplicateShinglesKept) m.delete(m.keys().next().value as number);
  m.set(caseId, c);
}

function checkedCase(db: Db, caseId: number): Checked {
  let c = checkedCases(db).get(caseId);
  if (!c) {
    const { text, ...sketch } = reportSketch(db, caseId);
    c = { sketch, prints: shinglePrints(shingles(text)) };
    keepChecked(db, caseId, c);
  }
  return c;
}

/** A case's title, type, component or first message changed: its next exact check reads it again. */
export function forgetCheckedCase(db: Db, caseId: number): void {
  checkedByDb.get(db)?.delete(caseId);
}

/** A field added to a case later (a follow-up that names the component) is seen by the next comparison. */
export function updateSketchFields(db: Db, caseId: number, fields: { vulnType?: unknown; component?: unknown }): void {
  for (const [column, value] of [
    ['vuln_type', fields.vulnType],
    ['component', fields.component],
  ] as const) {
    if (typeof value !== 'string') continue;
    const stored = column === 'component' ? sealerOf(db).sealText(caseScope(caseId), 'case_sketches.component', value) : value;
    db.prepare(`UPDATE case_sketches SET ${column} = ? WHERE case_id = ?`).run(stored, caseId);
  }
}

// The component is sealed (src/seal/): each process keeps the names it has opened, per
// database, beside a mark of the stored value: the sealed value's nonce, random for every
// sealing, so a changed component always has a new mark (a legacy plain value is its own
// mark). The scan of 500 open cases per new report reads the marks, short strings, and
// opens only the components that are new or changed since it last looked: reading 500
// sealed blobs was a third of the scan (issue 11).
const componentsByDb = new WeakMap<Db, Map<number, { mark: string; name: string }>>();

/** The components of these cases (id -> mark), from memory where the mark is unchanged, the rest opened. */
function componentsOf(db: Db, marks: Array<[number, string | null]>): Map<number, string | undefined> {
  let known = componentsByDb.get(db);
  if (!known) componentsByDb.set(db, (known = new Map()));
  const out = new Map<number, string | undefined>();
  const missing: number[] = [];
  for (const [id, mark] of marks) {
    if (mark === null) out.set(id, undefined);
    else if (known.get(id)?.mark === mark) out.set(id, known.get(id)!.name);
    else missing.push(id);
  }
  if (missing.length) {
    if (known.size + missing.length > DEFAULTS.duplicateSketchesKept) known.clear();
    const rows = db
      .prepare(`SELECT s.case_id, s.component, ${COMPONENT_MARK} AS mark FROM case_sketches s WHERE s.case_id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(missing)) as Array<{ case_id: number; component: Buffer | string | null; mark: string | null }>;
    for (const r of rows) {
      const name =
        typeof r.component === 'string' ? r.component : (sealerOf(db).openText(caseScope(r.case_id), 'case_sketches.component', r.component) ?? undefined);
      if (r.mark !== null && name !== undefined) known.set(r.case_id, { mark: r.mark, name });
      out.set(r.case_id, name);
    }
  }
  return out;
}

/**
 * Open cases from before sketches existed get theirs on first use, once: afterwards
 * every case is sketched as it opens, and a marker in settings skips this query.
 */
function sketchOlderCases(db: Db, at: Date): boolean {
  if (db.prepare("SELECT 1 FROM settings WHERE key = 'case_sketches_complete'").get()) return false;
  const missing = db
    .prepare("SELECT id FROM cases c WHERE state != 'closed' AND NOT EXISTS (SELECT 1 FROM case_sketches s WHERE s.case_id = c.id) ORDER BY id DESC LIMIT ?")
    .all(DEFAULTS.duplicateCasesScanned) as Array<{ id: number }>;
  for (const { id } of missing) {
    const sketch = reportSketch(db, id);
    storeSketch(db, id, sketch, minhash(shingles(sketch.text)), at);
  }
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('case_sketches_complete', ?)").run(at.toISOString());
  return missing.length > 0;
}

export interface Candidate {
  candidateId: number;
  score: number;
  reasons: string[];
}

/** An open case whose estimated score comes near the bar: to be scored exactly on its text. */
export interface Near {
  id: number;
  estimate: number;
}

/**
 * What an open worker found ahead, on its read-only connection, before the case exists: the
 * open cases up to `upTo` (the newest case id its snapshot held) whose estimate comes near the
 * bar. The recording thread then estimates only the cases opened since, drops those closed
 * since, and scores the nearest exactly on the texts it keeps, so the scan of up to 500 open
 * cases leaves the single writer (issue 11: a tenth of its time on a backlog) and no worker
 * reads and shingles case texts again. What changed in a case between the two (a component
 * the team set, a case reopened) is seen from the next report on, as a change another
 * process makes is.
 */
export interface AheadCandidates {
  near: Near[];
  upTo: number;
}

/** What a new report is compared by: its type and component, MinHash and shingle prints. */
interface Mine {
  me: Omit<ReportSketch, 'text'>;
  minhash: Uint32Array;
  prints: Float64Array;
}

/**
 * The open cases (other than `notId`, newer than `afterId`, the newest duplicateCasesScanned)
 * whose estimated score comes near the bar, nearest first. Reads only, and no case text, so
 * an open worker runs it on its read-only connection.
 */
function nearAmong(db: Db, mine: Pick<Mine, 'me' | 'minhash'>, notId: number, afterId: number): Near[] {
  const { me } = mine;
  const open = openCasesToScan(db, notId, afterId);
  if (!open.length) return [];
  const sketches = sketchesOf(
    db,
    open.map((o) => o[0]),
  );
  // Without a component of its own, a report matches none: the others' need not be opened.
  const components = me.component
    ? componentsOf(
        db,
        open.map(([id, , mark]) => [id, mark]),
      )
    : new Map<number, string | undefined>();
  return open
    .filter(([id]) => sketches.has(id))
    .map(([id, vulnType]) => ({
      id,
      estimate: textlessScore(
        me,
        { vulnType: vulnType ?? undefined, component: components.get(id) },
        estimateJaccard(mine.minhash, sketches.get(id) as Uint32Array),
      ),
    }))
    .filter((o) => o.estimate >= DEFAULTS.duplicateMinScore - DEFAULTS.duplicateEstimateMargin)
    .sort((x, y) => y.estimate - x.estimate)
    .slice(0, DEFAULTS.duplicateExactChecks);
}

/** An open worker's look at the open cases for a report it has just read (see AheadCandidates). */
export function duplicatesAhead(db: Db, given: NewReportSketch): AheadCandidates {
  const { text: _, ...me } = given.sketch;
  // One snapshot for both: a case committed between them would be neither scanned nor newer than upTo.
  return db.transaction(() => ({
    upTo: (db.prepare('SELECT coalesce(max(id), 0) AS m FROM cases').get() as { m: number }).m,
    near: nearAmong(db, { me, minhash: given.minhash }, 0, 0),
  }))();
}

/** Those of `near` whose case is still open. */
function stillOpen(db: Db, near: Near[]): Near[] {
  if (!near.length) return [];
  const open = new Set(
    db
      .prepare("SELECT id FROM cases WHERE id IN (SELECT value FROM json_each(?)) AND state != 'closed'")
      .pluck()
      .all(JSON.stringify(near.map((n) => n.id))) as number[],
  );
  return near.filter((n) => open.has(n.id));
}

/**
 * Sketches a newly opened case, compares it with the open cases and stores those that
 * look the same. `given` is the case's sketch made without the database (an open worker
 * made it: extract/report-sketch.ts); without it the case's rows are read. `ahead` is what
 * that worker found near among the cases of its snapshot: then only the newer ones are estimated here.
 */
export function recordDuplicateCandidates(db: Db, caseId: number, at: Date, given?: NewReportSketch, ahead?: AheadCandidates): Candidate[] {
  // Cases sketched just now were not in the worker's scan: then all are compared here.
  const older = sketchOlderCases(db, at);
  const me = given?.sketch ?? reportSketch(db, caseId);
  // Shingled here only when the open worker did not (a message opened in this thread).
  let words: Set<string> | undefined;
  const myWords = (): Set<string> => (words ??= shingles(me.text));
  const mine: Mine = {
    me: { vulnType: me.vulnType, component: me.component },
    minhash: given?.minhash ?? minhash(myWords()),
    prints: given?.prints ?? shinglePrints(myWords()),
  };
  storeSketch(db, caseId, me, mine.minhash, at);
  keepChecked(db, caseId, { sketch: mine.me, prints: mine.prints });
  const useAhead = ahead && !older;
  // The nearest by estimate, wherever they were estimated, are scored exactly on their texts.
  const near = [...(useAhead ? stillOpen(db, ahead.near) : []), ...nearAmong(db, mine, caseId, useAhead ? ahead.upTo : 0)]
    .sort((x, y) => y.estimate - x.estimate)
    .slice(0, DEFAULTS.duplicateExactChecks);
  const found = near
    .map((o) => {
      const other = checkedCase(db, o.id);
      return { candidateId: o.id, ...similarityGiven(mine.me, other.sketch, jaccardPrints(mine.prints, other.prints)) };
    })
    .filter((c) => c.score >= DEFAULTS.duplicateMinScore)
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
      `SELECT c.tracking_id, c.state, case_text(c.subject, c.id, 'cases.subject') AS subject, d.score, d.reasons FROM duplicate_candidates d JOIN cases c ON c.id = d.candidate_id WHERE d.case_id = ?
       UNION ALL
       SELECT c.tracking_id, c.state, case_text(c.subject, c.id, 'cases.subject'), d.score, d.reasons FROM duplicate_candidates d JOIN cases c ON c.id = d.case_id WHERE d.candidate_id = ?
       ORDER BY 4 DESC`,
    )
    .all(caseId, caseId) as Array<{ tracking_id: string; state: string; subject: string | null; score: number; reasons: string }>;
  return rows.map((r) => ({ trackingId: r.tracking_id, state: r.state, subject: r.subject, score: r.score, reasons: JSON.parse(r.reasons) as string[] }));
}
