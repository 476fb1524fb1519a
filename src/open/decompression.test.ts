// The DecompressionStream put in place for openpgp.js: the same bytes as zlib for each
// format, errors that reach the reader, and (the point of it) no reading ahead: Node 20's
// own took in the whole input before anyone read its output (issue 11).
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PullDecompressionStream } from './decompression.js';

function source(data: Buffer, piece = 65536): { stream: ReadableStream<Uint8Array>; taken: () => number } {
  let at = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (at >= data.length) return c.close();
        c.enqueue(new Uint8Array(data.subarray(at, at + piece)));
        at += piece;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, taken: () => at };
}

async function readAll(s: ReadableStream<Uint8Array>): Promise<Buffer> {
  const out: Buffer[] = [];
  for await (const c of s as unknown as AsyncIterable<Uint8Array>) out.push(Buffer.from(c));
  return Buffer.concat(out);
}

describe('PullDecompressionStream', () => {
  const plain = Buffer.from(randomBytes(3 << 20).toString('base64'));

  it.each([
    ['deflate', deflateSync],
    ['deflate-raw', deflateRawSync],
    ['gzip', gzipSync],
  ] as const)('%s: gives what zlib gives', async (format, compress) => {
    const { stream } = source(compress(plain));
    expect((await readAll(stream.pipeThrough(new PullDecompressionStream(format)))).equals(plain)).toBe(true);
  });

  it('takes in input only as its output is read', async () => {
    const compressed = deflateSync(plain);
    const { stream, taken } = source(compressed);
    const reader = stream.pipeThrough(new PullDecompressionStream('deflate')).getReader();
    await reader.read();
    await new Promise((r) => setTimeout(r, 200));
    // Node 20's DecompressionStream has taken all of it by now.
    expect(taken()).toBeLessThanOrEqual(4 * 65536);
    expect(compressed.length).toBeGreaterThan(20 * 65536);
    await reader.cancel();
  });

  it('data that ends before its input does (trailing bytes, one small piece) completes, as zlib does', async () => {
    const small = Buffer.from('a short compressed report');
    for (const data of [deflateSync(small), Buffer.concat([deflateSync(small), Buffer.from('trailing')])]) {
      const { stream } = source(data);
      expect((await readAll(stream.pipeThrough(new PullDecompressionStream('deflate')))).equals(small)).toBe(true);
    }
  });

  it('damaged data is an error at the reader', async () => {
    const bad = deflateSync(plain);
    bad.fill(0xff, 1000, 2000);
    const { stream } = source(bad);
    await expect(readAll(stream.pipeThrough(new PullDecompressionStream('deflate')))).rejects.toThrow();
  });

  it('data cut short is an error, not a short result', async () => {
    const { stream } = source(deflateSync(plain).subarray(0, 5000));
    await expect(readAll(stream.pipeThrough(new PullDecompressionStream('deflate')))).rejects.toThrow();
  });

  it.each([
    ['deflate', deflateSync],
    ['deflate-raw', deflateRawSync],
    ['gzip', gzipSync],
  ] as const)('%s: a small packet in one piece (inflated in one call) gives what zlib gives, and cut short is an error', async (format, compress) => {
    const report = Buffer.from('Subject: XSS in the login form\n\nSteps: open /login?next=<script>\n'.repeat(40));
    const packed = compress(report);
    expect((await readAll(source(packed).stream.pipeThrough(new PullDecompressionStream(format)))).equals(report)).toBe(true);
    await expect(readAll(source(packed.subarray(0, packed.length - 8)).stream.pipeThrough(new PullDecompressionStream(format)))).rejects.toThrow();
  });

  it('a small first piece followed by more is streamed with the rest, in order', async () => {
    const packed = deflateSync(plain.subarray(0, 200_000));
    const { stream } = source(packed, 1000);
    expect((await readAll(stream.pipeThrough(new PullDecompressionStream('deflate')))).equals(plain.subarray(0, 200_000))).toBe(true);
  });

  it('no input at all is an error, as zlib says, not an empty plaintext', async () => {
    for (const format of ['deflate', 'deflate-raw', 'gzip']) {
      const empty = new ReadableStream<Uint8Array>({ start: (c) => c.close() });
      await expect(readAll(empty.pipeThrough(new PullDecompressionStream(format)))).rejects.toThrow();
    }
  });

  it('an unknown format is a TypeError (openpgp.js then uses its own inflater)', () => {
    expect(() => new PullDecompressionStream('brotli')).toThrow(TypeError);
  });

  it('is what openpgp.js finds as the global DecompressionStream once pgp-config.ts is loaded', async () => {
    await import('./pgp-config.js');
    expect(globalThis.DecompressionStream).toBe(PullDecompressionStream);
  });
});
