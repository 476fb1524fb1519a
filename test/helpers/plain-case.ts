// A case with only a subject, recorded through the store as the pipeline would: for tests
// of what is stored around a case (sealing, rotation, doctor) that need no message.
import { insertCase } from '../../src/cases/store/cases.js';
import type { Db } from '../../src/db/open.js';

export function addPlainCase(db: Db, trackingId: string, subject: string): number {
  return db
    .transaction(() =>
      insertCase(db, {
        trackingId,
        reporterName: null,
        reporterEmail: 'rita@example.net',
        subject,
        policy: 'default',
        at: new Date(),
        encryption: 'none',
        signature: 'none',
        signerFingerprint: null,
        relatedCaseId: null,
        noReplyReason: null,
      }),
    )
    .immediate();
}
