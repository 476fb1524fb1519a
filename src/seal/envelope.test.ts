// The sealed form of a value: it opens only with its key and where it was sealed, and
// any change to it is an error, never a wrong plaintext.
import { describe, expect, it } from 'vitest';
import { isSealed, newKey, open, seal, SEAL_OVERHEAD, unwrapKey, wrapKey } from './envelope.js';

describe('sealed values', () => {
  const key = newKey();

  it('open with the key and the place they were sealed for, and hold no plain byte', () => {
    const plain = Buffer.from('canary 7f3e: SQL injection in /search');
    const s = seal(key, 'case:1\ncases.subject', plain);
    expect(isSealed(s)).toBe(true);
    expect(s.length).toBe(plain.length + SEAL_OVERHEAD);
    expect(s.includes('canary')).toBe(false);
    expect(open(key, 'case:1\ncases.subject', s).equals(plain)).toBe(true);
  });

  it('sealing the same text twice gives different bytes (a random nonce): equal reports do not show as equal rows', () => {
    expect(seal(key, 'a', Buffer.from('x')).equals(seal(key, 'a', Buffer.from('x')))).toBe(false);
  });

  it('moved to another case or column, a value does not open', () => {
    const s = seal(key, 'case:1\ncases.subject', Buffer.from('secret'));
    expect(() => open(key, 'case:2\ncases.subject', s)).toThrow(/does not open/);
    expect(() => open(key, 'case:1\nmessages.subject', s)).toThrow(/does not open/);
  });

  it('a flipped bit, a cut tag or another key is an error (SEAL_INVALID)', () => {
    const s = seal(key, 'x', Buffer.from('secret text'));
    const flipped = Buffer.from(s);
    flipped[10]! ^= 1;
    expect(() => open(key, 'x', flipped)).toThrow(expect.objectContaining({ code: 'SEAL_INVALID' }));
    expect(() => open(key, 'x', s.subarray(0, s.length - 1))).toThrow(expect.objectContaining({ code: 'SEAL_INVALID' }));
    expect(() => open(newKey(), 'x', s)).toThrow(expect.objectContaining({ code: 'SEAL_INVALID' }));
  });

  it('plain bytes are not taken for a sealed value', () => {
    expect(isSealed(Buffer.from('From: a@b\r\n\r\nhello'))).toBe(false);
    expect(isSealed('text')).toBe(false);
    expect(() => open(key, 'x', Buffer.from('plain'))).toThrow(/not sealed/);
  });

  it('a data key wrapped for one scope unwraps only for that scope', () => {
    const dek = newKey();
    const w = wrapKey(key, 'case:5', dek);
    expect(unwrapKey(key, 'case:5', w).equals(dek)).toBe(true);
    expect(() => unwrapKey(key, 'case:6', w)).toThrow(/does not open/);
  });
});
