/** The connection options every SMTP session of ours uses (sending, and doctor's check). */
export function smtpOptions(smtp: SmtpConfig, ehloName: string, socketTimeout: number): SMTPConnection.Options {
  const host = smtp.host as string;
  return {
    host,
    port: smtp.port,
    secure: smtp.secure,
    // Never send the relay password, or a report, in cleartext to a remote relay.
    requireTLS: !smtp.secure && !isLoopback(host),
    name: ehloName,
    connectionTimeout: DEFAULTS.smtpConnectionTimeout,
    greetingTimeout: DEFAULTS.smtpConnectionTimeout,
    socketTimeout,
    tls: { rejectUnauthorized: smtp.tlsRejectUnauthorized },
  };
}

/** One SMTPConnection call as a promise: some failures (a refused connection) come only as an 'error' event. */
export function smtpStep<T>(conn: SMTPConnection, fn: (cb: (err?: Error | null, v?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error): void => reject(e);
    conn.once('error', onError);
    fn((err, v) => {
      conn.off('error', onError);
      if (err) reject(err);
      else resolve(v as T);
    });
  });
}

/**
 * Where outgoing mail goes: an SMTP relay (nodemailer, one session kept for a burst) or a
 * pickup folder of .eml files (the demo, or an MTA's pickup directory). Both call
 * `beforeCommit` at the last moment before the mail becomes irrevocably handed over
 * (before SMTP's final "." and before the file's rename), so the outbox can tell a
 * crash that surely sent nothing from one that may have sent the mail.
 */
import { mkdirSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { Secret } from '../config/secret.js';
import type { SmtpConfig } from '../config/load.js';
import { SectriageError } from '../errors.js';
import { failpoint } from '../failpoints.js';
import { DEFAULTS } from '../limits.js';

export interface Envelope {
  from: string;
  to: string[];
}

export interface Transport {
  /** How many mails it may be given at once (the sender's lanes). */
  readonly sessions: number;
  send(envelope: Envelope, raw: Buffer, messageId: string, beforeCommit: () => void): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

export function createTransport(smtp: SmtpConfig, ehloName: string): Transport {
  return smtp.pickupDir ? pickupTransport(smtp.pickupDir) : smtpTransport(smtp, ehloName);
}

/** Loopback relays (a local Postfix) may speak plain SMTP; anything else must use TLS. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./i.test(h);
  return h.toLowerCase() === 'localhost';
}

/**
 * One SMTP session for a burst of mail, driven through nodemailer's SMTPConnection so
 * that we see the protocol steps: the message stream is read only after the server's
 * 354 to DATA, so `beforeCommit`, called as the stream ends, runs after the envelope was
 * accepted and just before the final "." (nodemailer's Mailer reads a raw stream
 * eagerly, before MAIL FROM, which would put the mark far too early).
 * After a message the session stays open for DEFAULTS.smtpIdleKeep, and the next one
 * starts with MAIL FROM (RFC 5321 §3.3: a finished transaction leaves the session ready).
 * Any failure closes it; a kept session the relay dropped meanwhile, failing before a
 * byte of the message went out, is retried once on a fresh session, as nodemailer's pool does.
 */
function smtpTransport(smtp: SmtpConfig, ehloName: string): Transport {
  const options = smtpOptions(smtp, ehloName, DEFAULTS.smtpSocketTimeout);
  const step = smtpStep;
  const sessions = smtp.sessions ?? (isLoopback(smtp.host as string) ? DEFAULTS.smtpSessions : 1);
  const open = async (): Promise<SMTPConnection> => {
    const conn = new SMTPConnection(options);
    conn.on('error', () => {}); // late errors (after QUIT) have no one waiting for them
    // A relay that hangs up on an idle client is normal: forget the session, open anew next
    // time. Once per connection: one listener per kept message piled up 100 of them.
    conn.once('end', () => forget(conn));
    try {
      await step<void>(conn, (cb) => conn.connect((e) => cb(e)));
      if (smtp.user && smtp.pass) await step<void>(conn, (cb) => conn.login({ user: smtp.user as string, pass: (smtp.pass as Secret).reveal() }, (e) => cb(e)));
    } catch (e) {
      conn.close();
      // A refusal at the greeting or at AUTH (even a 5xx) is about the relay or our
      // credentials, not about this message: defer the queue, never park every reply.
      const err = smtpError(e);
      throw new SectriageError('SMTP_TEMPORARY', `relay: ${err.message}`, { cause: e });
    }
    return conn;
  };
  // Idle sessions kept for the next message of a burst; several when the sender's lanes
  // send at once (`sessions`), each closed after DEFAULTS.smtpIdleKeep unused.
  const kept: Array<{ conn: SMTPConnection; sent: number; timer: NodeJS.Timeout }> = [];
  const drop = (k: (typeof kept)[number]): void => {
    clearTimeout(k.timer);
    kept.splice(kept.indexOf(k), 1);
  };
  const release = (): void => {
    for (const k of kept.splice(0)) {
      clearTimeout(k.timer);
      k.conn.quit();
    }
  };
  const take = async (): Promise<{ conn: SMTPConnection; sent: number; reused: boolean }> => {
    const k = kept.pop();
    if (!k) return { conn: await open(), sent: 0, reused: false };
    clearTimeout(k.timer);
    return { conn: k.conn, sent: k.sent, reused: true };
  };
  const keep = (conn: SMTPConnection, sent: number): void => {
    if (sent >= DEFAULTS.smtpMessagesPerSession || kept.length >= sessions) return void conn.quit();
    const k = {
      conn,
      sent,
      // unref: a `run --once` that has nothing more to send exits without waiting for it.
      timer: setTimeout(() => {
        drop(k);
        conn.quit();
      }, DEFAULTS.smtpIdleKeep).unref(),
    };
    kept.push(k);
  };
  const forget = (conn: SMTPConnection): void => {
    const k = kept.find((x) => x.conn === conn);
    if (k) drop(k);
  };
  return {
    sessions,
    async send(envelope, raw, _messageId, beforeCommit) {
      for (let attempt = 0; ; attempt++) {
        let session: Awaited<ReturnType<typeof take>> | undefined;
        const started = { read: false };
        try {
          session = await take();
          await sendOn(session.conn, envelope, raw, beforeCommit, started);
          keep(session.conn, session.sent + 1);
          return;
        } catch (e) {
          session?.conn.close();
          const err = e instanceof SectriageError ? e : smtpError(e);
          if (session?.reused && !started.read && attempt === 0 && droppedSession(e)) continue;
          throw err;
        }
      }
    },
    async verify() {
      try {
        (await open()).quit();
      } catch (e) {
        throw smtpError(e);
      }
    },
    close: release,
  };
}

/** One message over an open session; `started.read` tells whether the relay got as far as 354 (bytes may have gone out). */
async function sendOn(conn: SMTPConnection, envelope: Envelope, raw: Buffer, beforeCommit: () => void, started: { read: boolean }): Promise<void> {
  const stream = new Readable({
    read() {
      if (!started.read) {
        started.read = true;
        failpoint('after-smtp-354');
        this.push(raw);
        return;
      }
      beforeCommit();
      this.push(null);
    },
  });
  await smtpStep(conn, (cb) => conn.send({ from: envelope.from, to: envelope.to }, stream, (e, info) => cb(e, info)));
}

/** The relay closed a kept session (idle timeout, 421 shutting down): not about this message. */
function droppedSession(e: unknown): boolean {
  const err = e as { responseCode?: number; code?: string };
  return err.responseCode === 421 || err.code === 'ECONNECTION' || err.code === 'ESOCKET' || err.code === 'ETIMEDOUT' || err.code === 'EPROTOCOL';
}

/** 4xx replies and network trouble are temporary; 5xx replies are permanent (RFC 5321 §4.2.1). */
export function smtpError(e: unknown): SectriageError {
  const err = e as { responseCode?: number; code?: string; message?: string };
  const text = (err.message ?? String(e)).split('\n')[0] ?? '';
  if (typeof err.responseCode === 'number' && err.responseCode >= 500) {
    return new SectriageError('SMTP_PERMANENT', `SMTP ${err.responseCode}: ${text}`, { cause: e });
  }
  return new SectriageError('SMTP_TEMPORARY', `${err.responseCode ? `SMTP ${err.responseCode}` : (err.code ?? 'SMTP')}: ${text}`, { cause: e });
}

function pickupTransport(dir: string): Transport {
  return {
    // Files: nothing to wait on but the disk, one at a time is as fast.
    sessions: 1,
    async send(_envelope, raw, messageId, beforeCommit) {
      mkdirSync(dir, { recursive: true });
      // Named after the Message-ID: writing the same mail twice replaces one file.
      const name = messageId.replace(/[<>]/g, '').replace(/[^\w.@-]/g, '_') + '.eml';
      const tmp = join(dir, `.${name}.tmp`);
      writeFileSync(tmp, raw, { mode: 0o640 });
      const fd = openSync(tmp, 'r');
      fsyncSync(fd);
      closeSync(fd);
      beforeCommit();
      renameSync(tmp, join(dir, name));
    },
    async verify() {
      mkdirSync(dir, { recursive: true });
    },
    close() {},
  };
}
