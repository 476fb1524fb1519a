// The console's forms that reach further than one case's columns, through the Hono app on a
// pipeline-filled database: a reply to a reporter we hold no key for is refused until its
// "send unencrypted" box is ticked; merging closes the case as a duplicate of another; pinning
// an offered key makes it the one replies are encrypted to. Each recorded as web:alice.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { EVENT_DATA } from '../helpers/opened-sql.js';
import { createLogger } from '../../src/log.js';
import { MINUTE } from '../../src/limits.js';
import { createConsoleApp } from '../../src/web/app.js';
import type { ConsoleApp } from '../../src/web/context.js';
import { allowedHosts } from '../../src/web/hosts.js';
import { memoryPipeline, pipelineKey, plainMail, TEAM_ADDRESS, type MemoryPipeline } from '../helpers/memory-pipeline.js';

const ORIGIN = 'http://127.0.0.1:8420';
let pipe: MemoryPipeline;
let app: ConsoleApp;
let mailed: string[];
let ids: string[];
let session: { cookie: string; csrf: string };

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const headers = (extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/x-www-form-urlencoded', Origin: ORIGIN, ...extra });

beforeEach(async () => {
  pipe = await memoryPipeline({ team: [{ name: 'alice', email: 'alice@example.com' }] });
  await pipe.deliver(plainMail({ from: 'rita@example.net', subject: 'SQL injection in /search', body: 'The q parameter is concatenated into SQL.' }));
  await pipe.deliver(plainMail({ from: 'sam@example.org', subject: 'SQLi in search', body: 'q= is injectable.' }));
  ids = pipe.db.prepare('SELECT tracking_id FROM cases ORDER BY id').pluck().all() as string[];
  mailed = [];
  app = createConsoleApp({
    db: pipe.db,
    now: () => new Date('2026-11-23T10:00:00Z'),
    team: () => [{ name: 'alice', email: 'alice@example.com', publicKey: '/keys/alice.asc' }],
    publicUrl: `${ORIGIN}/`,
    hosts: allowedHosts(`${ORIGIN}/`, '127.0.0.1:8420'),
    secureCookie: false,
    sessionLimits: { idleMs: 30 * MINUTE, lifetimeMs: 720 * MINUTE },
    loginLinkLifetimeMs: 10 * MINUTE,
    mailLinks: true,
    trustProxy: [],
    sendLoginLink: async (_m, url) => void mailed.push(url),
    kickOutbox: () => {},
    policy: pipe.deps.policy,
    policyFor: () => pipe.deps.policy,
    teamAddress: TEAM_ADDRESS,
    timezone: 'UTC',
    log: createLogger('silent'),
  });
  await app.request('/login', { method: 'POST', body: form({ email: 'alice@example.com' }), headers: headers() });
  await new Promise((r) => setImmediate(r)); // the link is issued after the answer
  const token = new URL(mailed[0]!).searchParams.get('token')!;
  const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: headers() });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await app.request('/', { headers: { Cookie: cookie } })).text();
  session = { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
});
afterEach(() => pipe.close());

const act = (id: string, action: string, fields: Record<string, string>) =>
  app.request(`/cases/${id}/${action}`, { method: 'POST', body: form({ ...fields, _csrf: session.csrf }), headers: headers({ Cookie: session.cookie }) });

