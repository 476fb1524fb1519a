import { describe, expect, it } from 'vitest';
import { estimateJaccard, MINHASH_K, minhash, sketchFromBlob, sketchToBlob } from './minhash.js';
import { jaccard, shingles } from './similarity.js';

const words = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `w${from + i}`).join(' ');

describe('MinHash sketches estimate the Jaccard similarity of two reports without their texts', () => {
  it('gives 1 for the same text and about 0 for texts without a shared shingle', () => {
    expect(estimateJaccard(minhash(shingles(words(300))), minhash(shingles(words(300))))).toBe(1);
    expect(estimateJaccard(minhash(shingles(words(300))), minhash(shingles(words(300, 1000))))).toBeLessThan(0.05);
  });

  it('stays within 4 standard errors of the exact value across overlaps', () => {
    for (const shared of [50, 100, 150, 200, 250]) {
      const a = shingles(words(300));
      const b = shingles(words(300, 300 - shared));
      const exact = jaccard(a, b);
      const sd = Math.sqrt((exact * (1 - exact)) / MINHASH_K);
      expect(Math.abs(estimateJaccard(minhash(a), minhash(b)) - exact)).toBeLessThanOrEqual(4 * sd + 0.01);
    }
  });

  it('makes an empty text resemble nothing, not everything', () => {
    const empty = minhash(shingles(''));
    expect(estimateJaccard(empty, empty)).toBe(0);
    expect(estimateJaccard(empty, minhash(shingles(words(10))))).toBe(0);
  });

  it('round-trips through a database blob, and reads a corrupted blob as the empty sketch', () => {
    const sig = minhash(shingles(words(50)));
    expect([...sketchFromBlob(Buffer.concat([Buffer.alloc(1), sketchToBlob(sig)]).subarray(1))]).toEqual([...sig]);
    expect(estimateJaccard(sketchFromBlob(Buffer.alloc(7)), sig)).toBe(0);
  });
});
