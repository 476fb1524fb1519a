import { describe, expect, it } from 'vitest';
import { decryptedName, encryptedPayload, isReportText } from './encrypted-attachments.js';

const part = (filename: string | undefined, contentType: string, content: Buffer) => ({ filename, contentType, content });

describe('encrypted attachments', () => {
  it('takes an armored message named .asc, but not a signature or a key with the same extension', () => {
    expect(encryptedPayload(part('r.txt.asc', 'text/plain', Buffer.from('-----BEGIN PGP MESSAGE-----\n\nwcBMA\n-----END PGP MESSAGE-----')))).toBeTypeOf(
      'string',
    );
    expect(encryptedPayload(part('signature.asc', 'application/pgp-signature', Buffer.from('-----BEGIN PGP SIGNATURE-----\n')))).toBeUndefined();
    expect(encryptedPayload(part('key.asc', 'application/pgp-keys', Buffer.from('-----BEGIN PGP PUBLIC KEY BLOCK-----\n')))).toBeUndefined();
  });

  it('takes a binary message only when it starts with a session key packet', () => {
    expect(encryptedPayload(part('x.gpg', 'application/octet-stream', Buffer.from([0x84, 0x5e, 0x03])))).toBeInstanceOf(Uint8Array); // old-format PKESK
    expect(encryptedPayload(part('x.pgp', 'application/octet-stream', Buffer.from([0xc1, 0x5e])))).toBeInstanceOf(Uint8Array); // new-format PKESK
    expect(encryptedPayload(part('x.gpg', 'application/octet-stream', Buffer.from([0x99, 0x01, 0x0d])))).toBeUndefined(); // a public key packet
    expect(encryptedPayload(part('x.gpg', 'application/octet-stream', Buffer.from('PK\x03\x04zip')))).toBeUndefined();
  });

  it('ignores files that neither name nor type says are encrypted', () => {
    expect(encryptedPayload(part('photo.png', 'image/png', Buffer.from([0x84, 0x5e])))).toBeUndefined();
  });

  it('names the decrypted file after the attachment and treats only valid UTF-8 text files as report text', () => {
    expect(decryptedName(part('report.txt.asc', 'x', Buffer.alloc(0)))).toBe('report.txt');
    expect(decryptedName(part(undefined, 'application/pgp-encrypted', Buffer.alloc(0)))).toBe('decrypted.bin');
    expect(isReportText('report.txt', new TextEncoder().encode('Grüße'))).toBe(true);
    expect(isReportText('report.txt', new Uint8Array([0xff, 0xfe, 0x00]))).toBe(false);
    expect(isReportText('poc.py', new TextEncoder().encode('print(1)'))).toBe(false);
  });
});
