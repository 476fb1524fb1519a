/**
 * What `sectriage cases show` prints: one case with its report fields, thread,
 * attachments (metadata), event log and the deadline engine's reading of it. Report text
 * is printed through format.ts (escaped). Loaded by case-views.ts for `show` only.
 */
import { getCase } from '../cases/store/cases.js';
import { caseEvents } from '../cases/store/event-log.js';
import { caseDetail } from '../cases/store/queries.js';
import type { Db } from '../db/open.js';
import { computeDeadlines } from '../deadlines/engine.js';
import { SectriageError } from '../errors.js';
import type { Policy } from '../policy/schema.js';
import { formatDeadlines } from './format-deadlines.js';
import { formatCase } from './format.js';

/** The bench times this same function. */
export function caseShowView(db: Db, id: string, policyFor: (name: string) => Policy, now: Date, timezone: string, json = false): string {
  const c = getCase(db, id);
  if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${id}`);
  const d = caseDetail(db, c);
  const policy = policyFor(c.policy);
  const deadlines = computeDeadlines(caseEvents(db, c.id), policy, now);
  return json
    ? JSON.stringify({ ...d, deadlines }, null, 2) + '\n'
    : `${formatCase(d)}\n${formatDeadlines(c.tracking_id, policy.title, deadlines, now, timezone)}`;
}
