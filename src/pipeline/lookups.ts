/** decide()'s lookups, answered by the case store (inside the recording transaction). */
import { getCase } from '../cases/store/cases.js';
import { caseForInboundMessageId, caseForOurMessageIds, caseForReporterThread, messageWithPayload } from '../cases/store/messages.js';
import type { Db } from '../db/open.js';
import type { Lookups } from './decide.js';

export function storeLookups(db: Db): Lookups {
  return {
    caseForInboundMessageId: (id) => caseForInboundMessageId(db, id),
    caseForOurMessageIds: (ids) => caseForOurMessageIds(db, ids),
    caseForReporterThread: (ids, from) => caseForReporterThread(db, ids, from),
    firstWithPayload: (hashes, except) => {
      const m = messageWithPayload(db, hashes, except);
      return m ? { caseId: m.case_id, from: m.from_addr } : undefined;
    },
    reporterOf: (id) => getCase(db, id)?.reporter_email,
    caseByTrackingId: (tid) => {
      const c = getCase(db, tid);
      return c ? { id: c.id, reporter: c.reporter_email } : undefined;
    },
  };
}
