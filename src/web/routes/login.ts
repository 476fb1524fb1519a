/**
 * /login, /login/link and /logout. Asking for a link answers the same whether or not the
 * address is a member's (no probing the team list), and is rate-limited per client IP
 * and per address. A link is consumed by a POST from its confirm page; the session cookie
 * is HttpOnly, SameSite=Strict, Secure unless on loopback HTTP. Form input is untrusted:
 * the address is only compared with the team list; the token only hashed and looked up.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { DEFAULTS } from '../../limits.js';
import { crossSiteRefusal, requireCsrf, requireMember } from '../auth.js';
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from '../context.js';
import { clientAddress } from '../client-address.js';
import { clearedCookie, sessionCookie, sessionCookieName } from '../cookies.js';
import { issueLoginToken, consumeLoginToken, peekLoginToken } from '../login-link.js';
import { RateLimiter } from '../rate-limit.js';
import { createSession, endSession } from '../sessions.js';
import { SCRIPT_HEADERS } from '../layout.js';
import { confirmPage, LINK_SENT, linkRefusedPage, loginPage } from '../views/login.js';

function clientIp(c: Context<ConsoleEnv>, trustProxy: readonly string[]): string {
  let socket: string | undefined;
  try {
    socket = getConnInfo(c).remote.address;
  } catch {
    socket = undefined; // app.request() in tests has no socket
  }
  return clientAddress(socket, c.req.header('x-forwarded-for'), trustProxy);
}

export function loginRoutes(app: ConsoleApp, deps: ConsoleDeps): void {
  const perIp = new RateLimiter(DEFAULTS.webLoginPerIp, DEFAULTS.webLoginRateWindow);
  const perAddress = new RateLimiter(DEFAULTS.webLoginPerAddress, DEFAULTS.webLoginRateWindow);

  app.get('/login', (c) => c.html(loginPage(deps.mailLinks ? undefined : 'Login links by mail are turned off (web.mailLinks).'), 200, SCRIPT_HEADERS));

  app.post('/login', async (c) => {
    if (crossSiteRefusal(deps, c)) return c.text('Refused: cross-site request.', 403);
    if (!deps.mailLinks) return c.html(loginPage('Login links by mail are turned off (web.mailLinks).'), 403, SCRIPT_HEADERS);
    const body = await c.req.parseBody();
    const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
    const now = deps.now().getTime();
    if (!perIp.allow(clientIp(c, deps.trustProxy), now) || !perAddress.allow(email, now)) {
      return c.html(loginPage('Too many requests for a login link. Wait a quarter of an hour and try again.'), 429, SCRIPT_HEADERS);
    }
    const member = deps.team().find((m) => m.email === email);
    // The answer goes out first and the member's work (a token row, a signed and encrypted
    // mail) happens after it: a prober timing the response cannot tell a member's address
    // from a stranger's (review finding L2).
    setImmediate(() => {
      try {
        if (member?.publicKey) {
          const { token, expiresAt } = issueLoginToken(deps.db, member.name, deps.now(), deps.loginLinkLifetimeMs);
          const url = new URL(`login/link?token=${token}`, deps.publicUrl).toString();
          deps
            .sendLoginLink(member, url, expiresAt)
            .catch((e: unknown) => deps.log.error({ member: member.name, err: String(e) }, 'console: login link not sent'));
          deps.log.info({ member: member.name }, 'console: login link issued');
        } else if (member) deps.log.warn({ member: member.name }, 'console: login link asked for by a member without a key: none sent');
      } catch (e) {
        deps.log.error({ err: String(e) }, 'console: login link not issued');
      }
    });
    return c.html(loginPage(LINK_SENT), 200, SCRIPT_HEADERS);
  });

  app.get('/login/link', (c) => {
    const token = c.req.query('token');
    const member = peekLoginToken(deps.db, token, deps.now());
    if (!member || !token) return c.html(linkRefusedPage(), 403);
    return c.html(confirmPage(token, member));
  });

  app.post('/login/link', async (c) => {
    // Login CSRF: another site must not log the browser in as someone else.
    if (crossSiteRefusal(deps, c)) return c.text('Refused: cross-site request.', 403);
    // Links turned off: one mailed before the switch no longer logs anyone in.
    if (!deps.mailLinks) return c.html(linkRefusedPage(), 403);
    const body = await c.req.parseBody();
    const now = deps.now();
    const name = consumeLoginToken(deps.db, body.token, now);
    const member = name ? deps.team().find((m) => m.name === name) : undefined;
    if (!member) {
      deps.log.warn({}, 'console: a login link was refused (unknown, used, expired, or its member left the team)');
      return c.html(linkRefusedPage(), 403);
    }
    const { id } = createSession(deps.db, member.name, now, getCookie(c, sessionCookieName(deps.secureCookie)));
    deps.log.info({ member: member.name }, 'console: logged in');
    c.header('Set-Cookie', sessionCookie(id, deps.secureCookie, deps.sessionLimits.lifetimeMs / 1000));
    return c.redirect('/', 303);
  });

  app.post('/logout', requireMember(deps), requireCsrf(deps), (c) => {
    endSession(deps.db, c.get('session').idHash, deps.now());
    c.header('Set-Cookie', clearedCookie(deps.secureCookie));
    return c.redirect('/login', 303);
  });
}
