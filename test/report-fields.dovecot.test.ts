// Report fields end to end through `sectriage ingest` (the MTA pipe) and the built CLI:
// a new report's fields are stored with their sources, the acknowledgement the SMTP
// sink receives lists what the policy (cgx) still needs, by our labels and without the
// report's words; a follow-up that supplies a missing field records `fields_updated`
// and is not asked again; `cases show` prints fields, CVSS score and what is missing.
// Duplicate candidates, spam and the field rules are shown in memory:
// src/pipeline/report-fields.test.ts.
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage } from './helpers/mail.js';
import { opened } from './helpers/opened-sql.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

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

describe('report fields through the pipeline', () => {
  it('stores the fields, asks once for what is missing, and takes a missing field from a follow-up', async () => {
    env = await intakeEnv();
    expect(await env.ingest(plainMessage({ from: REPORTER, to: TEAM, subject: 'HTML injection in comments', body: REPORT }))).toBe(0);
    const [ack] = await env.sink.waitFor(1);
    const ackText = (await simpleParser(ack!.raw)).text ?? '';
    // cgx requires type, versions, components, steps and impact: versions and impact are missing.
    expect(ackText).toContain('we would also need:');
    expect(ackText).toContain('  - the affected version(s)');
    expect(ackText).toContain('  - the impact: what an attacker could achieve');
    expect(ackText).not.toContain('step-by-step instructions');
    // The plain acknowledgement carries field names only, never the report's words.
    expect(ackText).not.toMatch(/alert|Acme Forum|comment/i);

    const db = env.db();
    const c = db.prepare('SELECT id, tracking_id FROM cases').get() as { id: number; tracking_id: string };
    const fields = db
      .prepare(`SELECT field, ${opened('case_fields', 'value')} AS value, sources FROM case_fields WHERE case_id = ? ORDER BY field`)
      .all(c.id) as Array<{
      field: string;
      value: string;
      sources: string;
    }>;
    const byName = Object.fromEntries(fields.map((f) => [f.field, f]));
    expect(JSON.parse(byName.vulnType!.value)).toBe('html injection');
    expect(JSON.parse(byName.cvss!.value)).toMatchObject({ valid: true, score: 5.4, severity: 'Medium' });
    const body = (db.prepare(`SELECT ${opened('messages', 'body_text')} AS body_text FROM messages WHERE case_id = ?`).get(c.id) as { body_text: string })
      .body_text;
    const stepsSpan = JSON.parse(byName.steps!.sources)[0] as { start: number; end: number };
    expect(body.slice(stepsSpan.start, stepsSpan.end)).toMatch(/^1\. Post a comment.*\n2\. Open the thread as an administrator$/s);
    expect(JSON.parse((db.prepare('SELECT asked FROM case_report WHERE case_id = ?').get(c.id) as { asked: string }).asked)).toEqual([
      'affectedVersions',
      'impact',
    ]);
    db.close();

    // The reply quotes our acknowledgement, whose field list must not count as the reporter's words.
    const reply = [
      'Affected versions: 2.4.0 and 2.4.1',
      '',
      `> To assess your report quickly, we would also need:`,
      '> - the type of vulnerability (e.g. SQL injection, XSS, buffer overflow)',
    ].join('\n');
    expect(await env.ingest(plainMessage({ from: REPORTER, to: TEAM, subject: `Re: [${c.tracking_id}] Your security report was received`, body: reply }))).toBe(
      0,
    );
    const db2 = env.db();
    const events = db2.prepare("SELECT type, data, spool_id FROM events WHERE case_id = ? AND type = 'fields_updated'").all(c.id) as Array<{
      data: string;
      spool_id: number;
    }>;
    expect(events).toHaveLength(1);
    const data = JSON.parse(events[0]!.data) as { fields: string[]; spoolId: number };
    expect(data.fields).toEqual(['affectedVersions']);
    expect(data.spoolId).toBe(events[0]!.spool_id);
    expect(
      JSON.parse(
        (
          db2.prepare(`SELECT ${opened('case_fields', 'value')} AS value FROM case_fields WHERE case_id = ? AND field = 'vulnType'`).get(c.id) as {
            value: string;
          }
        ).value,
      ),
    ).toBe('html injection');
    expect(
      JSON.parse((db2.prepare('SELECT missing_required FROM case_report WHERE case_id = ?').get(c.id) as { missing_required: string }).missing_required),
    ).toEqual(['impact']);
    db2.close();
    // Asked once: the follow-up brings no second request.
    expect(env.sink.messages).toHaveLength(1);

    const show = await env.cli(['cases', 'show', c.tracking_id, '--config', env.configPath]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('Report fields:');
    expect(show.stdout).toMatch(/vulnType\s+html injection\n\s+from subject/); // the subject names the type first
    expect(show.stdout).toMatch(/steps\s+1\. Post a comment .*\n\s+from message 1 chars \d+-\d+/);
    expect(show.stdout).toMatch(/affectedVersions\s+2\.4\.0, 2\.4\.1\n\s+from message 2 chars/);
    expect(show.stdout).toContain('5.4 Medium (CVSS 3.1) CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N');
    expect(show.stdout).toContain('Missing (required by the policy): the impact: what an attacker could achieve');
    const json = JSON.parse((await env.cli(['cases', 'show', c.tracking_id, '--json', '--config', env.configPath])).stdout) as {
      reportFields: { fields: Array<{ field: string }>; report: { asked: string[] } };
    };
    expect(json.reportFields.fields.map((f) => f.field)).toEqual(expect.arrayContaining(['vulnType', 'steps', 'cvss', 'affectedVersions']));
    expect(json.reportFields.report.asked).toEqual(['affectedVersions', 'impact']);
  });
});
