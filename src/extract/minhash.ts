/**
 * MinHash sketches of a report's word shingles: a fixed-size signature from which the
 * Jaccard similarity of two reports is estimated without their texts (Broder 1997).
 * Stored per case, so a new report is compared with hundreds of open cases by reading
 * 512 bytes each instead of re-reading and re-shingling their texts (issue 11: that made
 * the cost per report grow with the backlog). Pure; input is any set of strings.
 */

/** Signature length: the estimate's standard error is sqrt(J(1-J)/K), 0.035 at J = 0.2. */
export const MINHASH_K = 128;

// One fixed seed per hash function: a stored sketch is only comparable with one made by
// the same seeds, so they never change (a new set would need every sketch recomputed).
const SEEDS = Uint32Array.from({ length: MINHASH_K }, (_, i) => mix(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

/** murmur3's 32-bit finaliser: a cheap bijective mix, good enough to act as a random permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units of s. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The sketch of a set of shingles; the empty set's sketch is all 0xffffffff and resembles nothing. */
export function minhash(shingles: Iterable<string>): Uint32Array {
  const sig = new Uint32Array(MINHASH_K).fill(0xffffffff);
  for (const s of shingles) {
    const x = hashString(s);
    for (let i = 0; i < MINHASH_K; i++) {
      const v = mix(x ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity: the share of positions where the two sketches agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  let same = 0;
  let empty = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0xffffffff) empty++;
    if (a[i] === b[i]) same++;
  }
  return empty === a.length ? 0 : same / a.length;
}

export function sketchToBlob(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

/** A stored sketch; a blob of the wrong size (a corrupted row) reads as the empty sketch. */
export function sketchFromBlob(blob: Buffer): Uint32Array {
  if (blob.byteLength !== MINHASH_K * 4) return new Uint32Array(MINHASH_K).fill(0xffffffff);
  const copy = new Uint8Array(blob); // aligned copy: a Buffer from SQLite may sit at any offset
  return new Uint32Array(copy.buffer, 0, MINHASH_K);
}
