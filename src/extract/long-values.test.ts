import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { CUT_MARK, FIELD_TEXT_MAX_CHARS, headOf, withoutFencedCode } from './long-values.js';

describe('long field values are cut to their head', () => {
  it('leaves a value within the bound as it is', () => {
    const v = 'a'.repeat(FIELD_TEXT_MAX_CHARS);
    expect(headOf(v)).toBe(v);
  });

  it('cuts a long block at a line end and marks the cut', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `line ${i} of the script`);
    const out = headOf(lines.join('\n'));
    expect(out.length).toBeLessThanOrEqual(FIELD_TEXT_MAX_CHARS + CUT_MARK.length + 1);
    expect(out.endsWith(`\n${CUT_MARK}`)).toBe(true);
    // Whole lines only: the line before the mark is one of the script's lines, not half of one.
    const kept = out.split('\n').slice(0, -1);
    expect(kept.every((l) => lines.includes(l))).toBe(true);
  });

  it('cuts one long unbroken token hard rather than returning it whole', () => {
    const out = headOf('A'.repeat(5000));
    expect(out).toBe(`${'A'.repeat(FIELD_TEXT_MAX_CHARS)}\n${CUT_MARK}`);
  });

  it('keeps the key line of a long PoC script, while its sources still span the whole block', () => {
    const script = ['import cbor2', 'obj = "x" * 131128', ...Array.from({ length: 70 }, (_, i) => `print("padding line ${i} of the proof of concept")`)].join(
      '\n',
    );
    const text = `Summary: a buffer overflow in the decoder.\n\n### PoC\n\n\`\`\`python\n${script}\n\`\`\`\n`;
    const poc = extractReport({ text, subject: 'Buffer overflow in cbor2' }).fields.poc;
    expect(poc?.value).toContain('obj = "x" * 131128');
    expect(poc?.value.endsWith(CUT_MARK)).toBe(true);
    const src = poc?.sources[0];
    expect(src && 'end' in src ? text.slice(src.start, src.end) : '').toContain('padding line 69');
  });

  it('keeps a line that ends right at the bound, and never splits a character in two', () => {
    const line = `${'x'.repeat(99)}\n`;
    const exact = line.repeat(10) + 'tail of the script';
    expect(headOf(exact)).toBe(`${line.repeat(10).trimEnd()}\n${CUT_MARK}`);
    const astral = `${'a'.repeat(FIELD_TEXT_MAX_CHARS - 1)}😀${'b'.repeat(10)}`;
    const out = headOf(astral);
    expect(out).toBe(`${'a'.repeat(FIELD_TEXT_MAX_CHARS - 1)}\n${CUT_MARK}`);
  });
});

describe('a value without its fenced code', () => {
  it('drops a fence and what it holds, closed only by its own mark alone on a line ("```bash" inside does not close it)', () => {
    const text = 'An attacker runs code.\n\n```\nid\n```bash\nwhoami\n```\n\nAs root.';
    expect(withoutFencedCode(text)).toBe('An attacker runs code.\n\nAs root.');
  });

  it("keeps the prose between a plain-text advisory's rules of tildes, which are no fence", () => {
    const rule = '~'.repeat(80);
    const text = `Impact\n${rule}\nAny user can read the notes of others.\n${rule}`;
    expect(withoutFencedCode(text)).toContain('Any user can read the notes of others.');
  });
});
