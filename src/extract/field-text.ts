/**
 * A report field's value as one line of text for people (the CLI's cases show and the
 * console's case page): a CVSS value as its score, severity and vector, a credit wish as
 * its kind and name, lists joined. Pure; the caller escapes the result (it may hold
 * reporter text).
 */
import type { CreditValue, CvssValue } from './types.js';

export function fieldValueText(field: string, v: unknown): string {
  if (field === 'cvss') {
    const c = v as CvssValue;
    if (c.scoreOnly) return `${c.score} ${c.severity} (a score given without a vector)`;
    return c.valid ? `${c.score} ${c.severity} (CVSS ${c.version}) ${c.vector}` : `INVALID ${c.vector}: ${c.error ?? 'not a valid vector'}`;
  }
  if (field === 'credit') {
    const c = v as CreditValue;
    return c.kind === 'anonymous' ? 'anonymous' : `${c.kind}: ${c.name ?? ''}`;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) return v.map(String).join(', ');
  return String(v);
}
