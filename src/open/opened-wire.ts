/**
 * An OpenedMessage as it crosses from an open worker to the main thread (structured
 * clone): errors travel as their code and text, offered keys as their binary packets,
 * and every Buffer comes back as a Buffer (a clone gives plain Uint8Arrays). Input is
 * what our own worker made from hostile mail: only the shapes are restored, nothing is
 * trusted more than the in-process result would be.
 */
import * as openpgp from 'openpgp';
import { SectriageError, type ErrorCode } from '../errors.js';
import type { OpenedMessage } from './opened.js';

export interface WireError {
  code: ErrorCode;
  message: string;
}

export type WireOpened = Omit<OpenedMessage, 'failure' | 'offeredKeys'> & { failure?: WireError; offeredKeys: Uint8Array[] };

export function openedToWire(m: OpenedMessage): WireOpened {
  const { failure, offeredKeys, ...rest } = m;
  // A spill file is this thread's descriptor: the message is opened again where it is recorded.
  if (rest.attachments.some((a) => a.spilled)) throw new Error('an attachment is in a spill file and cannot cross threads');
  return {
    ...rest,
    ...(failure ? { failure: { code: failure.code, message: failure.message } } : {}),
    offeredKeys: offeredKeys.map((k) => k.write()),
  };
}

export async function openedFromWire(w: WireOpened): Promise<OpenedMessage> {
  const { failure, offeredKeys, ...rest } = w;
  const out: OpenedMessage = {
    ...rest,
    outer: { ...rest.outer, attachments: rest.outer.attachments.map((a) => ({ ...a, content: asBuffer(a.content) })) },
    attachments: rest.attachments.map((a) => ({ ...a, content: asBuffer(a.content) })),
    offeredKeys: await Promise.all(offeredKeys.map((binaryKey) => openpgp.readKey({ binaryKey }))),
  };
  if (failure) out.failure = new SectriageError(failure.code, failure.message);
  return out;
}

function asBuffer(u: Uint8Array | Buffer): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
