// The open stage against real openpgp.js keys and messages: PGP/MIME and inline
// decryption, protected headers, signatures (unknown, known, offered inside the
// encryption), and every way decryption can fail, each with its error code.
import * as openpgp from 'openpgp';
import { beforeAll, describe, expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { LIMITS, MiB, type Limits } from '../limits.js';
import { classifyPgpError, decryptPgp } from './decrypt.js';
import { openMessage, type OpenContext } from './open-message.js';

interface Pair {
  privateKey: openpgp.PrivateKey;
  publicKey: openpgp.PublicKey;
  armoredPublic: string;
}

async function keyPair(name: string, email: string): Promise<Pair> {
  const { privateKey, publicKey } = await openpgp.generateKey({ type: 'ecc', userIDs: [{ name, email }], format: 'object' });
  return { privateKey, publicKey, armoredPublic: publicKey.armor() };
}

let team: Pair;
let otherTeam: Pair;
let reporter: Pair;
let stranger: Pair;

beforeAll(async () => {
  [team, otherTeam, reporter, stranger] = await Promise.all([
    keyPair('Security Team', 'security@example.com'),
    keyPair('Other Team', 'security@other.example'),
    keyPair('Rita Reporter', 'reporter@example.org'),
    keyPair('Mallory', 'mallory@evil.example'),
  ]);
});

function ctx(opts: { limits?: Partial<Limits>; known?: Record<string, openpgp.PublicKey[]> } = {}): OpenContext {
  return {
    teamKeys: [team.privateKey],
    limits: { ...LIMITS, ...opts.limits },
    knownKeys: async (address) => opts.known?.[address] ?? [],
  };
}

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

/** The cleartext MIME entity inside a PGP/MIME message, with optional protected headers and parts. */
function innerEntity(o: { subject?: string; from?: string; body: string; parts?: Array<{ type: string; filename: string; content: string }> }): string {
  const headers = [
    `Content-Type: multipart/mixed; boundary="INNER"${o.subject ? '; protected-headers="v1"' : ''}`,
    ...(o.from ? [`From: ${o.from}`] : []),
    ...(o.subject ? [`Subject: ${o.subject}`] : []),
  ];
  const parts = [
    `--INNER\nContent-Type: text/plain; charset=utf-8\n\n${o.body}\n`,
    ...(o.parts ?? []).map(
      (p) => `--INNER\nContent-Type: ${p.type}; name="${p.filename}"\nContent-Disposition: attachment; filename="${p.filename}"\n\n${p.content}\n`,
    ),
  ];
  return crlf(`${headers.join('\n')}\n\n${parts.join('')}--INNER--\n`);
}

async function encrypt(
  plaintext: string | Uint8Array,
  o: { to?: openpgp.PublicKey[]; signWith?: openpgp.PrivateKey; config?: openpgp.PartialConfig } = {},
): Promise<string> {
  return (await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext }),
    encryptionKeys: o.to ?? [team.publicKey],
    ...(o.signWith ? { signingKeys: o.signWith } : {}),
    ...(o.config ? { config: o.config } : {}),
    format: 'armored',
  })) as string;
}

const OUTER_HEADERS = (subject: string, from = 'Rita Reporter <reporter@example.org>') => [
  `Return-Path: <reporter@example.org>`,
  `From: ${from}`,
  'To: security@example.com',
  `Subject: ${subject}`,
  'Message-ID: <m1@example.org>',
  'Date: Wed, 03 Jun 2026 10:00:00 +0000',
  'MIME-Version: 1.0',
];

/** An RFC 3156 PGP/MIME message around the given armored (or base64-encoded binary) OpenPGP data. */
function pgpMime(payload: string, o: { subject?: string; from?: string; binary?: boolean } = {}): Buffer {
  return Buffer.from(
    crlf(
      [
        ...OUTER_HEADERS(o.subject ?? '...', o.from),
        'Content-Type: multipart/encrypted; protocol="application/pgp-encrypted"; boundary="OUTER"',
        '',
        'This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)',
        '--OUTER',
        'Content-Type: application/pgp-encrypted',
        'Content-Description: PGP/MIME version identification',
        '',
        'Version: 1',
        '',
        '--OUTER',
        'Content-Type: application/octet-stream; name="encrypted.asc"',
        'Content-Disposition: inline; filename="encrypted.asc"',
        ...(o.binary ? ['Content-Transfer-Encoding: base64'] : []),
        '',
        payload,
        '--OUTER--',
        '',
      ].join('\n'),
    ),
    'utf8',
  );
}

