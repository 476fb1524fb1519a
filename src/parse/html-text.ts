/**
 * Turns hostile HTML into plain text for reading and for finding armored PGP blocks
 * in webmail bodies. Never renders, never fetches: tags are dropped, block ends become
 * line breaks, entities are decoded, and non-breaking spaces become plain spaces (they
 * would break armor parsing). One linear pass with indexOf: no regex backtracking on
 * attacker markup (an unclosed "<" or "<!--" repeated 100,000 times costs one scan),
 * and the input is cut at `maxLength` characters.
 */

const NAMED: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** Elements whose content is never text. script and style run to their end tag even
 *  unclosed (as in a browser); head and title are only skipped when they are closed. */
const SKIP_CONTENT = new Set(['script', 'style', 'head', 'title']);
const SKIP_TO_END = new Set(['script', 'style']);
const LINE_BREAK = new Set(['br', 'div', 'p', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote']);

export function htmlToPlainText(html: string, maxLength = 2 * 1024 * 1024): string {
  const s = html.length > maxLength ? html.slice(0, maxLength) : html;
  const lower = s.toLowerCase();
  let out = '';
  let i = 0;
  while (i < s.length) {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, lt);
    const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    const next = s.charCodeAt(lt + 1);
    const isTag = isLetter(next) || (next === 47 /* / */ && isLetter(s.charCodeAt(lt + 2))) || next === 33; /* ! */
    if (!isTag) {
      out += '<';
      i = lt + 1;
      continue;
    }
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end < 0) break; // an unclosed comment hides the rest, as in a browser
      i = end + 3;
      continue;
    }
    const gt = tagEnd(s, lt + 1);
    if (gt < 0) break;
    const closing = next === 47;
    let n = lt + (closing ? 2 : 1);
    let name = '';
    while (n < gt && /[a-z0-9]/.test(lower[n] as string)) name += lower[n++];
    i = gt + 1;
    if (!closing && SKIP_CONTENT.has(name)) {
      const end = lower.indexOf(`</${name}`, i);
      const endGt = end < 0 ? -1 : s.indexOf('>', end);
      if (endGt >= 0) {
        i = endGt + 1;
        continue;
      }
      if (SKIP_TO_END.has(name)) break;
      // An unclosed <head> or <title>: the body text after it is still text.
      continue;
    }
    if (name === 'br' || (closing && LINE_BREAK.has(name))) out += '\n';
  }
  return out
    .replace(/&(#x[0-9a-f]{1,8}|#\d{1,10}|[a-z]{2,8});/gi, (m, e: string) => {
      const l = e.toLowerCase();
      if (l.startsWith('#x')) return safeChar(parseInt(l.slice(2), 16));
      if (l.startsWith('#')) return safeChar(parseInt(l.slice(1), 10));
      return NAMED[l] ?? m;
    })
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** The ">" that ends a tag, skipping quoted attribute values; -1 when there is none. */
function tagEnd(s: string, from: number): number {
  let quote = '';
  for (let k = from; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return k;
  }
  return -1;
}

function safeChar(code: number): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
}
