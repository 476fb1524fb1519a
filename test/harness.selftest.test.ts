// Self-test of the real-server test harness (test/helpers/): a real Dovecot, the SMTP
// sink, the gpg CLI wrappers and the MIME builders, plus interop of gpg-made PGP/MIME
// with openpgp.js (what the daemon uses) in both directions.
import { existsSync } from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import * as openpgp from 'openpgp';
import { startDovecot, type Dovecot } from './helpers/dovecot.js';
import { freePort, startSmtpSink, type SmtpSink } from './helpers/smtp-sink.js';
import { newGpgHome, type GpgHome, type KeyAlgo } from './helpers/gpg.js';
import { bounce, inlineArmored, innerMime, listMessage, outOfOffice, pgpMimeEncrypted, plainMessage, reporterFlow } from './helpers/mail.js';

const T = 30_000;

function hasBareLf(buf: Buffer): boolean {
  return /(^|[^\r])\n/.test(buf.toString('latin1'));
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('dovecot', () => {
  let dc: Dovecot;
  beforeAll(async () => {
    dc = await startDovecot();
  }, T);
  afterAll(async () => {
    await dc?.stop();
  });

  it(
    'APPEND then list returns the exact bytes, UIDs and flags; Processed exists',
    async () => {
      const raw = plainMessage({
        from: 'Reporter <r@reporter.example>',
        to: 'security@example.com',
        subject: 'Grüße – bug',
        messageId: '<m1@reporter.example>',
        body: 'line one\nline two ünïcödé\n.\n',
      });
      expect(hasBareLf(raw)).toBe(false);
      const uid1 = await dc.append(raw);
      const uid2 = await dc.append('Subject: second\r\n\r\nhi\r\n', 'INBOX', ['\\Seen']);
      expect(uid2).toBeGreaterThan(uid1);
      const msgs = await dc.list('INBOX');
      expect(msgs.map((m) => m.uid)).toEqual([uid1, uid2]);
      expect(msgs[0]!.source.equals(raw)).toBe(true);
      expect(msgs[1]!.flags).toContain('\\Seen');
      expect(await dc.list('Processed')).toEqual([]);
      await dc.append('Subject: p\r\n\r\nx\r\n', 'Processed');
      expect((await dc.list('Processed')).length).toBe(1);
    },
    T,
  );

  it(
    'kickConnections drops a connected imapflow client (close event), server stays usable',
    async () => {
      for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
        const client = new ImapFlow({
          host: dc.host,
          port: dc.port,
          secure: false,
          auth: { user: dc.user, pass: dc.pass },
          logger: false,
        });
        client.on('error', () => undefined);
        const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
        await client.connect();
        const lock = await client.getMailboxLock('INBOX');
        lock.release();
        const idle = client.idle().catch(() => undefined);
        await dc.kickConnections({ signal });
        await Promise.race([closed, new Promise((_, rej) => setTimeout(() => rej(new Error(`no close after kick (${signal})`)), 5000))]);
        await idle;
        expect(client.usable).toBe(false);
      }
      // no connections at all: still fine
      await dc.kickConnections();
      expect(await dc.append('Subject: after kick\r\n\r\nx\r\n')).toBeGreaterThan(0);
    },
    T,
  );

  it(
    'runs several instances in parallel; stop is idempotent and frees everything',
    async () => {
      const [a, b] = await Promise.all([startDovecot({ user: 'a@example.com', pass: 'pa' }), startDovecot()]);
      try {
        expect(a.port).not.toBe(b.port);
        expect(a.port).not.toBe(dc.port);
        await a.append('Subject: a\r\n\r\na\r\n');
        expect((await a.list('INBOX')).length).toBe(1);
        expect((await b.list('INBOX')).length).toBe(0);
      } finally {
        await Promise.all([a.stop(), b.stop()]);
      }
      await a.stop();
      expect(existsSync(a.dir)).toBe(false);
      expect(await portOpen(a.port)).toBe(false);
    },
    T,
  );
});

