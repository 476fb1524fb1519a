// The team working a case from the shell: the built CLI against a real database with a
// case that came in through `ingest`. Every command leaves its event with the Unix
// user as actor; the reporter's notice and the team's reply are queued encrypted,
// threaded to the case; bad input changes nothing.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OUTBOX_PARAMS, opened } from './helpers/opened-sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recomputeChain } from './helpers/rewrite-chain.js';
import { CLI, intakeEnv, REPORTER, TEAM, type IntakeEnv } from './helpers/intake-env.js';
import { plainMessage, reporterFlow } from './helpers/mail.js';
import { attachSealer } from '../src/seal/sealer.js';
import { readKeyFile } from '../src/seal/kek-file.js';

let env: IntakeEnv;
let id: string;
let other: string;
const NOW = '2026-06-01T10:00:00Z';

function ingest(raw: Buffer, from = REPORTER): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'ingest', '--config', env.configPath, '--no-process'], { stdio: ['pipe', 'ignore', 'ignore'] });
    child.on('close', resolve);
    child.stdin.end(Buffer.concat([Buffer.from(`Return-Path: <${from}>\r\n`), raw]));
  });
}
const cli = (...args: string[]) => env.cli([...args, '--config', env.configPath]);
const events = (tid: string) => {
  const db = env.db();
  const rows = db
    .prepare(
      `SELECT e.type, e.actor, ${opened('events', 'data', 'e.case_id', 'e.')} AS data FROM events e JOIN cases c ON c.id = e.case_id WHERE c.tracking_id = ? ORDER BY e.id`,
    )
    .all(tid) as Array<{ type: string; actor: string; data: string }>;
  db.close();
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
};

beforeAll(async () => {
  env = await intakeEnv({ extraConfig: `team:\n  - name: alice\n    email: alice@example.com\n  - name: bob\n    email: bob@example.com\n` });
  // The reporter offers their key with a signed, encrypted report: it is pinned.
  const key = await env.gpg.exportPublic(env.reporterFpr);
  const report = await reporterFlow(env.gpg, env.teamFpr, {
    from: REPORTER,
    to: TEAM,
    subject: 'SQLi in search',
    body: 'payload: 1 OR 1=1',
    signWith: env.reporterFpr,
    attachments: [{ filename: 'key.asc', contentType: 'application/pgp-keys', content: key }],
  });
  expect(await ingest(report.raw)).toBe(0);
  expect(
    await ingest(plainMessage({ from: 'second@example.org', to: TEAM, subject: 'SQL injection in /search', body: 'same thing' }), 'second@example.org'),
  ).toBe(0);
  expect((await env.cli(['run', '--once', '--config', env.configPath, '--now', NOW])).code).toBe(0);
  const list = JSON.parse((await cli('cases', 'list', '--json')).stdout) as Array<{ trackingId: string }>;
  [id, other] = list.map((c) => c.trackingId) as [string, string];
});
afterAll(async () => env?.close());

