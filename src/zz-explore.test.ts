import { readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';
import { it } from 'vitest';
import { simpleParser } from 'mailparser';
const C = '/work/shared/corpora/thunderbird-openpgp';
it('explore', async () => {
  const key = await openpgp.readPrivateKey({ armoredKey: readFileSync(`${C}/keys/alice@openpgp.example-0xf231550c4f47e38e-secret.asc`, 'utf8') });
  const bob = await openpgp.readKey({ armoredKey: readFileSync(`${C}/keys/bob@openpgp.example-0xfbfcc82a015e7330-pub.asc`, 'utf8') });
  for (const f of ['signed-by-0xfbfcc82a015e7330-encrypted-to-0xf231550c4f47e38e.eml', 'encrypted-and-signed-alice-to-bob-nonascii.eml']) {
  const outer = await simpleParser(readFileSync(`${C}/eml/${f}`));
  const part = outer.attachments.find((a) => a.contentType === 'application/octet-stream')!;
  const msg = await openpgp.readMessage({ armoredMessage: part.content.toString('latin1') });
  const r = await openpgp.decrypt({ message: msg, decryptionKeys: [key], verificationKeys: [bob], format: 'binary' });
  console.log(f, r.signatures.length, Buffer.from(r.data as Uint8Array).toString('utf8').slice(0, 1500));
  }
}, 60000);
