/**
 * Turns hostile HTML into plain text for reading and for finding armored PGP blocks
 * in webmail bodies. Never renders, never fetches: tags are dropped, block ends become
 * line breaks, entities are decoded, and non-breaking spaces become plain spaces (they
 * would break armor parsing). Linear regexes only.
 */

const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

export function htmlToPlainText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(div|p|li|tr|h[1-6]|pre|blockquote)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      const lower = e.toLowerCase();
      if (lower.startsWith('#x')) return safeChar(parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return safeChar(parseInt(lower.slice(1), 10));
      return NAMED[lower] ?? m;
    })
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+\n/g, '\n');
}

function safeChar(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
