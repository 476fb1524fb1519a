import { readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';
import { it } from 'vitest';
import { openMessage } from './open/open-message.js';
import { LIMITS } from './limits.js';
const C = '/work/shared/corpora/thunderbird-openpgp';
it('explore', async () => {
  const key = await openpgp.readPrivateKey({ armoredKey: readFileSync(`${C}/keys/carol@pgp.icu-0xEF2FD01608AFD744-revoked-secret.asc`, 'utf8') });
  const o = await openMessage(readFileSync(`${C}/eml/enc-to-carol@pgp.icu-revoked.eml`), { teamKeys: [key], limits: { ...LIMITS }, knownKeys: async () => [] });
  console.log(o.encryption, o.failure?.message, o.text);
  const raw = readFileSync(`${C}/eml/alice-broken-exchange.eml`, 'latin1');
  console.log(raw.slice(0, 3000));
}, 60000);
