// A backlog opened ahead (as the open workers do, here by an opener in this thread that
// opens at once, before the messages in front are recorded) is recorded exactly as one
// opened in turn: the same cases, fields, routes and signature verdicts, in spool order.
import { afterEach, expect, it } from 'vitest';
import { memoryPipeline, pipelineMessage, plainMail, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { duplicatesAhead } from '../cases/store/duplicates.js';
import { pinnedFingerprint, pinnedKey } from '../cases/store/reporter-keys.js';
import { spoolMessage } from '../spool/spool.js';
import type { Opener } from './open-pool.js';
import { openSpooled } from './open-stage.js';
import { processSpool } from './process.js';
import { opened } from '../../test/helpers/opened-sql.js';

const open: MemoryPipeline[] = [];
afterEach(() => open.splice(0).forEach((p) => p.close()));

/** Opens each message the moment it is handed over, reading fields too, like a worker. */
function eagerOpener(p: MemoryPipeline): Opener {
  return {
    window: 8,
    ready: true,
    warm: () => {},
    render: async () => undefined,
    open: (raw) =>
      openSpooled(raw, {
        teamKeys: p.deps.teamKeys.keys,
        limits: p.config.limits,
        members: [],
        readFields: true,
        // As a worker does on its read-only connection: the cases recorded so far, the writer the rest.
        duplicatesAhead: (sketch) => duplicatesAhead(p.db, sketch),
        pinned: async (address) => {
          const fingerprint = pinnedFingerprint(p.db, address);
          const key = fingerprint ? await pinnedKey(p.db, address) : undefined;
          return key && fingerprint ? { key, fingerprint } : undefined;
        },
      }),
    close: async () => {},
  };
}

const BACKLOG = [
  pipelineMessage('signed-with-attached-key.eml'), // pins Rita's key...
  pipelineMessage('signed-by-other-key.eml'), // ...which this one is then judged against
  plainMail({ from: 'ana@example.net', subject: 'SQL injection in export', body: 'The sort parameter of /api/export is injectable.\n\nAna' }),
  plainMail({ from: 'bo@example.net', subject: 'SQL injection in the export API', body: 'The sort parameter of /api/export is injectable too.\n\nBo' }),
];

async function record(withOpener: boolean): Promise<unknown> {
  const p = await memoryPipeline();
  open.push(p);
  for (const raw of BACKLOG) spoolMessage(p.db, { source: 'stdin', raw, receivedAt: new Date('2026-12-01T10:00:00Z') });
  await processSpool({ ...p.deps, ...(withOpener ? { opener: eagerOpener(p) } : {}) });
  const q = (sql: string) => p.db.prepare(sql).all();
  return {
    spool: q('SELECT id, state, disposition, case_id FROM spool ORDER BY id'),
    cases: q(`SELECT id, reporter_email, signature, signer_fingerprint, ${opened('cases', 'subject', 'id')} AS subject FROM cases ORDER BY id`),
    fields: q(`SELECT case_id, field, ${opened('case_fields', 'value')} AS value FROM case_fields ORDER BY case_id, field`),
    keys: q('SELECT email, fingerprint, status FROM reporter_keys ORDER BY id'),
    duplicates: q('SELECT case_id, candidate_id, score, reasons FROM duplicate_candidates ORDER BY case_id, candidate_id'),
  };
}

it('a backlog opened ahead of its recording is recorded as if each message were opened in turn', async () => {
  const inTurn = await record(false);
  const ahead = await record(true);
  expect(ahead).toEqual(inTurn);
  expect((inTurn as { cases: unknown[] }).cases).toHaveLength(4);
});

it('a backlog waits for no worker: until one has loaded, this thread opens the messages itself', async () => {
  const p = await memoryPipeline();
  open.push(p);
  for (const raw of BACKLOG) spoolMessage(p.db, { source: 'stdin', raw, receivedAt: new Date('2026-12-01T10:00:00Z') });
  const eager = eagerOpener(p);
  let warmed = 0;
  let handed = 0;
  let recorded = 0;
  // Loads while the first two messages are recorded, then takes the rest.
  const loading: Opener = {
    ...eager,
    get ready() {
      return recorded >= 2;
    },
    warm: () => void warmed++,
    open: (raw) => {
      handed++;
      return eager.open(raw);
    },
  };
  await processSpool({ ...p.deps, opener: loading, recorded: () => void recorded++ });
  expect(recorded).toBe(4);
  expect(warmed).toBeGreaterThan(0); // started at the first backlog
  expect(handed).toBe(2); // the two after it had loaded
  expect(p.db.prepare("SELECT count(*) AS n FROM spool WHERE state = 'done'").get()).toEqual({ n: 4 });
});
