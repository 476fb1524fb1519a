import { describe, expect, it } from 'vitest';
import { findCvssVectors, scoreCvss } from './cvss.js';

describe('CVSS vectors', () => {
  it('scores a complete 3.1 vector as the FIRST calculator does', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toMatchObject({ valid: true, version: '3.1', score: 9.8, severity: 'Critical' });
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N')).toMatchObject({ valid: true, score: 6.1, severity: 'Medium' });
  });
  it('scores a 4.0 vector', () => {
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toMatchObject({
      valid: true,
      version: '4.0',
      score: 9.3,
      severity: 'Critical',
    });
  });
  it('rejects a vector with a base metric missing, which the library would score as undefined', () => {
    const r = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H');
    expect(r.valid).toBe(false);
    expect(r.error).toMatch(/missing: A/);
    expect(r.score).toBeUndefined();
  });
  it('rejects illegal values and repeated metrics', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q')).toMatchObject({ valid: false });
    expect(scoreCvss('CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').error).toMatch(/twice/);
    expect(scoreCvss('CVSS:4.0/AV:N/AC:L').valid).toBe(false);
  });
  it('finds vectors inside prose and stops at the first non-metric character', () => {
    const text = 'Severity: CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N (my estimate).';
    expect(findCvssVectors(text).map((v) => v.vector)).toEqual(['CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N']);
  });
  it('scores a CVSS v2 vector as NVD does, on its own scale (no Critical), in the ways old reports write it', () => {
    expect(scoreCvss('AV:N/AC:L/Au:S/C:P/I:N/A:N')).toMatchObject({ valid: true, version: '2.0', score: 4, severity: 'Medium' });
    expect(scoreCvss('AV:N/AC:L/Au:N/C:C/I:C/A:C')).toMatchObject({ valid: true, score: 10, severity: 'High' });
    const text = 'CVSS: Medium 4.0 AV:N/AC:L/Au:S/C:P/I:N/A:N\nNVD: 7.5 (AV:N/AC:L/Au:N/C:P/I:P/A:P), also CVSS2#AV:L/AC:L/Au:N/C:C/I:C/A:C';
    expect(findCvssVectors(text).map((v) => v.vector)).toEqual(['AV:N/AC:L/Au:S/C:P/I:N/A:N', 'AV:N/AC:L/Au:N/C:P/I:P/A:P', 'AV:L/AC:L/Au:N/C:C/I:C/A:C']);
    expect(scoreCvss('AV:N/AC:L/Au:X/C:P/I:N/A:N')).toMatchObject({ valid: false, version: '2.0' });
    expect(scoreCvss('AV:N/AC:L/C:P/I:N/A:N').valid).toBe(false);
  });
  it('keeps a 3.x vector written without its prefix as written, not valid: its version is not said', () => {
    const text = 'CVSS: 7.5 (HIGH: (AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N)';
    expect(findCvssVectors(text).map((v) => v.vector)).toEqual(['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N']);
    expect(scoreCvss('AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N')).toMatchObject({ valid: false, error: expect.stringMatching(/without its CVSS:3.x\/ prefix/) });
  });
  it('does not take the metrics inside a prefixed vector for a second one', () => {
    expect(findCvssVectors('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').length).toBe(1);
  });
});
