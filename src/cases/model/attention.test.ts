import { expect, it } from 'vitest';
import { newReportAttention } from './attention.js';

it('OpenPGP content left out on purpose is put before the team, with the reason, never silently', () => {
  const items = newReportAttention({ encryption: 'none', leftOut: 'an encrypted message inside it (forwarded) is not opened' }, 'rita@example.net', undefined);
  expect(items).toEqual([
    { kind: 'pgp_left_out', text: expect.stringContaining("not taken as the sender's: an encrypted message inside it (forwarded) is not opened") },
  ]);
  expect(newReportAttention({ encryption: 'encrypted' }, 'rita@example.net', undefined)).toEqual([]);
});
