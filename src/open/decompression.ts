/**
 * A DecompressionStream that decompresses only as fast as its output is read, put in
 * place of Node's for openpgp.js, which looks the global up each time it opens a
 * compressed packet. Node 20's own is a Duplex adapter whose writable side counts its
 * high-water mark (16384) in chunks, not bytes: it takes in the whole input before
 * pushing back (nodejs/node#46347 is the same bug in Readable.toWeb), so a streamed
 * decryption ran ahead of its reader and held the whole compressed plaintext, 52 MiB
 * of a 70 MiB message (issue 11). Here each input chunk is inflated only when the
 * reader wants more, so memory stays at one chunk's output (at most 1032x a 64 KiB
 * chunk for a zlib bomb; openpgp.js then stops at limits.maxDecryptedBytes). Input is
 * decrypted, hostile data: only handed to zlib.
 */
import { createGunzip, createInflate, createInflateRaw, gunzipSync, inflateRawSync, inflateSync, type Inflate, type InflateRaw, type Gunzip } from 'node:zlib';

export class PullDecompressionStream {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array | ArrayBuffer>;

  constructor(format: string) {
    const make = inflaterFor(format);
    // A report's compressed packet is most often one small chunk: it is held until the next
    // chunk or the end, and then inflated in one call, which costs a tenth of a zlib stream's
    // set-up and round trips (~0.2 ms a message, issue 11). Bounded by ONE_CALL_MAX_BYTES in,
    // so at most ~1032x that out (16 MiB). Anything longer streams.
    let held: Buffer | undefined;
    let z: Inflate | InflateRaw | Gunzip | undefined;
    let failure: Error | undefined;
    // zlib ends its output as soon as the compressed data says it is complete, which can
    // be before its input has ended: later input is ignored, and flush has nothing to wait for.
    let ended = false;
    // The write a zlib error interrupts never calls back: its promise is settled here.
    let waiting: ((e?: Error | null) => void) | undefined;
    let out: TransformStreamDefaultController<Uint8Array> | undefined;
    const stream = (): Inflate | InflateRaw | Gunzip => {
      if (z) return z;
      z = make.stream();
      z.on('data', (d: Buffer) => out?.enqueue(new Uint8Array(d.buffer, d.byteOffset, d.byteLength)));
      z.on('end', () => {
        ended = true;
        waiting?.();
      });
      z.on('error', (e: Error) => {
        failure ??= e;
        waiting?.(e);
      });
      return z;
    };
    const settle = (resolve: () => void, reject: (e: Error) => void) => (e?: Error | null) => {
      waiting = undefined;
      const err = e ?? failure;
      if (err) reject(err);
      else resolve();
    };
    const write = (chunk: Buffer): Promise<void> =>
      new Promise<void>((resolve, reject) => {
        if (failure) return reject(failure);
        if (ended) return resolve();
        waiting = settle(resolve, reject);
        stream().write(chunk, waiting);
      });
    const pair = new TransformStream<Uint8Array | ArrayBuffer, Uint8Array>({
      start: (controller) => void (out = controller),
      // Resolves once zlib has taken the chunk in; TransformStream calls this only when the
      // reader has asked for more (its readable side holds nothing ahead).
      transform: async (chunk) => {
        const buf = asBuffer(chunk);
        if (!z && !held && buf.length <= ONE_CALL_MAX_BYTES) {
          held = Buffer.from(buf); // the caller may reuse its chunk
          return;
        }
        if (held) {
          const first = held;
          held = undefined;
          await write(first);
        }
        await write(buf);
      },
      flush: async () => {
        if (!z) {
          // The one piece held, inflated in one call; no input at all is zlib's own error
          // ("unexpected end of file"), not an empty plaintext.
          const d = make.oneCall(held ?? Buffer.alloc(0));
          held = undefined;
          if (d.length) out?.enqueue(new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
          return;
        }
        const zs = z;
        await new Promise<void>((resolve, reject) => {
          if (failure) return reject(failure);
          if (ended) return resolve();
          waiting = settle(resolve, reject);
          zs.end();
        });
      },
    });
    this.readable = pair.readable;
    this.writable = pair.writable;
  }
}

/**
 * The largest compressed input inflated in one call rather than as a stream: its output comes
 * whole (zlib's ratio is at most ~1032:1, so at most ~16 MiB), where a stream hands it over
 * in 16 KiB pieces; a report's packet is a few KiB.
 */
const ONE_CALL_MAX_BYTES = 16 * 1024;

/** openpgp.js falls back to its own inflater when the constructor throws a TypeError, as the standard says for an unknown format. */
function inflaterFor(format: string): { stream(): Inflate | InflateRaw | Gunzip; oneCall(b: Buffer): Buffer } {
  if (format === 'deflate') return { stream: createInflate, oneCall: (b) => inflateSync(b) };
  if (format === 'deflate-raw') return { stream: createInflateRaw, oneCall: (b) => inflateRawSync(b) };
  if (format === 'gzip') return { stream: createGunzip, oneCall: (b) => gunzipSync(b) };
  throw new TypeError(`unsupported compression format: ${format}`);
}

function asBuffer(chunk: Uint8Array | ArrayBuffer): Buffer {
  return ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(chunk);
}

/** Puts PullDecompressionStream in place of the global one, for every openpgp.js decryption in this process (thread). */
export function usePullDecompression(): void {
  (globalThis as { DecompressionStream: unknown }).DecompressionStream = PullDecompressionStream;
}