describe('smtp sink', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink?.stop();
  });

  const transport = (port: number) =>
    nodemailer.createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'security@example.com', pass: 'whatever' },
      connectionTimeout: 5000,
    });

  it(
    'records a nodemailer message with exact envelope and bytes',
    async () => {
      const raw = plainMessage({
        from: 'security@example.com',
        to: 'r@reporter.example',
        subject: 'Re: report',
        body: 'hello\n.leading dot\n',
      });
      await transport(sink.port).sendMail({
        envelope: { from: 'bounces@example.com', to: ['r@reporter.example', 'cc@reporter.example'] },
        raw,
      });
      const [m] = await sink.waitFor(1);
      expect(m!.envelopeFrom).toBe('bounces@example.com');
      expect(m!.rcptTo).toEqual(['r@reporter.example', 'cc@reporter.example']);
      expect(m!.raw.equals(raw)).toBe(true);
      expect(m!.authUser).toBe('security@example.com');
      expect(sink.auths[0]).toMatchObject({ username: 'security@example.com', password: 'whatever' });
    },
    T,
  );

  it(
    'failure mode: 451 at DATA and at MAIL FROM is seen by the client as 4xx',
    async () => {
      const before = sink.messages.length;
      for (const at of ['data', 'mail'] as const) {
        sink.setFailure({ code: 451, message: '4.3.0 Try again later', at });
        const err = await transport(sink.port)
          .sendMail({ from: 'security@example.com', to: 'r@reporter.example', text: 'x' })
          .then(
            () => null,
            (e: unknown) => e as { responseCode?: number },
          );
        expect(err?.responseCode).toBe(451);
      }
      expect(sink.rejections.map((r) => r.at)).toEqual(['data', 'mail']);
      sink.setFailure(null);
      await transport(sink.port).sendMail({ from: 'security@example.com', to: 'r@reporter.example', text: 'ok' });
      expect(sink.messages.length).toBe(before + 1);
    },
    T,
  );

  it('waitFor times out with a clear message', async () => {
    await expect(sink.waitFor(99, 100)).rejects.toThrow(/timed out after 100ms waiting for 99 message/);
  });

  it(
    'can stop and start again on the same port (SMTP down, then back)',
    async () => {
      const s1 = await startSmtpSink({ port: await freePort() });
      const port = s1.port;
      const t = transport(port);
      await t.sendMail({ from: 'a@example.com', to: 'b@example.com', text: '1' });
      await s1.stop();
      await s1.stop();
      const down = await t.sendMail({ from: 'a@example.com', to: 'b@example.com', text: '2' }).then(
        () => null,
        (e: unknown) => e as { code?: string },
      );
      expect(down?.code).toBe('ESOCKET');
      const s2 = await startSmtpSink({ port });
      try {
        await t.sendMail({ from: 'a@example.com', to: 'b@example.com', text: '3' });
        expect((await s2.waitFor(1))[0]!.rcptTo).toEqual(['b@example.com']);
      } finally {
        await s2.stop();
      }
    },
    T,
  );
});

