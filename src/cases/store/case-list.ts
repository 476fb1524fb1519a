/**
 * The list of cases for the CLI (`cases list`), one row per case with its open attention
 * items and message count, and the possible duplicates of many cases at once (the
 * digest). Its own module, apart from the one-case view in queries.ts, so listing
 * loads no more than it needs (CLI cold start, issue 11). Read-only; our own rows.
 */
import type { Db } from '../../db/open.js';
import { attentionLine } from '../model/attention.js';
import { openAttentionByCase } from './attention.js';
import { caseScope, sealerOf } from '../../seal/sealer.js';

export interface CaseListItem {
  trackingId: string;
  state: string;
  reporter: string;
  subject: string | null;
  createdAt: string;
  encryption: string;
  signature: string;
  attention: string | null;
  messages: number;
  assignee?: string | null;
  severity?: string | null;
  /** With the overdue filter: the milestones past due. */
  overdue?: Array<{ milestone: string; due: string }>;
}

export interface CaseFilter {
  /** Any of these states (checked by the caller). */
  state?: readonly string[] | undefined;
  /** Any of these assignees, case-insensitive; "none" is the unassigned. */
  assignee?: readonly string[] | undefined;
  /**
   * Only these cases, each with its milestones past due: the deadline engine's reading
   * (deadlines/current.ts overdueCases), given by the caller so this store stays below it.
   */
  overdue?: ReadonlyMap<number, Array<{ milestone: string; due: string }>> | undefined;
}

/** A listed row as an array (better-sqlite3's raw mode), in the order of LIST_COLUMNS. */
type ListedRow = [
  id: number,
  trackingId: string,
  state: string,
  reporterName: string | null,
  reporterEmail: string,
  subject: string | null,
  createdAt: string,
  encryption: string,
  signature: string,
  assignee: string | null,
  severity: string | null,
  messages: number,
];

// The columns the list shows, not c.*: a list of 10,000 cases paid for every column of every row (issue 11).
const LIST_COLUMNS = `c.id, c.tracking_id, c.state, c.reporter_name, c.reporter_email, case_text(c.subject, c.id, 'cases.subject'), c.created_at, c.encryption, c.signature, c.assignee, c.severity,
  (SELECT count(*) FROM messages m WHERE m.case_id = c.id)`;

/** The WHERE clause (empty, or starting with WHERE) and its arguments of a filter. */
function whereOf(filter: CaseFilter): { where: string; args: string[] } {
  const where: string[] = [];
  const args: string[] = [];
  if (filter.state?.length) {
    where.push(`c.state IN (${filter.state.map(() => '?').join(', ')})`);
    args.push(...filter.state);
  }
  if (filter.assignee?.length) {
    const named = filter.assignee.filter((a) => a.toLowerCase() !== 'none');
    const any = [
      ...(named.length ? [`lower(c.assignee) IN (${named.map(() => 'lower(?)').join(', ')})`] : []),
      ...(named.length < filter.assignee.length ? ['c.assignee IS NULL'] : []),
    ];
    where.push(`(${any.join(' OR ')})`);
    args.push(...named);
  }
  if (filter.overdue) {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify([...filter.overdue.keys()]));
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** How many cases the filter matches, without reading them (what a list leaves out, e.g. the closed ones). */
export function countCasesIn(db: Db, state: readonly string[], assignee?: readonly string[]): number {
  const { where, args } = whereOf({ state, assignee });
  return (db.prepare(`SELECT count(*) AS n FROM cases c ${where}`).get(...args) as { n: number }).n;
}

export function listCases(db: Db, filter: CaseFilter = {}): CaseListItem[] {
  const { where, args } = whereOf(filter);
  const overdue = filter.overdue;
  // The listed cases' data keys in one query, before their subjects are opened row by row.
  const ids = db.prepare(`SELECT c.id FROM cases c ${where}`).all(...args) as Array<{ id: number }>;
  sealerOf(db).prefetch(ids.map((r) => caseScope(r.id)));
  const stmt = db.prepare(`SELECT ${LIST_COLUMNS} FROM cases c ${where} ORDER BY c.created_at, c.id`);
  // Rows as arrays: a row object per case cost a third of the query in a fresh CLI process. The
  // mode is put back at once, since open.ts shares compiled statements by their text.
  let rows: ListedRow[];
  try {
    rows = stmt.raw(true).all(...args) as ListedRow[];
  } finally {
    stmt.raw(false);
  }
  const attention = openAttentionByCase(db);
  return rows.map(([id, trackingId, state, reporterName, reporterEmail, subject, createdAt, encryption, signature, assignee, severity, messages]) => {
    const open = attention.get(id);
    const item: CaseListItem = {
      trackingId,
      state,
      reporter: reporterName ? `${reporterName} <${reporterEmail}>` : reporterEmail,
      subject,
      createdAt,
      encryption,
      signature,
      attention: open ? attentionLine(open) : null,
      messages,
      assignee,
      severity,
    };
    const due = overdue?.get(id);
    if (due) item.overdue = due;
    return item;
  });
}

/** The tracking IDs of each case's possible duplicates, best first: duplicates.ts's duplicateCandidates for many cases in one query (the digest). */
export function possibleDuplicatesOf(db: Db, caseIds: number[]): Map<number, string[]> {
  const ids = JSON.stringify(caseIds);
  const rows = db
    .prepare(
      `SELECT d.case_id AS me, c.tracking_id AS other, d.score FROM duplicate_candidates d JOIN cases c ON c.id = d.candidate_id
       WHERE d.case_id IN (SELECT value FROM json_each(?))
       UNION ALL
       SELECT d.candidate_id AS me, c.tracking_id AS other, d.score FROM duplicate_candidates d JOIN cases c ON c.id = d.case_id
       WHERE d.candidate_id IN (SELECT value FROM json_each(?))`,
    )
    .all(ids, ids) as Array<{ me: number; other: string; score: number }>;
  const byCase = new Map<number, Array<{ other: string; score: number }>>();
  for (const r of rows) byCase.set(r.me, [...(byCase.get(r.me) ?? []), r]);
  return new Map([...byCase].map(([id, list]) => [id, list.sort((a, b) => b.score - a.score).map((x) => x.other)]));
}
