import { describe, expect, it } from 'vitest';
import { findArmorBlocks, textOutside } from './armor.js';

const MSG = ['-----BEGIN PGP MESSAGE-----', '', 'hQEMA1234567890abcdef', 'ZZZZ', '=AbCd', '-----END PGP MESSAGE-----'].join('\n');

describe('findArmorBlocks', () => {
  it('finds one block with text before and after it, with exact offsets', () => {
    const text = `Hello team,\n\n${MSG}\n\nThanks, Rita\n`;
    const blocks = findArmorBlocks(text, 20);
    expect(blocks).toHaveLength(1);
    const b = blocks[0]!;
    expect(b.kind).toBe('MESSAGE');
    expect(b.text).toBe(MSG);
    expect(text.slice(b.start, b.end)).toBe(MSG);
    expect(textOutside(text, blocks)).toBe('Hello team,\n\n\n\nThanks, Rita\n');
  });

  it('dequotes armor that a mail client quoted with "> "', () => {
    const quoted = MSG.split('\n')
      .map((l) => (l ? `> ${l}` : '>'))
      .join('\n');
    const text = `On Monday you wrote:\n${quoted}\n\nMy answer.`;
    const blocks = findArmorBlocks(text, 20);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toBe(MSG);
    expect(textOutside(text, blocks)).toBe('On Monday you wrote:\n\n\nMy answer.');
  });

  it('dequotes armor quoted twice ("> > ") and indented armor', () => {
    const twice = MSG.split('\n')
      .map((l) => `> > ${l}`)
      .join('\n');
    expect(findArmorBlocks(twice, 20)[0]?.text).toBe(MSG);
    const indented = MSG.split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    expect(findArmorBlocks(indented, 20)[0]?.text).toBe(MSG);
  });

  it('a clear-signed message ends at the END PGP SIGNATURE line, not earlier', () => {
    const signed = [
      '-----BEGIN PGP SIGNED MESSAGE-----',
      'Hash: SHA256',
      '',
      'The bug is in parse_header().',
      '-----BEGIN PGP SIGNATURE-----',
      '',
      'iHUEARYIAB0WIQ',
      '=xyzw',
      '-----END PGP SIGNATURE-----',
    ].join('\n');
    const text = `intro\n${signed}\nafter the signature`;
    const blocks = findArmorBlocks(text, 20);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.kind).toBe('SIGNED MESSAGE');
    expect(blocks[0]!.text).toBe(signed);
    expect(blocks[0]!.text.endsWith('-----END PGP SIGNATURE-----')).toBe(true);
    expect(textOutside(text, blocks)).toBe('intro\n\nafter the signature');
  });

  it('finds several blocks of different kinds in order', () => {
    const key = '-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEX\n-----END PGP PUBLIC KEY BLOCK-----';
    const text = `a\n${MSG}\nb\n${key}\nc\n${MSG}\nd`;
    const blocks = findArmorBlocks(text, 20);
    expect(blocks.map((b) => b.kind)).toEqual(['MESSAGE', 'PUBLIC KEY BLOCK', 'MESSAGE']);
    expect(textOutside(text, blocks)).toBe('a\n\nb\n\nc\n\nd');
  });

  it('returns at most `max` blocks', () => {
    const text = Array.from({ length: 30 }, (_, i) => `part ${i}\n${MSG}`).join('\n');
    expect(findArmorBlocks(text, 20)).toHaveLength(20);
    expect(findArmorBlocks(text, 3)).toHaveLength(3);
    expect(findArmorBlocks(text, 0)).toHaveLength(0);
  });

  it('an unterminated BEGIN gives no block and the text stays outside', () => {
    const text = 'x\n-----BEGIN PGP MESSAGE-----\n\nabc\n(the rest was cut off)';
    const blocks = findArmorBlocks(text, 20);
    expect(blocks).toEqual([]);
    expect(textOutside(text, blocks)).toBe(text);
  });

  it('a BEGIN line in the middle of a sentence is not armor', () => {
    expect(findArmorBlocks('see -----BEGIN PGP MESSAGE----- here\n-----END PGP MESSAGE-----', 20)).toEqual([]);
  });

  it('is linear on hostile input: 200 000 BEGIN lines without END return quickly', () => {
    const text = '-----BEGIN PGP MESSAGE-----\n'.repeat(200_000);
    const t0 = Date.now();
    expect(findArmorBlocks(text, 20)).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('finds a block whose lines end in CRLF (Windows-made .asc files, raw attachment bytes)', () => {
    const text = `Hello\r\n${MSG.replace(/\n/g, '\r\n')}\r\nBye\r\n`;
    const blocks = findArmorBlocks(text, 20);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.text).toBe(MSG);
  });
});
