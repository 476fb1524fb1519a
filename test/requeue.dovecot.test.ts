// Mail encrypted to a team key we did not have is held (PGP_NO_KEY); once the key is
// added and `sectriage requeue` is run, the case goes on as if the mail had opened on
// arrival: text, signature, reporter key, and an acknowledgement whose dates count
// from the original arrival, encrypted to the reporter (checked with gpg).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import Database from 'better-sqlite3';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { reporterFlow } from './helpers/mail.js';
import { loadPolicy } from '../src/policy/load.js';
import { promisedDates } from '../src/policy/load.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const ARRIVAL = '2026-11-20T17:30:00Z'; // a Friday evening
const LATER = '2026-11-24T09:00:00Z';

async function reportToMissingKey(e: IntakeEnv, extra: Array<{ filename: string; contentType: string; content: string }> = []) {
  const { fingerprint: missing } = await e.gpg.genKey(`Security Team 2025 <${TEAM}>`, 'rsa3072', 'team passphrase');
  const pub = await e.gpg.exportPublic(e.reporterFpr);
  const report = await reporterFlow(e.gpg, missing, {
    from: `Rita Reporter <${REPORTER}>`,
    to: TEAM,
    subject: 'IDOR in /api/invoices',
    body: 'Any user can read any invoice by changing the id.',
    signWith: e.reporterFpr,
    attachments: [{ filename: 'rita.asc', contentType: 'application/pgp-keys', content: pub }, ...extra],
  });
  return { missing, report };
}