describe('gpg + openpgp.js interop', () => {
  let team: GpgHome;
  let reporter: GpgHome;
  let reporterFpr: string;
  beforeAll(async () => {
    [team, reporter] = await Promise.all([newGpgHome(), newGpgHome()]);
    reporterFpr = (await reporter.genKey('Reporter <r@reporter.example>', 'cv25519')).fingerprint;
  }, T);
  afterAll(async () => {
    const homes = [team?.home, reporter?.home];
    await Promise.all([team?.cleanup(), reporter?.cleanup()]);
    for (const h of homes) if (h) expect(existsSync(h)).toBe(false);
  });

  const cases: Array<{ algo: KeyAlgo; passphrase?: string }> = [
    { algo: 'rsa2048' },
    { algo: 'rsa2048', passphrase: 'correct horse' },
    { algo: 'cv25519' },
    { algo: 'cv25519', passphrase: 'battery staple' },
  ];

  for (const c of cases) {
    it(
      `${c.algo}${c.passphrase ? ' with passphrase' : ''}: gpg round trip, openpgp.js decrypts gpg PGP/MIME, gpg decrypts openpgp.js reply`,
      async () => {
        const uid = `Team ${c.algo}${c.passphrase ? 'p' : ''} <security@example.com>`;
        const { fingerprint } = await team.genKey(uid, c.algo, c.passphrase);
        expect(fingerprint).toMatch(/^[0-9A-F]{40}$/);

        // gpg <-> gpg, reporter key imported on the team side and vice versa
        const teamPub = await team.exportPublic(fingerprint);
        expect(teamPub).toContain('-----BEGIN PGP PUBLIC KEY BLOCK-----');
        expect(await reporter.importKey(teamPub)).toEqual([fingerprint]);
        await team.importKey(await reporter.exportPublic(reporterFpr));
        const ct = await reporter.encrypt('hello team', [fingerprint], { signWith: reporterFpr });
        const dec = await team.decrypt(ct, c.passphrase !== undefined ? { passphrase: c.passphrase } : {});
        expect(dec.plaintext.toString()).toBe('hello team');
        expect(dec.status).toMatch(/^\[GNUPG:\] GOODSIG /m);
        if (c.passphrase) {
          await expect(team.decrypt(ct, { passphrase: 'wrong' })).rejects.toThrow(/decrypt/);
        }

        // a Thunderbird-like PGP/MIME report made with gpg, signed by the reporter
        const report = await reporterFlow(reporter, fingerprint, {
          from: 'Reporter <r@reporter.example>',
          to: 'security@example.com',
          subject: 'XSS in login form',
          body: 'Steps:\n1. open /login\n2. ✓ alert(1)\n',
          attachments: [{ filename: 'poc.txt', contentType: 'text/plain', content: 'PoC\n' }],
          signWith: reporterFpr,
          hiddenRecipients: c.algo === 'cv25519',
        });
        expect(hasBareLf(report.raw)).toBe(false);
        const parsed = await simpleParser(report.raw);
        expect(parsed.subject).toBe('...');
        expect(parsed.messageId).toBe(report.messageId);
        const encPart = parsed.attachments.find((a) => a.contentType === 'application/octet-stream');
        expect(encPart?.filename).toBe('encrypted.asc');
        const armored = encPart!.content.toString('utf8');

        const secretArmored = await team.exportSecret(fingerprint, c.passphrase);
        let key = await openpgp.readPrivateKey({ armoredKey: secretArmored });
        expect(key.getFingerprint().toUpperCase()).toBe(fingerprint);
        expect(key.isDecrypted()).toBe(!c.passphrase);
        if (c.passphrase) key = await openpgp.decryptKey({ privateKey: key, passphrase: c.passphrase });
        const reporterPub = await openpgp.readKey({ armoredKey: await reporter.exportPublic(reporterFpr) });
        const { data, signatures } = await openpgp.decrypt({
          message: await openpgp.readMessage({ armoredMessage: armored }),
          decryptionKeys: key,
          verificationKeys: reporterPub,
          format: 'binary',
        });
        expect(Buffer.from(data).equals(report.inner)).toBe(true);
        expect(await signatures[0]!.verified).toBe(true);
        const inner = await simpleParser(Buffer.from(data));
        expect(inner.subject).toBe('XSS in login form');
        expect(inner.text).toContain('✓ alert(1)');
        expect(inner.attachments[0]?.filename).toBe('poc.txt');

        // reply direction: openpgp.js encrypts+signs with the team key, reporter's gpg decrypts
        const reply = await openpgp.encrypt({
          message: await openpgp.createMessage({ text: 'Thanks, tracking ID ST-1' }),
          encryptionKeys: reporterPub,
          signingKeys: key,
        });
        const got = await reporter.decrypt(reply);
        expect(got.plaintext.toString()).toBe('Thanks, tracking ID ST-1');
        expect(got.status).toMatch(new RegExp(`^\\[GNUPG:\\] VALIDSIG ${fingerprint} `, 'm'));
        expect(got.status).toMatch(/^\[GNUPG:\] GOODSIG /m);

        // detached signatures: openpgp.js-made verified by gpg, gpg-made verified by gpg
        const text = Buffer.from('signed body\r\n');
        const sig = await openpgp.sign({
          message: await openpgp.createMessage({ binary: text }),
          signingKeys: key,
          detached: true,
        });
        expect((await reporter.verifyDetached(text, sig)).ok).toBe(true);
        expect((await reporter.verifyDetached(Buffer.from('tampered\r\n'), sig)).ok).toBe(false);
        const own = await team.signDetached(text, fingerprint, c.passphrase ? { passphrase: c.passphrase } : {});
        expect(own.micalg).toMatch(/^pgp-sha(256|512)$/);
        expect((await reporter.verifyDetached(text, own.signature)).ok).toBe(true);
      },
      T,
    );
  }
});

