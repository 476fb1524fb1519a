/**
 * Who is asking: the session cookie (untrusted: looked up only by its hash), and then the
 * team as the config says now. A session whose member has left the team is ended on the
 * spot, so removing a member from the config locks them out at their next request. Pages
 * without a session redirect to /login and show nothing of any case. State-changing
 * requests must also pass the CSRF check (csrf.ts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ConsoleDeps, ConsoleEnv } from './context.js';
import { clearedCookie, sessionCookieName } from './cookies.js';
import { CSRF_FIELD, csrfRefusal } from './csrf.js';
import { endSession, findSession } from './sessions.js';

export function requireMember(deps: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const now = deps.now();
    const session = findSession(deps.db, getCookie(c, sessionCookieName(deps.secureCookie)), now, deps.sessionLimits);
    const member = session && deps.team().find((m) => m.name === session.member);
    if (!session || !member) {
      if (session) {
        endSession(deps.db, session.idHash, now);
        deps.log.warn({ member: session.member }, 'console session of someone no longer on the team: ended');
      }
      c.header('Set-Cookie', clearedCookie(deps.secureCookie));
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return c.redirect('/login', 303);
      return c.text('Not logged in.', 401);
    }
    c.set('member', member);
    c.set('session', session);
    await next();
  };
}

/** Our own origins: the public URL's and (behind a tunnel or proxy that keeps the Host) the request's. */
export function ownOrigins(deps: ConsoleDeps, c: Context): string[] {
  const origins = [new URL(deps.publicUrl).origin];
  const host = c.req.header('host');
  if (host) origins.push(`${new URL(c.req.url).protocol}//${host}`);
  return origins;
}

/** For POST routes after requireMember: refuses a request without the session's CSRF token or from another site. */
export function requireCsrf(deps: ConsoleDeps): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const body = await c.req.parseBody();
    const refusal = csrfRefusal({
      secret: c.get('session').csrfSecret,
      field: body[CSRF_FIELD],
      origin: c.req.header('origin'),
      secFetchSite: c.req.header('sec-fetch-site'),
      ownOrigins: ownOrigins(deps, c),
    });
    if (refusal) {
      deps.log.warn({ member: c.get('member').name, path: c.req.path, refusal }, 'console: state-changing request refused');
      return c.text(`Refused: ${refusal}.`, 403);
    }
    await next();
  };
}

/** For requests that may come without a session (login): refuses what another site's page sends, by the browser's own headers. */
export function crossSiteRefusal(deps: ConsoleDeps, c: Context): string | null {
  return csrfRefusal({
    secret: 'n/a',
    field: 'n/a',
    origin: c.req.header('origin'),
    secFetchSite: c.req.header('sec-fetch-site'),
    ownOrigins: ownOrigins(deps, c),
  });
}
