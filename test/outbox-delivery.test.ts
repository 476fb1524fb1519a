// The outbox against real SMTP peers on loopback, for the delivery states that the
// daemon-level tests cannot reach: a connection that dies right after the final dot,
// a relay that refuses our login, and a claim left by a process that died.
import { createServer, type Server, type Socket } from 'node:net';
import { hostname } from 'node:os';
import { afterEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/open.js';
import { silentLogger } from '../src/log.js';
import { drainOutbox, recoverOutbox } from '../src/send/sender.js';
import { createTransport } from '../src/send/transport.js';
import { Secret } from '../src/config/secret.js';
import type { RenderContext } from '../src/outbox/render.js';
import { startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const noRender = {} as RenderContext; // rows below carry their bytes already

function dbWithRows(n: number): Db {
  const db = openDatabase(':memory:');
  for (let i = 1; i <= n; i++) {
    db.prepare(
      `INSERT INTO outbox (kind, auto, message_id, envelope_from, rcpt_to, params, raw, next_attempt_at, created_at)
       VALUES ('ack', 1, ?, '', 'r@example.net', '{}', ?, '2026-01-01T00:00:00Z', '2026-11-23T00:00:00Z')`,
    ).run(`<m${i}@example.com>`, Buffer.from(`Subject: ${i}\r\n\r\nbody ${i}\r\n`));
  }
  return db;
}

/** A minimal SMTP server that reads the whole message, then drops the connection instead of answering. */
async function droppingServer(): Promise<{ port: number; got: () => number }> {
  let got = 0;
  const server: Server = createServer((sock: Socket) => {
    let data = false;
    let buf = '';
    sock.write('220 drop.example ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      if (data) {
        if (buf.includes('\r\n.\r\n')) {
          got++;
          sock.destroy(); // the message is in, the 250 never comes
        }
        return;
      }
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (/^EHLO/i.test(line)) sock.write('250-drop.example\r\n250 8BITMIME\r\n');
        else if (/^DATA/i.test(line)) {
          data = true;
          sock.write('354 go ahead\r\n');
          return;
        } else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
        else sock.write('250 ok\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as { port: number }).port, got: () => got };
}

it('a connection lost after the final dot, before any reply, leaves the mail uncertain and never sends it twice', async () => {
  const server = await droppingServer();
  const db = dbWithRows(1);
  const transport = createTransport({ from: 's@example.com', host: '127.0.0.1', port: server.port, secure: false, tlsRejectUnauthorized: true }, 'example.com');
  // Three passes an hour apart: any retry would be due by then.
  for (let i = 0; i < 3; i++)
    await drainOutbox({ db, transport, render: noRender, log: silentLogger, now: () => new Date(Date.parse('2026-11-23T12:00:00Z') + i * 3_600_000) });
  expect(server.got()).toBe(1);
  expect(db.prepare('SELECT state, attempts FROM outbox').get()).toEqual({ state: 'uncertain', attempts: 1 });
});

it('a relay that refuses our login defers the whole queue instead of failing every reply', async () => {
  const sink: SmtpSink = await startSmtpSink({ requireAuth: { user: 'relay', pass: 'right' } });
  cleanups.push(() => sink.stop());
  const db = dbWithRows(3);
  const transport = createTransport(
    { from: 's@example.com', host: '127.0.0.1', port: sink.port, secure: false, user: 'relay', pass: new Secret('wrong'), tlsRejectUnauthorized: true },
    'example.com',
  );
  const r = await drainOutbox({ db, transport, render: noRender, log: silentLogger, now: () => new Date('2026-11-23T12:00:00Z') });
  expect(r).toEqual({ sent: 0, deferred: 1, failed: 0 });
  expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'queued'").get()).toEqual({ n: 3 });
  expect(sink.messages).toHaveLength(0);
});

it("recovers a row claimed by a process that has died, and leaves a live claimer's row alone", () => {
  const db = dbWithRows(2);
  const now = new Date();
  // pid 2^22+1 is above Linux's pid_max default: surely not running.
  db.prepare("UPDATE outbox SET state = 'sending', claimed_by = ?, claimed_at = ? WHERE id = 1").run(`${hostname()}:4194305`, now.toISOString());
  db.prepare("UPDATE outbox SET state = 'sending', claimed_by = ?, claimed_at = ? WHERE id = 2").run(`${hostname()}:${process.ppid}`, now.toISOString());
  expect(recoverOutbox(db, silentLogger, now)).toEqual({ requeued: 1, uncertain: 0 });
  expect(db.prepare('SELECT id, state FROM outbox ORDER BY id').all()).toEqual([
    { id: 1, state: 'queued' },
    { id: 2, state: 'sending' },
  ]);
  // Past the claim lifetime even a live pid's claim is taken back (the pid may have been reused).
  expect(recoverOutbox(db, silentLogger, new Date(now.getTime() + 31 * 60_000))).toEqual({ requeued: 1, uncertain: 0 });
});

it('a burst of replies to one address goes out over one SMTP session, in order, not one session per mail, without piling listeners on it', async () => {
  const sink: SmtpSink = await startSmtpSink();
  cleanups.push(() => sink.stop());
  // Over 10: one 'end' listener per kept mail used to trip Node's MaxListenersExceededWarning.
  const db = dbWithRows(15);
  const transport = createTransport({ from: 's@example.com', host: '127.0.0.1', port: sink.port, secure: false, tlsRejectUnauthorized: true }, 'example.com');
  cleanups.push(() => transport.close());
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.name);
  process.on('warning', onWarning);
  cleanups.push(() => void process.off('warning', onWarning));
  const r = await drainOutbox({ db, transport, render: noRender, log: silentLogger, now: () => new Date('2026-11-23T12:00:00Z') });
  await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  expect(r).toEqual({ sent: 15, deferred: 0, failed: 0 });
  expect(sink.messages.map((m) => m.raw.toString().split('\r\n')[0])).toEqual(Array.from({ length: 15 }, (_, i) => `Subject: ${i + 1}`));
  expect(sink.sessions).toBe(1);
  expect(warnings).not.toContain('MaxListenersExceededWarning');
});

/** An SMTP server that takes one message per session and answers the next MAIL FROM with 421, as a relay closing an idle client does. */
async function onePerSessionServer(): Promise<{ port: number; subjects: string[]; sessions: () => number }> {
  const subjects: string[] = [];
  let sessions = 0;
  const server: Server = createServer((sock: Socket) => {
    sessions++;
    let inData = false;
    let taken = 0;
    let buf = '';
    sock.write('220 one.example ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk.toString('latin1');
      for (let i = buf.indexOf('\r\n'); i >= 0 && !sock.destroyed; i = buf.indexOf('\r\n')) {
        if (inData) {
          const end = buf.indexOf('\r\n.\r\n');
          if (end < 0) return;
          subjects.push(/^Subject: (.*)$/m.exec(buf.slice(0, end))?.[1] ?? '?');
          buf = buf.slice(end + 5);
          inData = false;
          taken++;
          sock.write('250 queued\r\n');
          continue;
        }
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (/^(EHLO|HELO)/i.test(line)) sock.write('250 one.example\r\n');
        else if (/^MAIL/i.test(line) && taken > 0) sock.end('421 4.4.2 idle too long, closing\r\n');
        else if (/^(MAIL|RCPT|RSET|NOOP)/i.test(line)) sock.write('250 ok\r\n');
        else if (/^DATA/i.test(line)) {
          inData = true;
          sock.write('354 go on\r\n');
        } else if (/^QUIT/i.test(line)) sock.end('221 bye\r\n');
        else sock.write('500 what\r\n');
      }
    });
    sock.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return { port: (server.address() as { port: number }).port, subjects, sessions: () => sessions };
}

it('a kept session the relay closes is replaced, and each mail still goes out exactly once', async () => {
  const server = await onePerSessionServer();
  const db = dbWithRows(3);
  const transport = createTransport({ from: 's@example.com', host: '127.0.0.1', port: server.port, secure: false, tlsRejectUnauthorized: true }, 'example.com');
  cleanups.push(() => transport.close());
  const r = await drainOutbox({ db, transport, render: noRender, log: silentLogger, now: () => new Date('2026-11-23T12:00:00Z') });
  expect(r).toEqual({ sent: 3, deferred: 0, failed: 0 });
  expect(server.subjects).toEqual(['1', '2', '3']);
  expect(server.sessions()).toBe(3);
  expect(db.prepare("SELECT count(*) AS n FROM outbox WHERE state = 'sent'").get()).toEqual({ n: 3 });
});

it('a burst to many recipients goes out over several sessions at once, up to the limit, each recipient in order', async () => {
  const sink: SmtpSink = await startSmtpSink();
  cleanups.push(() => sink.stop());
  const db = openDatabase(':memory:');
  for (let i = 1; i <= 12; i++)
    db.prepare(
      `INSERT INTO outbox (kind, auto, message_id, envelope_from, rcpt_to, params, raw, next_attempt_at, created_at)
       VALUES ('ack', 1, ?, '', ?, '{}', ?, '2026-01-01T00:00:00Z', '2026-11-23T00:00:00Z')`,
    ).run(`<m${i}@example.com>`, `r${i % 4}@example.net`, Buffer.from(`Subject: ${i}\r\n\r\nbody ${i}\r\n`));
  const transport = createTransport({ from: 's@example.com', host: '127.0.0.1', port: sink.port, secure: false, tlsRejectUnauthorized: true }, 'example.com');
  cleanups.push(() => transport.close());
  const r = await drainOutbox({ db, transport, render: noRender, log: silentLogger, now: () => new Date('2026-11-23T12:00:00Z') }, 3);
  expect(r).toEqual({ sent: 12, deferred: 0, failed: 0 });
  // Three lanes opened sessions of their own (one session would have sent all 12), and no more than three.
  expect(sink.sessions).toBe(3);
  for (let k = 0; k < 4; k++) {
    const subjects = sink.messages.filter((m) => m.rcptTo.includes(`r${k}@example.net`)).map((m) => Number(/^Subject: (\d+)/.exec(m.raw.toString())?.[1]));
    expect(subjects).toEqual([...subjects].sort((a, b) => a - b));
    expect(subjects).toHaveLength(3);
  }
});
