// The open cases an open worker's duplicate scan estimates against, kept on its read-only
// connection and caught up from the event log: after each change a team or a report makes
// (a case opened, closed, reopened, a component named later), what the kept list gives is
// what a fresh read of the database gives.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { dbViews, memoryPipeline, plainMail, type MemoryPipeline } from '../../../test/helpers/memory-pipeline.js';
import { openDatabaseReadOnly, type Db } from '../../db/open.js';
import { DEFAULTS } from '../../limits.js';
import { addNote, changeState, loadCase, type ActionContext } from '../actions/index.js';
import { openCasesToScan } from './open-scan.js';

let dir: string;
let p: MemoryPipeline;
let reader: Db;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sectriage-open-scan-'));
  p = await memoryPipeline({ config: { policy: 'cgx' }, database: join(dir, 'sectriage.db') });
  reader = openDatabaseReadOnly(join(dir, 'sectriage.db'));
});

afterEach(() => {
  reader.close();
  p.close();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (): ActionContext => ({
  db: p.db,
  now: new Date('2026-11-23T10:00:00Z'),
  actor: 'cli:alice',
  reporterNotices: [],
  teamAddress: 'security@example.com',
  timezone: 'UTC',
});

async function report(n: number, body = 'SQL injection in the export endpoint: the sort parameter reaches ORDER BY.'): Promise<number> {
  const spool = await p.deliver(plainMail({ from: `r${n}@example.net`, subject: `Report ${n}`, body }));
  return dbViews(p.db).spool(spool).caseId!;
}

const tid = (id: number) => (p.db.prepare('SELECT tracking_id FROM cases WHERE id = ?').get(id) as { tracking_id: string }).tracking_id;

/** What the worker's kept list gives, and what a fresh read by the writer gives, in one snapshot each. */
const kept = () => reader.transaction(() => openCasesToScan(reader, 0, 0))();
const fresh = () => openCasesToScan(p.db, 0, 0);

it('gives what a fresh read gives after cases open, close and reopen through the domain actions', async () => {
  const a = await report(1);
  const b = await report(2);
  expect(kept().map((r) => r[0])).toEqual([b, a]);
  const c = await report(3);
  p.db.transaction(() => changeState(ctx(), loadCase(p.db, tid(a)), { to: 'closed', resolution: 'informative' }))();
  expect(kept()).toEqual(fresh());
  expect(kept().map((r) => r[0])).toEqual([c, b]);
  p.db.transaction(() => changeState(ctx(), loadCase(p.db, tid(a)), { to: 'reopen' }))();
  expect(kept().map((r) => r[0])).toEqual([c, b, a]);
});

it('sees a component a follow-up names later (its mark changes), as a fresh read does', async () => {
  const a = await report(1, 'Something is wrong with the login.');
  const before = kept().find((r) => r[0] === a);
  expect(before?.[2]).toBeNull();
  const trackingId = tid(a);
  await p.deliver(
    plainMail({ from: 'r1@example.net', subject: `Re: [${trackingId}] Report 1`, body: 'Component: Acme Billing export API\nType: SQL injection' }),
  );
  expect(kept()).toEqual(fresh());
  expect(kept().find((r) => r[0] === a)?.[2]).not.toBeNull();
});

it('reads the list whole again when cases closed out of a partial list leave it short', async () => {
  const old = DEFAULTS.duplicateCasesScanned;
  (DEFAULTS as { duplicateCasesScanned: number }).duplicateCasesScanned = 2;
  try {
    const ids = [];
    for (let n = 1; n <= 6; n++) ids.push(await report(n));
    expect(kept().map((r) => r[0])).toEqual([ids[5], ids[4]]);
    // One at a time, each caught up from its own events.
    for (const id of ids.slice(2).reverse()) {
      p.db.transaction(() => changeState(ctx(), loadCase(p.db, tid(id)), { to: 'closed', resolution: 'spam' }))();
      expect(kept()).toEqual(fresh());
    }
    expect(kept().map((r) => r[0])).toEqual([ids[1], ids[0]]);
  } finally {
    (DEFAULTS as { duplicateCasesScanned: number }).duplicateCasesScanned = old;
  }
});

it('does not let a note on a case below a partial list stand in for the open cases it never read', async () => {
  const old = DEFAULTS.duplicateCasesScanned;
  (DEFAULTS as { duplicateCasesScanned: number }).duplicateCasesScanned = 2;
  try {
    const ids: number[] = [];
    for (let n = 1; n <= 6; n++) ids.push(await report(n));
    expect(kept().map((r) => r[0])).toEqual([ids[5], ids[4]]); // four read: the oldest two are below the list
    p.db.transaction(() => addNote(ctx(), loadCase(p.db, tid(ids[0]!)), 'looked at it'))();
    expect(kept()).toEqual(fresh());
    for (const id of [ids[5], ids[4], ids[3]]) {
      p.db.transaction(() => changeState(ctx(), loadCase(p.db, tid(id!)), { to: 'closed', resolution: 'spam' }))();
      expect(kept()).toEqual(fresh());
    }
    expect(kept().map((r) => r[0])).toEqual([ids[2], ids[1]]);
  } finally {
    (DEFAULTS as { duplicateCasesScanned: number }).duplicateCasesScanned = old;
  }
});
