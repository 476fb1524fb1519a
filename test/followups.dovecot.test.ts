// The MTA pipe (`ingest`) end to end: exit codes an MTA acts on, spooling without the
// secrets for processing, and logs that never carry report text or secrets. Threading
// and identity (follow-ups, claimed tracking IDs) and the per-sender reply limit are
// shown in memory: src/pipeline/followups.test.ts, src/pipeline/automatic-mail.test.ts.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('the MTA pipe (ingest)', () => {
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
    expect(statSync(row.raw_path).mode & 0o077).toBe(0);

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