/** A text/plain message whose body is the given text (armor inline). */
function plainMail(body: string, subject = 'Bug report'): Buffer {
  return Buffer.from(crlf([...OUTER_HEADERS(subject), 'Content-Type: text/plain; charset=utf-8', '', body].join('\n')), 'utf8');
}

const keyIdOf = (k: openpgp.PrivateKey | openpgp.PublicKey): string => k.getKeyID().toHex().toUpperCase();
const fprOf = (k: openpgp.PrivateKey | openpgp.PublicKey): string => k.getFingerprint().toUpperCase();

describe('PGP/MIME', () => {
  it('decrypts, and the protected inner Subject replaces the outer "..."', async () => {
    const armored = await encrypt(
      innerEntity({ subject: 'RCE in the upload handler', from: 'Rita Reporter <reporter@example.org>', body: 'The upload handler runs eval().' }),
    );
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.encryption).toBe('encrypted');
    expect(o.failure).toBeUndefined();
    expect(o.subject).toBe('RCE in the upload handler');
    expect(o.outer.subject).toBe('...');
    expect(o.text).toContain('The upload handler runs eval().');
    expect(o.unencryptedText).toBe('');
    expect(o.from).toEqual({ address: 'reporter@example.org', name: 'Rita Reporter' });
    expect(o.signature.status).toBe('none');
  });

  it('without protected headers the outer Subject is kept', async () => {
    const armored = await encrypt(crlf('Content-Type: text/plain; charset=utf-8\n\nno protected headers here\n'));
    const o = await openMessage(pgpMime(armored, { subject: 'Outer subject' }), ctx());
    expect(o.encryption).toBe('encrypted');
    expect(o.subject).toBe('Outer subject');
    expect(o.text).toContain('no protected headers here');
  });

  it('binary (non-armored) OpenPGP data in the octet-stream part decrypts too', async () => {
    const binary = (await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: Buffer.from(innerEntity({ subject: 'Binary one', body: 'binary body' })) }),
      encryptionKeys: team.publicKey,
      format: 'binary',
    })) as Uint8Array;
    const b64 = Buffer.from(binary).toString('base64').replace(/.{76}/g, '$&\n');
    const o = await openMessage(pgpMime(b64, { binary: true }), ctx());
    expect(o.encryption).toBe('encrypted');
    expect(o.subject).toBe('Binary one');
    expect(o.text).toContain('binary body');
  });

  it('attachments that came out of the decryption are marked encrypted', async () => {
    const armored = await encrypt(
      innerEntity({ subject: 'PoC', body: 'see poc.py', parts: [{ type: 'text/x-python', filename: 'poc.py', content: 'print(1)' }] }),
    );
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.attachments.map((a) => [a.filename, a.encrypted])).toEqual([['poc.py', true]]);
  });

  it('a signature by an unknown key gives unknown_key with the signing key ID', async () => {
    const armored = await encrypt(innerEntity({ subject: 'signed', from: 'reporter@example.org', body: 'signed body' }), { signWith: reporter.privateKey });
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.encryption).toBe('encrypted');
    expect(o.signature.status).toBe('unknown_key');
    expect(o.signature.best?.keyId).toBe(keyIdOf(reporter.privateKey));
    expect(o.signature.best?.fingerprint).toBeUndefined();
  });

  it('a signature by a pinned (known) key of the sender is valid, with fingerprint and uidMatchesFrom', async () => {
    const armored = await encrypt(innerEntity({ subject: 'signed', from: 'reporter@example.org', body: 'signed body' }), { signWith: reporter.privateKey });
    const o = await openMessage(pgpMime(armored), ctx({ known: { 'reporter@example.org': [reporter.publicKey] } }));
    expect(o.signature.status).toBe('valid');
    expect(o.signature.best).toMatchObject({
      status: 'valid',
      keyId: keyIdOf(reporter.privateKey),
      fingerprint: fprOf(reporter.publicKey),
      uidMatchesFrom: true,
    });
  });

  it('a signature by a key attached inside the encryption (application/pgp-keys, UID = From) is valid and the key is offered', async () => {
    const armored = await encrypt(
      innerEntity({
        subject: 'signed, key attached',
        from: 'Rita Reporter <reporter@example.org>',
        body: 'my key is attached',
        parts: [{ type: 'application/pgp-keys', filename: 'OpenPGP_key.asc', content: reporter.armoredPublic }],
      }),
      { signWith: reporter.privateKey },
    );
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.signature.status).toBe('valid');
    expect(o.signature.best?.fingerprint).toBe(fprOf(reporter.publicKey));
    expect(o.signature.best?.uidMatchesFrom).toBe(true);
    expect(o.offeredKeys.map(fprOf)).toEqual([fprOf(reporter.publicKey)]);
  });

  it('an attached key whose UID does not match From is not offered, and its signature stays unknown_key', async () => {
    const armored = await encrypt(
      innerEntity({
        subject: 'signed by someone else',
        from: 'Rita Reporter <reporter@example.org>',
        body: 'trust me',
        parts: [{ type: 'application/pgp-keys', filename: 'key.asc', content: stranger.armoredPublic }],
      }),
      { signWith: stranger.privateKey },
    );
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.offeredKeys).toEqual([]);
    expect(o.signature.status).toBe('unknown_key');
    expect(o.signature.best?.keyId).toBe(keyIdOf(stranger.privateKey));
  });

  it('a message encrypted to another key is undecryptable with PGP_NO_KEY naming that key, and gives no text', async () => {
    const armored = await encrypt(innerEntity({ subject: 'secret', body: 'not for you' }), { to: [otherTeam.publicKey] });
    const o = await openMessage(pgpMime(armored), ctx());
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure).toBeInstanceOf(SectriageError);
    expect(o.failure?.code).toBe('PGP_NO_KEY');
    expect(o.failure?.message).toContain(otherTeam.publicKey.getSubkeys()[0]!.getKeyID().toHex().toUpperCase());
    expect(o.text).toBe('');
    expect(o.attachments).toEqual([]);
    expect(o.subject).toBe('...');
  });

  it('garbage armor is undecryptable with PGP_CORRUPT', async () => {
    const o = await openMessage(pgpMime('-----BEGIN PGP MESSAGE-----\n\nthis is !!! not base64 at all ???\n-----END PGP MESSAGE-----'), ctx());
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure?.code).toBe('PGP_CORRUPT');
    expect(o.text).toBe('');
  });

  it('multipart/encrypted without the RFC 3156 parts is undecryptable with PGP_UNSUPPORTED', async () => {
    const raw = Buffer.from(
      crlf(
        [
          ...OUTER_HEADERS('x'),
          'Content-Type: multipart/encrypted; protocol="application/pkcs7-mime"; boundary="B"',
          '',
          '--B',
          'Content-Type: text/plain',
          '',
          'hi',
          '--B--',
          '',
        ].join('\n'),
      ),
    );
    const o = await openMessage(raw, ctx());
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure?.code).toBe('PGP_UNSUPPORTED');
  });

  it('a zlib bomb (8 MiB of zeros, compressed) over limits.maxDecryptedBytes (1 MiB) is refused with PGP_LIMIT', async () => {
    const bomb = await encrypt(new Uint8Array(8 * MiB), { config: { preferredCompressionAlgorithm: openpgp.enums.compression.zlib } });
    expect(bomb.length).toBeLessThan(200 * 1024); // it really is compressed
    const o = await openMessage(pgpMime(bomb), ctx({ limits: { maxDecryptedBytes: 1 * MiB } }));
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure?.code).toBe('PGP_LIMIT');
    expect(o.text).toBe('');
  });

  it('the same compressed data decrypts when it fits within limits.maxDecryptedBytes', async () => {
    const data = Buffer.alloc(2 * MiB, 'A');
    const armored = await encrypt(data, { config: { preferredCompressionAlgorithm: openpgp.enums.compression.zlib } });
    const d = await decryptPgp(armored, { keys: [team.privateKey], verificationKeys: [], limits: { ...LIMITS, maxDecryptedBytes: 4 * MiB } });
    expect(d.data.length).toBe(2 * MiB);
    await expect(
      decryptPgp(armored, { keys: [team.privateKey], verificationKeys: [], limits: { ...LIMITS, maxDecryptedBytes: 1 * MiB } }),
    ).rejects.toMatchObject({ code: 'PGP_LIMIT' });
  });

  it('more decrypted attachments than limits.maxAttachments is refused with MESSAGE_UNPARSEABLE', async () => {
    const parts = Array.from({ length: 3 }, (_, i) => ({ type: 'text/plain', filename: `f${i}.txt`, content: `file ${i}` }));
    const armored = await encrypt(innerEntity({ subject: 'many', body: 'many files', parts }));
    await expect(openMessage(pgpMime(armored), ctx({ limits: { maxAttachments: 2 } }))).rejects.toMatchObject({ code: 'MESSAGE_UNPARSEABLE' });
  });
});

