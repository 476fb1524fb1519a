/**
 * The `web:` section of the config: the team console (`sectriage web`). Operator-written,
 * checked for form like the rest of the config; unknown keys are errors. Defaults live in
 * limits.ts (DEFAULTS.web*), so the example config, the schema and the code agree.
 */
import * as z from 'zod';
import { DEFAULTS, HOUR, MINUTE } from '../limits.js';

/** host:port, IPv4 or [IPv6]; a bare name such as localhost also works. */
const LISTEN = /^(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})$/;

export const webSchema = z
  .object({
    /** host:port the console listens on. */
    listen: z.string().regex(LISTEN, 'host:port, e.g. 127.0.0.1:8420 or [::1]:8420').default(DEFAULTS.webListen),
    /** The address members open (login links in mail point here); default http://<listen>/. */
    publicUrl: z.string().url().optional(),
    sessionIdleMinutes: z
      .number()
      .positive()
      .default(DEFAULTS.webSessionIdle / MINUTE),
    sessionLifetimeHours: z
      .number()
      .positive()
      .default(DEFAULTS.webSessionLifetime / HOUR),
    /** Log in by a link mailed (signed, encrypted) to the member. */
    mailLinks: z.boolean().default(true),
    /**
     * Reverse proxies (their IP addresses, e.g. 127.0.0.1 for nginx on this host) whose
     * X-Forwarded-For names the client: else the login limit per IP is shared by everyone.
     */
    trustProxy: z.array(z.union([z.ipv4(), z.ipv6()], { message: 'an IP address, e.g. 127.0.0.1' })).default([]),
    /** TLS served by the console itself (PEM files, relative to the config); else use a reverse proxy. */
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
  })
  .strict()
  .refine((w) => Boolean(w.certFile) === Boolean(w.keyFile), { message: 'set both web.certFile and web.keyFile, or neither' });

export const WEB_DEFAULTS = {
  listen: DEFAULTS.webListen,
  sessionIdleMinutes: DEFAULTS.webSessionIdle / MINUTE,
  sessionLifetimeHours: DEFAULTS.webSessionLifetime / HOUR,
  mailLinks: true,
  trustProxy: [] as string[],
};

export type WebConfig = z.infer<typeof webSchema>;
