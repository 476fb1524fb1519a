/**
 * Finds CVSS v2, v3.x and v4.0 vectors in report text, checks that every base metric is
 * present exactly once with a legal value, and scores them with ae-cvss-calculator
 * (metaeffekt; handles 2.0, 3.x and 4.0 and is typed). A v2 vector has no prefix (NVD
 * writes "(AV:N/AC:L/Au:N/C:P/I:P/A:P)"), and older reports are full of them; a v3 vector
 * written without its "CVSS:3.x/" prefix is kept as the reporter wrote it, not valid,
 * since its version (3.0 or 3.1) is not said. The library alone accepts vectors
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

const BASE_2: Record<string, string> = { AV: 'LAN', AC: 'HML', Au: 'MSN', C: 'NPC', I: 'NPC', A: 'NPC' };

/** A vector as it appears in text: the prefix and metric pairs, no spaces; or, without a prefix, metric pairs from AV on. */
const VECTOR = /CVSS:(3\.[01]|4\.0)\/[A-Za-z]{1,3}:[A-Za-z](?:\/[A-Za-z]{1,3}:[A-Za-z])*|(?<![\w/:])AV:[A-Za-z](?:\/[A-Za-z]{1,3}:[A-Za-z]{1,3}){3,}/g;

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

/** CVSS v2's qualitative scale (NVD): it has no Critical. */
function severityOf2(score: number): NonNullable<CvssValue['severity']> {
  return score === 0 ? 'None' : score < 4 ? 'Low' : score < 7 ? 'Medium' : 'High';
}

function scoreCvss2(vector: string): CvssValue {
  const seen = new Set<string>();
  for (const pair of vector.split('/')) {
    const [k, v] = pair.split(':') as [string, string | undefined];
    if (seen.has(k)) return { vector, version: '2.0', valid: false, error: `metric ${k} appears twice` };
    seen.add(k);
    const allowed = BASE_2[k];
    if (allowed !== undefined && (!v || v.length !== 1 || !allowed.includes(v)))
      return { vector, version: '2.0', valid: false, error: `base metric ${k} has an illegal value ${v ?? ''}` };
  }
  const missing = Object.keys(BASE_2).filter((k) => !seen.has(k));
  if (missing.length) return { vector, version: '2.0', valid: false, error: `base metrics missing: ${missing.join(', ')}` };
  try {
    const score = new calc.Cvss2(vector).calculateScores().base;
    if (typeof score !== 'number' || Number.isNaN(score)) return { vector, version: '2.0', valid: false, error: 'could not be scored' };
    return { vector, version: '2.0', valid: true, score, severity: severityOf2(score) };
  } catch (e) {
    return { vector, version: '2.0', valid: false, error: e instanceof Error ? e.message.slice(0, 200) : 'could not be parsed' };
  }
}

export function scoreCvss(vector: string): CvssValue {
  const m = /^CVSS:(3\.[01]|4\.0)\/(.*)$/.exec(vector.trim());
  if (!m && /\/Au:/.test(vector)) return scoreCvss2(vector.trim());
  if (!m && /^AV:/.test(vector.trim()))
    return { vector, version: '3.1', valid: false, error: 'a CVSS 3.x vector without its CVSS:3.x/ prefix: the version is not said' };
  if (!m) return { vector, version: '3.1', valid: false, error: 'not a CVSS 2.0, 3.x or 4.0 vector' };
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

/** Whether a Subject gives this score set in brackets or after a severity ("(8.1)", "[High, 8.1]", "High 8.1 -"). */
export function scoreInSubject(score: string, subject: string): boolean {
  const x = score.replace('.', '\\.');
  return new RegExp(String.raw`[(\[][^()[\]]{0,12}\b${x}[)\]]|\b(?:critical|high|medium|moderate|low)[ \t,:]{1,3}${x}\b`, 'i').test(subject);
}