describe('inline PGP', () => {
  it('a message that is only an armored block is encrypted, with no outside text', async () => {
    const armored = await encrypt('The admin panel has no CSRF token.\n');
    const o = await openMessage(plainMail(armored), ctx());
    expect(o.encryption).toBe('encrypted');
    expect(o.text).toContain('The admin panel has no CSRF token.');
    expect(o.unencryptedText).toBe('');
  });

  it('a block with text outside is partial: unencryptedText holds the outside text, text only the decrypted part', async () => {
    const armored = await encrypt('SECRET: the admin password is in config.php\n');
    const o = await openMessage(plainMail(`Hi team, please see below.\n\n${armored}\n\nP.S. forward this to the boss`), ctx());
    expect(o.encryption).toBe('partial');
    expect(o.text).toContain('SECRET: the admin password is in config.php');
    expect(o.text).not.toContain('Hi team');
    expect(o.text).not.toContain('P.S.');
    expect(o.unencryptedText).toContain('Hi team, please see below.');
    expect(o.unencryptedText).toContain('P.S. forward this to the boss');
    expect(o.unencryptedText).not.toContain('SECRET');
    expect(o.unencryptedText).not.toContain('BEGIN PGP');
  });

  it('an unencrypted attachment next to an encrypted inline body makes the message partial and is marked not encrypted', async () => {
    const armored = await encrypt('encrypted body\n');
    const raw = Buffer.from(
      crlf(
        [
          ...OUTER_HEADERS('inline + attachment'),
          'Content-Type: multipart/mixed; boundary="M"',
          '',
          '--M',
          'Content-Type: text/plain; charset=utf-8',
          '',
          armored,
          '--M',
          'Content-Type: application/octet-stream; name="exploit.bin"',
          'Content-Disposition: attachment; filename="exploit.bin"',
          '',
          'unencrypted payload',
          '--M--',
          '',
        ].join('\n'),
      ),
    );
    const o = await openMessage(raw, ctx());
    expect(o.encryption).toBe('partial');
    expect(o.attachments.map((a) => [a.filename, a.encrypted])).toEqual([['exploit.bin', false]]);
  });

  it('a key in the unencrypted text next to an inline block is not offered (a man in the middle could add it)', async () => {
    const armored = await encrypt('encrypted body\n');
    const o = await openMessage(plainMail(`${reporter.armoredPublic}\n\n${armored}`), ctx());
    expect(o.encryption).toBe('partial');
    expect(o.offeredKeys).toEqual([]);
  });

  it('an inline block signed by a pinned key of the sender is valid', async () => {
    const armored = await encrypt('signed inline\n', { signWith: reporter.privateKey });
    const o = await openMessage(plainMail(armored), ctx({ known: { 'reporter@example.org': [reporter.publicKey] } }));
    expect(o.encryption).toBe('encrypted');
    expect(o.signature.status).toBe('valid');
    expect(o.signature.best?.fingerprint).toBe(fprOf(reporter.publicKey));
  });

  it('an inline block encrypted to another key is undecryptable (PGP_NO_KEY) and none of its text leaks', async () => {
    const armored = await encrypt('not for you\n', { to: [otherTeam.publicKey] });
    const o = await openMessage(plainMail(`outside\n${armored}`), ctx());
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure?.code).toBe('PGP_NO_KEY');
    expect(o.text).toBe('');
    expect(o.unencryptedText).toBe('');
  });

  it('an inline block of garbage is undecryptable with PGP_CORRUPT', async () => {
    const o = await openMessage(plainMail('-----BEGIN PGP MESSAGE-----\n\nAAAA####\n-----END PGP MESSAGE-----\n'), ctx());
    expect(o.encryption).toBe('undecryptable');
    expect(o.failure?.code).toBe('PGP_CORRUPT');
  });
});

