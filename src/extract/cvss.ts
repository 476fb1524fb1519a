/**
 * Finds CVSS v3.x and v4.0 vectors in report text, checks that every base metric is
 * present exactly once with a legal value, and scores them with ae-cvss-calculator
 * (metaeffekt; handles 3.1 and 4.0 and is typed). The library alone accepts vectors
 * with missing base metrics (scoring them as "not defined"), so the completeness
 * check is ours. The input is untrusted: a bad vector is reported, never thrown.
 */
import calc from 'ae-cvss-calculator';
import type { CvssValue } from './types.js';

const BASE_3: Record<string, string> = { AV: 'NALP', AC: 'LH', PR: 'NLH', UI: 'NR', S: 'UC', C: 'HLN', I: 'HLN', A: 'HLN' };
const BASE_4: Record<string, string> = {
  AV: 'NALP',
  AC: 'LH',
  AT: 'NP',
  PR: 'NLH',
  UI: 'NPA',
  VC: 'HLN',
  VI: 'HLN',
  VA: 'HLN',
  SC: 'HLN',
  SI: 'HLN',
  SA: 'HLN',
};

/** A vector as it appears in text: the prefix and metric pairs, no spaces. */
const VECTOR = /CVSS:(3\.[01]|4\.0)\/[A-Za-z]{1,3}:[A-Za-z](?:\/[A-Za-z]{1,3}:[A-Za-z])*/g;

export function findCvssVectors(text: string): Array<{ vector: string; index: number }> {
  return [...text.matchAll(VECTOR)].map((m) => ({ vector: m[0], index: m.index }));
}

export function severityOf(score: number): NonNullable<CvssValue['severity']> {
  if (score === 0) return 'None';
  if (score < 4) return 'Low';
  if (score < 7) return 'Medium';
  if (score < 9) return 'High';
  return 'Critical';
}

export function scoreCvss(vector: string): CvssValue {
  const m = /^CVSS:(3\.[01]|4\.0)\/(.*)$/.exec(vector.trim());
  if (!m) return { vector, version: '3.1', valid: false, error: 'not a CVSS 3.x or 4.0 vector' };
  const version = m[1] as CvssValue['version'];
  const base = version === '4.0' ? BASE_4 : BASE_3;
  const seen = new Set<string>();
  for (const pair of (m[2] as string).split('/')) {
    const [k, v] = pair.split(':') as [string, string | undefined];
    if (seen.has(k)) return { vector, version, valid: false, error: `metric ${k} appears twice` };
    seen.add(k);
    const allowed = base[k];
    if (allowed !== undefined && (!v || v.length !== 1 || !allowed.includes(v)))
      return { vector, version, valid: false, error: `base metric ${k} has an illegal value ${v ?? ''}` };
  }
  const missing = Object.keys(base).filter((k) => !seen.has(k));
  if (missing.length) return { vector, version, valid: false, error: `base metrics missing: ${missing.join(', ')}` };
  try {
    const c = version === '4.0' ? new calc.Cvss4P0(vector) : version === '3.1' ? new calc.Cvss3P1(vector) : new calc.Cvss3P0(vector);
    const score = c.calculateScores().base;
    if (typeof score !== 'number' || Number.isNaN(score)) return { vector, version, valid: false, error: 'could not be scored' };
    return { vector, version, valid: true, score, severity: severityOf(score) };
  } catch (e) {
    return { vector, version, valid: false, error: e instanceof Error ? e.message.slice(0, 200) : 'could not be parsed' };
  }
}
