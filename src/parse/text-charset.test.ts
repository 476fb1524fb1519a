import { describe, expect, it } from 'vitest';
import { armorCharset, decodeText, encodeText, textCharset } from './text-charset.js';

const latin9 = Buffer.from([0x47, 0x72, 0xf6, 0xdf, 0x65, 0x20, 0xa4]); // "Größe €" in ISO-8859-15

describe('charsets of report text', () => {
  it('decodes KMail ISO-8859-15 bytes by the declared charset, not as UTF-8 (no U+FFFD)', () => {
    expect(decodeText(latin9, [undefined, 'iso-8859-15'])).toBe('Größe €');
    expect(decodeText(latin9, ['iso-8859-15', 'iso-8859-1'])).toBe('Größe €'); // the armor's Charset: first
  });

  it('keeps valid UTF-8 as UTF-8 whatever the part declares', () => {
    expect(decodeText(Buffer.from('Größe €', 'utf8'), ['iso-8859-1'])).toBe('Größe €');
  });

  it('falls back to windows-1252 for an unknown or absent charset: every byte becomes a character', () => {
    expect(decodeText(Buffer.from([0x93, 0x68, 0x69, 0x94]), ['x-no-such-charset'])).toBe('\u201chi\u201d');
  });

  it('encodes a text back to the bytes its sender signed, and refuses a charset that cannot hold it', () => {
    expect(encodeText('Größe €', 'iso-8859-15')).toEqual(latin9);
    expect(encodeText('Größe €', 'iso-8859-1')).toBeUndefined(); // no euro sign in Latin-1
    expect(encodeText('x', 'x-no-such-charset')).toBeUndefined();
  });

  it('finds the text part charset at the top or inside a multipart (a list footer around it)', () => {
    expect(textCharset(Buffer.from('Content-Type: text/plain; charset="ISO-8859-1"\r\n\r\nx'))).toBe('iso-8859-1');
    expect(textCharset(Buffer.from('Content-Type: text/plain; charset=utf-8\r\n\r\nx'))).toBeUndefined();
    expect(textCharset(Buffer.from('Content-Type: text/plain; charset="latin1 x=y"\r\n\r\nx'))).toBeUndefined(); // not a token
    const mixed = Buffer.from(
      'Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\nx\r\n--b\r\nContent-Type: text/plain\r\n\r\nfooter\r\n--b--\r\n',
    );
    expect(textCharset(mixed)).toBe('koi8-r');
  });

  it("reads an armor's Charset: header (GnuPG 1.x), only in the armor headers", () => {
    expect(armorCharset('-----BEGIN PGP MESSAGE-----\nVersion: GnuPG v1\nCharset: ISO-8859-1\n\nhQEM\n')).toBe('iso-8859-1');
    expect(armorCharset('-----BEGIN PGP MESSAGE-----\nCharset: UTF-8\n\nhQEM\n')).toBeUndefined();
    expect(armorCharset('-----BEGIN PGP MESSAGE-----\n\nCharset: koi8-r\n')).toBeUndefined();
  });
});
