// Report fields on arrival and on follow-up: a new report's fields are stored with their
// sources; the acknowledgement asks once, by our labels and without the report's words,
// for what the policy (cgx) still needs; a follow-up that supplies a missing field
// records `fields_updated` and is not asked again; likely spam is asked nothing; a case
// like an open one lists it as a possible duplicate, both ways. What `cases show`
// prints of it is checked on the stored detail (formatReportFields).
import { afterEach, describe, expect, it } from 'vitest';
import { dbViews, memoryPipeline, plainMail, type MemoryPipeline } from '../../test/helpers/memory-pipeline.js';
import { caseEvents } from '../cases/store/event-log.js';
import { duplicateCandidates } from '../cases/store/duplicates.js';
import { caseFields, reportFieldsDetail, reportMeta } from '../cases/store/fields.js';
import { formatReportFields } from '../cli/format-fields.js';
import { render, type MailParams } from '../outbox/templates.js';

let p: MemoryPipeline | undefined;
afterEach(() => p?.close());

const RITA = 'rita@example.net';
const views = () => dbViews(p!.db);
const REPORT = [
  'Hello,',
  '',
  'Stored HTML injection in the comment form of Acme Forum: the comment body is rendered without escaping.',
  '',
  'Steps to reproduce:',
  '1. Post a comment containing <b>bold</b><img src=x>',
  '2. Open the thread as an administrator',
  '',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
  '',
  'Rita',
].join('\n');
const cgx = () => memoryPipeline({ config: { policy: 'cgx' } });
const field = (caseId: number, name: string) => caseFields(p!.db, caseId).find((f) => f.field === name);

