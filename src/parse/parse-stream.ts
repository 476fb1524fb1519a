/**
 * mailparser over a stream, for a large decrypted message read back from its spill file
 * (issue 11): the options and the result of parseMail (simpleParser's, field for field),
 * except that an attachment larger than a blob piece is written to a spill file of its own
 * as it is decoded and handed on there (`spilled`, with its sha256; `content` empty), where
 * simpleParser holds its pieces and then their Buffer.concat, twice its size at once.
 * Input is hostile MIME, as for parseMail; on any failure every spill file is closed.
 */
import { createHash } from 'node:crypto';
import { MailParser, type Attachment, type AttachmentStream, type MessageText, type ParsedMail } from 'mailparser';
import type { Readable } from 'node:stream';
import { DEFAULTS, type Limits } from '../limits.js';
import { SpillFile, type SpilledContent } from '../util/spill-file.js';
import { parserOptions } from './parse.js';

const HEADER_FIELDS = ['subject', 'references', 'date', 'to', 'from', 'cc', 'bcc', 'message-id', 'in-reply-to', 'reply-to'];

export function parseMailStream(input: Readable, limits: Limits, spillDir: string): Promise<ParsedMail> {
  return new Promise<ParsedMail>((resolve, reject) => {
    const parser = new MailParser(parserOptions(limits));
    const mail = { attachments: [] as Attachment[] } as ParsedMail;
    const fields = mail as unknown as Record<string, unknown>;
    const files = new Set<SpillFile>();
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      for (const f of files) f.close();
      input.destroy();
      parser.destroy();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    parser.on('error', fail);
    parser.on('headers', (headers: ParsedMail['headers']) => {
      mail.headers = headers;
      mail.headerLines = parser.headerLines || [];
    });
    let reading = false;
    const next = (): void => {
      reading = true;
      const data = parser.read() as MessageText | AttachmentStream | null;
      if (data === null) return void (reading = false);
      if (data.type === 'text') {
        for (const key of ['text', 'html', 'textAsHtml', 'textConversionError'] as const) if (key in data) fields[key] = data[key];
        return next();
      }
      gather(data, spillDir, files, (e, content) => {
        if (e || !content) return fail(e);
        const done = data as unknown as Attachment & { release: (() => void) | null; spilled?: SpilledContent };
        if (Buffer.isBuffer(content)) done.content = content;
        else [done.content, done.spilled] = [Buffer.alloc(0), content];
        data.release?.();
        mail.attachments.push(done as Attachment);
        next();
      });
    };
    parser.on('readable', () => {
      if (!reading) next();
    });
    parser.on('end', () => {
      if (settled) return;
      for (const key of HEADER_FIELDS) {
        if (mail.headers?.has(key)) fields[key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())] = mail.headers.get(key);
      }
      settled = true;
      files.clear(); // each one now belongs to its attachment (`spilled`)
      resolve(mail);
    });
    input.once('error', fail).pipe(parser);
  });
}

/** An attachment's decoded bytes: in memory while small, in a spill file once larger than a blob piece. */
function gather(a: AttachmentStream, dir: string, files: Set<SpillFile>, done: (e: unknown, content?: Buffer | SpilledContent) => void): void {
  let pieces: Buffer[] = [];
  let size = 0;
  let file: SpillFile | undefined;
  let failed = false;
  const hash = createHash('sha256');
  a.content.on('readable', () => {
    let chunk: Buffer | null;
    while (!failed && (chunk = a.content.read() as Buffer | null) !== null) {
      try {
        size += chunk.length;
        hash.update(chunk);
        if (!file && size > DEFAULTS.blobChunkBytes) {
          file = SpillFile.create(dir);
          files.add(file);
          for (const p of pieces) file.append(p);
          pieces = [];
        }
        if (file) file.append(chunk);
        else pieces.push(chunk);
      } catch (e) {
        failed = true;
        done(e);
      }
    }
  });
  a.content.on('end', () => {
    if (failed) return;
    // The file stays open, in `files`, until the parse has ended: then it is the attachment's.
    done(undefined, file ? { file, sha256: hash.digest('hex') } : Buffer.concat(pieces, size));
  });
}
