// Duplicate detection on stored sketches: a case is sketched once as it opens; open cases
// from a database made before sketches get theirs on first use; the stored score is the
// exact text comparison, whatever the estimate was; closed cases are not candidates; an open
// worker's look ahead plus the writer's look at the cases since finds what the writer alone does.
import { afterEach, expect, it } from 'vitest';
import { dbViews, memoryPipeline, plainMail, type MemoryPipeline } from '../../../test/helpers/memory-pipeline.js';
import { similarity } from '../../extract/similarity.js';
import { extractReport } from '../../extract/extract.js';
import { newReportSketch } from '../../extract/report-sketch.js';
import { duplicateCandidates, duplicatesAhead, recordDuplicateCandidates } from './duplicates.js';
import { addFields } from './fields.js';
import { updateInboundMessage } from './messages.js';
import { opened } from '../../../test/helpers/opened-sql.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const body = (who: string, extra = ''): string =>
  [
    'Hello,',
    '',
    'SQL injection in the export endpoint of Acme Billing: the sort parameter is concatenated into the ORDER BY clause.',
    '',
    'Steps to reproduce:',
    '1. GET /api/export?sort=name,(select+sleep(5))',
    '2. The response takes five seconds longer.',
    extra,
    who,
  ].join('\n');

async function report(from: string, text: string): Promise<number> {
  return dbViews(p!.db).spool(await p!.deliver(plainMail({ from, subject: 'SQL injection in Acme Billing export', body: text }))).caseId!;
}

it('sketches each case once as it opens and stores the exact text score, not the estimate', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const first = await report('a@example.net', body('Ana'));
  const second = await report('b@example.net', body('Bo', 'Also reachable through the CSV download button.'));
  expect(p.db.prepare('SELECT case_id FROM case_sketches ORDER BY case_id').all()).toEqual([{ case_id: first }, { case_id: second }]);
  const [dup] = duplicateCandidates(p.db, second);
  const texts = p.db.prepare(`SELECT ${opened('messages', 'body_text')} AS body_text FROM messages WHERE direction = 'in' ORDER BY id`).all() as Array<{
    body_text: string;
  }>;
  const titles = p.db.prepare(`SELECT ${opened('case_fields', 'value')} AS value FROM case_fields WHERE field = 'title' ORDER BY case_id`).all() as Array<{
    value: string;
  }>;
  const exact = similarity(
    { text: `${JSON.parse(titles[1]!.value)}\n${texts[1]!.body_text}` },
    { text: `${JSON.parse(titles[0]!.value)}\n${texts[0]!.body_text}` },
  );
  expect(dup?.reasons.at(-1)).toBe(exact.reasons.at(-1));
});

it('finds an open case from before sketches existed (an upgraded database), sketching it on first use', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const old = await report('a@example.net', body('Ana'));
  p.db.exec("DELETE FROM case_sketches; DELETE FROM settings WHERE key = 'case_sketches_complete'; DELETE FROM duplicate_candidates");
  const fresh = await report('b@example.net', body('Bo'));
  expect(duplicateCandidates(p.db, fresh).map((d) => d.trackingId)).toHaveLength(1);
  expect(p.db.prepare('SELECT count(*) AS n FROM case_sketches WHERE case_id = ?').get(old)).toEqual({ n: 1 });
});

it('does not offer a closed case as a duplicate', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const old = await report('a@example.net', body('Ana'));
  p.db.prepare("UPDATE cases SET state = 'closed' WHERE id = ?").run(old);
  const fresh = await report('b@example.net', body('Bo'));
  expect(duplicateCandidates(p.db, fresh)).toEqual([]);
});

it('keeps the type and component a later message adds in the sketch, so the next comparison sees them', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const id = dbViews(p.db).spool(
    await p.deliver(plainMail({ from: 'a@example.net', subject: 'Hello', body: 'Something is wrong with your site, please call me.\n\nAna' })),
  ).caseId!;
  const sketch = () => p!.db.prepare(`SELECT vuln_type, ${opened('case_sketches', 'component')} AS component FROM case_sketches WHERE case_id = ?`).get(id);
  expect(sketch()).toEqual({ vuln_type: null, component: null });
  const messageId = (p.db.prepare('SELECT id FROM messages WHERE case_id = ?').get(id) as { id: number }).id;
  addFields(
    p.db,
    id,
    messageId,
    { fields: { component: { value: 'Acme Billing export', sources: [] } }, spam: { likely: false, score: 0, reasons: [] } } as never,
    new Date(),
  );
  expect(sketch()).toEqual({ vuln_type: null, component: 'Acme Billing export' });
});

