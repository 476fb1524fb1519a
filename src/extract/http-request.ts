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

/** Whether line `i` opens a request: a request line, or one whose version wraps onto the next ("POST /upload.cfm" then "HTTP/1.1"). */
export function opensRequest(lines: ReadonlyArray<{ text: string }>, i: number): boolean {
  const l = lines[i]?.text ?? '';
  return (
    REQUEST_LINE.test(l) ||
    (/^\s*(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (?:\/|https?:\/\/)\S*\s*$/.test(l) && /^\s*HTTP\/\d/.test(lines[i + 1]?.text ?? ''))
  );
}

/** A header line ("Content-Type: text/xml"). */
const HEADER_LINE = /^\s*[A-Za-z][\w-]{0,60}:/;

/** Characters below a PoC section's request looked at for its body (codeBlocks reads the whole text line by line anyway). */
const MAX_BODY_CHARS = 16_000;

/** Lines a multipart body is followed to its closing boundary (a form of many fields, not a file's contents). */
const MAX_MULTIPART_LINES = 200;

/** A first line that opens a body: JSON or XML, a form's "name=value", a multipart boundary or a chunk's size. */
const BODY_START = /^\s*(?:[[{<]|--\S|[\w.%[\]-]{1,80}=|[0-9a-f]{1,8}\s*$)/i;

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
  const head = splitLines(value.trimEnd());
  // A request without Content-Type or Content-Length has no body to look for: the text below is not split.
  if (!opensRequest(head, 0) || /\n[ \t]*\n/.test(value) || !/^[ \t]*content-(?:type|length)[ \t]*:/im.test(value)) return end;
  const lines = splitLines(text.slice(start, end + MAX_BODY_CHARS));
  const last = head.length - 1;
  const k = requestBodyEnd(lines, 0, last);
  return k > last ? start + lines[k]!.end : end;
}

/**
 * Headers a browser or proxy adds on its own, which say nothing of the flaw, unless the value carries something unusual
 * (an injection in the User-Agent or Accept-Language is the PoC itself). Content-Length is the tool's count, except
 * beside a Transfer-Encoding, where the two disagreeing is the request-smuggling PoC (essentialRequest keeps it then).
 */
const BOILERPLATE_HEADER =
  /^\s*(?:user-agent|accept(?:-language|-encoding|-charset)?|connection|keep-alive|cache-control|pragma|dnt|te|priority|upgrade-insecure-requests|content-length|sec-ch-ua(?:-[\w-]{1,30})?|sec-fetch-[\w-]{1,30}|sec-gpc|if-modified-since|if-none-match)[ \t]*:([^\n]*)$/i;

/**
 * A header value with the signs of a payload: a quote, markup, a shell expansion or Shellshock's function, a path
 * climbing up, an escape, SQL, or a run of one character or a length no browser sends (a ReDoS's ",,,,…").
 */
const UNUSUAL_VALUE = /['<>`]|\$\(|\$\{|\(\)\s{0,3}\{|\.\.[/\\]|%[0-9a-f]{2}|\\x[0-9a-f]{2}|\b(?:select|union|sleep|script|alert)\b|([^\w\s])\1{19}|^.{400}/i;

/** Lines of words above a request's line in a block, as a lead-in ("Make a request on this endpoint:", a step's title and its sentence). */
const MAX_LEAD_IN_LINES = 6;

/** A value a dropped header wraps onto the next line ("… Gecko/20100101" then "Firefox/78.0"): words, versions, brackets; no form data. */
const WRAPPED_VALUE = /^[ \t]*[\w.\/();,:+ -]{1,200}$/;

/**
 * The request as a triager copies it: the lines of a request in `block` (after a lead-in, as many as it pastes) without
 * the boilerplate headers; `block` itself when it holds no request.
 */
export function essentialRequest(block: string): string {
  const lines = block.split('\n');
  const rows = lines.map((text) => ({ text }));
  // A request on the first lines, after a lead-in at most; not one a script holds in a string or a heredoc (its headers
  // are the exploit as written: "PAYLOAD = b\"\"\"", "nc host 80 <<EOF").
  const first = rows.findIndex((_, i) => opensRequest(rows, i));
  if (first < 0 || first > MAX_LEAD_IN_LINES || lines.slice(0, first).some((l) => /<<|=|\(|"""|\$\s|^\s*[#/]/.test(l))) return block;
  // A request that smuggles one body in another needs both lengths as written.
  // (Per message: two requests, or a request and its response, pasted one after the other have a length each.)
  const smuggles = block
    .split(/^(?=[ \t]*(?:(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) |HTTP\/\d))/m)
    .some((r) => /^[ \t]*transfer-encoding[ \t]*:/im.test(r) || (r.match(/^[ \t]*content-length[ \t]*:/gim)?.length ?? 0) > 1);
  const out: string[] = [];
  let inHeaders = false;
  let dropped = false;
  for (const [i, line] of lines.entries()) {
    if (opensRequest(rows, i)) {
      inHeaders = true;
      dropped = false;
      out.push(line);
      continue;
    }
    // A header ends with the blank line, unless it is the one right after the request line (a capture pasted with one);
    // below it a body line may look like one ("Connection: close" in a pasted text).
    if (inHeaders && !line.trim()) {
      if (opensRequest(rows, i - 1) && HEADER_LINE.test(lines[i + 1] ?? '')) continue;
      inHeaders = false;
    }
    const m = inHeaders ? BOILERPLATE_HEADER.exec(line) : null;
    const wrapped: boolean = inHeaders && dropped && !HEADER_LINE.test(line) && WRAPPED_VALUE.test(line) && !/[=&]/.test(line);
    dropped = (m !== null && !UNUSUAL_VALUE.test(m[1]!.trim()) && !(smuggles && /^\s*content-length/i.test(line))) || wrapped;
    if (dropped) continue;
    out.push(line);
  }
  return out.join('\n');
}

/**
 * A line of a request whose request line was redacted whole ("██████████ HTTP██████2", "Host: ████████"): words and
 * redaction marks, no link or path (a redacted host in a URL, "https://█████.com/invoices?id=1002 (web)", is a place).
 */
export function redactedLine(line: string): boolean {
  return /\s/.test(line) && /█{3}/.test(line) && !/https?:\/\/|(?:^|\s)\/\w/.test(line);
}

/** A line of a request pasted under a place's label: a header ("Host: ████", "Te: trailers"), a form body, or a redacted line. */
export function requestLine(line: string): boolean {
  return (
    /^(?:host|cookie|content-[\w-]{1,30}|te|accept[\w-]{0,30}|user-agent|connection|origin|referer|authorization|x-[\w-]{1,40}|sec-[\w-]{1,40})[ \t]*:/i.test(
      line,
    ) ||
    /^[\w.%[\]-]{1,80}=[^&\s]{0,500}(?:&[\w.%[\]-]{1,80}=[^&\s]{0,500}){1,50}$/.test(line) ||
    redactedLine(line)
  );
}
