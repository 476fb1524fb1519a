/**
 * `sectriage web`: wires the console to a loaded config (openApp: database, team keys,
 * policy, transport) and serves it on web.listen, over TLS when web.certFile/keyFile are
 * set. Mail an action queues (a reply, a status notice, a login link) is sent from here at
 * once through the outbox's sender; the daemon, if it runs too, sends what is left (rows
 * are claimed, never sent twice). SIGTERM/SIGINT close the server, then the app.
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import { openApp, type App } from '../daemon/app.js';
import { describeError } from '../errors.js';
import { DEFAULTS, HOUR, MINUTE } from '../limits.js';
import { drainOutbox } from '../send/sender.js';
import { renderContext } from '../send/render-context.js';
import { createConsoleApp } from './app.js';
import type { ConsoleDeps } from './context.js';
import { cookieSecure, isLoopbackHost } from './cookies.js';
import { mailLoginLink } from './login-mail.js';
import { allowedHosts } from './hosts.js';
import { splitListen } from './listen.js';
import { liveTeam } from './team-watch.js';

/** Sends due outbox rows, one drain at a time; a kick during a drain runs one more. */
function outboxKicker(app: App): () => void {
  let again = false;
  let running = false;
  const loop = async (): Promise<void> => {
    running = true;
    try {
      while (again) {
        again = false;
        await drainOutbox({ db: app.db, transport: app.transport, render: app.render, log: app.log, now: app.now });
      }
    } catch (e) {
      app.log.error({ err: describeError(e) }, 'console: sending the outbox failed; the daemon will retry');
    } finally {
      running = false;
    }
  };
  return () => {
    again = true;
    if (!running) void loop();
  };
}

export function consoleDeps(app: App): ConsoleDeps {
  const web = app.config.web;
  const { host, port } = splitListen(web.listen);
  const scheme = web.certFile ? 'https' : 'http';
  const publicUrl = new URL(web.publicUrl ?? `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}/`).toString();
  const kickOutbox = outboxKicker(app);
  const loginMail = {
    db: app.db,
    renderWith: (keys: Parameters<typeof renderContext>[3]) => renderContext(app.config.smtp.from, app.teamAddress, app.teamKeys, keys, app.db),
    teamAddress: app.teamAddress,
    timezone: app.config.timezone,
    now: app.now,
    kickOutbox,
  };
  return {
    db: app.db,
    now: app.now,
    team: liveTeam(app.config.file, app.log),
    publicUrl,
    hosts: allowedHosts(publicUrl, web.listen),
    secureCookie: cookieSecure(publicUrl) || !isLoopbackHost(host),
    sessionLimits: { idleMs: web.sessionIdleMinutes * MINUTE, lifetimeMs: web.sessionLifetimeHours * HOUR },
    loginLinkLifetimeMs: DEFAULTS.webLoginLinkLifetime,
    mailLinks: web.mailLinks,
    trustProxy: web.trustProxy,
    sendLoginLink: async (member, url, expiresAt) => {
      await mailLoginLink(loginMail, member, url, expiresAt);
    },
    kickOutbox,
    policy: app.policy,
    policyFor: app.policyFor,
    teamAddress: app.teamAddress,
    timezone: app.config.timezone,
    log: app.log,
  };
}

/** Serves the console until SIGTERM or SIGINT. */
export async function runConsole(configFile: string): Promise<void> {
  const app = await openApp(configFile);
  const deps = consoleDeps(app);
  const web = app.config.web;
  const { host, port } = splitListen(web.listen);
  const console = createConsoleApp(deps);
  const tls = web.certFile && web.keyFile ? { cert: readFileSync(web.certFile), key: readFileSync(web.keyFile) } : undefined;
  if (!tls && !isLoopbackHost(host))
    app.log.warn({ listen: web.listen }, 'console: listening beyond this host over plain HTTP; put it behind a TLS proxy or set web.certFile/keyFile');
  await new Promise<void>((resolve) => {
    const server = serve({ fetch: console.fetch, hostname: host, port, ...(tls ? { createServer: createHttpsServer, serverOptions: tls } : {}) }, (info) =>
      app.log.info({ address: info.address, port: info.port, publicUrl: deps.publicUrl }, 'console: listening'),
    );
    const stop = (sig: string): void => {
      app.log.info({ signal: sig }, 'console: stopping');
      server.close(() => {
        app.close();
        resolve();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
