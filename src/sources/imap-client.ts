/**
 * Builds imapflow clients with our limits and logging. imapflow clients are
 * single-use: after any disconnect a new one must be built (see imap-source.ts).
 */
import { ImapFlow } from 'imapflow';
import type { ImapConfig } from '../config/load.js';
import { DEFAULTS, MiB, type Limits } from '../limits.js';
import type { Logger } from '../log.js';
import { isLoopback } from '../send/transport.js';

export function newImapClient(imap: ImapConfig, limits: Limits, log: Logger): ImapFlow {
  const l = log.child({ component: 'imap' });
  // imapflow logs every command at debug/info; keep only its warnings and errors.
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (o: unknown) => l.warn(scrub(o)),
    error: (o: unknown) => l.error(scrub(o)),
  };
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.pass.reveal() },
    logger,
    tls: { rejectUnauthorized: imap.tlsRejectUnauthorized },
    // Without implicit TLS, insist on STARTTLS except on loopback: the password must not cross a network in clear.
    ...(imap.secure ? {} : { doSTARTTLS: !isLoopback(imap.host) }),
    maxIdleTime: DEFAULTS.imapMaxIdleTime,
    autoIdleDelay: DEFAULTS.imapAutoIdleDelay,
    maxLiteralSize: limits.imapMaxLiteralBytes,
    maxResponseSize: limits.imapMaxLiteralBytes + 1 * MiB,
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 5 * 60_000,
    clientInfo: { name: 'sectriage' },
  } as ConstructorParameters<typeof ImapFlow>[0]);
}

function scrub(o: unknown): Record<string, unknown> {
  if (!o || typeof o !== 'object') return { msg: String(o) };
  const { msg, err, code, cid } = o as Record<string, unknown>;
  return { msg, code, cid, err: err instanceof Error ? err.message : err };
}
