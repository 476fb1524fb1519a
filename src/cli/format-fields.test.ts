import { describe, expect, it } from 'vitest';
import type { ReportFieldsDetail } from '../cases/store/fields.js';
import { fieldValueText as formatValue } from '../extract/field-text.js';
import { formatReportFields } from './format-fields.js';

const detail = (over: Partial<ReportFieldsDetail> = {}): ReportFieldsDetail => ({
  fields: [
    {
      field: 'cvss',
      label: '',
      value: { vector: 'CVSS:3.1/AV:N', version: '3.1', valid: false, error: 'base metrics missing: AC' },
      sources: [{ start: 5, end: 18 }],
      messageId: 7,
      at: '',
    },
    { field: 'credit', label: '', value: { kind: 'anonymous' }, sources: [{ start: 0, end: 3 }], messageId: 7, at: '' },
    { field: 'poc', label: '', value: 'x', sources: [{ attachment: 'poc.py' }, { header: 'subject' }], messageId: 9, at: '' },
    { field: 'title', label: '', value: 'evil \u001b[31mred\u001b[0m title', sources: [{ header: 'subject' }], messageId: 7, at: '' },
  ],
  report: {
    parts: [{ title: 'Issue 1: XSS', vulnType: 'cross-site scripting' }, { title: 'Issue 2: IDOR' }],
    spam: { likely: false, score: -4, reasons: [] },
    missingRequired: ['steps|poc'],
    missingHelpful: [],
    asked: ['steps|poc'],
  },
  duplicates: [{ trackingId: 'SEC-2026-AAAAA', state: 'received', subject: 'same bug', score: 0.75, reasons: ['same_type', 'text:0.40'] }],
  ...over,
});

describe('report fields on cases show', () => {
  it('prints an invalid CVSS vector with its error and a valid one with score and severity', () => {
    expect(formatValue('cvss', { vector: 'V', version: '3.1', valid: false, error: 'bad' })).toBe('INVALID V: bad');
    expect(formatValue('cvss', { vector: 'V', version: '4.0', valid: true, score: 9.3, severity: 'Critical' })).toBe('9.3 Critical (CVSS 4.0) V');
    expect(formatValue('cvss', { vector: '', version: '3.1', valid: false, score: 9.8, severity: 'Critical', scoreOnly: true })).toBe(
      '9.8 Critical (a score given without a vector)',
    );
  });
  it('names each source: message number and offsets, attachment, or subject', () => {
    const text = formatReportFields(
      detail(),
      new Map([
        [7, 1],
        [9, 2],
      ]),
    ).join('\n');
    expect(text).toContain('from message 1 chars 5-18');
    expect(text).toContain('from attachment poc.py; subject');
    expect(text).toContain('credit  anonymous');
  });
  it('shows parts, what is missing and asked, and duplicate candidates', () => {
    const text = formatReportFields(detail()).join('\n');
    expect(text).toContain('SEVERAL VULNERABILITIES in one report (2):\n    - Issue 1: XSS [cross-site scripting]\n    - Issue 2: IDOR');
    expect(text).toContain('Missing (required by the policy): step-by-step instructions to reproduce it, or proof-of-concept code');
    expect(text).toContain('Asked the reporter for: steps|poc');
    expect(text).toContain('SEC-2026-AAAAA (received) score 0.75 [same_type, text:0.40] same bug');
  });
  it('cannot drive the terminal with escape sequences in a field value', () => {
    expect(formatReportFields(detail()).join('\n')).not.toContain('\u001b');
  });
  it('prints nothing for a case without fields (an undecryptable report)', () => {
    expect(formatReportFields({ fields: [], report: null, duplicates: [] })).toEqual([]);
  });
});
