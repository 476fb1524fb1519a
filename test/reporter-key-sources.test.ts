// Where a reporter's public key comes from (issue 3): an attached application/pgp-keys
// part, an armored key in the body, or the Autocrypt header. Keys are made by gpg, and
// a key is offered only when a UID carries the sender's address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../src/limits.js';
import { openMessage, type OpenContext } from '../src/open/open-message.js';
import { newGpgHome, type GpgHome } from './helpers/gpg.js';
import { crlf } from './helpers/mail.js';

let gpg: GpgHome;
let rita: string;
let mallory: string;
let ritaOther: string;
let ritaArmored: string;
const ctx: OpenContext = { teamKeys: [], limits: LIMITS, knownKeys: async () => [] };

beforeAll(async () => {
  gpg = await newGpgHome();
  rita = (await gpg.genKey('Rita Reporter <rita@example.net>', 'cv25519')).fingerprint;
  mallory = (await gpg.genKey('Mallory <mallory@example.org>', 'cv25519')).fingerprint;
  ritaOther = (await gpg.genKey('Not Rita <rita@example.net>', 'cv25519')).fingerprint;
  ritaArmored = await gpg.exportPublic(rita);
});
afterAll(() => gpg.cleanup());

async function keydata(fpr: string): Promise<string> {
  const r = await gpg.run(['--export', fpr]);
  return r.stdout.toString('base64').replace(/.{72}/g, '$&\r\n ');
}

function mail(headers: string, body: string): Buffer {
  return Buffer.from(
    crlf(`From: Rita Reporter <rita@example.net>\nTo: security@example.com\nSubject: report\n${headers}Content-Type: text/plain\n\n${body}\n`),
  );
}

describe('reporter keys offered with a message', () => {
  it('takes the key from an Autocrypt header whose addr is the sender', async () => {
    const opened = await openMessage(mail(`Autocrypt: addr=rita@example.net; prefer-encrypt=mutual; keydata=\n ${await keydata(rita)}\n`, 'hello'), ctx);
    expect(opened.offeredKeys.map((k) => k.getFingerprint().toUpperCase())).toEqual([rita]);
  });

  it('ignores an Autocrypt header for another address, or carrying a key without the sender on it', async () => {
    const other = await openMessage(mail(`Autocrypt: addr=someone@example.net; keydata=${await keydata(rita)}\n`, 'hello'), ctx);
    expect(other.offeredKeys).toEqual([]);
    const wrongKey = await openMessage(mail(`Autocrypt: addr=rita@example.net; keydata=${await keydata(mallory)}\n`, 'hello'), ctx);
    expect(wrongKey.offeredKeys).toEqual([]);
  });

  it('ignores an Autocrypt header with an unknown critical attribute (Autocrypt Level 1 §2.1)', async () => {
    const opened = await openMessage(mail(`Autocrypt: addr=rita@example.net; future=1; keydata=${await keydata(rita)}\n`, 'hello'), ctx);
    expect(opened.offeredKeys).toEqual([]);
  });

  it("ignores the Autocrypt header's key when the message offers a key of its own (anyone on the path can add the header)", async () => {
    const opened = await openMessage(mail(`Autocrypt: addr=rita@example.net; keydata=${await keydata(ritaOther)}\n`, `My key:\n\n${ritaArmored}`), ctx);
    expect(opened.offeredKeys.map((k) => k.getFingerprint().toUpperCase())).toEqual([rita]);
  });

  it('takes an armored key pasted in the body, but not a key pasted for someone else', async () => {
    expect((await openMessage(mail('', `My key:\n\n${ritaArmored}`), ctx)).offeredKeys.map((k) => k.getFingerprint().toUpperCase())).toEqual([rita]);
    expect((await openMessage(mail('', `Their key:\n\n${await gpg.exportPublic(mallory)}`), ctx)).offeredKeys).toEqual([]);
  });

  it('takes an attached application/pgp-keys part', async () => {
    const raw = Buffer.from(
      crlf(
        `From: rita@example.net\nTo: security@example.com\nSubject: key\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\nkey attached\n--b\nContent-Type: application/pgp-keys; name="0x${rita.slice(-16)}.asc"\nContent-Disposition: attachment\n\n${ritaArmored}\n--b--\n`,
      ),
    );
    expect((await openMessage(raw, ctx)).offeredKeys.map((k) => k.getFingerprint().toUpperCase())).toEqual([rita]);
  });
});
