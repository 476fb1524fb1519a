/**
 * The console as a Hono app: security headers on every response, a bound on request
 * bodies, the stylesheet, and the routes (login, cases, actions, digest). No I/O of its
 * own beyond what the deps give, so tests drive it with app.request() on a real database.
 * Errors are logged as a code and message (never a request body) and answered with a
 * plain 500 page that says nothing of the case.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { describeError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from './context.js';
import { hostAllowed } from './hosts.js';
import { SECURITY_HEADERS } from './layout.js';
import { actionRoutes } from './routes/actions.js';
import { caseRoutes } from './routes/cases.js';
import { digestRoutes } from './routes/digest.js';
import { loginRoutes } from './routes/login.js';
import { passkeyRoutes } from './routes/passkeys.js';

/**
 * A file of src/web/public: from the checkout's src/ when there is one (so a dev build never
 * serves a stale copy), else from beside this module (dist/web/public, where `npm run build`
 * copies them for an install that has no src/).
 */
function asset(name: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, '..', '..', 'src', 'web', 'public', name);
  return readFileSync(existsSync(source) ? source : join(here, 'public', name), 'utf8');
}

export function createConsoleApp(deps: ConsoleDeps): ConsoleApp {
  const css = asset('console.css');
  const script = asset('passkey.js');
  const app = new Hono<ConsoleEnv>();
  app.use('*', async (c, next) => {
    await next();
    // A route may have set a wider CSP of its own (SCRIPT_HEADERS); everything else gets these.
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.res.headers.set(k, v);
  });
  app.use('*', async (c, next) => {
    if (!hostAllowed(c.req.header('host'), deps.hosts)) return c.text('Misdirected request: this console answers only to its own address.', 421);
    await next();
  });
  app.use('*', bodyLimit({ maxSize: DEFAULTS.webMaxFormBytes, onError: (c) => c.text('Too large.', 413) }));
  app.get('/console.css', (c) => c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));
  app.get('/passkey.js', (c) => c.body(script, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  loginRoutes(app, deps);
  caseRoutes(app, deps);
  actionRoutes(app, deps);
  digestRoutes(app, deps);
  passkeyRoutes(app, deps);
  app.notFound((c) => c.text('Not found.', 404));
  app.onError((e, c) => {
    deps.log.error({ path: c.req.path, err: describeError(e) }, 'console: request failed');
    return c.text('Something went wrong; the error is in the log.', 500);
  });
  return app;
}
