// The console's login pieces, on a real (in-memory) database with the migrations: tokens are
// stored hashed, work once and only before they expire; sessions end when idle or too old;
// CSRF refuses what another site can send; the rate limit counts per key; cookie flags.
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open.js';
import { DAY, DEFAULTS, HOUR, MINUTE } from '../limits.js';
import { clearedCookie, cookieSecure, isLoopbackHost, sessionCookie } from './cookies.js';
import { csrfRefusal } from './csrf.js';
import { allowedHosts, hostAllowed } from './hosts.js';
import { Challenges } from './challenges.js';
import { consumeLoginToken, issueLoginToken, peekLoginToken } from './login-link.js';
import { RateLimiter } from './rate-limit.js';
import { createSession, findSession, sessionLive } from './sessions.js';
import { secretHash } from './tokens.js';

const t0 = new Date('2026-12-01T10:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const limits = { idleMs: 30 * MINUTE, lifetimeMs: 12 * HOUR };

describe('login tokens', () => {
  it('are stored only as their SHA-256 and work once', () => {
    const db = openDatabase(':memory:');
    const { token } = issueLoginToken(db, 'alice', t0, 10 * MINUTE);
    const stored = db.prepare('SELECT token_sha256 FROM web_login_tokens').pluck().all();
    expect(stored).toEqual([secretHash(token)]);
    expect(JSON.stringify(db.prepare('SELECT * FROM web_login_tokens').all())).not.toContain(token);
    expect(peekLoginToken(db, token, at(MINUTE))).toBe('alice');
    expect(consumeLoginToken(db, token, at(MINUTE))).toBe('alice');
    // Replayed: refused.
    expect(consumeLoginToken(db, token, at(2 * MINUTE))).toBeUndefined();
    expect(peekLoginToken(db, token, at(2 * MINUTE))).toBeUndefined();
  });
  it('expire after their lifetime', () => {
    const db = openDatabase(':memory:');
    const { token } = issueLoginToken(db, 'alice', t0, 10 * MINUTE);
    expect(consumeLoginToken(db, token, at(10 * MINUTE))).toBeUndefined();
  });
  it('refuse a forged token without looking it up, whatever its form', () => {
    const db = openDatabase(':memory:');
    issueLoginToken(db, 'alice', t0, 10 * MINUTE);
    for (const forged of ['', 'x', "' OR 1=1 --", 'A'.repeat(43), ['a'], null]) expect(consumeLoginToken(db, forged, at(MINUTE))).toBeUndefined();
  });
});

describe('sessions', () => {
  it('end after the idle timeout, and after the absolute lifetime even when used', () => {
    expect(sessionLive(t0, t0, at(29 * MINUTE), limits)).toBe(true);
    expect(sessionLive(t0, t0, at(30 * MINUTE), limits)).toBe(false);
    expect(sessionLive(t0, at(12 * HOUR - MINUTE), at(12 * HOUR), limits)).toBe(false);
  });
  it('are found by the cookie id, stored hashed, and touched on use', () => {
    const db = openDatabase(':memory:');
    const { id } = createSession(db, 'alice', t0);
    expect(JSON.stringify(db.prepare('SELECT * FROM web_sessions').all())).not.toContain(id);
    // Used every 20 minutes it stays alive past one idle period...
    expect(findSession(db, id, at(20 * MINUTE), limits)?.member).toBe('alice');
    expect(findSession(db, id, at(40 * MINUTE), limits)?.member).toBe('alice');
    // ...and then idle for 31 minutes it is gone for good.
    expect(findSession(db, id, at(71 * MINUTE), limits)).toBeUndefined();
    expect(findSession(db, id, at(72 * MINUTE), limits)).toBeUndefined();
    expect(findSession(db, 'not-a-session', t0, limits)).toBeUndefined();
  });
  it('logging in ends the session the browser already held, so a planted or shared one does not live on', () => {
    const db = openDatabase(':memory:');
    const { id: older } = createSession(db, 'mallory', t0);
    const { id: mine } = createSession(db, 'alice', at(MINUTE), older);
    expect(findSession(db, older, at(2 * MINUTE), limits)).toBeUndefined();
    expect(findSession(db, mine, at(2 * MINUTE), limits)?.member).toBe('alice');
  });
  it('are deleted once they ended or lapsed long ago, so the table stays small', () => {
    const db = openDatabase(':memory:');
    createSession(db, 'alice', t0);
    const later = new Date(t0.getTime() + DEFAULTS.webSessionsKept + DAY);
    createSession(db, 'bob', later);
    expect(db.prepare('SELECT member FROM web_sessions').all()).toEqual([{ member: 'bob' }]);
  });
});

describe('csrf', () => {
  const ok = {
    secret: 's'.repeat(43),
    field: 's'.repeat(43),
    origin: 'http://127.0.0.1:8420',
    secFetchSite: 'same-origin',
    ownOrigins: ['http://127.0.0.1:8420'],
  };
  it('lets a same-origin form with the token through', () => {
    expect(csrfRefusal(ok)).toBeNull();
    expect(csrfRefusal({ ...ok, origin: undefined, secFetchSite: undefined })).toBeNull();
  });
  it('refuses a cross-site post, a missing or wrong token, and no session', () => {
    expect(csrfRefusal({ ...ok, secFetchSite: 'cross-site' })).toMatch(/cross-site/);
    expect(csrfRefusal({ ...ok, secFetchSite: undefined, origin: 'https://evil.example' })).toMatch(/origin/);
    expect(csrfRefusal({ ...ok, origin: 'null', secFetchSite: undefined })).toMatch(/opaque/);
    expect(csrfRefusal({ ...ok, origin: 'null', secFetchSite: 'cross-site' })).toMatch(/cross-site/);
    expect(csrfRefusal({ ...ok, origin: 'null', secFetchSite: 'same-origin' })).toBeNull();
    expect(csrfRefusal({ ...ok, field: undefined })).toMatch(/CSRF/);
    expect(csrfRefusal({ ...ok, field: 't'.repeat(43) })).toMatch(/CSRF/);
    expect(csrfRefusal({ ...ok, secret: undefined })).toMatch(/session/);
  });
});

describe('rate limit', () => {
  it('allows max per window per key, then refuses until the window has passed', () => {
    const rl = new RateLimiter(3, 15 * MINUTE);
    const n = t0.getTime();
    expect([1, 2, 3, 4].map((i) => rl.allow('1.2.3.4', n + i))).toEqual([true, true, true, false]);
    expect(rl.allow('5.6.7.8', n + 5)).toBe(true);
    expect(rl.allow('1.2.3.4', n + 15 * MINUTE + 2)).toBe(true);
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite=Strict, Secure unless plain HTTP on loopback', () => {
    const c = sessionCookie('v', true, 3600);
    expect(c).toContain('HttpOnly');
    expect(c).toContain('SameSite=Strict');
    expect(c).toContain('Secure');
    expect(sessionCookie('v', false, 3600)).not.toContain('Secure');
    // Over HTTPS the __Host- prefix: no subdomain or plain-HTTP page can plant the cookie.
    expect(c).toMatch(/^__Host-sectriage_session=v; Path=\//);
    expect(c).not.toContain('Domain');
    expect(sessionCookie('v', false, 3600)).toMatch(/^sectriage_session=v;/);
    expect(clearedCookie(true)).toMatch(/^__Host-sectriage_session=;/);
    expect(cookieSecure('http://127.0.0.1:8420/')).toBe(false);
    expect(cookieSecure('http://[::1]:8420/')).toBe(false);
    expect(cookieSecure('https://127.0.0.1:8420/')).toBe(true);
    expect(cookieSecure('http://console.example.com/')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
  });
});

describe('webauthn challenges', () => {
  it('are taken once, and not after they expire', () => {
    const ch = new Challenges(5 * MINUTE);
    const n = t0.getTime();
    const key = ch.put('c1', n);
    expect(ch.take(key, n + MINUTE)).toBe('c1');
    expect(ch.take(key, n + MINUTE)).toBeUndefined();
    const late = ch.put('c2', n);
    expect(ch.take(late, n + 5 * MINUTE)).toBeUndefined();
    expect(ch.take(undefined, n)).toBeUndefined();
  });

  it('a flood of login challenges costs bounded memory, and each put stays cheap (no walk of the map)', () => {
    const ch = new Challenges(5 * MINUTE, 1000);
    const n = t0.getTime();
    const first = ch.put('mine', n);
    for (let i = 0; i < 5000; i++) ch.put(`flood${i}`, n + i);
    expect(ch.size).toBe(1000);
    expect(ch.take(first, n + 5000)).toBeUndefined(); // the oldest went first
    // Expired ones at the front go on the next put.
    ch.put('later', n + 6 * MINUTE);
    expect(ch.size).toBe(1);
  });
});

describe('allowed hosts', () => {
  it('are the public URL, the listen address and loopback names for a loopback listen', () => {
    const hosts = allowedHosts('https://console.example.com/', '127.0.0.1:8420');
    expect(hosts).toEqual(expect.arrayContaining(['console.example.com', '127.0.0.1:8420', 'localhost:8420', '[::1]:8420']));
    expect(hostAllowed('Console.Example.com', hosts)).toBe(true);
    expect(hostAllowed('evil.example', hosts)).toBe(false);
    expect(hostAllowed(undefined, hosts)).toBe(true);
    expect(allowedHosts('https://console.example.com/', '0.0.0.0:8420')).not.toContain('localhost:8420');
  });
});

describe('the /login rate limiter under a flood', () => {
  it('keeps at most its cap of keys, and keeps a huge key by its hash, not itself', () => {
    const rl = new RateLimiter(10, 15 * MINUTE, 100);
    const n = t0.getTime();
    for (let i = 0; i < 1000; i++) rl.allow(`2001:db8::${i.toString(16)}`, n + i);
    expect(rl.size).toBeLessThanOrEqual(100);
    const huge = 'a'.repeat(256 * 1024);
    for (let i = 0; i < 10; i++) expect(rl.allow(huge, n)).toBe(true);
    expect(rl.allow(huge, n)).toBe(false); // still counted, under its hash
    expect(rl.allow(huge + 'b', n)).toBe(true);
  });
});
