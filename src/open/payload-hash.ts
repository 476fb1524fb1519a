/**
 * The payload hash (replay detection) of an OpenPGP message held as bytes, computed piece
 * by piece for a large message (issue 11): sha256 of its binary packets from the encrypted
 * data packet on, the value decrypt.ts gets from dearmor() and encryptedDataOffset() on
 * the whole message, without the whole armor as one string or the whole binary in memory.
 * Input is hostile: anything odd gives the same (fallback) answer those give, and memory
 * stays at one piece whatever the packet headers claim.
 */
import { createHash, type Hash } from 'node:crypto';

/** sha256 from the encrypted data packet on, of ASCII-armored bytes (dearmored as decrypt.ts dearmor() does). */
export function armoredPayloadHash(armored: Buffer): string {
  const h = new PayloadHasher();
  for (const piece of dearmoredPieces(armored)) h.update(piece);
  return h.digest();
}

/** The same, of binary packets. */
export function binaryPayloadHash(binary: Uint8Array): string {
  const h = new PayloadHasher();
  for (let at = 0; at < binary.length; at += 1 << 20) h.update(binary.subarray(at, at + (1 << 20)));
  return h.digest();
}

const NOT_BASE64 = /[^A-Za-z0-9+/]/;
/** Base64 characters decoded at a time (a multiple of 4). */
const DECODE_AT = 64 * 1024;

/**
 * The binary inside armor, in pieces, exactly as decrypt.ts dearmor() reads it: lines split
 * at LF (and CRLF) and trimmed; the body starts after the first empty line following the
 * BEGIN line (line 0 when there is none) and ends at an END line or a checksum line. Clean
 * base64 is decoded a piece at a time, on 4-character boundaries, which decodes the same as
 * the whole; from the first batch with anything else in it on, the rest is decoded in one
 * go, as Buffer.from(..., 'base64') would treat it in the whole string.
 */
export function* dearmoredPieces(armored: Buffer): Generator<Buffer> {
  let begin = -1;
  let n = 0;
  for (const line of lines(armored)) {
    if (line.startsWith('-----BEGIN PGP')) {
      begin = n;
      break;
    }
    n++;
  }
  let i = 0;
  let phase: 'before' | 'headers' | 'body' = 'before';
  // Lines are gathered and joined a batch at a time: one flat string per batch to test and
  // decode (a regex per line, or over a string grown line by line, cost more than decoding).
  let batch: string[] = [];
  let batched = 0;
  let rest = '';
  let clean = true;
  for (const l of lines(armored)) {
    const index = i++;
    if (phase === 'before') {
      if (index < begin + 1) continue;
      phase = 'headers';
    }
    if (phase === 'headers') {
      if (l === '') phase = 'body';
      continue;
    }
    if (l.startsWith('-----END PGP') || (l.startsWith('=') && l.length === 5)) break;
    batch.push(l);
    batched += l.length;
    if (clean && batched >= DECODE_AT) {
      const text = rest + batch.join('');
      [batch, batched] = [[], 0];
      if (NOT_BASE64.test(text)) [clean, rest] = [false, text];
      else {
        const cut = text.length - (text.length % 4);
        yield Buffer.from(text.slice(0, cut), 'base64');
        rest = text.slice(cut);
      }
    }
  }
  const last = rest + batch.join('');
  if (last) yield Buffer.from(last, 'base64');
}

/** The lines of latin1 bytes, split as /\r?\n/ splits a string, each trimmed. */
function* lines(b: Buffer): Generator<string> {
  let at = 0;
  for (;;) {
    const nl = b.indexOf(0x0a, at);
    const end = nl < 0 ? b.length : nl;
    const cut = nl > at && b[nl - 1] === 0x0d ? end - 1 : end;
    yield b.toString('latin1', at, cut).trim();
    if (nl < 0) return;
    at = nl + 1;
  }
}

type Step = { kind: 'data' } | { kind: 'zero' } | { kind: 'more' } | { kind: 'skip'; bytes: number };

