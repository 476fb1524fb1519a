/**
 * Minimal raw-byte MIME splitting, for the two places where mailparser's decoded view
 * is not enough: a multipart/signed body must be verified over the exact bytes of its
 * first part (RFC 3156 §5: canonical CRLF, never round-tripped through a string), and
 * a wrapper layer must be peeled to reach the entity inside it. Input is hostile:
 * the scan is linear, and anything malformed yields "no parts", never an exception.
 */

export interface RawEntity {
  headers: Buffer;
  body: Buffer;
}

export function splitEntity(raw: Buffer): RawEntity {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headers: raw.subarray(0, crlf + 2), body: raw.subarray(crlf + 4) };
  if (lf >= 0) return { headers: raw.subarray(0, lf + 1), body: raw.subarray(lf + 2) };
  return { headers: raw, body: Buffer.alloc(0) };
}

export interface ContentType {
  value: string;
  params: Record<string, string>;
}

/** The Content-Type of an entity's header block (text/plain when absent, as RFC 2045 says). */
export function rawContentType(raw: Buffer): ContentType {
  const head = splitEntity(raw)
    .headers.toString('latin1')
    .replace(/\r?\n[ \t]+/g, ' ');
  const m = /^content-type:[ \t]*([^\r\n]*)/im.exec(head);
  if (!m) return { value: 'text/plain', params: {} };
  const [value = '', ...rest] = splitParams(m[1] as string);
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    params[p.slice(0, eq).trim().toLowerCase()] = p
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/s, '$1')
      .replace(/\\(.)/g, '$1');
  }
  return { value: value.trim().toLowerCase(), params };
}

function splitParams(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && quoted && i + 1 < s.length) {
      cur += c + s[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/**
 * The body parts of a multipart entity as exact raw bytes (headers and body of each).
 * Per RFC 2046 the line break before a delimiter belongs to the delimiter, so it is not
 * part of the preceding part. Returns [] when the entity is not a well-formed multipart.
 */
export function multipartParts(raw: Buffer, maxParts = 100): Buffer[] {
  const boundary = rawContentType(raw).params.boundary;
  if (!boundary) return [];
  const { body } = splitEntity(raw);
  const delim = Buffer.from(`--${boundary}`, 'latin1');
  const starts: Array<{ lineStart: number; after: number; close: boolean }> = [];
  let at = 0;
  while (starts.length <= maxParts) {
    const i = body.indexOf(delim, at);
    if (i < 0) break;
    const atLineStart = i === 0 || body[i - 1] === 0x0a;
    let j = i + delim.length;
    const close = body[j] === 0x2d && body[j + 1] === 0x2d;
    if (close) j += 2;
    // The delimiter line may carry trailing whitespace (transport padding), then a line break.
    while (body[j] === 0x20 || body[j] === 0x09) j++;
    const eol = body[j] === 0x0d && body[j + 1] === 0x0a ? 2 : body[j] === 0x0a ? 1 : j >= body.length ? 0 : -1;
    if (atLineStart && eol >= 0) {
      const lineStart = i > 0 && body[i - 1] === 0x0a ? (i > 1 && body[i - 2] === 0x0d ? i - 2 : i - 1) : i;
      starts.push({ lineStart, after: j + eol, close });
      if (close) break;
    }
    at = i + delim.length;
  }
  const parts: Buffer[] = [];
  for (let k = 0; k + 1 < starts.length; k++) {
    const a = starts[k] as { after: number; close: boolean };
    const b = starts[k + 1] as { lineStart: number };
    if (a.close) break;
    parts.push(body.subarray(a.after, b.lineStart));
  }
  return parts;
}

/**
 * Bytes of whole lines read into one string by `someLineMatches`: small enough that each
 * string is young garbage, scavenged at once (a string over V8's ~128 KiB object limit
 * goes to large-object space and waits for a full collection: 1 MiB windows piled up 70).
 */
const LINE_WINDOW_BYTES = 64 * 1024;

/**
 * Whether `re` (a line-anchored /m pattern that spans no line break) matches a line of
 * `raw`, read a window of whole lines at a time: a 70 MiB message read as one string
 * cost 70 MiB more at the peak (issue 11's memory goal).
 */
export function someLineMatches(raw: Buffer, re: RegExp): boolean {
  for (let at = 0; at < raw.length;) {
    let end = Math.min(raw.length, at + LINE_WINDOW_BYTES);
    if (end < raw.length) {
      const nl = raw.indexOf(0x0a, end - 1);
      end = nl < 0 ? raw.length : nl + 1;
    }
    if (re.test(raw.toString('latin1', at, end))) return true;
    at = end;
  }
  return false;
}
