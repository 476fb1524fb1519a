/**
 * Case rows: the typed row, inserting a case, reading it by id or tracking ID, and
 * the column updates the domain actions make. Every write here runs inside the
 * caller's transaction, together with the events and outbox rows of the change.
 */
import type { Db } from '../../db/open.js';
import type { Severity } from '../model/lifecycle.js';
import type { CaseState, Resolution } from '../model/states.js';
import type { Encryption } from '../../open/open-message.js';
import type { SignatureStatus } from '../../open/signatures.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';

export interface CaseRow {
  id: number;
  tracking_id: string;
  state: CaseState;
  reporter_name: string | null;
  reporter_email: string;
  subject: string | null;
  policy: string;
  created_at: string;
  updated_at: string;
  encryption: Encryption;
  signature: SignatureStatus;
  signer_fingerprint: string | null;
  related_case_id: number | null;
  no_reply_reason: string | null;
  // The team's workflow (migration 0004).
  assignee: string | null;
  severity: Severity | null;
  cvss_vector: string | null;
  cve: string | null;
  resolution: Resolution | null;
  duplicate_of: number | null;
  acknowledged_at: string | null;
  closed_at: string | null;
  flag_exploited: 0 | 1;
  flag_public: 0 | 1;
  flag_on_hold: 0 | 1;
  embargo_until: string | null;
  /** When the deadline sweep must look at the case again (migration 0008, deadlines/wake.ts): '' now, null not until something happens. */
  sweep_at: string | null;
}

export function insertCase(
  db: Db,
  c: {
    trackingId: string;
    reporterName: string | null;
    reporterEmail: string;
    subject: string | null;
    policy: string;
    at: Date;
    encryption: Encryption;
    signature: SignatureStatus;
    signerFingerprint: string | null;
    relatedCaseId: number | null;
    noReplyReason: string | null;
  },
): number {
  const at = c.at.toISOString();
  const info = db
    .prepare(
      `INSERT INTO cases (tracking_id, reporter_name, reporter_email, subject, policy, created_at, updated_at,
         encryption, signature, signer_fingerprint, related_case_id, no_reply_reason)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.trackingId,
      c.reporterName,
      c.reporterEmail,
      null,
      c.policy,
      at,
      at,
      c.encryption,
      c.signature,
      c.signerFingerprint,
      c.relatedCaseId,
      c.noReplyReason,
    );
  const id = Number(info.lastInsertRowid);
  // Sealed with the case's own data key, which needs the case's id: set once the row exists.
  if (c.subject != null) db.prepare('UPDATE cases SET subject = ? WHERE id = ?').run(sealerOf(db).sealText(caseScope(id), 'cases.subject', c.subject), id);
  return id;
}

/** Every column of a case, its subject opened (src/seal/sealer.ts): the later `subject` wins in the row. */
const CASE_ROW = "*, case_text(subject, id, 'cases.subject') AS subject";

export function trackingIdExists(db: Db, id: string): boolean {
  return db.prepare('SELECT 1 FROM cases WHERE tracking_id = ?').get(id) !== undefined;
}

export function getCase(db: Db, trackingIdOrId: string | number): CaseRow | undefined {
  return (
    typeof trackingIdOrId === 'number'
      ? db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE id = ?`).get(trackingIdOrId)
      : db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE tracking_id = ?`).get(trackingIdOrId.toUpperCase())
  ) as CaseRow | undefined;
}

export function touchCase(db: Db, caseId: number, at: Date): void {
  db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(at.toISOString(), caseId);
}

/**
 * Sets workflow columns of a case and its updated_at. Column names come from this
 * module's callers in cases/actions (never from input), values are bound.
 */
export function updateCase(db: Db, caseId: number, at: Date, set: Partial<Pick<CaseRow, WorkflowColumn | 'state'>> = {}): void {
  const cols = Object.keys(set) as Array<keyof typeof set>;
  for (const c of cols) if (!WORKFLOW_COLUMNS.includes(c as WorkflowColumn) && c !== 'state') throw new Error(`not a workflow column: ${String(c)}`);
  db.prepare(`UPDATE cases SET ${cols.map((c) => `${c} = ?`).join(', ')}${cols.length ? ', ' : ''}updated_at = ? WHERE id = ?`).run(
    ...cols.map((c) => set[c] ?? null),
    at.toISOString(),
    caseId,
  );
}

const WORKFLOW_COLUMNS = [
  'assignee',
  'severity',
  'cvss_vector',
  'cve',
  'resolution',
  'duplicate_of',
  'acknowledged_at',
  'closed_at',
  'flag_exploited',
  'flag_public',
  'flag_on_hold',
  'embargo_until',
] as const;
type WorkflowColumn = (typeof WORKFLOW_COLUMNS)[number];

/** A requeued report that now opened: the case takes how it opened, and a subject if it had none. */
export function updateCaseOpened(
  db: Db,
  caseId: number,
  o: { encryption: Encryption; signature: SignatureStatus; signerFingerprint: string | null; subject: string | null; relatedCaseId: number | null },
  at: Date,
): void {
  db.prepare(
    'UPDATE cases SET encryption = ?, signature = ?, signer_fingerprint = ?, subject = COALESCE(?, subject), related_case_id = COALESCE(related_case_id, ?), updated_at = ? WHERE id = ?',
  ).run(
    o.encryption,
    o.signature,
    o.signerFingerprint,
    sealerOf(db).sealText(caseScope(caseId), 'cases.subject', o.subject),
    o.relatedCaseId,
    at.toISOString(),
    caseId,
  );
}

/** Points later duplicates of `from` at `to` (a merge moves them along). */
export function repointDuplicates(db: Db, from: number, to: number): void {
  db.prepare('UPDATE cases SET duplicate_of = ? WHERE duplicate_of = ?').run(to, from);
}

/** The case that already carries this CVE id, other than `exceptId`. */
export function caseWithCve(db: Db, cve: string, exceptId: number): CaseRow | undefined {
  return db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE cve = ? AND id != ?`).get(cve, exceptId) as CaseRow | undefined;
}

/** Cases still open (not closed), oldest first: the deadline sweep's work. */
export function openCases(db: Db): CaseRow[] {
  return db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE state != 'closed' ORDER BY id`).all() as CaseRow[];
}

/** A reporter's open cases (a key decision concerns all of them). */
export function openCasesOf(db: Db, email: string): CaseRow[] {
  return db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE reporter_email = ? AND state != 'closed' ORDER BY id`).all(email) as CaseRow[];
}

export function casesReceivedSince(db: Db, since: Date): CaseRow[] {
  // `+id`: sorting by id must not lead SQLite to walk the whole table in id order instead of the created_at index.
  return db.prepare(`SELECT ${CASE_ROW} FROM cases WHERE created_at >= ? ORDER BY +id`).all(since.toISOString()) as CaseRow[];
}

/** When the first case ever recorded arrived, if any. */
export function firstCaseAt(db: Db): string | null {
  return (db.prepare('SELECT min(created_at) AS t FROM cases').get() as { t: string | null }).t;
}

/** The tracking ID of a case by row id. */
export function trackingIdOf(db: Db, id: number): string | undefined {
  return (db.prepare('SELECT tracking_id FROM cases WHERE id = ?').get(id) as { tracking_id: string } | undefined)?.tracking_id;
}

export function countCases(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}
