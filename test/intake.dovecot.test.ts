// Intake end to end against real servers: Dovecot (IMAP APPEND in, MOVE out), an SMTP
// sink on loopback, reports encrypted by the gpg CLI, the built `sectriage` CLI as a
// child process. Each test is one guarantee from the intake issue that needs them.
// Rules of the pipeline alone are shown in memory under src/pipeline/: an older team
// key, a missing one and the re-encrypt request (team-keys.test.ts; the held list and
// the request at the SMTP sink: test/requeue.dovecot.test.ts), automatic mail
// (automatic-mail.test.ts), redelivery (team-keys.test.ts), reporter keys
// (reporter-keys.test.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { join } from 'node:path';
import { silentLogger } from '../src/log.js';
import { intakeEnv, until, REPO, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { inlineArmored, newMessageId, plainMessage, reporterFlow } from './helpers/mail.js';
import { OUTBOX_PARAMS } from './helpers/opened-sql.js';

let env: IntakeEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});

const TRACKING = /\[(SEC-\d{4}-[0-9A-HJKMNP-TV-Z]{5})\]/;

interface CaseItem {
  trackingId: string;
  reporter: string;
  encryption: string;
  subject: string | null;
}

async function cases(e: IntakeEnv): Promise<CaseItem[]> {
  const r = await e.cli(['cases', 'list', '--json', '--config', e.configPath]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CaseItem[];
}

async function runOnce(e: IntakeEnv, extra: string[] = [], childEnv?: Record<string, string>) {
  return e.cli(['run', '--once', '--config', e.configPath, ...extra], childEnv);
}

async function encryptedReport(e: IntakeEnv, subject: string, body: string, extra: Partial<Parameters<typeof reporterFlow>[2]> = {}) {
  return reporterFlow(e.gpg, e.teamFpr, { from: `Rita Reporter <${REPORTER}>`, to: TEAM, subject, body, ...extra });
}

describe.each([['cv25519'], ['rsa3072']] as const)('intake with a %s team key', (algo) => {
  it('gives each gpg-encrypted report (PGP/MIME and inline) one case and one threaded reply with its tracking ID', async () => {
    env = await intakeEnv({ teamAlgo: algo });
    const mime = await encryptedReport(env, 'Heap overflow in the parser', 'Send 70000 bytes to port 9000 and the parser overflows.');
    const inlineId = newMessageId();
    const inlineCipher = (await env.gpg.encrypt('Path traversal: GET /files/..%2f..%2fetc/passwd\n', [env.teamFpr])).toString();
    await env.deliver(mime.raw);
    await env.deliver(inlineArmored({ from: REPORTER, to: TEAM, subject: 'Path traversal', messageId: inlineId, armoredCiphertext: inlineCipher }));

    const r = await runOnce(env);
    expect(r.code, r.stderr).toBe(0);
    const list = await cases(env);
    expect(list).toHaveLength(2);
    expect(list.map((c) => c.encryption)).toEqual(['encrypted', 'encrypted']);
    expect(list.map((c) => c.subject).sort()).toEqual(['Heap overflow in the parser', 'Path traversal']);

    const mails = await env.sink.waitFor(2);
    expect(mails).toHaveLength(2);
    for (const m of mails) {
      expect(m.envelopeFrom).toBe(''); // null reverse-path: bounces of auto-replies go nowhere (RFC 3834)
      expect(m.rcptTo).toEqual([REPORTER]);
      const parsed = await simpleParser(m.raw);
      const id = TRACKING.exec(parsed.subject ?? '')?.[1];
      expect(id, parsed.subject).toBeDefined();
      expect(list.map((c) => c.trackingId)).toContain(id);
      expect([mime.messageId, inlineId]).toContain(parsed.inReplyTo);
      expect(parsed.headers.get('auto-submitted')).toBe('auto-replied');
      expect(parsed.messageId).toMatch(/^<sectriage\.\d+\.[0-9a-f]+@example\.com>$/);
      // The plain reply never carries the report's words.
      expect(parsed.text).not.toMatch(/overflow|traversal|passwd/i);
      expect(parsed.text).toContain(env.teamFpr.slice(0, 4));
      // The cgx policy's promises, minus the acknowledgement this mail itself is.
      expect(parsed.text).toMatch(/First response from the team: by .*\(\d{4}-\d\d-\d\dT\d\d:\d\dZ\)/);
      expect(parsed.text).toContain('Public disclosure (at the latest)');
      expect(parsed.text).not.toContain('Acknowledgement:');
    }
    // Taken mail is moved out of the INBOX and flagged.
    expect(await env.dovecot.list('INBOX')).toHaveLength(0);
    const processed = await env.dovecot.list('Processed');
    expect(processed).toHaveLength(2);
    expect(processed.every((p) => p.flags.includes('$SecTriaged'))).toBe(true);
  });
});

describe('intake', () => {
  it('creates nothing new when run twice, or when the same message is delivered again', async () => {
    env = await intakeEnv();
    const report = await encryptedReport(env, 'CSRF on settings', 'No token on POST /settings.');
    await env.deliver(report.raw);
    expect((await runOnce(env)).code).toBe(0);
    await env.sink.waitFor(1);
    expect((await runOnce(env)).code).toBe(0);
    // The same message again, byte for byte, and once more with a different Received trace (same Message-ID).
    await env.deliver(report.raw);
    await env.dovecot.append(
      Buffer.concat([
        Buffer.from('Received: from mx2.example.net by mx.example.com; Mon, 23 Nov 2026 05:00:00 +0000\r\nReturn-Path: <reporter@example.net>\r\n'),
        report.raw,
      ]),
    );
    expect((await runOnce(env)).code).toBe(0);
    expect(await cases(env)).toHaveLength(1);
    expect(env.sink.messages).toHaveLength(1);
    const db = env.db();
    const spool = db.prepare('SELECT disposition FROM spool ORDER BY id').all() as Array<{ disposition: string }>;
    db.close();
    expect(spool.map((s) => s.disposition)).toEqual(['new_case', 'duplicate']);
  });

  it('encrypts the reply to a key the reporter attached, signed by the team key (checked with gpg)', async () => {
    env = await intakeEnv();
    const pub = await env.gpg.exportPublic(env.reporterFpr);
    const report = await encryptedReport(env, 'Auth bypass', 'The admin check is skipped for HEAD requests.', {
      signWith: env.reporterFpr,
      attachments: [{ filename: 'rita.asc', contentType: 'application/pgp-keys', content: pub }],
    });
    await env.deliver(report.raw);
    expect((await runOnce(env)).code).toBe(0);
    const [mail] = await env.sink.waitFor(1);
    const outer = await simpleParser(mail!.raw);
    expect(outer.headers.get('content-type')).toMatchObject({ value: 'multipart/encrypted' });
    expect(outer.subject).toMatch(TRACKING);
    const cipher = outer.attachments.find((a) => a.contentType === 'application/octet-stream');
    const dec = await env.gpg.decrypt(cipher!.content);
    expect(dec.status).toContain('GOODSIG');
    expect(dec.status).toMatch(new RegExp(`VALIDSIG \\w+ .* ${env.teamFpr}`));
    const inner = await simpleParser(dec.plaintext);
    expect(inner.text).toContain('Auth bypass'); // only inside the encryption may the report's subject appear
    const [c] = await cases(env);
    const show = await env.cli(['cases', 'show', c!.trackingId, '--json', '--config', env.configPath]);
    const detail = JSON.parse(show.stdout) as { signature: string; signerFingerprint: string; reporterKeys: Array<{ fingerprint: string; status: string }> };
    expect(detail.signature).toBe('valid');
    expect(detail.signerFingerprint).toBe(env.reporterFpr);
    expect(detail.reporterKeys).toEqual([expect.objectContaining({ fingerprint: env.reporterFpr, status: 'pinned' })]);
  });

  it('an open worker renders a reply as the main thread does (signed by the team key, encrypted to the key the reporter attached) and looks for duplicates on its own connection', async () => {
    env = await intakeEnv();
    const pub = await env.gpg.exportPublic(env.reporterFpr);
    const report = await encryptedReport(env, 'CSRF on email change', 'The form has no token.', {
      signWith: env.reporterFpr,
      attachments: [{ filename: 'rita.asc', contentType: 'application/pgp-keys', content: pub }],
    });
    await env.deliver(report.raw);
    expect((await runOnce(env)).code).toBe(0);
    const db = env.db();
    const row = db.prepare(`SELECT ${OUTBOX_PARAMS} AS params, auto FROM outbox WHERE kind = 'ack'`).get() as { params: string; auto: number };
    const caseId = db.prepare('SELECT id FROM cases').pluck().get() as number;
    db.close();
    // The built pool (its worker is a .js file beside it), typed by its source.
    const { openPool } = (await import(join(REPO, 'dist', 'pipeline', 'open-pool.js'))) as typeof import('../src/pipeline/open-pool.js');
    const pool = openPool(env.configPath, TEAM, 1, 1, silentLogger);
    try {
      expect(await pool.render(JSON.parse(row.params), row.auto === 1)).toBeUndefined(); // not started: the caller renders
      pool.warm();
      await until('open worker ready', () => pool.ready, 30_000);
      const bytes = await pool.render(JSON.parse(row.params), row.auto === 1);
      const outer = await simpleParser(bytes!);
      expect(outer.headers.get('content-type')).toMatchObject({ value: 'multipart/encrypted' });
      expect(outer.subject).toMatch(TRACKING);
      const dec = await env.gpg.decrypt(outer.attachments.find((a) => a.contentType === 'application/octet-stream')!.content);
      expect(dec.status).toMatch(new RegExp(`VALIDSIG \\w+ .* ${env.teamFpr}`));
      expect((await simpleParser(dec.plaintext)).text).toContain('CSRF on email change');
      // The same report again: the worker reads it and looks for its duplicates on its read-only
      // connection, finding the case recorded above, the newest it could see.
      const again = await pool.open(report.raw);
      expect(again?.kind === 'opened' ? again.ahead : again).toMatchObject({ upTo: caseId, near: [{ id: caseId }] });
    } finally {
      await pool.close();
    }
  });

  it('a worker prestarted before the config was known is adopted by the pool, takes work at once and opens a report with the team key', async () => {
    env = await intakeEnv();
    expect((await runOnce(env)).code).toBe(0); // makes the database the worker reads
    const report = await encryptedReport(env, 'CSRF on email change', 'The form has no token.');
    // The built modules, as the bundle's `run --once` uses them (one module instance: the pool adopts from this list).
    const prestart = (await import(join(REPO, 'dist', 'pipeline', 'open-prestart.js'))) as typeof import('../src/pipeline/open-prestart.js');
    const { openPool } = (await import(join(REPO, 'dist', 'pipeline', 'open-pool.js'))) as typeof import('../src/pipeline/open-pool.js');
    prestart.prestartOpenWorkers(1);
    expect(prestart.prestartedWaiting()).toBe(1);
    const pool = openPool(env.configPath, TEAM, 1, 1, silentLogger);
    try {
      expect(pool.ready).toBe(false); // nothing adopted before the first backlog
      pool.warm();
      expect(prestart.prestartedWaiting()).toBe(0);
      // Jobs go to it before it says it has loaded its keys: they wait there, not here.
      expect(pool.ready).toBe(true);
      const opened = await pool.open(report.raw);
      expect(opened?.kind).toBe('opened');
      expect(opened?.kind === 'opened' && opened.opened.encryption).toBe('encrypted');
      expect(opened?.kind === 'opened' && opened.opened.text).toContain('The form has no token.');
    } finally {
      await pool.close();
    }
  });

  it('a prestarted worker the config does not want (workers: 0) neither opens nor keeps `run --once` from exiting', async () => {
    env = await intakeEnv({ extraConfig: 'workers: 0\n' });
    for (const subject of ['SSRF in the webhook', 'XXE in the importer']) await env.deliver((await encryptedReport(env, subject, `${subject}: details.`)).raw);
    const r = await runOnce(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain('open workers started');
    expect(await cases(env)).toHaveLength(2);
  });

  it('keeps replies in the outbox while SMTP is down and sends them when it returns', async () => {
    env = await intakeEnv();
    await env.sink.stop();
    await env.deliver(await encryptedReport(env, 'SSRF', 'The webhook URL is fetched server-side.').then((r) => r.raw));
    const first = await runOnce(env);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain('temporary send failure');
    expect(await cases(env)).toHaveLength(1);
    let db = env.db();
    expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'queued', attempts: 1 });
    db.close();

    await env.restartSink();
    // The retry is due a minute later; --now moves the clock instead of sleeping.
    const later = new Date(Date.now() + 10 * 60_000).toISOString();
    expect((await runOnce(env, ['--now', later])).code).toBe(0);
    expect(await env.sink.waitFor(1)).toHaveLength(1);
    db = env.db();
    expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'sent', attempts: 2 });
    db.close();
  });

  it('run --once exits 75 when the mailbox cannot be read, after still sending what was queued', async () => {
    env = await intakeEnv();
    await env.deliver(await encryptedReport(env, 'first', 'one').then((r) => r.raw));
    await env.sink.stop();
    expect((await runOnce(env)).code).toBe(0); // the reply waits in the outbox
    await env.restartSink();
    await env.dovecot.stop();
    const r = await runOnce(env, ['--now', new Date(Date.now() + 10 * 60_000).toISOString()]);
    expect(r.code).toBe(75);
    expect(r.stderr).toContain('the mailbox could not be read');
    expect(await env.sink.waitFor(1)).toHaveLength(1);
  });

  it('creates a missing processed mailbox instead of failing to move taken mail', async () => {
    env = await intakeEnv({ processedMailbox: 'Triaged' });
    await env.deliver(plainMessage({ from: REPORTER, to: TEAM, subject: 'hello', body: 'a report' }));
    const r = await runOnce(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('created the processed mailbox');
    expect(await env.dovecot.list('INBOX')).toHaveLength(0);
    expect(await env.dovecot.list('Triaged')).toHaveLength(1);
  });

  it('holds a message larger than the limit without parsing it and leaves it on the server', async () => {
    env = await intakeEnv({ extraConfig: 'limits:\n  maxMessageBytes: 20000\n' });
    await env.deliver(plainMessage({ from: REPORTER, to: TEAM, subject: 'big', body: 'A'.repeat(30_000) }));
    expect((await runOnce(env)).code).toBe(0);
    expect(await cases(env)).toHaveLength(0);
    const db = env.db();
    const row = db.prepare('SELECT state, hold_reason, raw IS NULL AS noraw FROM spool').get() as { state: string; hold_reason: string; noraw: number };
    db.close();
    expect(row.state).toBe('held');
    expect(row.hold_reason).toMatch(/^MESSAGE_TOO_LARGE/);
    const inbox = await env.dovecot.list('INBOX');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.flags).toEqual(expect.arrayContaining(['$SecTriaged', '$SecHeld']));
    // Later passes leave it there and do not take it again.
    expect((await runOnce(env)).code).toBe(0);
    expect(await env.dovecot.list('INBOX')).toHaveLength(1);
    // It is not invisible: spool list and the digest say which message waits, and where.
    const listed = await env.cli(['spool', 'list', '--state', 'held', '--config', env.configPath]);
    expect(listed.stdout).toMatch(new RegExp(`MESSAGE_TOO_LARGE: \\d+ bytes.*left in INBOX as UID \\d+, from ${REPORTER.replace('.', '\\.')}`));
    const digest = await env.cli(['digest', '--preview', '--config', env.configPath]);
    expect(digest.stdout).toMatch(/Held without a case \(1\)\n  spool \d+: received .*, \d+ bytes: MESSAGE_TOO_LARGE/);
  });
});

