// What an open worker hands the main thread survives the structured clone between them:
// errors keep their code, offered keys their fingerprint, and attachments stay Buffers
// (better-sqlite3 stores a Buffer as a blob; a bare Uint8Array would not be one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { openMessage } from './open-message.js';
import { openedFromWire, openedToWire } from './opened-wire.js';
import { LIMITS } from '../limits.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test', 'fixtures', 'pgp');

it('an opened message crosses to the main thread with its error, keys and attachments intact', async () => {
  const key = await openpgp.readKey({ armoredKey: readFileSync(join(FIXTURES, 'keys', 'reporter-gpg.pub.asc'), 'utf8') });
  const raw = Buffer.from(
    'From: a@example.net\r\nTo: security@example.com\r\nSubject: hi\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n' +
      '--b\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--b\r\nContent-Type: application/octet-stream; name=poc.bin\r\nContent-Disposition: attachment; filename=poc.bin\r\nContent-Transfer-Encoding: base64\r\n\r\nAAECAw==\r\n--b--\r\n',
  );
  const opened = await openMessage(raw, { teamKeys: [], limits: { ...LIMITS }, knownKeys: async () => [] });
  opened.offeredKeys = [key];
  opened.failure = new SectriageError('PGP_NO_KEY', 'encrypted to someone else');
  const back = await openedFromWire(structuredClone(openedToWire(opened)));
  expect(back.failure).toBeInstanceOf(SectriageError);
  expect(back.failure?.code).toBe('PGP_NO_KEY');
  expect(back.offeredKeys.map((k) => k.getFingerprint())).toEqual([key.getFingerprint()]);
  expect(back.attachments).toHaveLength(1);
  expect(Buffer.isBuffer(back.attachments[0]!.content)).toBe(true);
  expect([...back.attachments[0]!.content]).toEqual([0, 1, 2, 3]);
  expect(Buffer.isBuffer(back.outer.attachments[0]!.content)).toBe(true);
  expect(back.text).toBe(opened.text);
  expect(back.from).toEqual(opened.from);
  expect(back.outer.headers.get('subject')).toBe('hi');
});
