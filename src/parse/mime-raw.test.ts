import { describe, expect, it } from 'vitest';
import { multipartParts, rawContentType, splitEntity, someLineMatches } from './mime-raw.js';

const crlf = (s: string): Buffer => Buffer.from(s.replace(/\r?\n/g, '\r\n'), 'latin1');

describe('multipartParts', () => {
  it('returns the exact bytes of each part, without the CRLF that belongs to the next delimiter (RFC 2046)', () => {
    const raw = crlf(
      'Content-Type: multipart/signed; boundary="b"; protocol="application/pgp-signature"\n\npreamble\n--b\nContent-Type: text/plain\n\nsigned text  \n\n--b\nContent-Type: application/pgp-signature\n\nSIG\n--b--\nepilogue\n',
    );
    const [first, second] = multipartParts(raw);
    expect(first!.toString('latin1')).toBe('Content-Type: text/plain\r\n\r\nsigned text  \r\n');
    expect(second!.toString('latin1')).toBe('Content-Type: application/pgp-signature\r\n\r\nSIG');
  });

  it('splits LF-only mail the same way', () => {
    const raw = Buffer.from('Content-Type: multipart/mixed; boundary=x\n\n--x\nA\n--x\nB\n--x--\n');
    expect(multipartParts(raw).map((p) => p.toString())).toEqual(['A', 'B']);
  });

  it('accepts transport padding after a delimiter but not a boundary that only starts a longer line', () => {
    const raw = crlf('Content-Type: multipart/mixed; boundary=x\n\n--x  \nA\n--xyz not a delimiter\n--x\nB\n--x--\n');
    expect(multipartParts(raw).map((p) => p.toString())).toEqual(['A\r\n--xyz not a delimiter', 'B']);
  });

  it('gives no parts for a multipart without a boundary, or a boundary never closed by a second delimiter', () => {
    expect(multipartParts(crlf('Content-Type: multipart/mixed\n\n--x\nA\n'))).toEqual([]);
    expect(multipartParts(crlf('Content-Type: multipart/mixed; boundary=x\n\n--x\nA\n'))).toEqual([]);
  });

  it('stops at the part limit (a hostile message with thousands of parts)', () => {
    const body = Array.from({ length: 1000 }, (_, i) => `--x\n${i}\n`).join('') + '--x--\n';
    expect(multipartParts(crlf(`Content-Type: multipart/mixed; boundary=x\n\n${body}`), 10).length).toBeLessThanOrEqual(10);
  });
});

describe('rawContentType', () => {
  it('reads folded headers and quoted parameters with semicolons inside', () => {
    const ct = rawContentType(crlf('Subject: x\nContent-Type: multipart/encrypted;\n\tprotocol="application/pgp-encrypted";\n boundary="a;b"\n\nbody'));
    expect(ct).toEqual({ value: 'multipart/encrypted', params: { protocol: 'application/pgp-encrypted', boundary: 'a;b' } });
  });

  it('defaults to text/plain when there is no Content-Type (RFC 2045)', () => {
    expect(rawContentType(crlf('Subject: x\n\nbody')).value).toBe('text/plain');
  });
});

it('splitEntity separates headers from body at the first empty line, CRLF or LF', () => {
  expect(splitEntity(crlf('A: 1\n\nbody\n\nmore')).body.toString()).toBe('body\r\n\r\nmore');
  expect(splitEntity(Buffer.from('A: 1\n\nbody')).body.toString()).toBe('body');
});

describe('someLineMatches (a big message scanned a window of lines at a time)', () => {
  const WINDOW = 64 * 1024;
  const SIG = /^-----BEGIN PGP SIGNATURE-----/im;
  const filler = (n: number): string => `${'a'.repeat(99)}\n`.repeat(n);

  it('finds a line that straddles a window edge', () => {
    const raw = Buffer.from(`${filler(655)}${'y'.repeat(20)}\n-----BEGIN PGP SIGNATURE-----\n${filler(10)}`, 'latin1');
    expect(raw.indexOf('-----BEGIN')).toBeLessThan(WINDOW);
    expect(raw.indexOf('-----BEGIN') + 30).toBeGreaterThan(WINDOW);
    expect(someLineMatches(raw, SIG)).toBe(true);
  });

  it('is not fooled by a window edge in the middle of a line', () => {
    // The marker sits inside a line exactly at the window's edge: a window that began there would see it "at a line start".
    const before = filler(655); // 65,500 bytes
    const pad = 'x'.repeat(WINDOW - before.length);
    const raw = Buffer.from(`${before}${pad}-----BEGIN PGP SIGNATURE-----\n${filler(3)}`, 'latin1');
    expect(raw.indexOf('-----BEGIN')).toBe(WINDOW);
    expect(someLineMatches(raw, SIG)).toBe(false);
  });

  it('reads a message without a line break, and an empty one', () => {
    expect(someLineMatches(Buffer.from('-----BEGIN PGP SIGNATURE-----'), SIG)).toBe(true);
    expect(someLineMatches(Buffer.alloc(0), SIG)).toBe(false);
  });
});