describe('cases commands', () => {
  it('moves a case through its states with the Unix user as actor and tells the reporter, encrypted', async () => {
    const r = await cli('cases', 'state', id, 'triaged', '--note', 'reproduced on staging', '--now', NOW);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`${id}: received -> triaged \\(the reporter is told, encrypted\\)`));
    const ev = events(id).filter((e) => e.type === 'state_changed');
    expect(ev).toEqual([
      { type: 'state_changed', actor: `cli:${userInfo().username}`, data: { v: 1, from: 'received', to: 'triaged', note: 'reproduced on staging' } },
    ]);
    const db = env.db();
    const notice = db.prepare(`SELECT ${OUTBOX_PARAMS} AS params FROM outbox WHERE kind = 'status_notice'`).get() as { params: string };
    const ack = db.prepare("SELECT message_id FROM outbox WHERE kind = 'ack' AND rcpt_to = ?").get(REPORTER) as { message_id: string };
    db.close();
    const p = JSON.parse(notice.params);
    expect([p.state, p.encryptTo, p.inReplyTo]).toEqual(['triaged', env.reporterFpr, ack.message_id]);
  });

  it('refuses a move the lifecycle does not allow, with exit 64 and no event', async () => {
    const before = events(id).length;
    const r = await cli('cases', 'state', id, 'disclosed');
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/cannot go from triaged to disclosed/);
    expect(events(id)).toHaveLength(before);
  });

  it('refuses --now on a command that changes a case without the test switch, so no event is backdated', async () => {
    const before = events(id).length;
    const r = await env.cli(['cases', 'note', id, 'backdated', '--now', '2020-01-01T00:00:00Z', '--config', env.configPath], { SECTRIAGE_TEST_CLOCK: '' });
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/--now is refused for a command that changes the record/);
    expect(events(id)).toHaveLength(before);
    // Without --now the note carries the real time.
    const t0 = Date.now();
    expect((await env.cli(['cases', 'note', id, 'real', 'time', '--config', env.configPath], { SECTRIAGE_TEST_CLOCK: '' })).code).toBe(0);
    const db = env.db();
    const at = (db.prepare("SELECT at FROM events WHERE type = 'note_added' ORDER BY id DESC LIMIT 1").get() as { at: string }).at;
    db.close();
    expect(Date.parse(at)).toBeGreaterThanOrEqual(t0 - 1000);
  });

  it('records the member sudo names, not the service account every member runs as', async () => {
    expect((await env.cli(['cases', 'note', id, 'as', 'alice', '--config', env.configPath], { SUDO_USER: 'alice' })).code).toBe(0);
    expect(events(id).at(-1)).toMatchObject({ type: 'note_added', actor: 'cli:alice' });
    expect((await env.cli(['cases', 'note', id, 'as', 'bob', '--as', 'bob', '--config', env.configPath])).code).toBe(0);
    expect(events(id).at(-1)).toMatchObject({ type: 'note_added', actor: 'cli:bob' });
    const before = events(id).length;
    const r = await env.cli(['cases', 'note', id, 'impostor', '--as', 'mallory', '--config', env.configPath]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/"mallory" is not a team member/);
    const claim = await env.cli(['cases', 'note', id, 'claims', 'bob', '--as', 'bob', '--config', env.configPath], { SUDO_USER: 'alice' });
    expect(claim.stderr).toMatch(/sudo says you are alice/);
    expect(events(id)).toHaveLength(before);
  });

  it('audit verify --head, from a head kept elsewhere, catches a rewrite whose chain was recomputed', async () => {
    const head = (await cli('audit', 'head')).stdout.trim();
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect((await cli('cases', 'note', id, 'after', 'the', 'head')).code).toBe(0);
    const ok = await cli('audit', 'verify', '--head', head);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/extends head .*, 1 added since/);
    // A copy rewritten by someone who can write the file: one event edited, every hash recomputed.
    const file = join(env.dir, 'rewritten.db');
    expect((await cli('backup', '--to', file)).code).toBe(0);
    const raw = new Database(file);
    // The attacker of this test can also read the sealing key (it is on the same host).
    attachSealer(raw, readKeyFile(join(env.dir, 'state', 'sealing.key')));
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare("UPDATE events SET actor = 'cli:nobody' WHERE id = 1").run();
    recomputeChain(raw);
    raw.close();
    expect((await env.cli(['audit', 'verify', '--config', env.configPath, '--database', file])).stdout).toMatch(/event log intact/);
    const caught = await env.cli(['audit', 'verify', '--config', env.configPath, '--database', file, '--head', head]);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toMatch(/does NOT extend head .*: the log up to it was rewritten/);
  });

  it('audit head --sign prints a checkpoint the team key signed, which gpg verifies', async () => {
    const r = await cli('audit', 'head', '--sign');
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^-----BEGIN PGP SIGNED MESSAGE-----[\s\S]*Head: \d+:[0-9a-f]{64}[\s\S]*-----END PGP SIGNATURE-----/);
    const v = await env.gpg.run(['--verify'], r.stdout);
    expect(v.code, v.stderr).toBe(0);
    expect(v.status).toMatch(new RegExp(`VALIDSIG ${env.teamFpr}`));
  });

  it('refuses a bad list filter with the valid values instead of No cases and exit 0, and takes comma lists', async () => {
    const bogus = await cli('cases', 'list', '--state', 'bogus');
    expect(bogus.code).toBe(64);
    expect(bogus.stderr).toMatch(/--state: unknown "bogus"; use one or more of received, needs_info, triaged/);
    const both = JSON.parse((await cli('cases', 'list', '--state', 'received,triaged', '--json')).stdout) as Array<{ state: string }>;
    expect(both.length).toBe(2);
    expect(new Set(both.map((c) => c.state))).toEqual(new Set(['received', 'triaged']));
    expect((await cli('cases', 'list', '--assignee', 'carol')).stderr).toMatch(/--assignee: unknown "carol"; use one or more of alice, bob, none/);
    expect((await cli('spool', 'list', '--state', 'hold')).stderr).toMatch(/use one or more of incoming, done, held/);
    expect((await cli('outbox', 'list', '--state', 'sent,failed')).code).toBe(0);
  });

  it('cases search finds the case by words of its decrypted report, ranked, and records who searched', async () => {
    const r = await cli('cases', 'search', 'sqli', 'search', '--json');
    expect(r.stderr).toBe('');
    const hits = JSON.parse(r.stdout) as Array<{ trackingId: string; where: string[] }>;
    expect(hits.map((h) => h.trackingId)).toContain(id);
    expect(hits[0]!.where).toContain('subject');
    // The payload is only in the encrypted body: found once decrypted, and the search is on record.
    const payload = JSON.parse((await cli('cases', 'search', 'OR 1=1', '--json')).stdout) as Array<{ trackingId: string }>;
    expect(payload.map((h) => h.trackingId)).toEqual([id]);
    expect(
      events(id)
        .filter((e) => e.type === 'case_viewed')
        .at(-1),
    ).toMatchObject({ data: { part: 'search', query: 'OR 1=1' } });
    expect((await cli('cases', 'search', 'nothingmatchesthis')).stdout).toBe('No cases.\n');
  });

  it('cases attachment writes the attachments checked against their sha256, never overwrites, and records the view', async () => {
    const dir = join(env.dir, 'attachments');
    mkdirSync(dir);
    const r = await cli('cases', 'attachment', id, '--out', dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/1-key\.asc: \d+ bytes, sha256 [0-9a-f]{64} \(as received\)/);
    expect(readFileSync(join(dir, '1-key.asc'), 'utf8')).toContain('BEGIN PGP PUBLIC KEY BLOCK');
    expect(statSync(join(dir, '1-key.asc')).mode & 0o777).toBe(0o600);
    expect(
      events(id)
        .filter((e) => e.type === 'case_viewed')
        .at(-1),
    ).toMatchObject({ data: { part: 'attachment' } });
    const again = await cli('cases', 'attachment', id, '1', '--out', dir);
    expect(again.code).toBe(64);
    expect(again.stderr).toMatch(/exists: nothing is overwritten/);
    expect((await cli('cases', 'attachment', id, '9', '--out', dir)).stderr).toMatch(/choose 1 to 1/);
  });

  it('assigns only team members, sets severity, CVE, flags and embargo, and lists by assignee', async () => {
    expect((await cli('cases', 'assign', id, 'mallory')).stderr).toMatch(/not on the team: use one of alice, bob/);
    expect((await cli('cases', 'assign', id, 'alice')).code).toBe(0);
    const set = await cli('cases', 'set', id, '--severity', 'high', '--cve', 'CVE-2026-4242', '--flag', 'exploited', '--embargo', '2026-07-15');
    expect(set.stdout).toMatch(/severity high, CVE CVE-2026-4242, exploited set, embargo 2026-07-15/);
    expect((await cli('cases', 'set', id, '--cve', 'CVE-26-1')).code).toBe(64);
    const mine = JSON.parse((await cli('cases', 'list', '--assignee', 'alice', '--json')).stdout) as Array<{ trackingId: string; severity: string }>;
    expect(mine.map((c) => [c.trackingId, c.severity])).toEqual([[id, 'high']]);
    expect(
      events(id)
        .filter((e) => e.type === 'flag_set')
        .map((e) => e.data),
    ).toEqual([
      { v: 1, flag: 'exploited', value: true },
      { v: 1, flag: 'embargo', value: '2026-07-15' },
    ]);
    // A vector alone sets the severity it scores to; an incomplete one is refused.
    const scored = await cli('cases', 'set', id, '--cvss', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N');
    expect(scored.stdout).toMatch(/severity medium \(CVSS:3\.1\//);
    expect((await cli('cases', 'set', id, '--cvss', 'CVSS:3.1/AV:N/AC:L')).code).toBe(64);
    // Set by hand again: the tests below expect "high".
    expect((await cli('cases', 'set', id, '--severity', 'high')).stdout).toMatch(/severity high/);
  });

  it('queues an encrypted, threaded team reply and shows it in the thread', async () => {
    const file = join(env.dir, 'reply.txt');
    writeFileSync(file, 'Thanks, we reproduced it. A fix is planned for next week.\n');
    const r = await cli('cases', 'reply', id, '--file', file, '--now', NOW);
    expect(r.stdout).toMatch(/queued as outbox row \d+ \(encrypted\)/);
    // The daemon sends it: the sink gets PGP/MIME, threaded to the case.
    expect((await env.cli(['run', '--once', '--config', env.configPath, '--now', NOW])).code).toBe(0);
    const sent = env.sink.messages.map((m) => m.raw.toString('latin1')).find((raw) => raw.includes(`Subject: [${id}] Re: your security report`));
    expect(sent).toBeDefined();
    expect(sent).toMatch(/multipart\/encrypted/);
    expect(sent).not.toMatch(/we reproduced it/);
    expect(sent).toMatch(/^In-Reply-To: <sectriage\.\d+\./m);
    const show = await cli('cases', 'show', id);
    expect(show.stdout).toMatch(/team_reply to reporter@example\.net: sent/);
    expect(show.stdout).toMatch(/\| Thanks, we reproduced it/);
    expect(show.stdout).toMatch(/Assignee:   alice    Severity: high    CVE: CVE-2026-4242/);
    expect(show.stdout).toMatch(/state_changed  from="received" to="triaged" note="reproduced on staging"/);
  });

  it('refuses a plain reply to a reporter whose key we do not hold unless --allow-plain', async () => {
    const file = join(env.dir, 'reply2.txt');
    writeFileSync(file, 'Thanks.\n');
    expect((await cli('cases', 'reply', other, '--file', file)).stderr).toMatch(/--allow-plain/);
    expect((await cli('cases', 'reply', other, '--file', file, '--allow-plain')).stdout).toMatch(/NOT encrypted/);
  });

  it('merges a duplicate: closed with its resolution, reporter credited on the target', async () => {
    const r = await cli('cases', 'merge', other, '--into', id);
    expect(r.stdout).toMatch(new RegExp(`${other}: closed as a duplicate of ${id}; second@example.org credited there`));
    const show = JSON.parse((await cli('cases', 'show', id, '--json')).stdout);
    expect(show.workflow.credits.map((c: { email: string }) => c.email)).toEqual([REPORTER, 'second@example.org']);
    const dup = JSON.parse((await cli('cases', 'show', other, '--json')).stdout);
    expect([dup.state, dup.workflow.resolution, dup.workflow.duplicateOf]).toEqual(['closed', 'duplicate', id]);
  });

  it('lists overdue cases from the policy and the events', async () => {
    // cgx: first response within days; by 2027 every open milestone is long past.
    const late = JSON.parse((await cli('cases', 'list', '--overdue', '--now', '2027-01-01T00:00:00Z', '--json')).stdout) as Array<{
      trackingId: string;
      overdue: Array<{ milestone: string }>;
    }>;
    expect(late.map((c) => c.trackingId)).toEqual([id]);
    // The team reply was sent: first response is met, resolution is not.
    expect(late[0]!.overdue.map((o) => o.milestone)).not.toContain('firstResponse');
    expect(late[0]!.overdue.map((o) => o.milestone)).toContain('resolution');
    expect(JSON.parse((await cli('cases', 'list', '--overdue', '--now', NOW, '--json')).stdout)).toEqual([]);
  });

  it('a case waiting on the reporter resumes when the reporter answers', async () => {
    expect((await cli('cases', 'state', id, 'needs_info', '--note', 'which version?')).code).toBe(0);
    expect(await ingest(plainMessage({ from: REPORTER, to: TEAM, subject: `Re: [${id}] version`, body: 'version 2.3.1' }))).toBe(0);
    expect((await env.cli(['run', '--once', '--config', env.configPath])).code).toBe(0);
    const last = events(id)
      .filter((e) => e.type === 'state_changed')
      .at(-1)!;
    expect([last.actor, last.data]).toEqual(['system', { v: 1, from: 'needs_info', to: 'triaged', note: 'the reporter answered' }]);
  });
});