function row<T>(e: IntakeEnv, sql: string, ...args: unknown[]): T {
  const db = e.db();
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

describe('requeue', () => {
  it('opens mail held for a missing key once the key is added, and the case continues as if it had opened at once', async () => {
    env = await intakeEnv();
    const { missing, report } = await reportToMissingKey(env);
    await env.deliver(report.raw);
    expect((await env.cli(['run', '--once', '--now', ARRIVAL, '--config', env.configPath])).code).toBe(0);
    const held = row<{ id: number; state: string; hold_reason: string }>(env, 'SELECT id, state, hold_reason FROM spool');
    expect(held.state).toBe('held');
    expect(held.hold_reason).toMatch(/^PGP_NO_KEY: /);
    await env.sink.waitFor(1); // the request to re-encrypt

    // Nothing changes while the key is still missing.
    const early = await env.cli(['requeue', '--code', 'PGP_NO_KEY', '--now', LATER, '--config', env.configPath]);
    expect(early.code).toBe(1);
    expect(early.stdout).toMatch(new RegExp(`^${held.id}\\tstill held: PGP_NO_KEY: `, 'm'));
    expect(row<{ n: number }>(env, "SELECT count(*) AS n FROM events WHERE type = 'requeue_still_held'").n).toBe(1);
    expect(env.sink.messages).toHaveLength(1);

    // The operator adds the old key after the current one, and requeues.
    const keyFile = join(env.dir, 'keys', 'team.asc');
    writeFileSync(keyFile, readFileSync(keyFile, 'utf8') + (await env.gpg.exportSecret(missing, 'team passphrase')), { mode: 0o600 });
    const r = await env.cli(['requeue', '--code', 'PGP_NO_KEY', '--now', LATER, '--config', env.configPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`${held.id}\topened\n`);

    const c = row<{ id: number; tracking_id: string; encryption: string; signature: string; signer_fingerprint: string; attention: string | null }>(env, "SELECT *, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention FROM cases");
    expect(c).toMatchObject({ encryption: 'encrypted', signature: 'valid', signer_fingerprint: env.reporterFpr, attention: null });
    expect(row<{ body_text: string }>(env, "SELECT body_text FROM messages WHERE direction = 'in'").body_text).toContain('Any user can read any invoice');
    expect(row<{ status: string }>(env, 'SELECT status FROM reporter_keys WHERE email = ?', REPORTER).status).toBe('pinned');
    expect(row<{ state: string }>(env, 'SELECT state FROM spool').state).toBe('done');

    // The acknowledgement: encrypted to the reporter, signed by the current team key,
    // with the policy's dates counted from the Friday evening the report arrived.
    const mails = await env.sink.waitFor(2);
    const ack = await simpleParser(mails[1]!.raw);
    expect(ack.subject).toContain(c.tracking_id);
    const cipher = ack.attachments.find((a) => a.contentType === 'application/octet-stream');
    const dec = await env.gpg.decrypt(cipher!.content);
    expect(dec.status).toMatch(new RegExp(`VALIDSIG \\w+ .* ${env.teamFpr}`));
    const text = (await simpleParser(dec.plaintext)).text ?? '';
    const policy = loadPolicy('cgx', env.dir);
    const expected = promisedDates(policy, new Date(ARRIVAL)).filter((p) => p.milestone === 'firstResponse')[0]!;
    expect(expected.due.toISOString()).toBe('2026-11-25T17:30:00.000Z'); // 3 business days from Friday 17:30 UTC
    expect(text).toContain('2026-11-25T17:30Z');

    // Once opened, a second requeue finds nothing; nothing is sent twice.
    const again = await env.cli(['requeue', '--now', LATER, '--config', env.configPath]);
    expect(again.stdout).toBe('nothing to requeue\n');
    expect(env.sink.messages).toHaveLength(2);
  });
});

describe('requeue, when things go wrong again', () => {
  it('keeps the case of a message that fails to open a second time, so a later requeue still continues it', async () => {
    env = await intakeEnv({ extraConfig: 'limits: { maxAttachments: 1 }' });
    // Two attachments once decrypted: the reporter's key and a log.
    const { missing, report } = await reportToMissingKey(env, [{ filename: 'server.log', contentType: 'text/plain', content: 'GET /api/invoices/2 200' }]);
    await env.deliver(report.raw);
    expect((await env.cli(['run', '--once', '--now', ARRIVAL, '--config', env.configPath])).code).toBe(0);
    const keyFile = join(env.dir, 'keys', 'team.asc');
    writeFileSync(keyFile, readFileSync(keyFile, 'utf8') + (await env.gpg.exportSecret(missing, 'team passphrase')), { mode: 0o600 });
    const failed = await env.cli(['requeue', '--now', LATER, '--config', env.configPath]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/still held: MESSAGE_UNPARSEABLE: .*maxAttachments/);
    const held = row<{ case_id: number | null; disposition: string }>(env, 'SELECT case_id, disposition FROM spool');
    expect(held).toEqual({ case_id: expect.any(Number), disposition: 'new_case' });

    writeFileSync(env.configPath, readFileSync(env.configPath, 'utf8').replace('limits: { maxAttachments: 1 }', ''));
    const r = await env.cli(['requeue', '--now', LATER, '--config', env.configPath]);
    expect(r.code, r.stderr).toBe(0);
    expect(row<{ n: number }>(env, 'SELECT count(*) AS n FROM cases').n).toBe(1);
    expect(row<{ encryption: string }>(env, 'SELECT encryption FROM cases').encryption).toBe('encrypted');
    await env.sink.waitFor(2); // the re-encrypt request, then the acknowledgement
  });

  it('sends no acknowledgement for a case the team closed meanwhile, but still files the decrypted report', async () => {
    env = await intakeEnv();
    const { missing, report } = await reportToMissingKey(env);
    await env.deliver(report.raw);
    expect((await env.cli(['run', '--once', '--now', ARRIVAL, '--config', env.configPath])).code).toBe(0);
    await env.sink.waitFor(1);
    const db = new Database(join(env.dir, 'state', 'sectriage.db'));
    db.prepare("UPDATE cases SET state = 'closed'").run();
    db.close();
    const keyFile = join(env.dir, 'keys', 'team.asc');
    writeFileSync(keyFile, readFileSync(keyFile, 'utf8') + (await env.gpg.exportSecret(missing, 'team passphrase')), { mode: 0o600 });
    expect((await env.cli(['requeue', '--now', LATER, '--config', env.configPath])).code).toBe(0);
    expect(row<{ body_text: string }>(env, "SELECT body_text FROM messages WHERE direction = 'in'").body_text).toContain('Any user can read any invoice');
    expect(row<{ n: number }>(env, "SELECT count(*) AS n FROM outbox WHERE kind = 'ack'").n).toBe(0);
  });
});
