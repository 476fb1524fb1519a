// Bounds on work an attacker can make decryption do before any plaintext exists.
import * as openpgp from 'openpgp';
import { beforeAll, expect, it } from 'vitest';
import { SectriageError } from '../errors.js';
import { LIMITS } from '../limits.js';
import { decryptPgp } from './decrypt.js';

let team: openpgp.PrivateKey;
let others: openpgp.PublicKey[];

beforeAll(async () => {
  const gen = (i: number) => openpgp.generateKey({ type: 'ecc', userIDs: [{ email: `k${i}@example.org` }], format: 'object' });
  team = (await gen(0)).privateKey;
  others = (await Promise.all(Array.from({ length: 40 }, (_, i) => gen(i + 1)))).map((k) => k.publicKey);
});

async function refusal(encryptionKeys: openpgp.PublicKey[], wildcard = false): Promise<SectriageError> {
  const armored = await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'x' }), encryptionKeys, wildcard });
  try {
    await decryptPgp(armored as string, { keys: [team], verificationKeys: [], limits: LIMITS });
  } catch (e) {
    return e as SectriageError;
  }
  throw new Error('decryption was not refused');
}

it('refuses a message with more session keys than limits.maxPgpRecipients before trying any (CPU exhaustion)', async () => {
  const e = await refusal([team.toPublic(), ...others]);
  expect(e.code).toBe('PGP_LIMIT');
  expect(e.message).toContain('41 recipients');
});

it('refuses more hidden recipients than limits.maxPgpHiddenRecipients', async () => {
  const e = await refusal([team.toPublic(), ...others.slice(0, 5)], true);
  expect(e.code).toBe('PGP_LIMIT');
  expect(e.message).toContain('6 hidden');
});

it('opens a message to a few hidden recipients, one of them us', async () => {
  const armored = await openpgp.encrypt({
    message: await openpgp.createMessage({ text: 'hidden ok' }),
    encryptionKeys: [others[0]!, team.toPublic()],
    wildcard: true,
  });
  const d = await decryptPgp(armored as string, { keys: [team], verificationKeys: [], limits: LIMITS });
  expect(Buffer.from(d.data).toString()).toBe('hidden ok');
  expect(d.recipientKeyIds).toEqual(['0000000000000000', '0000000000000000']);
});

it('gives the same payload hash for the same ciphertext however it is armored (replay detection)', async () => {
  const armored = (await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'r' }), encryptionKeys: team.toPublic() })) as string;
  const rewrapped = armored
    .replace(/\n/g, '\r\n')
    .replace('-----BEGIN PGP MESSAGE-----', '-----BEGIN PGP MESSAGE-----\r\nComment: re-armored by a mail client');
  const a = await decryptPgp(armored, { keys: [team], verificationKeys: [], limits: LIMITS });
  const b = await decryptPgp(rewrapped, { keys: [team], verificationKeys: [], limits: LIMITS });
  const binary = (await openpgp.unarmor(armored)).data as unknown as Uint8Array;
  const c = await decryptPgp(binary, { keys: [team], verificationKeys: [], limits: LIMITS });
  expect(b.payloadHash).toBe(a.payloadHash);
  expect(c.payloadHash).toBe(a.payloadHash);
});

it('the payload hash ignores what a replayer can change: a Marker packet added in front', async () => {
  const armored = (await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'm' }), encryptionKeys: [team.toPublic(), others[0]!] })) as string;
  const binary = Buffer.from((await openpgp.unarmor(armored)).data as unknown as Uint8Array);
  const withMarker = Buffer.concat([Buffer.from([0xca, 0x03, 0x50, 0x47, 0x50]), binary]);
  const a = await decryptPgp(armored, { keys: [team], verificationKeys: [], limits: LIMITS });
  const b = await decryptPgp(new Uint8Array(withMarker), { keys: [team], verificationKeys: [], limits: LIMITS });
  expect(Buffer.from(b.data).toString()).toBe('m');
  expect(b.payloadHash).toBe(a.payloadHash);
});

it('refuses a message naming the same recipient key over and over (each is a private-key operation)', async () => {
  const e = await refusal([team.toPublic(), team.toPublic(), team.toPublic()]);
  expect(e.code).toBe('PGP_LIMIT');
  expect(e.message).toContain('named 3 times');
});

it('one budget of session keys covers all blocks of a message', async () => {
  const budget = { left: 3 };
  const two = (await openpgp.encrypt({ message: await openpgp.createMessage({ text: 'b' }), encryptionKeys: [team.toPublic(), others[1]!] })) as string;
  await decryptPgp(two, { keys: [team], verificationKeys: [], limits: LIMITS, budget });
  await expect(decryptPgp(two, { keys: [team], verificationKeys: [], limits: LIMITS, budget })).rejects.toMatchObject({ code: 'PGP_LIMIT' });
});
