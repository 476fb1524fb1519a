// The team console against the attacks the issue names, through the Hono app (app.request)
// on a real database that the real pipeline filled: no cookie gets the login page and no
// case data; a forged, a replayed and an expired link are refused; a cross-site POST without
// the token changes nothing; a report whose subject and body are <script>, <img src=//evil>
// and a bidi override renders as inert text; a path traversal in the attachment URL finds
// nothing; a member removed from the config loses access at once. Also: the login answer is
// the same for a stranger, and every view of a case is recorded with the member as actor.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EVENT_DATA } from '../helpers/opened-sql.js';
import { raiseAttention } from '../../src/cases/store/attention.js';
import type { TeamMember } from '../../src/config/load.js';
import { MINUTE } from '../../src/limits.js';
import { createLogger } from '../../src/log.js';
import { createConsoleApp } from '../../src/web/app.js';
import { allowedHosts } from '../../src/web/hosts.js';
import { passkeysOf, savePasskey } from '../../src/web/passkey-store.js';
import type { ConsoleApp, ConsoleDeps } from '../../src/web/context.js';
import { memoryPipeline, TEAM_ADDRESS, type MemoryPipeline } from '../helpers/memory-pipeline.js';

const HOSTILE_SUBJECT = '<script>alert(1)</script> \u202Egnp.exe';
const HOSTILE_BODY = 'Hello <img src=//evil.example/x.png> and <script>document.cookie</script>\nsee \u202Etxt.exe';
const BOUNDARY = 'b-1';

