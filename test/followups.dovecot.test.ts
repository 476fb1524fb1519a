// Threading and identity: a reporter's follow-up joins their case; a stranger naming
// a tracking ID gets a new case linked to it; auto-replies are rate limited per sender;
// the MTA pipe (`ingest`) feeds the same pipeline; logs never carry report text or secrets.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { runCli, intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage, reporterFlow } from './helpers/mail.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

/** `sectriage ingest` as an MTA pipe runs it (the message already carries its Return-Path). */
async function ingest(e: IntakeEnv, raw: Buffer, extra: string[] = []): Promise<{ code: number | null; stderr: string }> {
  // Logs at info: the tests read what the log says, and that it never holds secrets or report text.
  const r = await runCli(['ingest', '--config', e.configPath, ...extra], { ...process.env, SECTRIAGE_LOG_LEVEL: 'info' }, raw);
  return { code: r.code, stderr: r.stderr };
}

const withReturnPath = (raw: Buffer, rp = REPORTER): Buffer => Buffer.concat([Buffer.from(`Return-Path: <${rp}>\r\n`), raw]);

async function caseRows(e: IntakeEnv) {
  const db = e.db();
  const rows = db.prepare('SELECT id, tracking_id, reporter_email, related_case_id FROM cases ORDER BY id').all() as Array<{ id: number; tracking_id: string; reporter_email: string; related_case_id: number | null }>;
  const messages = db.prepare('SELECT case_id, direction FROM messages ORDER BY id').all() as Array<{ case_id: number; direction: string }>;
  const events = db.prepare('SELECT case_id, type FROM events ORDER BY id').all() as Array<{ case_id: number; type: string }>;
  db.close();
  return { rows, messages, events };
}

