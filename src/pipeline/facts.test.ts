// Our Message-IDs found in the raw bytes without turning a 70 MiB message into a string
// (issue 11): the same list the regular expression gives over the message's latin1 text.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ourIdsIn } from './facts.js';

const REFERENCE = /<sectriage\.\d+\.[0-9a-f]+@[^<>\s]+>/g;

describe('ourIdsIn', () => {
  it('finds what the regular expression finds, in order, in bounces and noise', () => {
    const pieces = [
      '<sectriage.12.ab3f@example.com>',
      '<sectriage.7.00ff@mail.example.com>',
      '<sectriage.x.00@example.com>',
      '<sectriage.1.zz@example.com>',
      '<<sectriage.3.aa@ex>>',
      '<sectriage.4.bb@ex ample>',
      '<sectriage.5.cc@ex\u00e9mple.com>',
      '<sectriage.',
      'In-Reply-To: ',
      '\r\n',
    ];
    for (let seed = 0; seed < 300; seed++) {
      const parts: Buffer[] = [];
      for (let i = 0; i < 20; i++) {
        parts.push(
          seed % 3 === 0 ? randomBytes(Math.floor(Math.random() * 40)) : Buffer.from(pieces[Math.floor(Math.random() * pieces.length)] as string, 'latin1'),
        );
      }
      const raw = Buffer.concat(parts);
      expect(ourIdsIn(raw)).toEqual(raw.toString('latin1').match(REFERENCE) ?? []);
    }
  });
});