function reportWithAttachment(): string {
  return [
    'Return-Path: <mallory@evil.example>',
    'From: <mallory@evil.example>',
    `To: ${TEAM_ADDRESS}`,
    `Subject: ${HOSTILE_SUBJECT}`,
    'Message-ID: <hostile-1@evil.example>',
    'Date: Mon, 23 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
    '',
    `--${BOUNDARY}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    HOSTILE_BODY,
    `--${BOUNDARY}`,
    'Content-Type: text/html; name="poc.html"',
    'Content-Disposition: attachment; filename="../../poc.html"',
    '',
    '<html><script>alert(2)</script></html>',
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n');
}

let pipe: MemoryPipeline;
let team: TeamMember[];
let now: Date;
let mailed: Array<{ member: string; url: string }>;
let app: ConsoleApp;
let trackingId: string;
const ORIGIN = 'http://127.0.0.1:8420';

beforeEach(async () => {
  pipe = await memoryPipeline({ team: [{ name: 'alice', email: 'alice@example.com' }] });
  await pipe.deliver(reportWithAttachment());
  trackingId = (pipe.db.prepare('SELECT tracking_id FROM cases').pluck().get() as string) ?? '';
  team = [
    { name: 'alice', email: 'alice@example.com', publicKey: '/keys/alice.asc' },
    { name: 'bob', email: 'bob@example.com', publicKey: '/keys/bob.asc' },
    { name: 'carol', email: 'carol@example.com' },
  ];
  now = new Date('2026-11-23T10:00:00Z');
  mailed = [];
  deps = {
    db: pipe.db,
    now: () => now,
    team: () => team,
    publicUrl: `${ORIGIN}/`,
    hosts: allowedHosts(`${ORIGIN}/`, '127.0.0.1:8420'),
    secureCookie: false,
    sessionLimits: { idleMs: 30 * MINUTE, lifetimeMs: 12 * 60 * MINUTE },
    loginLinkLifetimeMs: 10 * MINUTE,
    mailLinks: true,
    trustProxy: [],
    sendLoginLink: async (m, url) => {
      mailed.push({ member: m.name, url });
    },
    kickOutbox: () => {},
    policy: pipe.deps.policy,
    policyFor: () => pipe.deps.policy,
    teamAddress: TEAM_ADDRESS,
    timezone: 'UTC',
    log: createLogger('silent'),
  };
  app = createConsoleApp(deps);
});
afterEach(() => pipe.close());
let deps: ConsoleDeps;

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const formHeaders = (extra: Record<string, string> = {}) => ({ 'Content-Type': 'application/x-www-form-urlencoded', ...extra });

/** Asks for a link; the link is issued after the answer (login.ts), so wait that turn too. */
async function askLink(email: string) {
  const res = await app.request('/login', { method: 'POST', body: form({ email }), headers: formHeaders() });
  await new Promise((r) => setImmediate(r));
  return res;
}

/** Logs in as `name` through a mailed link; returns the cookie header and the CSRF token. */
async function login(name = 'alice'): Promise<{ cookie: string; csrf: string }> {
  await askLink(`${name}@example.com`);
  const link = mailed.filter((m) => m.member === name).at(-1)!;
  const token = new URL(link.url).searchParams.get('token')!;
  const confirm = await app.request(`/login/link?token=${token}`);
  expect(confirm.status).toBe(200);
  const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
  expect(res.status).toBe(303);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await app.request('/', { headers: { Cookie: cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  return { cookie, csrf };
}

describe('web console attacks', () => {
  it("a passkey someone added (or a lost phone's) is removed by its member; another member's cannot be, nor without the token", async () => {
    for (const [id, member] of [
      ['alice-key', 'alice'],
      ['bob-key', 'bob'],
    ] as const) {
      savePasskey(pipe.db, { id, member, publicKey: new Uint8Array([1]), counter: 0, transports: [] }, now);
    }
    const alice = await login('alice');
    const remove = (id: string, csrf = alice.csrf) =>
      app.request('/passkeys/delete', { method: 'POST', body: form({ id, _csrf: csrf }), headers: formHeaders({ Cookie: alice.cookie, Origin: ORIGIN }) });
    expect((await remove('bob-key')).status).toBe(303);
    expect(passkeysOf(pipe.db, 'bob')).toHaveLength(1);
    expect((await remove('alice-key', 'forged')).status).toBe(403);
    expect(passkeysOf(pipe.db, 'alice')).toHaveLength(1);
    expect((await remove('alice-key')).status).toBe(303);
    expect(passkeysOf(pipe.db, 'alice')).toHaveLength(0);
  });

  it('a link mailed before links were turned off (web.mailLinks: false) logs nobody in', async () => {
    await askLink('alice@example.com');
    const token = new URL(mailed.at(-1)!.url).searchParams.get('token')!;
    app = createConsoleApp({ ...deps, mailLinks: false });
    const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('no cookie: redirected to the login page, and no case data in any answer', async () => {
    for (const path of ['/', `/cases/${trackingId}`, `/cases/${trackingId}/attachments/1`, '/digest']) {
      const res = await app.request(path);
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe('/login');
      const body = await res.text();
      expect(body).not.toContain(trackingId);
      expect(body).not.toContain('script');
    }
    const post = await app.request(`/cases/${trackingId}/note`, { method: 'POST', body: form({ note: 'x' }), headers: formHeaders() });
    expect(post.status).toBe(401);
    expect(pipe.db.prepare("SELECT count(*) FROM events WHERE type = 'note_added'").pluck().get()).toBe(0);
  });

  it('login answers the same for a member, a stranger, and a member without a key; only the member with a key gets a link', async () => {
    const pages = await Promise.all(['alice@example.com', 'stranger@example.org', 'carol@example.com'].map(async (e) => (await askLink(e)).text()));
    expect(new Set(pages).size).toBe(1);
    expect(mailed.map((m) => m.member)).toEqual(['alice']);
  });

  it('a forged link is refused', async () => {
    for (const token of ['A'.repeat(43), 'forged', '../../etc/passwd']) {
      const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
      expect(res.status).toBe(403);
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('a replayed link is refused', async () => {
    await askLink('alice@example.com');
    const token = new URL(mailed[0]!.url).searchParams.get('token')!;
    const first = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
    expect(first.status).toBe(303);
    const again = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('an expired link is refused', async () => {
    await askLink('alice@example.com');
    const token = new URL(mailed[0]!.url).searchParams.get('token')!;
    now = new Date(now.getTime() + 10 * MINUTE + 1);
    expect((await app.request(`/login/link?token=${token}`)).status).toBe(403);
    const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
    expect(res.status).toBe(403);
  });

  it('the session cookie is HttpOnly and SameSite=Strict; pages carry a strict CSP', async () => {
    await askLink('alice@example.com');
    const token = new URL(mailed[0]!.url).searchParams.get('token')!;
    const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() });
    const c = res.headers.get('set-cookie')!;
    expect(c).toMatch(/HttpOnly/);
    expect(c).toMatch(/SameSite=Strict/);
    const csp = (await app.request('/login')).headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('a cross-site POST without the token changes nothing', async () => {
    const { cookie, csrf } = await login();
    const noToken = await app.request(`/cases/${trackingId}/assign`, {
      method: 'POST',
      body: form({ member: 'alice' }),
      headers: formHeaders({ Cookie: cookie }),
    });
    expect(noToken.status).toBe(403);
    const crossSite = await app.request(`/cases/${trackingId}/assign`, {
      method: 'POST',
      body: form({ member: 'alice', _csrf: csrf }),
      headers: formHeaders({ Cookie: cookie, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' }),
    });
    expect(crossSite.status).toBe(403);
    expect(pipe.db.prepare('SELECT assignee FROM cases').pluck().get()).toBeNull();
    // The same form with the token, from our own origin, does it, as web:alice.
    const ok = await app.request(`/cases/${trackingId}/assign`, {
      method: 'POST',
      body: form({ member: 'alice', _csrf: csrf }),
      headers: formHeaders({ Cookie: cookie, Origin: ORIGIN, 'Sec-Fetch-Site': 'same-origin' }),
    });
    expect(ok.status).toBe(303);
    expect(pipe.db.prepare('SELECT assignee FROM cases').pluck().get()).toBe('alice');
    expect(pipe.db.prepare("SELECT actor FROM events WHERE type = 'assigned'").pluck().get()).toBe('web:alice');
  });

  it('a report whose subject and body are <script>, <img src=//evil> and a bidi override renders as inert text', async () => {
    const { cookie } = await login();
    for (const path of ['/', `/cases/${trackingId}`]) {
      const body = await (await app.request(path, { headers: { Cookie: cookie } })).text();
      expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(body).not.toContain('<script');
      expect(body).not.toMatch(/<img/i);
      expect(body).not.toContain('\u202E');
      expect(body).toContain('\uFFFDgnp.exe');
      if (path !== '/') expect(body).toContain('&lt;img src=//evil.example/x.png&gt;');
    }
  });

  it('every view of a case is recorded as case_viewed by the member', async () => {
    const { cookie } = await login();
    await app.request(`/cases/${trackingId}`, { headers: { Cookie: cookie } });
    const ev = pipe.db.prepare(`SELECT actor, ${EVENT_DATA} AS data FROM events WHERE type = 'case_viewed'`).all() as Array<{ actor: string; data: string }>;
    expect(ev).toHaveLength(1);
    expect(ev[0]!.actor).toBe('web:alice');
    expect(JSON.parse(ev[0]!.data)).toMatchObject({ part: 'case' });
  });

  it('a path traversal in the attachment URL finds nothing; the real one downloads as an octet-stream attachment', async () => {
    const { cookie } = await login();
    const attId = pipe.db.prepare('SELECT id FROM attachments').pluck().get() as number;
    expect(attId).toBeGreaterThan(0);
    for (const path of [
      `/cases/${trackingId}/attachments/..%2F..%2F..%2Fetc%2Fpasswd`,
      `/cases/${trackingId}/attachments/../../../etc/passwd`,
      `/cases/${trackingId}/attachments/${attId}%2F..`,
      `/cases/..%2F${trackingId}/attachments/${attId}`,
      `/cases/${trackingId}/attachments/${attId + 1000}`,
    ]) {
      const res = await app.request(path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('alert(2)');
    }
    const res = await app.request(`/cases/${trackingId}/attachments/${attId}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w.-]+"$/);
    expect(res.headers.get('content-disposition')).not.toContain('/');
    expect(await res.text()).toContain('alert(2)');
    expect(pipe.db.prepare(`SELECT count(*) FROM events WHERE type = 'case_viewed' AND ${EVENT_DATA} LIKE '%attachment%'`).pluck().get()).toBe(1);
  });

  it('a member removed from the config loses access at once', async () => {
    const { cookie } = await login('bob');
    expect((await app.request('/', { headers: { Cookie: cookie } })).status).toBe(200);
    team = team.filter((m) => m.name !== 'bob');
    const res = await app.request(`/cases/${trackingId}`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login');
    // Put back, the old session is still gone: it was ended, not merely refused.
    team.push({ name: 'bob', email: 'bob@example.com', publicKey: '/keys/bob.asc' });
    expect((await app.request('/', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('the list searches the decrypted report text, taking % and _ literally', async () => {
    const { cookie } = await login();
    const hit = await (await app.request('/?q=evil.example%2Fx.png', { headers: { Cookie: cookie } })).text();
    expect(hit).toContain(`/cases/${trackingId}`);
    for (const q of ['nothing-like-this', '%', '_']) {
      const miss = await (await app.request(`/?q=${encodeURIComponent(q)}`, { headers: { Cookie: cookie } })).text();
      expect(miss, q).not.toContain(`/cases/${trackingId}`);
      expect(miss).toContain('No case matches.');
    }
  });

  it('a forged passkey answer logs nobody in', async () => {
    const forged = JSON.stringify({ id: 'AAAA', rawId: 'AAAA', type: 'public-key', response: {}, clientExtensionResults: {} });
    const res = await app.request('/login/passkey/verify', { method: 'POST', body: form({ response: forged }), headers: formHeaders() });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    const cross = await app.request('/login/passkey/options', { method: 'POST', headers: { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' } });
    expect(cross.status).toBe(403);
  });

  it('severity from a CVSS vector: set through the form, scored on the page; a broken vector is refused with the reason', async () => {
    const { cookie, csrf } = await login();
    const post = (cvss: string) =>
      app.request(`/cases/${trackingId}/severity`, {
        method: 'POST',
        body: form({ cvss, _csrf: csrf }),
        headers: formHeaders({ Cookie: cookie, Origin: ORIGIN }),
      });
    const bad = await post('CVSS:3.1/AV:N');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('is not a complete CVSS vector');
    expect((await post('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).status).toBe(303);
    expect(pipe.db.prepare('SELECT severity FROM cases').pluck().get()).toBe('critical');
    const page = await (await app.request(`/cases/${trackingId}`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('base score 9.8');
  });

  it('dns rebinding: a request for another host name is refused before any route, even with a session', async () => {
    const { cookie } = await login();
    for (const host of ['evil.example', 'evil.example:8420', '127.0.0.1:9999']) {
      const res = await app.request('/', { headers: { Cookie: cookie, Host: host } });
      expect(res.status, host).toBe(421);
      expect(await res.text()).not.toContain(trackingId);
    }
    for (const host of ['127.0.0.1:8420', 'localhost:8420'])
      expect((await app.request('/', { headers: { Cookie: cookie, Host: host } })).status, host).toBe(200);
  });

  it('the digest page renders from the real deadline reading, with its SVG chart', async () => {
    const { cookie } = await login();
    const res = await app.request('/digest', { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain('<svg');
    expect(body).toContain(trackingId);
    expect(body).not.toContain('<script');
  });

  it('an attention item is cleared from the case page by its kind, as web:alice', async () => {
    const { cookie, csrf } = await login();
    // As the pipeline raises one when a ciphertext of this case comes again from someone else.
    const caseId = pipe.db.prepare('SELECT id FROM cases').pluck().get() as number;
    raiseAttention(pipe.db, caseId, { kind: 'replayed_by_other', text: 'another sender sent this ciphertext again' }, now, null);
    const open = pipe.db.prepare('SELECT kind FROM attention WHERE cleared_at IS NULL').pluck().all() as string[];
    expect(open).toEqual(['replayed_by_other']);
    const page = await (await app.request(`/cases/${trackingId}`, { headers: { Cookie: cookie } })).text();
    expect(page).toContain(`name="kind" value="${open[0]}"`);
    const res = await app.request(`/cases/${trackingId}/dismiss`, {
      method: 'POST',
      body: form({ kind: open[0]!, _csrf: csrf }),
      headers: formHeaders({ Cookie: cookie, Origin: ORIGIN }),
    });
    expect(res.status).toBe(303);
    expect(pipe.db.prepare('SELECT count(*) FROM attention WHERE cleared_at IS NULL AND kind = ?').pluck().get(open[0])).toBe(0);
    expect(pipe.db.prepare("SELECT actor FROM events WHERE type = 'attention_cleared'").pluck().get()).toBe('web:alice');
  });

  it('login csrf: another site cannot post a login link or ask for one', async () => {
    await askLink('alice@example.com');
    const token = new URL(mailed[0]!.url).searchParams.get('token')!;
    const evil = { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'cross-site' };
    const res = await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders(evil) });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await app.request('/login', { method: 'POST', body: form({ email: 'alice@example.com' }), headers: formHeaders(evil) })).status).toBe(403);
    expect(mailed).toHaveLength(1);
    // The token was not spent by the refused attempt.
    expect((await app.request('/login/link', { method: 'POST', body: form({ token }), headers: formHeaders() })).status).toBe(303);
  });

  it('answers a login-link request before a member link is issued, so the answer time does not tell members apart', async () => {
    const tokens = () => pipe.db.prepare('SELECT count(*) FROM web_login_tokens').pluck().get() as number;
    const before = tokens();
    const res = await app.request('/login', { method: 'POST', body: form({ email: 'alice@example.com' }), headers: formHeaders() });
    expect(res.status).toBe(200);
    expect(tokens()).toBe(before);
    await new Promise((r) => setImmediate(r));
    expect(tokens()).toBe(before + 1);
    const stranger = await app.request('/login', { method: 'POST', body: form({ email: 'nobody@example.com' }), headers: formHeaders() });
    expect(await stranger.text()).toBe(await res.text());
  });

  it('asking for links is rate-limited per address', async () => {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await askLink('alice@example.com')).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    expect(mailed).toHaveLength(3);
  });
});