const isData = (tag: number): boolean => tag === 9 || tag === 18 || tag === 20;

/**
 * One packet header at the start of `b`, read as decrypt.ts encryptedDataOffset() reads
 * it: a data packet (SED, SEIPD, AEAD) ends the walk; anything unexpected gives offset 0.
 * 'more' when the header runs past `b` and more bytes may follow (not `final`).
 */
export function packetStep(b: Uint8Array, final: boolean): Step {
  const first = b[0] as number;
  if ((first & 0x80) === 0) return { kind: 'zero' };
  const short = (k: number): boolean => b.length < k;
  const step = (tag: number, head: number, len: number): Step => (isData(tag) ? { kind: 'data' } : { kind: 'skip', bytes: head + len });
  if (first & 0x40) {
    const tag = first & 0x3f;
    if (short(2) && !final) return { kind: 'more' };
    const l0 = b[1] ?? 0;
    if (l0 < 192) return step(tag, 2, l0);
    if (l0 < 224) return short(3) && !final ? { kind: 'more' } : step(tag, 3, ((l0 - 192) << 8) + (b[2] ?? 0) + 192);
    if (l0 === 255) return short(6) ? { kind: final ? 'zero' : 'more' } : step(tag, 6, u32(b, 2));
    return { kind: isData(tag) ? 'data' : 'zero' }; // partial length: only data packets stream
  }
  const tag = (first >> 2) & 0x0f;
  const type = first & 3;
  if (type === 0) return short(2) && !final ? { kind: 'more' } : step(tag, 2, b[1] ?? 0);
  if (type === 1) return short(3) ? { kind: final ? 'zero' : 'more' } : step(tag, 3, (((b[1] as number) << 8) | (b[2] as number)) >>> 0);
  if (type === 2) return short(5) ? { kind: final ? 'zero' : 'more' } : step(tag, 5, u32(b, 1));
  return { kind: isData(tag) ? 'data' : 'zero' };
}

function u32(b: Uint8Array, at: number): number {
  return (((b[at] as number) << 24) | ((b[at + 1] as number) << 16) | ((b[at + 2] as number) << 8) | (b[at + 3] as number)) >>> 0;
}

/**
 * Hashes binary packets fed in pieces from the first data packet on. It keeps only the
 * bytes from the next packet header (skipped packet bodies are never kept), and hashes
 * everything from byte 0 beside, for the walks that end in "offset 0".
 */
export class PayloadHasher {
  private readonly all = createHash('sha256');
  private fromData: Hash | undefined;
  private zero = false;
  /** Where the next packet header starts, and the bytes seen from there. */
  private next = 0;
  private window = Buffer.alloc(0);
  private seen = 0;
  private headers = 0;

  update(piece: Uint8Array): void {
    this.all.update(piece);
    const start = this.seen;
    this.seen += piece.length;
    if (this.fromData) return void this.fromData.update(piece);
    if (this.zero || this.next >= this.seen) return;
    const from = Math.max(0, this.next - start);
    this.window = Buffer.concat([this.window, piece.subarray(from)]);
    this.walk(false);
  }

  digest(): string {
    if (!this.fromData && !this.zero) this.walk(true);
    return (this.fromData ?? this.all).digest('hex');
  }

  private walk(final: boolean): void {
    for (;;) {
      // encryptedDataOffset looks at 1000 headers at most, and stops at the end of the data.
      if (this.headers >= 1000 || (this.window.length === 0 && (final || this.next >= this.seen))) {
        if (final || this.headers >= 1000) this.zero = true;
        return;
      }
      const s = packetStep(this.window, final);
      if (s.kind === 'more') return;
      if (s.kind === 'zero') return void (this.zero = true);
      if (s.kind === 'data') {
        this.fromData = createHash('sha256').update(this.window);
        this.window = Buffer.alloc(0);
        return;
      }
      this.headers++;
      this.next += s.bytes;
      this.window = s.bytes < this.window.length ? this.window.subarray(s.bytes) : Buffer.alloc(0);
    }
  }
}
