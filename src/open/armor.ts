/**
 * Finds ASCII-armored OpenPGP blocks in decoded text and returns them with the
 * text around them. Input is hostile text; the scan is linear and the number of
 * blocks is bounded by the caller.
 */

export type ArmorKind = 'MESSAGE' | 'PUBLIC KEY BLOCK' | 'SIGNED MESSAGE' | 'SIGNATURE';

export interface ArmorBlock {
  kind: ArmorKind;
  text: string;
  start: number;
  end: number;
}

const BEGIN = /^[ \t>]*-----BEGIN PGP (MESSAGE|PUBLIC KEY BLOCK|SIGNED MESSAGE)-----[ \t]*\r?$/gm;

export function findArmorBlocks(text: string, max: number): ArmorBlock[] {
  const blocks: ArmorBlock[] = [];
  BEGIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BEGIN.exec(text)) && blocks.length < max) {
    const kind = m[1] as ArmorKind;
    // A clear-signed message ends after its SIGNATURE block, not at the first END line.
    const endLabel = kind === 'SIGNED MESSAGE' ? 'SIGNATURE' : kind;
    const endRe = new RegExp(`^[ \\t>]*-----END PGP ${endLabel}-----[ \\t]*$`, 'gm');
    endRe.lastIndex = m.index + m[0].length;
    const e = endRe.exec(text);
    if (!e) break;
    const end = e.index + e[0].length;
    blocks.push({ kind, start: m.index, end, text: dequote(text.slice(m.index, end)) });
    BEGIN.lastIndex = end;
  }
  return blocks;
}

/** The text with the given blocks cut out. */
export function textOutside(text: string, blocks: ArmorBlock[]): string {
  let out = '';
  let at = 0;
  for (const b of blocks) {
    out += text.slice(at, b.start);
    at = b.end;
  }
  return out + text.slice(at);
}

/**
 * Armor copied into a reply, indented by a mail client, or spread over HTML lines:
 * strip "> " quoting and blanks, and drop the empty lines that markup leaves between
 * the base64 lines (only the one after the armor headers is meaningful).
 */
function dequote(block: string): string {
  // trimEnd, not /[ \t]+$/: that regex is quadratic on a long run of blanks.
  const lines = block.split(/\r?\n/).map((l) => l.replace(/^[ \t]*(?:>[ \t]?)*/, '').trimEnd());
  const [begin = '', ...rest] = lines;
  if (/^-----BEGIN PGP SIGNED MESSAGE-----$/.test(begin)) return lines.join('\n'); // its text must stay byte for byte
  let i = 0;
  while (i < rest.length && rest[i] === '') i++;
  const headers: string[] = [];
  while (i < rest.length && /^[A-Za-z][\w-]*: /.test(rest[i] as string)) headers.push(rest[i++] as string);
  const body = rest.slice(i).filter((l) => l !== '');
  return [begin, ...headers, '', ...body].join('\n');
}
