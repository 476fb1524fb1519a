/**
 * Where outgoing mail goes: an SMTP relay (nodemailer, one pooled connection) or a
 * pickup folder of .eml files (the demo, or an MTA's pickup directory). Both call
 * `beforeCommit` at the last moment before the mail becomes irrevocably handed over
 * (before SMTP's final "." and before the file's rename), so the outbox can tell a
 * crash that surely sent nothing from one that may have sent the mail.
 */
import { mkdirSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../config/load.js';
import { SectriageError } from '../errors.js';
import { DEFAULTS } from '../limits.js';

export interface Envelope {
  from: string;
  to: string[];
}

export interface Transport {
  send(envelope: Envelope, raw: Buffer, messageId: string, beforeCommit: () => void): Promise<void>;
  verify(): Promise<void>;
  close(): void;
}

export function createTransport(smtp: SmtpConfig, ehloName: string): Transport {
  return smtp.pickupDir ? pickupTransport(smtp.pickupDir) : smtpTransport(smtp, ehloName);
}

function smtpTransport(smtp: SmtpConfig, ehloName: string): Transport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    name: ehloName,
    pool: true,
    maxConnections: 1,
    connectionTimeout: DEFAULTS.smtpConnectionTimeout,
    greetingTimeout: DEFAULTS.smtpConnectionTimeout,
    socketTimeout: DEFAULTS.smtpSocketTimeout,
    disableFileAccess: true,
    disableUrlAccess: true,
    tls: { rejectUnauthorized: smtp.tlsRejectUnauthorized },
    ...(smtp.user && smtp.pass ? { auth: { user: smtp.user, pass: smtp.pass.reveal() } } : {}),
    logger: false,
  });
  return {
    async send(envelope, raw, _messageId, beforeCommit) {
      // The stream's end is the last thing nodemailer reads before it writes "\r\n.\r\n".
      let pushed = false;
      const stream = new Readable({
        read() {
          if (!pushed) {
            pushed = true;
            this.push(raw);
            return;
          }
          beforeCommit();
          this.push(null);
        },
      });
      try {
        await transporter.sendMail({ envelope: { from: envelope.from, to: envelope.to }, raw: stream });
      } catch (e) {
        throw smtpError(e);
      }
    },
    async verify() {
      try {
        await transporter.verify();
      } catch (e) {
        throw smtpError(e);
      }
    },
    close() {
      transporter.close();
    },
  };
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
