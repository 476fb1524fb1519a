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

/** Armor copied into a reply or indented by a mail client: strip a common "> " or leading blanks. */
function dequote(block: string): string {
  return block
    .split(/\r?\n/)
    .map((l) => l.replace(/^[ \t]*(?:>[ \t]?)*/, '').replace(/[ \t]+$/, ''))
    .join('\n');
}
