/**
 * What an advisory needs that a case does not already hold (issue 13): vendor, product,
 * affected version ranges, the fixed version, CWE ids, a summary and a description
 * written by the team, references. Each is set by the team through a domain action
 * (actions/advisory.ts) as an `advisory_set` event; the current values are the fold of
 * those events, so the record and the value can never disagree and no table is needed.
 * Values are the team's, checked here for form; the reporter's text is never copied in.
 */
import { SectriageError } from '../../errors.js';

/** The advisory fields, each set as a whole (a list replaces the list; null clears). */
export const ADVISORY_FIELDS = ['vendor', 'product', 'affected', 'fixed', 'cwe', 'summary', 'description', 'references'] as const;
export type AdvisoryField = (typeof ADVISORY_FIELDS)[number];

/** Fields that hold a list (repeatable on the CLI); the others hold one string. */
export const LIST_FIELDS: ReadonlySet<AdvisoryField> = new Set(['affected', 'cwe', 'references']);

export interface AdvisoryFields {
  vendor: string | null;
  product: string | null;
  affected: string[];
  fixed: string | null;
  cwe: string[];
  summary: string | null;
  description: string | null;
  references: string[];
}

export const EMPTY_ADVISORY: AdvisoryFields = {
  vendor: null,
  product: null,
  affected: [],
  fixed: null,
  cwe: [],
  summary: null,
  description: null,
  references: [],
};

/** The current fields: the last `advisory_set` of each field wins. */
export function foldAdvisory(events: Iterable<{ type: string; data: unknown }>): AdvisoryFields {
  const out: AdvisoryFields = { ...EMPTY_ADVISORY };
  for (const e of events) {
    if (e.type !== 'advisory_set') continue;
    const { field, value } = e.data as { field: AdvisoryField; value: string | string[] | null };
    if (LIST_FIELDS.has(field)) (out as unknown as Record<string, unknown>)[field] = Array.isArray(value) ? value : value === null ? [] : [value];
    else (out as unknown as Record<string, unknown>)[field] = Array.isArray(value) ? (value[0] ?? null) : value;
  }
  return out;
}

/** A version range: introduced (>=), then fixed (<) or last affected (<=); or one exact version. */
export interface VersionRange {
  introduced?: string;
  fixed?: string;
  lastAffected?: string;
  exact?: string;
}

const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+~_:-]{0,63}$/;

function version(v: string, whole: string): string {
  if (!VERSION.test(v))
    throw new SectriageError('USAGE', `"${whole}": "${v}" is not a version (letters, digits and . + ~ _ : -, starting with a letter or digit)`);
  return v;
}

/**
 * `>=1.0.0 <1.2.3`, `<1.2.3`, `>=2.0 <=2.4.1`, `1.4.2` (that version only). Bounds are
 * separated by spaces or commas; without `>=` the range starts at the first version.
 */
export function parseVersionRange(s: string): VersionRange {
  const whole = s.trim();
  const parts = whole.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 1 && /^=?[0-9A-Za-z]/.test(parts[0] as string)) return { exact: version((parts[0] as string).replace(/^=/, ''), whole) };
  const r: VersionRange = {};
  for (const p of parts) {
    const m = /^(>=|<=|<)(.+)$/.exec(p);
    if (!m) throw new SectriageError('USAGE', `"${whole}" is not a version range: use e.g. ">=1.0.0 <1.2.3", "<1.2.3", "<=2.4.1" or one version "1.4.2"`);
    const [, op, v] = m as unknown as [string, string, string];
    const key = op === '>=' ? 'introduced' : op === '<' ? 'fixed' : 'lastAffected';
    if (r[key] !== undefined || (key !== 'introduced' && (r.fixed ?? r.lastAffected) !== undefined))
      throw new SectriageError('USAGE', `"${whole}": give at most one lower bound (>=) and one upper bound (< or <=)`);
    r[key] = version(v, whole);
  }
  if (!r.fixed && !r.lastAffected && !r.introduced) throw new SectriageError('USAGE', `"${whole}" is an empty version range`);
  return r;
}

/** Writes a range back in the form parseVersionRange reads (what is stored). */
export function formatVersionRange(r: VersionRange): string {
  if (r.exact) return r.exact;
  return [r.introduced ? `>=${r.introduced}` : '', r.fixed ? `<${r.fixed}` : '', r.lastAffected ? `<=${r.lastAffected}` : ''].filter(Boolean).join(' ');
}

/** CWE ids as the team types them: 79, CWE-79, cwe79; stored as CWE-79. */
export function parseCwe(s: string): string {
  const m = /^(?:cwe-?)?([1-9]\d{0,5})$/i.exec(s.trim());
  if (!m) throw new SectriageError('USAGE', `"${s}" is not a CWE id: use a number such as 79 or CWE-79`);
  return `CWE-${m[1]}`;
}

/** A reference: an absolute http(s) URL (the formats require URIs; a CVE record, https). */
export function parseReference(s: string): string {
  const v = s.trim();
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new SectriageError('USAGE', `"${s}" is not a URL: give an absolute https:// address`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SectriageError('USAGE', `"${s}": a reference must be an http(s) URL`);
  if (v.length > 2048) throw new SectriageError('USAGE', 'a reference URL is longer than 2048 characters');
  return v;
}

/** A one-line text (vendor, product, summary): trimmed, not empty, no control characters. */
export function parseLine(field: AdvisoryField, s: string, max: number): string {
  const v = s.trim();
  if (!v) throw new SectriageError('USAGE', `--${field} is empty (use "none" to clear it)`);
  if (/[\u0000-\u001f\u007f]/.test(v)) throw new SectriageError('USAGE', `--${field} must be one line of text`);
  if (v.length > max) throw new SectriageError('USAGE', `--${field} is longer than ${max} characters`);
  return v;
}

/** The description: the team's text (a file), kept as written but for trailing space. */
export function parseDescription(s: string, max: number): string {
  const v = s.replace(/\r\n/g, '\n').replace(/\s+$/, '');
  if (!v.trim()) throw new SectriageError('USAGE', 'the description is empty');
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(v)) throw new SectriageError('USAGE', 'the description holds control characters');
  if (v.length > max) throw new SectriageError('USAGE', `the description is longer than ${max} characters`);
  return v;
}
