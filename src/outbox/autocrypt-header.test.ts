// The Autocrypt header of our mail: the team's public key, kept per key object so that it is
// not serialised for every acknowledgement, and never served stale after a rotation.
import * as openpgp from 'openpgp';
import { expect, it } from 'vitest';
import type { TeamKeys } from '../open/team-keys.js';
import { autocryptHeader } from './render.js';

const teamKeysOf = (key: openpgp.PrivateKey): TeamKeys => ({
  current: key,
  keys: [key],
  fingerprint: key.getFingerprint().toUpperCase(),
  publicArmored: key.toPublic().armor(),
});

it("carries the current team key's public part, and the new one after a rotation", async () => {
  const gen = async () => (await openpgp.generateKey({ type: 'curve25519', userIDs: [{ email: 'security@example.com' }], format: 'object' })).privateKey;
  const [old, rotated] = [await gen(), await gen()];
  const keydata = (h: string): string => /keydata=(\S+)$/.exec(h)![1]!;
  const first = autocryptHeader('security@example.com', teamKeysOf(old));
  expect(first).toMatch(/^addr=security@example\.com; prefer-encrypt=mutual; keydata=/);
  const read = await openpgp.readKey({ binaryKey: Buffer.from(keydata(first), 'base64') });
  expect(read.getFingerprint()).toBe(old.getFingerprint());
  expect(read.isPrivate()).toBe(false);
  expect(autocryptHeader('security@example.com', teamKeysOf(old))).toBe(first);
  const after = await openpgp.readKey({ binaryKey: Buffer.from(keydata(autocryptHeader('security@example.com', teamKeysOf(rotated))), 'base64') });
  expect(after.getFingerprint()).toBe(rotated.getFingerprint());
});
