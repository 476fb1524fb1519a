// Mail encrypted to a team key we did not have is held (PGP_NO_KEY); once the key is
// added and `sectriage requeue` is run, the case goes on as if the mail had opened on
// arrival: text, signature, reporter key, and an acknowledgement whose dates count
// from the original arrival, encrypted to the reporter (checked with gpg). This is the
// end-to-end run of `sectriage requeue` (the built CLI, its output and exit codes, the
// key file, the SMTP sink); the requeue rules themselves (still held, failing again,
// a case closed meanwhile) are shown in memory in src/pipeline/requeue.test.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { reporterFlow } from './helpers/mail.js';
import { loadPolicy } from '../src/policy/load.js';
import { promisedDates } from '../src/policy/load.js';
import { opened } from './helpers/opened-sql.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const grouped = (fpr: string) => fpr.replace(/(.{4})/g, '$1 ').trim();
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
    // The request to re-encrypt reaches the SMTP sink as an automatic reply naming our current key.
    const [request] = await env.sink.waitFor(1);
    const req = await simpleParser(request!.raw);
    expect(req.subject).toMatch(/could not decrypt/);
    expect(req.headers.get('auto-submitted')).toBe('auto-replied');
    expect(req.text).toContain(grouped(env.teamFpr));
    // The operator sees it in the held list, with its case.
    const heldCase = row<{ tracking_id: string }>(env, 'SELECT tracking_id FROM cases').tracking_id;
    const listed = await env.cli(['spool', 'list', '--state', 'held', '--config', env.configPath]);
    expect(listed.stdout).toMatch(/PGP_NO_KEY/);
    expect(listed.stdout).toContain(heldCase);

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

    const c = row<{ id: number; tracking_id: string; encryption: string; signature: string; signer_fingerprint: string; attention: string | null }>(
      env,
      "SELECT *, (SELECT group_concat(text, '; ') FROM attention a WHERE a.case_id = cases.id AND a.cleared_at IS NULL) AS attention FROM cases",
    );
    expect(c).toMatchObject({ encryption: 'encrypted', signature: 'valid', signer_fingerprint: env.reporterFpr, attention: null });
    expect(row<{ body_text: string }>(env, `SELECT ${opened('messages', 'body_text')} AS body_text FROM messages WHERE direction = 'in'`).body_text).toContain(
      'Any user can read any invoice',
    );
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
    // keys/team.asc now holds the old key after the current one: the reply names the current one.
    expect(text).toContain(grouped(env.teamFpr));
    expect(text).not.toContain(grouped(missing));

    // Once opened, a second requeue finds nothing; nothing is sent twice.
    const again = await env.cli(['requeue', '--now', LATER, '--config', env.configPath]);
    expect(again.stdout).toBe('nothing to requeue\n');
    expect(env.sink.messages).toHaveLength(2);
  });
});
