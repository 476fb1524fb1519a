import { expect, it } from 'vitest';
import { newReportAttention } from './attention.js';

it('encrypted content left unopened on purpose is put before the team, with the reason, never silently', () => {
  const items = newReportAttention({ encryption: 'none', unopened: 'an encrypted message inside it (forwarded) is not opened' }, 'rita@example.net', undefined);
  expect(items).toEqual([
    { kind: 'encrypted_unopened', text: expect.stringContaining('left unopened: an encrypted message inside it (forwarded) is not opened') },
  ]);
  expect(newReportAttention({ encryption: 'encrypted' }, 'rita@example.net', undefined)).toEqual([]);
});
