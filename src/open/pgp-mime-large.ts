/**
 * A large PGP/MIME message (RFC 3156 multipart/encrypted at the top, over
 * DEFAULTS.openSpillAboveBytes), opened in bounded memory (issue 11: 937 MiB for a 70 MiB
 * message before). Its parts are found in the raw bytes (views, no copies) instead of by
 * parsing the whole message; the armored part is decrypted as a stream into a spill file
 * (decrypt.ts decryptPgpToFile: used only after its integrity check passed), and the
 * decrypted entity is parsed from that file, its large attachments gathered in spill files
 * of their own. What it returns is what pgp-mime.ts returns for the same message; only the
 * outer ParsedMail holds just the headers (its parts are the ciphertext, which nothing
 * downstream reads). Input is hostile: the same RFC 3156 checks, limits and Efail rule.
 */
import { Readable } from 'node:stream';
import { SectriageError } from '../errors.js';
import { multipartParts, rawContentType, splitEntity } from '../parse/mime-raw.js';
import { parseMailStream } from '../parse/parse-stream.js';
import type { Address, ParsedMail } from '../parse/parse.js';
import type { ArmoredBytes, SpilledDecrypted } from './decrypt.js';
import { asPgpError, closeSpilled, undecryptable, type Attachment, type OpenContext, type OpenedMessage } from './opened.js';
import { innerEntity, isMimeEntity, isSignedEntity, notRfc3156, openedFromInside, textEntityHeader, type Inside } from './pgp-mime.js';
import { decryptWithKnownToFile, offeredSigners } from './sender-keys.js';

/** The header block of an entity, read from at most this many bytes of its start. */
const HEAD_BYTES = 256 * 1024;

/** Whether openMessage should open this message here: a large multipart/encrypted, with a spill folder to use. */
export function isLargePgpMime(raw: Buffer, ctx: OpenContext): ctx is OpenContext & { spill: NonNullable<OpenContext['spill']> } {
  return ctx.spill !== undefined && raw.length > ctx.spill.aboveBytes && rawContentType(raw).value === 'multipart/encrypted';
}

/**
 * The ciphertext of the message's RFC 3156 octet-stream part, as a view into `raw`; undefined
 * when its transfer encoding would have to be decoded first (quoted-printable, base64: rare,
 * and opened the ordinary way), 'unsupported' when the RFC 3156 parts are not there.
 */
export function encryptedPartOf(raw: Buffer): Uint8Array | ArmoredBytes | 'unsupported' | undefined {
  const protocol = (rawContentType(raw).params.protocol ?? '').toLowerCase();
  const parts = multipartParts(raw);
  const version = parts.find((p) => rawContentType(p).value === 'application/pgp-encrypted');
  const data = parts.find((p) => rawContentType(p).value === 'application/octet-stream');
  if (protocol !== 'application/pgp-encrypted' || !version || !data) return 'unsupported';
  const { headers, body } = splitEntity(data);
  const cte = /^content-transfer-encoding:[ \t]*([^\s;]*)/im.exec(headers.toString('latin1').replace(/\r?\n[ \t]+/g, ' '))?.[1]?.toLowerCase() ?? '';
  if (!['', '7bit', '8bit', 'binary'].includes(cte)) return undefined;
  return body.includes('-----BEGIN PGP MESSAGE-----') ? { armored: body } : body;
}

/**
 * Opens the message, or gives undefined when it must be opened the ordinary way
 * (see encryptedPartOf). `outer` needs only the message's headers.
 */
export async function openLargePgpMime(
  raw: Buffer,
  outer: ParsedMail,
  outerFrom: Address | undefined,
  ctx: OpenContext & { spill: NonNullable<OpenContext['spill']> },
): Promise<OpenedMessage | undefined> {
  const input = encryptedPartOf(raw);
  if (input === undefined) return undefined;
  if (input === 'unsupported') {
    return undecryptable(outer, outerFrom, notRfc3156());
  }
  const dir = ctx.spill.dir;
  let dec: SpilledDecrypted;
  try {
    dec = await decryptWithKnownToFile(input, outerFrom, ctx, [], dir);
  } catch (e) {
    // Our own disk failing is not the sender's fault: the message is held, to be requeued.
    if (e instanceof SectriageError && !e.code.startsWith('PGP_')) throw e;
    return undecryptable(outer, outerFrom, asPgpError(e));
  }
  let inside: Omit<Inside, 'reverify'>;
  try {
    // RFC 3156 §6.1 (signed, then encrypted) needs the signed part's exact bytes: read whole.
    const head = dec.file.read(0, HEAD_BYTES);
    if (isSignedEntity(head)) inside = { dec, ...(await innerEntity(dec.file.readAll(), ctx)) };
    else if (isMimeEntity(head)) inside = { dec, inner: await parseMailStream(dec.file.stream(), ctx.limits, dir) };
    else {
      // Bare text, not an entity: parsed behind a text/plain header, as the buffered path does.
      const header = textEntityHeader(head, head.length >= dec.file.size, ctx);
      const file = dec.file;
      inside = {
        dec,
        inner: await parseMailStream(
          Readable.from(
            (async function* () {
              yield header;
              yield* file.stream();
            })(),
          ),
          ctx.limits,
          dir,
        ),
      };
    }
  } finally {
    dec.file.close();
  }
  try {
    return await openedFromInside(outer, outerFrom, ctx, {
      ...inside,
      reverify: async (keys) => {
        const usable = await offeredSigners(dec, outerFrom, ctx, keys);
        if (!usable) return dec.signatures;
        const again = await decryptWithKnownToFile(input, outerFrom, ctx, usable, dir);
        again.file.close();
        return again.signatures;
      },
    });
  } catch (e) {
    // Refused (too many attachments, say): the spilled ones will never be stored.
    closeSpilled(inside.inner.attachments as Array<Pick<Attachment, 'spilled'>>);
    throw e;
  }
}
