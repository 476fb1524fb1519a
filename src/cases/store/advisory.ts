/**
 * Reads what a case's advisory is made of: the team's advisory fields (the fold of its
 * `advisory_set` events, model/advisory.ts), whether an advisory was marked published,
 * and the CRA notifications recorded. Read-only: the events are written by actions/advisory.ts.
 */
import type { Db } from '../../db/open.js';
import { foldAdvisory, type AdvisoryFields } from '../model/advisory.js';
import type { CraNotification } from '../model/cra.js';
import { parseEventBody } from '../model/events.js';

interface Row {
  type: string;
  data: string;
  at: string;
}

function rows(db: Db, caseId: number, types: string[]): Row[] {
  return db
    .prepare(
      `SELECT type, case_text(data, case_id, 'events.data') AS data, at FROM events WHERE case_id = ? AND type IN (${types.map(() => '?').join(', ')}) ORDER BY id`,
    )
    .all(caseId, ...types) as Row[];
}

export function advisoryFieldsOf(db: Db, caseId: number): AdvisoryFields {
  return foldAdvisory(rows(db, caseId, ['advisory_set']).map((r) => parseEventBody(r.type, r.data)));
}

/** When an advisory was first marked published, if ever. */
export function advisoryPublishedAt(db: Db, caseId: number): string | null {
  return rows(db, caseId, ['advisory_published'])[0]?.at ?? null;
}

/** The CRA notifications recorded on a case, each with when it was first recorded. */
export function craNotificationsOf(db: Db, caseId: number): Partial<Record<CraNotification, string>> {
  const out: Partial<Record<CraNotification, string>> = {};
  for (const r of rows(db, caseId, ['cra_notified'])) {
    const e = parseEventBody(r.type, r.data);
    if (e.type === 'cra_notified') out[e.data.notification] ??= r.at;
  }
  return out;
}