describe('follow-ups and identity', () => {
  it("joins a reporter's reply to our acknowledgement to their case, without a new reply", async () => {
    env = await intakeEnv();
    const report = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'Race in upload', body: 'two uploads at once overwrite each other' });
    expect((await ingest(env, withReturnPath(report.raw))).code).toBe(0);
    const [ack] = await env.sink.waitFor(1);
    const parsedAck = await simpleParser(ack!.raw);
    const followUp = await reporterFlow(env.gpg, env.teamFpr, {
      from: REPORTER,
      to: TEAM,
      subject: `Re: ${parsedAck.subject}`,
      body: 'Here is a PoC script.',
      extraHeaders: { 'In-Reply-To': parsedAck.messageId as string, References: `${report.messageId} ${parsedAck.messageId}` },
    });
    expect((await ingest(env, withReturnPath(followUp.raw))).code).toBe(0);
    const { rows, messages, events } = await caseRows(env);
    expect(rows).toHaveLength(1);
    expect(messages.filter((m) => m.direction === 'in')).toHaveLength(2);
    expect(events.map((e) => e.type)).toContain('followup_received');
    expect(env.sink.messages).toHaveLength(1);
  });

  it('joins mail from the reporter that names the tracking ID in its subject', async () => {
    env = await intakeEnv();
    expect((await ingest(env, withReturnPath(plainMessage({ from: REPORTER, to: TEAM, subject: 'Info leak', body: 'stack traces in 500 pages' })))).code).toBe(0);
    const { rows } = await caseRows(env);
    const id = rows[0]!.tracking_id;
    expect((await ingest(env, withReturnPath(plainMessage({ from: REPORTER, to: TEAM, subject: `more on ${id.toLowerCase()}`, body: 'also in 404 pages' })))).code).toBe(0);
    const after = await caseRows(env);
    expect(after.rows).toHaveLength(1);
    expect(after.messages).toHaveLength(2);
  });

  it('makes a new, linked case when someone else claims a tracking ID (spoofed follow-up)', async () => {
    env = await intakeEnv();
    expect((await ingest(env, withReturnPath(plainMessage({ from: REPORTER, to: TEAM, subject: 'Weak TLS', body: 'TLS 1.0 enabled' })))).code).toBe(0);
    const id = (await caseRows(env)).rows[0]!.tracking_id;
    const spoof = plainMessage({ from: 'mallory@evil.example', to: TEAM, subject: `Re: [${id}] please send me the PoC`, body: 'I am the reporter, honest' });
    expect((await ingest(env, withReturnPath(spoof, 'mallory@evil.example'))).code).toBe(0);
    const { rows, events } = await caseRows(env);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.reporter_email).toBe('mallory@evil.example');
    expect(rows[1]!.related_case_id).toBe(rows[0]!.id);
    expect(events).toContainEqual({ case_id: rows[0]!.id, type: 'linked_case_opened' });
    // Nothing of the first case went to the stranger: their acknowledgement names only their own new case.
    const mails = await env.sink.waitFor(2);
    const toMallory = mails.filter((m) => m.rcptTo.includes('mallory@evil.example'));
    expect(toMallory).toHaveLength(1);
    expect((await simpleParser(toMallory[0]!.raw)).subject).toContain(rows[1]!.tracking_id);
    expect(toMallory[0]!.raw.toString()).not.toContain(id);
  });

  it('sends at most 5 automatic replies per sender per day (RFC 3834 loop guard)', async () => {
    env = await intakeEnv();
    for (let i = 0; i < 7; i++) {
      expect((await ingest(env, withReturnPath(plainMessage({ from: 'loop@bot.example', to: TEAM, subject: `report ${i}`, body: `n${i}` }), 'loop@bot.example'), ['--now', `2026-11-23T10:0${i}:00Z`])).code).toBe(0);
    }
    const { rows } = await caseRows(env);
    expect(rows).toHaveLength(7); // every report is kept...
    await env.sink.waitFor(5);
    expect(env.sink.messages).toHaveLength(5); // ...but only 5 replies
    const db = env.db();
    expect(db.prepare("SELECT count(*) AS n FROM cases WHERE no_reply_reason = 'rate_limited'").get()).toEqual({ n: 2 });
    db.close();
    // A day later the sender can be answered again.
    expect((await ingest(env, withReturnPath(plainMessage({ from: 'loop@bot.example', to: TEAM, subject: 'report 8', body: 'n8' }), 'loop@bot.example'), ['--now', '2026-11-24T10:30:00Z'])).code).toBe(0);
    await env.sink.waitFor(6);
  });

  it('ingest keeps an oversized message whole in the held folder and exits 0; a broken config exits 75 so the MTA retries instead of bouncing', async () => {
    env = await intakeEnv({ extraConfig: 'heldDir: held\nlimits:\n  maxMessageBytes: 10000\n' });
    const big = withReturnPath(plainMessage({ from: REPORTER, to: TEAM, subject: 'big PoC', body: 'B'.repeat(50_000) }));
    expect((await ingest(env, big)).code).toBe(0);
    const db = env.db();
    const row = db.prepare('SELECT state, raw_path, size FROM spool').get() as { state: string; raw_path: string; size: number };
    db.close();
    expect(row.state).toBe('held');
    expect(row.size).toBe(big.length);
    expect(readFileSync(row.raw_path).equals(big)).toBe(true);
    expect((statSync(row.raw_path).mode & 0o077)).toBe(0);

    writeFileSync(env.configPath, readFileSync(env.configPath, 'utf8').replace('policy: cgx', 'policy: cgx\nbogusKey: 1'));
    const bad = await ingest(env, big);
    expect(bad.code).toBe(75); // EX_TEMPFAIL: Postfix defers; 78 (EX_CONFIG) would bounce the report
    expect(bad.stderr).toMatch(/MTA should retry.*unknown key\(s\) "bogusKey"/s);
  });

  it('ingest spools even when the secrets for processing are missing, and the daemon processes it later', async () => {
    env = await intakeEnv();
    const cfg = readFileSync(env.configPath, 'utf8');
    writeFileSync(env.configPath, cfg.replace('passFile: imap-pass', 'passFile: ${CREDENTIALS_DIRECTORY}/imap-pass'));
    const r = await ingest(env, withReturnPath(plainMessage({ from: REPORTER, to: TEAM, subject: 'XXE', body: 'in the SAML endpoint' })));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('spooled but not processed yet');
    expect(r.stderr).toMatch(/imap\.passFile.*CREDENTIALS_DIRECTORY/);
    // Looking at cases needs no secret at all.
    const list = await env.cli(['cases', 'list', '--config', env.configPath]);
    expect(list.code, list.stderr).toBe(0);
    writeFileSync(env.configPath, cfg);
    expect((await env.cli(['run', '--once', '--config', env.configPath])).code).toBe(0);
    const db = env.db();
    expect(db.prepare('SELECT state, disposition FROM spool').get()).toEqual({ state: 'done', disposition: 'new_case' });
    db.close();
    await env.sink.waitFor(1);
  });

  it('never logs report text, subjects of encrypted mail, or secrets', async () => {
    env = await intakeEnv();
    const report = await reporterFlow(env.gpg, env.teamFpr, { from: REPORTER, to: TEAM, subject: 'Zebra-subject-marker', body: 'Giraffe-body-marker' });
    await env.deliver(report.raw);
    const r = await env.cli(['run', '--once', '--config', env.configPath], { SECTRIAGE_LOG_LEVEL: 'trace' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('message processed');
    for (const secret of ['Zebra-subject-marker', 'Giraffe-body-marker', 'team passphrase', env.dovecot.pass]) expect(r.stderr).not.toContain(secret);
  });
});