describe('mail builders', () => {
  it('produce CRLF-only RFC 5322 messages that mailparser understands', async () => {
    const armored = '-----BEGIN PGP MESSAGE-----\n\nhQEMA\n=abcd\n-----END PGP MESSAGE-----\n';
    const all = {
      pgpMime: pgpMimeEncrypted({
        from: 'r@reporter.example',
        to: 'security@example.com',
        messageId: 'x1@reporter.example',
        armoredCiphertext: armored,
        extraHeaders: { 'X-Test': '1' },
      }),
      inline: inlineArmored({
        from: 'r@reporter.example',
        to: 'security@example.com',
        subject: 'inline',
        armoredCiphertext: armored,
        before: 'see below',
      }),
      inner: innerMime({
        from: 'Jörg <r@reporter.example>',
        to: 'security@example.com',
        subject: 'Ümlaut',
        body: 'b',
        protectedHeaders: true,
      }),
      bounce: bounce({ to: 'security@example.com', originalMessageId: '<orig@example.com>' }),
      ooo: outOfOffice({ from: 'r@reporter.example', to: 'security@example.com', inReplyTo: '<orig@example.com>' }),
      list: listMessage({ from: 'l@lists.example.org', to: 'security@example.com' }),
    };
    for (const [name, buf] of Object.entries(all)) expect(hasBareLf(buf), name).toBe(false);

    const pm = await simpleParser(all.pgpMime);
    expect(pm.headers.get('content-type')).toMatchObject({
      value: 'multipart/encrypted',
      params: { protocol: 'application/pgp-encrypted' },
    });
    expect(pm.messageId).toBe('<x1@reporter.example>');
    expect(pm.headers.get('x-test')).toBe('1');
    expect(all.pgpMime.toString()).toContain('\r\nVersion: 1\r\n');

    const inl = await simpleParser(all.inline);
    expect(inl.text).toContain('-----BEGIN PGP MESSAGE-----');

    const inn = await simpleParser(all.inner);
    expect(inn.subject).toBe('Ümlaut');
    expect(inn.from?.value[0]?.name).toBe('Jörg');
    expect(all.inner.toString()).toContain('protected-headers="v1"');

    const b = await simpleParser(all.bounce);
    expect(b.headers.get('content-type')).toMatchObject({
      value: 'multipart/report',
      params: { 'report-type': 'delivery-status' },
    });
    expect(all.bounce.toString()).toMatch(/^Return-Path: <>\r\n/);
    expect(all.bounce.toString()).toContain('Message-ID: <orig@example.com>');

    const o = await simpleParser(all.ooo);
    expect(o.headers.get('auto-submitted')).toBe('auto-replied');
    expect(o.inReplyTo).toBe('<orig@example.com>');

    const l = await simpleParser(all.list);
    expect(all.list.toString()).toContain('Precedence: list\r\n');
    expect(l.headers.get('list')).toMatchObject({ id: { id: 'announce.lists.example.org' } });
  });
});