it('stores the same sketch whether the opener made it ahead or the store reads the case back', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const id = await report('a@example.net', body('Ana'));
  const sketchOf = () =>
    p!.db.prepare(`SELECT minhash, vuln_type, ${opened('case_sketches', 'component')} AS component FROM case_sketches WHERE case_id = ?`).get(id) as Record<
      string,
      unknown
    >;
  const ahead = sketchOf();
  p.db.prepare('DELETE FROM case_sketches WHERE case_id = ?').run(id);
  recordDuplicateCandidates(p.db, id, new Date());
  expect(sketchOf()).toEqual(ahead);
});

it('checks a case again on its new text once a requeue changed its message, not on the text it had', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const first = await report('a@example.net', body('Ana'));
  const second = await report('b@example.net', body('Bo'));
  expect(duplicateCandidates(p.db, second).map((d) => d.trackingId)).toHaveLength(1);
  // The first case's message now says something else entirely (as a requeued message that opens does).
  const messageId = p.db.prepare("SELECT id FROM messages WHERE case_id = ? AND direction = 'in'").pluck().get(first) as number;
  updateInboundMessage(p.db, messageId, {
    subject: 'Other',
    bodyText: 'A typo on the pricing page, nothing more to it at all, sorry for the noise.',
    unencryptedText: null,
    encryption: 'none',
    signatures: [],
    protectedFrom: null,
    payloadHashes: [],
  });
  p.db.prepare("UPDATE case_fields SET value = '\"Other\"' WHERE case_id = ? AND field = 'title'").run(first);
  const third = await report('c@example.net', body('Cy'));
  const firstId = p.db.prepare('SELECT tracking_id FROM cases WHERE id = ?').pluck().get(first);
  const againstFirst = duplicateCandidates(p.db, third).find((d) => d.trackingId === firstId);
  // Still alike by type and component, but its text is compared as it is now: no overlap left.
  expect(againstFirst?.reasons).toContain('text:0.00');
});

/** A report's sketch as an open worker makes it, before its case exists. */
const workerSketch = (text: string) => newReportSketch(extractReport({ text, subject: 'SQL injection in Acme Billing export' }), text);
const stored = (id: number) => p!.db.prepare('SELECT candidate_id, score, reasons FROM duplicate_candidates WHERE case_id = ? ORDER BY candidate_id').all(id);

it("a worker's look ahead, less the cases closed since, plus the writer's look at the cases opened since, finds what the writer alone finds", async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const a = await report('a@example.net', body('Ana'));
  const b = await report('b@example.net', body('Bo'));
  const text = body('Cy', 'Also reachable through the CSV download button.');
  const sketch = workerSketch(text);
  const ahead = duplicatesAhead(p.db, sketch);
  expect(ahead.upTo).toBe(b);
  expect(ahead.near.map((n) => n.id).sort()).toEqual([a, b]);
  // Meanwhile the team closes one, and another report like it is recorded.
  p.db.prepare("UPDATE cases SET state = 'closed' WHERE id = ?").run(a);
  const d = await report('d@example.net', body('Di'));
  const c = await report('c@example.net', text);
  p.db.prepare('DELETE FROM duplicate_candidates WHERE case_id = ?').run(c);
  recordDuplicateCandidates(p.db, c, new Date(), sketch, ahead);
  const split = stored(c);
  expect(split.map((r) => (r as { candidate_id: number }).candidate_id)).toEqual([b, d]);
  p.db.prepare('DELETE FROM duplicate_candidates WHERE case_id = ?').run(c);
  recordDuplicateCandidates(p.db, c, new Date(), sketch);
  expect(stored(c)).toEqual(split);
});

it('compares every open case itself when it has just sketched older ones the worker could not see (an upgraded database)', async () => {
  p = await memoryPipeline({ config: { policy: 'cgx' } });
  const old = await report('a@example.net', body('Ana'));
  p.db.exec("DELETE FROM case_sketches; DELETE FROM settings WHERE key = 'case_sketches_complete'; DELETE FROM duplicate_candidates");
  const text = body('Bo');
  const sketch = workerSketch(text);
  const ahead = duplicatesAhead(p.db, sketch);
  expect(ahead.near).toEqual([]); // no sketch to compare with yet
  const fresh = await report('b@example.net', text);
  // Back as the worker saw it: the writer sketches the old case now, and must compare it itself.
  p.db.exec("DELETE FROM case_sketches; DELETE FROM settings WHERE key = 'case_sketches_complete'; DELETE FROM duplicate_candidates");
  recordDuplicateCandidates(p.db, fresh, new Date(), sketch, ahead);
  expect(stored(fresh).map((r) => (r as { candidate_id: number }).candidate_id)).toEqual([old]);
});
