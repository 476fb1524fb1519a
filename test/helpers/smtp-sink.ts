// In-process SMTP sink (smtp-server) on 127.0.0.1 for real-server tests: accepts any
// (optional) AUTH PLAIN/LOGIN, no TLS, records every accepted message with its envelope
// and exact raw bytes, can be switched into a failure mode (e.g. 451) and can be stopped
// and restarted on the same port to simulate "SMTP down, then back".
import { SMTPServer } from 'smtp-server';
import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { freePort } from './proc.js';

export { freePort };

export interface SinkMessage {
  envelopeFrom: string;
  rcptTo: string[];
  /** Exact bytes of the DATA payload (dot-unstuffed, terminating "." line removed). */
  raw: Buffer;
  receivedAt: Date;
  /** AUTH username if the client authenticated. */
  authUser?: string;
}

export interface SinkFailure {
  code: number;
  message: string;
  /** Which command gets the error reply; default 'data'. */
  at?: 'mail' | 'rcpt' | 'data';
}

export interface SinkRejection {
  envelopeFrom: string;
  rcptTo: string[];
  code: number;
  at: 'mail' | 'rcpt' | 'data';
  when: Date;
}

export interface SmtpSink {
  host: string;
  port: number;
  messages: SinkMessage[];
  /** Transactions refused because of setFailure(). */
  rejections: SinkRejection[];
  /** SMTP sessions (connections) opened so far. */
  readonly sessions: number;
  /** Every AUTH attempt (all are accepted). */
  auths: Array<{ method: string; username: string; password: string }>;
  waitFor(n: number, timeoutMs?: number): Promise<SinkMessage[]>;
  setFailure(failure: SinkFailure | null): void;
  stop(): Promise<void>;
}

export interface StartSmtpSinkOptions {
  port?: number;
  failWith?: SinkFailure | null;
  /** If set, AUTH must match these credentials (else 535). Default: accept anything. */
  requireAuth?: { user: string; pass: string };
}

function envFrom(session: SMTPServerSession): string {
  const from = session.envelope.mailFrom;
  return from ? from.address : '';
}

function envRcpt(session: SMTPServerSession): string[] {
  return session.envelope.rcptTo.map((r: SMTPServerAddress) => r.address);
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  const err = new Error(message) as Error & { responseCode: number };
  err.responseCode = code;
  return err;
}

export async function startSmtpSink(opts: StartSmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = '127.0.0.1';
  const messages: SinkMessage[] = [];
  const rejections: SinkRejection[] = [];
  const auths: SmtpSink['auths'] = [];
  let failure: SinkFailure | null = opts.failWith ?? null;
  const waiters = new Set<() => void>();
  let sessions = 0;
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const reject = (session: SMTPServerSession, f: SinkFailure, at: 'mail' | 'rcpt' | 'data') => {
    rejections.push({ envelopeFrom: envFrom(session), rcptTo: envRcpt(session), code: f.code, at, when: new Date() });
    return smtpError(f.code, f.message);
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    disabledCommands: ['STARTTLS'],
    logger: false,
    banner: 'sectriage test sink',
    closeTimeout: 200,
    onAuth(auth, _session, cb) {
      const username = auth.username ?? '';
      const password = auth.password ?? '';
      auths.push({ method: auth.method, username, password });
      if (opts.requireAuth && (username !== opts.requireAuth.user || password !== opts.requireAuth.pass)) {
        cb(smtpError(535, '5.7.8 Authentication credentials invalid'));
        return;
      }
      cb(null, { user: username });
    },
    onConnect(_session, cb) {
      sessions++;
      cb();
    },
    onMailFrom(_address, session, cb) {
      if (failure && failure.at === 'mail') {
        cb(reject(session, failure, 'mail'));
        return;
      }
      cb();
    },
    onRcptTo(_address, session, cb) {
      if (failure && failure.at === 'rcpt') {
        cb(reject(session, failure, 'rcpt'));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (e: Error) => cb(e));
      stream.on('end', () => {
        if (failure && (failure.at ?? 'data') === 'data') {
          cb(reject(session, failure, 'data'));
          return;
        }
        const user = session.user;
        const msg: SinkMessage = {
          envelopeFrom: envFrom(session),
          rcptTo: envRcpt(session),
          raw: Buffer.concat(chunks),
          receivedAt: new Date(),
        };
        if (typeof user === 'string') msg.authUser = user;
        messages.push(msg);
        cb(null);
        notify();
      });
    },
  });
  server.on('error', () => {
    // connection-level errors (client resets) are expected in failure tests
  });

  const port = opts.port ?? (await freePort());
  await new Promise<void>((resolve, reject) => {
    const onErr = (e: Error) => reject(e);
    server.server.once('error', onErr);
    server.listen(port, host, () => {
      server.server.off('error', onErr);
      resolve();
    });
  });

  function waitFor(n: number, timeoutMs = 10_000): Promise<SinkMessage[]> {
    if (messages.length >= n) return Promise.resolve(messages.slice());
    return new Promise((resolve, rejectP) => {
      const check = () => {
        if (messages.length >= n) {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(messages.slice());
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        rejectP(
          new Error(
            `smtp sink on port ${port}: timed out after ${timeoutMs}ms waiting for ${n} message(s), ` +
              `got ${messages.length}` +
              (rejections.length ? ` (${rejections.length} rejected by failure mode)` : ''),
          ),
        );
      }, timeoutMs);
      waiters.add(check);
    });
  }

  let stopPromise: Promise<void> | null = null;
  function stop(): Promise<void> {
    stopPromise ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      // drop live client connections at once instead of waiting for them to QUIT
      for (const conn of server.connections) {
        const sock = (conn as unknown as { _socket?: { destroy(): void } })._socket;
        if (sock) sock.destroy();
        else conn.close();
      }
    });
    return stopPromise;
  }

  return {
    host,
    port,
    messages,
    rejections,
    auths,
    get sessions() {
      return sessions;
    },
    waitFor,
    setFailure(f) {
      failure = f;
    },
    stop,
  };
}