describe('plain mail', () => {
  it('a plain message is encryption none, its body is the text, no signature', async () => {
    const o = await openMessage(plainMail('Your login form is vulnerable to SQL injection.\n', 'SQLi'), ctx());
    expect(o.encryption).toBe('none');
    expect(o.failure).toBeUndefined();
    expect(o.text).toContain('Your login form is vulnerable to SQL injection.');
    expect(o.unencryptedText).toBe('');
    expect(o.subject).toBe('SQLi');
    expect(o.signature).toEqual({ status: 'none' });
  });

  it('a key in a plain message whose UID is the sender is offered', async () => {
    const o = await openMessage(plainMail(`Here is my key:\n\n${reporter.armoredPublic}\n`), ctx());
    expect(o.offeredKeys.map(fprOf)).toEqual([fprOf(reporter.publicKey)]);
  });
});

describe('decryptPgp', () => {
  it('an OpenPGP message that is signed but not encrypted is refused with PGP_CORRUPT', async () => {
    const signedOnly = (await openpgp.sign({
      message: await openpgp.createMessage({ text: 'hello' }),
      signingKeys: reporter.privateKey,
      format: 'armored',
    })) as string;
    await expect(decryptPgp(signedOnly, { keys: [team.privateKey], verificationKeys: [], limits: { ...LIMITS } })).rejects.toMatchObject({
      code: 'PGP_CORRUPT',
    });
  });

  it('reports the recipient key IDs', async () => {
    const armored = await encrypt('x', { to: [team.publicKey, otherTeam.publicKey] });
    const d = await decryptPgp(armored, { keys: [team.privateKey], verificationKeys: [], limits: { ...LIMITS } });
    expect(d.recipientKeyIds).toEqual([team.publicKey, otherTeam.publicKey].map((k) => k.getSubkeys()[0]!.getKeyID().toHex().toUpperCase()));
  });
});

describe('classifyPgpError', () => {
  it.each([
    ['Error decrypting message: Maximum decompressed message size exceeded', 'PGP_LIMIT'],
    ['Error decrypting message: Modification detected.', 'PGP_INTEGRITY'],
    ['Error decrypting message: Message is not authenticated.', 'PGP_INTEGRITY'],
    ['Error decrypting message: Session key decryption failed.', 'PGP_NO_KEY'],
    ['Unsupported key algorithm', 'PGP_UNSUPPORTED'],
    ['Misformed armored text', 'PGP_CORRUPT'],
    ['something nobody expected', 'PGP_CORRUPT'],
  ])('"%s" is %s', (message, code) => {
    const e = classifyPgpError(new Error(message), 'PGP_CORRUPT');
    expect(e).toBeInstanceOf(SectriageError);
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('a SectriageError passes through unchanged', () => {
    const original = new SectriageError('PGP_LIMIT', 'x');
    expect(classifyPgpError(original, 'PGP_CORRUPT')).toBe(original);
  });
});
