/**
 * mailparser with the options every call in sectriage must use, and small readers
 * for the header values the pipeline needs. Input is hostile MIME: mailparser's own
 * bounds apply (child nodes, header size), HTML is never rendered (only turned into
 * text), remote or cid images are never fetched or inlined.
 */
import { simpleParser, type ParsedMail, type AddressObject, type MailParserOptions } from 'mailparser';
import type { Limits } from '../limits.js';

export type { ParsedMail };

export async function parseMail(raw: Buffer | Uint8Array, limits: Limits): Promise<ParsedMail> {
  return simpleParser(Buffer.isBuffer(raw) ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), parserOptions(limits));
}

/** The options of every mailparser parse (./parse-stream.ts too). */
export function parserOptions(limits: Limits): MailParserOptions {
  return {
    skipImageLinks: true,
    keepCidLinks: true,
    skipTextToHtml: true,
    skipTextLinks: true,
    maxHtmlLengthToParse: limits.maxHtmlBytesToParse,
    checksumAlgo: 'sha256',
  } as MailParserOptions;
}

export interface Address {
  address: string;
  name: string;
}

/** The first address of an address header, lower-cased, or undefined. */
export function firstAddress(value: AddressObject | AddressObject[] | undefined): Address | undefined {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  for (const group of list) {
    for (const a of group.value) {
      if (a.address) return { address: a.address.trim().toLowerCase(), name: (a.name ?? '').trim() };
      for (const g of a.group ?? []) if (g.address) return { address: g.address.trim().toLowerCase(), name: (g.name ?? '').trim() };
    }
  }
  return undefined;
}

/** `<id@host>` with the brackets, trimmed; undefined for an empty or absent value. */
export function normaliseMessageId(id: string | undefined | null): string | undefined {
  if (!id) return undefined;
  const m = /<[^<>\s]+>/.exec(id);
  const v = m ? m[0] : `<${id.trim().replace(/^<|>$/g, '')}>`;
  return v === '<>' ? undefined : v;
}

/** All Message-IDs named in In-Reply-To and References. */
export function threadIds(mail: ParsedMail): string[] {
  const refs = Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [];
  const ids = [...refs, ...(mail.inReplyTo ? mail.inReplyTo.split(/\s+/) : [])]
    .flatMap((r) => r.match(/<[^<>\s]+>/g) ?? [r])
    .map(normaliseMessageId)
    .filter((x): x is string => Boolean(x));
  return [...new Set(ids)];
}

/** Content-Type value and params, lower-cased value. */
export function contentType(mail: ParsedMail): { value: string; params: Record<string, string> } {
  const v = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return { value: (v?.value ?? 'text/plain').toLowerCase(), params: v?.params ?? {} };
}