describe('crash safety (SIGKILL at the worst moments)', () => {
  it('killed between spool commit and the IMAP flag: one case and one reply after restart', async () => {
    env = await intakeEnv();
    await env.deliver(await encryptedReport(env, 'IDOR', '/invoices/123 shows any invoice').then((r) => r.raw));
    const killed = await runOnce(env, [], { SECTRIAGE_FAILPOINTS: 'after-spool-commit' });
    expect(killed.signal).toBe('SIGKILL');
    expect(await env.dovecot.list('INBOX')).toHaveLength(1); // not yet moved
    expect((await runOnce(env)).code).toBe(0);
    expect(await cases(env)).toHaveLength(1);
    expect(await env.sink.waitFor(1)).toHaveLength(1);
    expect(await env.dovecot.list('INBOX')).toHaveLength(0);
  });

  it('killed while open workers hold the rest of a backlog: every report gets one case and one reply after restart', async () => {
    env = await intakeEnv({ extraConfig: 'workers: 2\n' });
    const subjects = ['SSRF in previews', 'XXE in import', 'Race in checkout', 'Stored XSS in bio'];
    for (const s of subjects) await env.deliver(await encryptedReport(env, s, `${s}: steps follow`).then((r) => r.raw));
    // The first commit kills it: by then the other three were read ahead and sent to workers.
    const killed = await runOnce(env, [], { SECTRIAGE_FAILPOINTS: 'after-case-commit' });
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stdout + killed.stderr).toContain('open workers started');
    expect(await cases(env)).toHaveLength(1);
    const again = await runOnce(env);
    expect(again.code, again.stderr).toBe(0);
    expect((await cases(env)).map((c) => c.subject).sort()).toEqual([...subjects].sort());
    await env.sink.waitFor(4);
    expect((await runOnce(env)).code).toBe(0);
    expect(env.sink.messages).toHaveLength(4);
    const db = env.db();
    expect(db.prepare('SELECT state, count(*) AS n FROM spool GROUP BY state').all()).toEqual([{ state: 'done', n: 4 }]);
    db.close();
  });

  it('killed between the case commit and the reply: the reply goes out once after restart', async () => {
    env = await intakeEnv();
    await env.deliver(await encryptedReport(env, 'Open redirect', '/go?u=').then((r) => r.raw));
    const killed = await runOnce(env, [], { SECTRIAGE_FAILPOINTS: 'after-case-commit' });
    expect(killed.signal).toBe('SIGKILL');
    expect(env.sink.messages).toHaveLength(0);
    expect((await runOnce(env)).code).toBe(0);
    expect((await runOnce(env)).code).toBe(0);
    expect(await cases(env)).toHaveLength(1);
    expect(await env.sink.waitFor(1)).toHaveLength(1);
  });

  it('killed inside the SMTP session before the message data: the reply goes out once after restart', async () => {
    env = await intakeEnv();
    await env.deliver(await encryptedReport(env, 'Log injection', 'CRLF in the username').then((r) => r.raw));
    const killed = await runOnce(env, [], { SECTRIAGE_FAILPOINTS: 'after-smtp-354' });
    expect(killed.signal).toBe('SIGKILL');
    expect(env.sink.messages).toHaveLength(0); // the relay dropped the unfinished DATA
    const again = await runOnce(env);
    expect(again.code, again.stderr).toBe(0);
    expect(await env.sink.waitFor(1)).toHaveLength(1);
    const db = env.db();
    expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'sent', attempts: 2 });
    db.close();
  });

  it('killed after the relay accepted the reply but before it was marked sent: it is not sent again', async () => {
    env = await intakeEnv();
    await env.deliver(await encryptedReport(env, 'Weak JWT secret', 'HS256 with "secret"').then((r) => r.raw));
    const killed = await runOnce(env, [], { SECTRIAGE_FAILPOINTS: 'after-smtp-accept' });
    expect(killed.signal).toBe('SIGKILL');
    await env.sink.waitFor(1);
    const again = await runOnce(env);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('may have been delivered');
    expect(await cases(env)).toHaveLength(1);
    expect(env.sink.messages).toHaveLength(1);
    const db = env.db();
    expect(db.prepare('SELECT state FROM outbox').get()).toEqual({ state: 'uncertain' });
    db.close();
    // The operator sees it and may decide to send it again: the same bytes, the same Message-ID.
    const listed = await env.cli(['outbox', 'list', '--state', 'uncertain', '--json', '--config', env.configPath]);
    const [row] = JSON.parse(listed.stdout) as Array<{ id: number; kind: string }>;
    expect(row!.kind).toBe('ack');
    expect((await env.cli(['outbox', 'retry', String(row!.id), '--config', env.configPath])).code).toBe(0);
    expect((await runOnce(env)).code).toBe(0);
    const both = await env.sink.waitFor(2);
    expect(both[1]!.raw.equals(both[0]!.raw)).toBe(true);
  });
});

