// The piecewise payload hash of a large message must be the hash decrypt.ts gives the same
// armor as one string (replay detection compares them across shapes and sizes), for real
// messages and for hostile junk alike: checked against decrypt.ts's own dearmor()
// and its own encryptedDataOffset(), on random packet walks cut at every kind of place.
import { createHash, randomBytes } from 'node:crypto';
import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { dearmor, encryptedDataOffset } from './decrypt.js';
import { armoredPayloadHash, binaryPayloadHash, PayloadHasher } from './payload-hash.js';

function referenceHash(packets: Buffer): string {
  let offset = 0;
  try {
    offset = encryptedDataOffset(packets);
  } catch {
    offset = 0;
  }
  return createHash('sha256').update(packets.subarray(offset)).digest('hex');
}

/** A seeded stream of bytes, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** Packet headers of every format and length encoding, valid or not, with bodies. */
function randomPackets(r: () => number): Buffer {
  const out: Buffer[] = [];
  const n = 1 + Math.floor(r() * 6);
  for (let i = 0; i < n; i++) {
    const tag = [1, 3, 10, 9, 18, 20, 11, 8, 60][Math.floor(r() * 9)] as number;
    const len = Math.floor(r() * 400);
    const kind = Math.floor(r() * 8);
    const body = randomBytes(len);
    if (kind === 0) out.push(Buffer.from([0xc0 | tag, len < 192 ? len : 191]), body.subarray(0, Math.min(len, 191)));
    else if (kind === 1) out.push(Buffer.from([0xc0 | tag, 192 + (len >> 8), len & 0xff]), randomBytes(len + 192));
    else if (kind === 2) out.push(Buffer.from([0xc0 | tag, 255, 0, 0, len >> 8, len & 0xff]), body);
    else if (kind === 3) out.push(Buffer.from([0xc0 | tag, 224 + 5]), body);
    else if (kind === 4) out.push(Buffer.from([0x80 | ((tag & 15) << 2) | 0, len & 0xff]), body.subarray(0, len & 0xff));
    else if (kind === 5) out.push(Buffer.from([0x80 | ((tag & 15) << 2) | 1, len >> 8, len & 0xff]), body);
    else if (kind === 6) out.push(Buffer.from([0x80 | ((tag & 15) << 2) | 2, 0, 0, len >> 8, len & 0xff]), body);
    else out.push(Buffer.from([0x80 | ((tag & 15) << 2) | 3]), body);
  }
  if (r() < 0.2) out.push(Buffer.from([0x12])); // not a packet header at all
  const all = Buffer.concat(out);
  return r() < 0.3 ? all.subarray(0, Math.floor(r() * all.length)) : all; // cut anywhere, headers too
}

function fedInPieces(b: Buffer, r: () => number): string {
  const h = new PayloadHasher();
  for (let at = 0; at < b.length;) {
    const n = 1 + Math.floor(r() * 50);
    h.update(b.subarray(at, at + n));
    at += n;
  }
  return h.digest();
}

describe('PayloadHasher', () => {
  it('hashes what encryptedDataOffset and one sha256 give, for 3000 random packet walks fed in random pieces', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const r = rng(seed);
      const packets = randomPackets(r);
      expect(fedInPieces(packets, r), `seed ${seed}`).toBe(referenceHash(packets));
    }
  });

  it('skipped packet bodies are not kept: a huge non-data packet costs no memory', () => {
    const h = new PayloadHasher();
    h.update(Buffer.from([0xc0 | 60, 255, 0x10, 0, 0, 0])); // a 256 MiB private packet
    for (let i = 0; i < 64; i++) h.update(Buffer.alloc(1 << 20));
    expect((h as unknown as { window: Buffer }).window.length).toBe(0);
  });
});

describe('armoredPayloadHash', () => {
  it('matches dearmor() + encryptedDataOffset on a real message, LF or CRLF, re-wrapped or quoted with blanks', async () => {
    const { publicKey } = await openpgp.generateKey({ type: 'ecc', userIDs: [{ email: 'a@example.org' }], format: 'object' });
    const armored = (await openpgp.encrypt({
      message: await openpgp.createMessage({ binary: randomBytes(300_000) }),
      encryptionKeys: publicKey,
    })) as string;
    const variants = [armored, armored.replace(/\n/g, '\r\n'), armored.replace(/\n/g, '  \n'), `junk before\n${armored}\ntrailing`];
    for (const v of variants) {
      const expected = referenceHash(dearmor(v));
      expect(armoredPayloadHash(Buffer.from(v, 'latin1'))).toBe(expected);
    }
    const binary = dearmor(armored);
    expect(binaryPayloadHash(binary)).toBe(referenceHash(binary));
  });

  it('matches it on hostile armor: junk characters, "=" and blanks in the body, no BEGIN line, no blank line, long bodies', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = rng(seed);
      const b64 = randomBytes(Math.floor(r() * 200_000)).toString('base64');
      const lines = b64.match(/.{1,64}/g) ?? [];
      for (let k = 0; k < 3; k++) {
        const i = Math.floor(r() * (lines.length + 1));
        const junk = ['=', '==', ' ', '\t', '\u00a0', '!@#', 'ÿ', '-----', '=AbCd', '\r'][Math.floor(r() * 10)] as string;
        if (r() < 0.5) lines.splice(i, 0, junk);
        else if (lines[i] !== undefined) lines[i] = `${lines[i]}${junk}`;
      }
      const head = r() < 0.9 ? '-----BEGIN PGP MESSAGE-----\n' + (r() < 0.5 ? 'Comment: x\n' : '') + (r() < 0.9 ? '\n' : '') : '';
      const text = `${head}${lines.join(r() < 0.5 ? '\n' : '\r\n')}\n${r() < 0.5 ? '=abcd\n' : ''}-----END PGP MESSAGE-----\n`;
      expect(armoredPayloadHash(Buffer.from(text, 'latin1')), `seed ${seed}`).toBe(referenceHash(dearmor(text)));
    }
  });
});
