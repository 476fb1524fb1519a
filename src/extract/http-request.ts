/**
 * A raw HTTP request pasted into a report (a proxy's capture: request line, headers, a blank
 * line, the body). Its body belongs to it, blank line or not; and what a triager copies of it
 * is the request line, the headers that carry something and the body, not the browser's
 * boilerplate. Pure; the input is report text (untrusted), read line by line with patterns
 * anchored to one line.
 */
import { splitLines } from './sections.js';

/** A request line: method, a path (or a whole URL, as Burp writes for a proxy) and, unless wrapped, the version. */
export const REQUEST_LINE = /^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (?:\/|https?:\/\/)\S* HTTP\/\d/;

/** A header line ("Content-Type: text/xml"). */
const HEADER_LINE = /^\s*[A-Za-z][\w-]{0,60}:[ \t]?\S?/;

/** Characters below a request looked at for its body. */
const MAX_BODY_CHARS = 16_000;

/** Lines a multipart body is followed to its closing boundary (a form of many fields, not a file's contents). */
const MAX_MULTIPART_LINES = 200;

/** A first line that opens a body: JSON or XML, a form's "name=value", or a multipart boundary. */
const BODY_START = /^\s*(?:[[{<]|--\S|[\w.%[\]-]{1,80}=)/;

/**
 * Where a request's body ends, given the index of its last header line: the closing boundary of a
 * multipart body, else the end of the one paragraph below the blank line. -1 when nothing below
 * reads as its body (no Content-Type or Content-Length: a GET carries none).
 */
export function requestBodyEnd(lines: ReadonlyArray<{ text: string }>, start: number, lastHeader: number): number {
  const headers = lines.slice(start, lastHeader + 1).map((l) => l.text);
  if (!headers.some((h) => /^\s*content-(?:type|length)\s*:/i.test(h))) return -1;
  let k = lastHeader + 1;
  // One blank line, or a few (a capture pasted with the CR lines doubled).
  const blanks = k;
  while (k < lines.length && k - blanks < 3 && !lines[k]!.text.trim()) k++;
  if (k === blanks || k >= lines.length || !BODY_START.test(lines[k]!.text) || REQUEST_LINE.test(lines[k]!.text)) return -1;
  const boundary = headers.map((h) => /^\s*content-type\s*:[^\n]*\bboundary=("?)([^";\s]{1,200})\1/i.exec(h)?.[2]).find(Boolean);
  if (boundary) {
    const close = `--${boundary}--`;
    for (let m = k; m < Math.min(lines.length, k + MAX_MULTIPART_LINES); m++) if (lines[m]!.text.trim() === close) return m;
  }
  while (k + 1 < lines.length && lines[k + 1]!.text.trim()) k++;
  return k;
}

/**
 * The end of a value at [start, end) of `text` that is a request cut at its blank line (a section read
 * to its first paragraph), taken on through the request's body; `end` when it is no request or has none.
 */
export function endWithBody(text: string, start: number, end: number): number {
  const value = text.slice(start, end);
  const nl = value.indexOf('\n');
  if (!REQUEST_LINE.test(nl < 0 ? value : value.slice(0, nl)) || /\n[ \t]*\n/.test(value)) return end;
  const lines = splitLines(text.slice(start, end + MAX_BODY_CHARS));
  const last = splitLines(value.trimEnd()).length - 1;
  const k = requestBodyEnd(lines, 0, last);
  return k > last ? start + lines[k]!.end : end;
}

/**
 * Headers every browser sends, which say nothing of the flaw, unless the value carries something
 * unusual (an injection in the User-Agent or Accept-Language is the PoC itself).
 */
const BOILERPLATE_HEADER =
  /^\s*(?:user-agent|accept(?:-language|-encoding|-charset)?|connection|keep-alive|cache-control|pragma|dnt|te|priority|upgrade-insecure-requests|content-length|sec-ch-ua(?:-[\w-]{1,30})?|sec-fetch-[\w-]{1,30}|sec-gpc|if-modified-since|if-none-match)[ \t]*:([^\n]*)$/i;

/** A header value with the signs of a payload: a quote, markup, a shell expansion, a path climbing up, an escape. */
const UNUSUAL_VALUE = /['<>`]|\$\(|\$\{|\.\.[/\\]|%[0-9a-f]{2}|\\x[0-9a-f]{2}|\b(?:select|union|sleep|script|alert)\b/i;

/**
 * The request as a triager copies it: the lines of a request that starts `block` without the
 * boilerplate headers; `block` itself when it is no request.
 */
export function essentialRequest(block: string): string {
  const nl = block.indexOf('\n');
  if (!REQUEST_LINE.test(nl < 0 ? block : block.slice(0, nl))) return block;
  const out: string[] = [];
  let inHeaders = true;
  let dropped = false;
  for (const line of block.split('\n')) {
    if (inHeaders && !line.trim()) inHeaders = false;
    // A header ends with the blank line; below it a body line may look like one ("Connection: close" in a pasted text).
    const m = inHeaders ? BOILERPLATE_HEADER.exec(line) : null;
    // A dropped header's value wrapped onto the next line ("User-Agent: Mozilla/5.0 … Gecko/20100101" then "Firefox/78.0") goes with it.
    const wrapped: boolean = inHeaders && dropped && !HEADER_LINE.test(line);
    dropped = (m !== null && !UNUSUAL_VALUE.test(m[1]!)) || wrapped;
    if (dropped) continue;
    // A second request pasted below the first starts its headers again.
    if (!inHeaders && REQUEST_LINE.test(line)) inHeaders = true;
    out.push(line);
  }
  return out.join('\n');
}