describe('web console actions', () => {
  it('a reply to a reporter without a key is refused until the unencrypted box is ticked', async () => {
    const refused = await act(ids[0]!, 'reply', { text: 'Can you send a PoC?' });
    expect(refused.status).toBe(400);
    const why = await refused.text();
    expect(why).toContain('the reply would go unencrypted: tick &quot;Send it unencrypted&quot;');
    expect(why).not.toContain('--allow-plain');
    expect(pipe.db.prepare("SELECT count(*) FROM outbox WHERE kind = 'team_reply'").pluck().get()).toBe(0);
    expect((await act(ids[0]!, 'reply', { text: 'Can you send a PoC?', allowPlain: '1' })).status).toBe(303);
    expect(pipe.db.prepare("SELECT actor, data FROM events WHERE type = 'team_reply_queued'").get()).toMatchObject({ actor: 'web:alice' });
    expect(JSON.parse(pipe.db.prepare("SELECT data FROM events WHERE type = 'team_reply_queued'").pluck().get() as string)).toMatchObject({ encrypted: false });
  });

  it('merges a case into another: closed as its duplicate', async () => {
    expect((await act(ids[1]!, 'merge', { into: ids[0]!.toLowerCase() })).status).toBe(303);
    const row = pipe.db.prepare('SELECT state, resolution FROM cases WHERE tracking_id = ?').get(ids[1]) as { state: string; resolution: string };
    expect(row).toEqual({ state: 'closed', resolution: 'duplicate' });
    expect(pipe.db.prepare("SELECT actor FROM events WHERE type = 'duplicate_merged'").pluck().get()).toBe('web:alice');
    // Merging into itself is refused with the reason, changing nothing.
    const self = await act(ids[0]!, 'merge', { into: ids[0]! });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('cannot be merged into itself');
  });

  it('pins a key the reporter offered; replies are then encrypted to it', async () => {
    const { armored, fingerprint } = await pipelineKey('rita-attached');
    pipe.db
      .prepare(
        "INSERT INTO reporter_keys (email, fingerprint, armored, source, status, first_seen_at) VALUES ('rita@example.net', ?, ?, 'attachment', 'candidate', ?)",
      )
      .run(fingerprint, armored, '2026-11-23T09:00:00Z');
    const page = await (await app.request(`/cases/${ids[0]}`, { headers: { Cookie: session.cookie } })).text();
    expect(page).toContain(`<option value="${fingerprint}"`);
    expect((await act(ids[0]!, 'pin-key', { fingerprint })).status).toBe(303);
    expect(pipe.db.prepare('SELECT status FROM reporter_keys WHERE fingerprint = ?').pluck().get(fingerprint)).toBe('pinned');
    expect(pipe.db.prepare("SELECT actor FROM events WHERE type = 'reporter_key_pinned'").pluck().get()).toBe('web:alice');
    expect((await act(ids[0]!, 'reply', { text: 'Thanks!' })).status).toBe(303);
    expect(JSON.parse(pipe.db.prepare("SELECT data FROM events WHERE type = 'team_reply_queued'").pluck().get() as string)).toMatchObject({ encrypted: true });
  });
  it('records the advisory from its form as web:alice: the words the team wrote, an emptied field cleared, a bad CWE refused with its reason', async () => {
    const full = {
      vendor: 'Acme',
      product: 'Acme Forum',
      affected: '>=1.0.0 <1.2.4',
      fixed: '1.2.4',
      cwe: '89',
      summary: 'SQL injection in search',
      description: 'The q parameter of /search was concatenated into SQL.',
      references: 'https://acme.example/security/2026-1',
    };
    expect((await act(ids[0]!, 'advisory', full)).status).toBe(303);
    const fields = () =>
      Object.fromEntries(
        (
          pipe.db.prepare(`SELECT actor, ${EVENT_DATA} AS data FROM events WHERE type = 'advisory_set' ORDER BY id`).all() as Array<{
            actor: string;
            data: string;
          }>
        ).map((r) => {
          expect(r.actor).toBe('web:alice');
          const d = JSON.parse(r.data) as { field: string; value: unknown };
          return [d.field, d.value];
        }),
      );
    expect(fields()).toMatchObject({ vendor: 'Acme', product: 'Acme Forum', fixed: '1.2.4', cwe: ['CWE-89'], summary: 'SQL injection in search' });
    const page = await (await app.request(`/cases/${ids[0]}`, { headers: { Cookie: session.cookie } })).text();
    expect(page).toContain('value="Acme Forum"');
    // The same form again is no change; with the summary emptied, the summary alone is cleared.
    const events = () => pipe.db.prepare("SELECT count(*) FROM events WHERE type = 'advisory_set'").pluck().get();
    const before = events();
    expect((await act(ids[0]!, 'advisory', full)).status).toBe(303);
    expect(events()).toBe(before);
    expect((await act(ids[0]!, 'advisory', { ...full, summary: '' })).status).toBe(303);
    expect(fields().summary).toBeNull();
    const bad = await act(ids[0]!, 'advisory', { ...full, cwe: 'XSS' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/CWE/);
  });
});

describe('the case page reads report fields as text', () => {
  it('shows a CVSS value and a credit as words, and each part of a several-vulnerability report with its own CWE and CVSS', async () => {
    const pageOf = async (): Promise<string> => {
      const id = pipe.db.prepare('SELECT tracking_id FROM cases ORDER BY id DESC LIMIT 1').pluck().get() as string;
      return (await app.request(`/cases/${id}`, { headers: { Cookie: session.cookie } })).text();
    };
    await pipe.deliver(
      plainMail({
        from: 'tom@example.org',
        subject: 'SQL injection in Acme export',
        body: ['SQL injection in /api/export', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', '', 'Reported by: Tom Example'].join('\n'),
      }),
    );
    const single = await pageOf();
    expect(single).toContain('9.8 Critical (CVSS 3.1) CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(single).toContain('name: Tom Example');
    expect(single).not.toContain('&quot;vector&quot;');
    await pipe.deliver(
      plainMail({
        from: 'tom@example.org',
        subject: 'Two vulnerabilities in Acme',
        body: [
          'Vulnerability 1: SQL injection in /api/export',
          'CWE-89',
          'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
          '',
          'Vulnerability 2: Stored XSS in comments',
          'CWE-79',
          'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N',
          '',
          'Reported by: Tom Example',
        ].join('\n'),
      }),
    );
    const page = await pageOf();
    expect(page).toContain('Several vulnerabilities in one report (2)');
    expect(page).toMatch(/Vulnerability 1: SQL injection in \/api\/export \[sql injection\] CWE-89 CVSS 9\.8 Critical/);
    expect(page).toMatch(/Vulnerability 2: Stored XSS in comments \[cross-site scripting\] CWE-79 CVSS 5\.4 Medium/);
    // Each part has its own vector: the first part's is not shown as the report's (issue 15).
    expect(page).not.toContain('9.8 Critical (CVSS 3.1)');
  });
});