describe('the daemon', () => {
  it('picks up mail on IDLE, not on the poll timer: a report arriving right after a pass is acknowledged long before the next poll', async () => {
    // The poll is 5 minutes away: only IDLE can explain a pickup within seconds. The second
    // report lands right after the pass that took the first, the moment imapflow's default
    // 15 s auto-IDLE delay left the connection deaf (issue 11: pickup p50 8.2 s).
    env = await intakeEnv({ pollIntervalSeconds: 300 });
    const second = (await encryptedReport(env, 'second', 'two')).raw;
    const daemon = env.spawnDaemon();
    try {
      await until('IMAP connected', () => daemon.output().includes('IMAP connected'), 30_000);
      await env.deliver((await encryptedReport(env, 'first', 'one')).raw);
      await env.sink.waitFor(1, 30_000);
      await env.deliver(second);
      await env.sink.waitFor(2, 10_000);
      expect(await cases(env)).toHaveLength(2);
    } finally {
      daemon.kill('SIGTERM');
      await new Promise((r) => daemon.on('exit', r));
    }
  });

  it('reconnects after the IMAP connection drops and carries on; SIGTERM stops it cleanly', async () => {
    env = await intakeEnv();
    const daemon = env.spawnDaemon();
    try {
      await env.deliver(await encryptedReport(env, 'first', 'one').then((r) => r.raw));
      await env.sink.waitFor(1, 30_000);
      await until('IMAP connected', () => daemon.output().includes('IMAP connected'));
      await env.dovecot.kickConnections({ signal: 'SIGKILL' });
      await until('reconnect', () => daemon.output().split('IMAP connected').length > 2, 30_000);
      await env.deliver(await encryptedReport(env, 'second', 'two').then((r) => r.raw));
      await env.sink.waitFor(2, 30_000);
      expect(await cases(env)).toHaveLength(2);
    } finally {
      daemon.kill('SIGTERM');
    }
    const code = await new Promise<number | null>((r) => daemon.on('exit', (c) => r(c)));
    expect(code).toBe(0);
    expect(daemon.output()).toContain('sectriage stopped');
  });
});