describe('report fields', () => {
  it('stores the fields with their sources and asks once, by our labels, for what the policy still needs', async () => {
    p = await cgx();
    const s = views().spool(await p.deliver(plainMail({ from: RITA, subject: 'HTML injection in comments', body: REPORT })));
    const caseId = s.caseId!;
    expect(field(caseId, 'vulnType')?.value).toBe('html injection');
    expect(field(caseId, 'cvss')?.value).toMatchObject({ valid: true, score: 5.4, severity: 'Medium' });
    const body = views().inbound()[0]!.bodyText;
    const span = field(caseId, 'steps')!.sources[0] as { start: number; end: number };
    expect(body.slice(span.start, span.end)).toMatch(/^1\. Post a comment.*\n2\. Open the thread as an administrator$/s);
    // cgx requires type, versions, components, steps and impact: versions and impact are missing.
    expect(reportMeta(p.db, caseId)).toMatchObject({ missingRequired: ['affectedVersions', 'impact'], asked: ['affectedVersions', 'impact'] });
    expect(caseEvents(p.db, caseId).find((e) => e.type === 'fields_extracted')?.data).toMatchObject({ missing: ['affectedVersions', 'impact'] });

    const [ack] = views().outbox();
    expect(ack!.params.missing).toEqual(['the affected version(s)', 'the impact: what an attacker could achieve']);
    const text = render(ack!.params as unknown as MailParams, false).text;
    expect(text).toContain('we would also need:');
    expect(text).toContain('  - the affected version(s)');
    expect(text).toContain('  - the impact: what an attacker could achieve');
    expect(text).not.toContain('step-by-step instructions');
    // The plain acknowledgement carries field names only, never the report's words.
    expect(`${text}\n${JSON.stringify(ack!.params)}`).not.toMatch(/alert|Acme Forum|comment/i);

    // What `cases show` prints of it.
    const shown = formatReportFields(reportFieldsDetail(p.db, caseId), new Map([[views().inbound()[0]!.id, 1]])).join('\n');
    expect(shown).toMatch(/vulnType\s+html injection\n\s+from subject/); // the subject names the type first
    expect(shown).toMatch(/steps\s+1\. Post a comment .*\n\s+from message 1 chars \d+-\d+/);
    expect(shown).toContain('5.4 Medium (CVSS 3.1) CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N');
  });

  it('takes a missing field from a follow-up that quotes our acknowledgement, records fields_updated, and asks nothing again', async () => {
    p = await cgx();
    const caseId = views().spool(await p.deliver(plainMail({ from: RITA, subject: 'HTML injection in comments', body: REPORT }))).caseId!;
    const tid = views().cases()[0]!.tracking_id;
    // The reply quotes our acknowledgement, whose field list must not count as the reporter's words.
    const reply = [
      'Affected versions: 2.4.0 and 2.4.1',
      '',
      '> To assess your report quickly, we would also need:',
      '> - the type of vulnerability (e.g. SQL injection, XSS, buffer overflow)',
    ].join('\n');
    const s = views().spool(await p.deliver(plainMail({ from: RITA, subject: `Re: [${tid}] Your security report was received`, body: reply })));
    expect([s.disposition, s.caseId]).toEqual(['followup', caseId]);
    const updated = caseEvents(p.db, caseId).filter((e) => e.type === 'fields_updated');
    expect(updated).toHaveLength(1);
    const spoolIdOfEvent = (p.db.prepare("SELECT spool_id FROM events WHERE case_id = ? AND type = 'fields_updated'").get(caseId) as { spool_id: number })
      .spool_id;
    expect(updated[0]!.data).toMatchObject({ fields: ['affectedVersions'], spoolId: spoolIdOfEvent });
    expect(spoolIdOfEvent).toBe(p.db.prepare('SELECT max(id) AS id FROM spool').pluck().get());
    expect(field(caseId, 'affectedVersions')?.value).toBe('2.4.0, 2.4.1');
    expect(field(caseId, 'affectedVersions')?.messageId).toBe(views().inbound()[1]!.id);
    expect(field(caseId, 'vulnType')?.value).toBe('html injection');
    expect(reportMeta(p.db, caseId)).toMatchObject({ missingRequired: ['impact'], asked: ['affectedVersions', 'impact'] });
    // Asked once: the follow-up brings no second request.
    expect(views().outbox()).toHaveLength(1);
    const inbound = views().inbound();
    const shown = formatReportFields(reportFieldsDetail(p.db, caseId), new Map(inbound.map((m, i) => [m.id, i + 1]))).join('\n');
    expect(shown).toMatch(/affectedVersions\s+2\.4\.0, 2\.4\.1\n\s+from message 2 chars/);
    expect(shown).toContain('Missing (required by the policy): the impact: what an attacker could achieve');
  });

  it('lists an open case with the same type, component and wording as a possible duplicate, from both sides', async () => {
    p = await cgx();
    const first = views().spool(await p.deliver(plainMail({ from: RITA, subject: 'HTML injection in comments', body: REPORT }))).caseId!;
    const other = 'other@example.org';
    const second = views().spool(
      await p.deliver(
        plainMail({ from: other, subject: 'Stored HTML injection in Acme Forum comments', body: REPORT.replace('Hello,', 'Hi team,').replace('Rita', 'Olu') }),
      ),
    ).caseId!;
    const [c1, c2] = views().cases();
    const dup = duplicateCandidates(p.db, second);
    expect(dup.map((d) => d.trackingId)).toEqual([c1!.tracking_id]);
    expect(dup[0]!.reasons.slice(0, 2)).toEqual(['same_type', 'same_component']);
    expect(dup[0]!.reasons[2]).toMatch(/^text:/);
    expect(dup[0]!.score).toBeGreaterThan(0);
    expect(duplicateCandidates(p.db, first).map((d) => d.trackingId)).toEqual([c2!.tracking_id]);
    expect(caseEvents(p.db, second).find((e) => e.type === 'fields_extracted')?.data).toMatchObject({ duplicateCandidates: 1 });
    const shown = formatReportFields(reportFieldsDetail(p.db, second)).join('\n');
    expect(shown).toMatch(new RegExp(`Possible duplicates:\\n\\s+${c1!.tracking_id} \\(received\\) score [01]\\.\\d+ \\[same_type, same_component, text:`));
    expect(formatReportFields(reportFieldsDetail(p.db, first)).join('\n')).toContain(c2!.tracking_id);
  });

  it('asks nothing of likely spam, and marks it', async () => {
    p = await cgx();
    const spam =
      'Dear website owner, our agency offers SEO and backlinks to put you on the first page of Google. Free audit, pricing plans from $99 per month.';
    const caseId = views().spool(await p.deliver(plainMail({ from: 'seo@spam.example', subject: 'Grow your traffic', body: spam }))).caseId!;
    const [ack] = views().outbox();
    expect(ack!.kind).toBe('ack');
    expect(ack!.params.missing).toBeUndefined();
    expect(render(ack!.params as unknown as MailParams, false).text).not.toContain('would also need');
    const meta = reportMeta(p.db, caseId)!;
    expect(meta.spam.likely).toBe(true);
    expect(meta.asked).toBeNull();
    expect(meta.missingRequired.length).toBeGreaterThan(0); // missing, but not asked
    expect(caseEvents(p.db, caseId).find((e) => e.type === 'fields_extracted')?.data).toMatchObject({ spamLikely: true });
    expect(formatReportFields(reportFieldsDetail(p.db, caseId)).join('\n')).toContain('LIKELY NOT A REPORT');
  });
});

describe('a report that says it is exploited in the wild', () => {
  it('flags its case exploited as the system at once (the clocks an exploited case owes start), and one that does not say so is not flagged', async () => {
    p = await memoryPipeline();
    await p.deliver(
      plainMail({
        from: RITA,
        subject: 'RCE in the upload API',
        body: `${REPORT}\n\nThis is actively exploited in the wild: we saw it in our honeypot logs.\n`,
      }),
    );
    await p.deliver(plainMail({ from: 'bo@example.net', subject: 'HTML injection in search', body: REPORT }));
    const [exploited, quiet] = p.db.prepare('SELECT id, flag_exploited FROM cases ORDER BY id').all() as Array<{ id: number; flag_exploited: number }>;
    expect(exploited!.flag_exploited).toBe(1);
    expect(caseEvents(p.db, exploited!.id)).toContainEqual(
      expect.objectContaining({ type: 'flag_set', actor: 'system', data: expect.objectContaining({ flag: 'exploited', value: true }) }),
    );
    expect(quiet!.flag_exploited).toBe(0);
  });
});
