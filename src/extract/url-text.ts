/**
 * A URL or path as a report writes it, cut to what a triager copies: no list mark before it
 * ("[+] "), no diff mark written onto it ("---includes/x.php"), no sentence's punctuation
 * after it, no payload appended to its path. Pure; trims by scanning from the end, so a hostile run of dots or braces stays
 * linear (a `[.,…]+$` pattern tried every start of the run: 40,000 dots took seconds).
 */

/** A URL in text, up to a blank, a quote or a closing bracket. */
export const URL_RE = /\bhttps?:\/\/[^\s<>"'`)\]]+/gi;

/** Characters that end a sentence or close a bracket around a place, not part of it. */
const TRAILING = new Set(['.', ',', ';', ':', '!', '?', "'", '"', ')', ']', '>']);

/** A URL written with JSON's escaped slashes ("https:\\/\\/www.example.com\\/wp-json\\/users"), unescaped in place: the same
 *  length, padded with spaces after it, so that every offset into the text still holds. */
export function unescapeJsonUrls(text: string): string {
  return text.replace(/https?:\\\/\\\/[^\s"'<>]{1,2000}/gi, (u) => {
    const v = u.replace(/\\\//g, '/');
    return v + ' '.repeat(u.length - v.length);
  });
}

/** A URL's path when its host was redacted (found with indexOf, not a regex: a host of blocks runs long). */
function withoutRedactedHost(s: string): string {
  const scheme = /^https?:\/\//i.exec(s);
  if (!scheme) return s;
  let end = scheme[0].length;
  while (end < s.length && !'/?#'.includes(s[end]!) && !/\s/.test(s[end]!)) end++;
  const host = s.slice(scheme[0].length, end);
  return end < s.length && '/?#'.includes(s[end]!) && /[\u2580-\u259f]/.test(host) ? s.slice(end) : s;
}

export function cleanLocation(s: string): string {
  // Redacted fields after a separator ("…/login,██████,,█████,Personal" of a CSV dump) are no part of the place; blocks
  // inside a host or a path ("https://██████/api/v1/search", "/users/██████/invoices") stand for what was there.
  // A URL whose host was redacted ("https://██████/api/v1/search") is known by its path, as one with a placeholder host is.
  const unredacted = withoutRedactedHost(s.replace(/[,;|][ \t]*[\u2580-\u259f].*$/su, ''));
  const v = withoutPathPayload(unredacted.replace(/^\[[+*!-]\]\s*/, '').replace(/^(?:-{3}|\+{3})(?=[\w.])/, ''));
  let end = v.length;
  // A URL set in bold ("**visit http://10.211.55.8/page/url-key**") ends before the stars: no URL ends in one.
  const url = /^https?:\/\//i.test(v);
  for (;;) {
    while (end > 0 && TRAILING.has(v[end - 1]!)) end--;
    // Bold's two stars, not a wildcard's one ("https://api.acme.com/v2/*").
    if (url && end >= 2 && v[end - 1] === '*' && v[end - 2] === '*') while (end > 0 && v[end - 1] === '*') end--;
    // An italic's one star ("*https://portal.acme.com/admin/users*"), not a wildcard's after a slash or a dot.
    else if (url && end >= 2 && v[end - 1] === '*' && !/[/.]/.test(v[end - 2]!)) end--;
    else break;
  }
  // A closing ">" stays when it ends a "<name>" placeholder segment ("/blobs/<digest>").
  if (end < v.length && /\/<[\w-]{1,30}$/.test(v.slice(Math.max(0, end - 32), end))) end++;
  // A closing brace belongs to a "{id}" placeholder only when one was opened.
  if (v[end - 1] === '}' && !v.slice(0, end).includes('{')) while (end > 0 && v[end - 1] === '}') end--;
  return v.slice(0, end);
}

/**
 * A double quote or an angle bracket, URL-encoded, in a path: where an injected payload starts. An apostrophe only before
 * what injects SQL ("shoes%27%20AND%20SLEEP(5)"): in a name it is the name's ("O%27Reilly").
 */
const ENCODED_MARKUP = /%(?:22|3c|3e)|%27(?=%20|%23|%2d%2d|\+|--|;|\)|or\b|and\b|union\b)/i;

/**
 * The path without the payload a reflected-XSS report appends to it ("https://itsyou.online/error%3CBODY%20ONLOAD=…"
 * is the page /error): a path has no encoded quote or angle bracket of its own. The query is left as it is (what a
 * parameter carries is the request's, and a place is compared without it).
 */
function withoutPathPayload(v: string): string {
  const query = v.search(/[?#]/);
  const path = query < 0 ? v : v.slice(0, query);
  const at = path.search(ENCODED_MARKUP);
  return at < 0 ? v : v.slice(0, at);
}
