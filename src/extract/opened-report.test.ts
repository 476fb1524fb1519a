import { describe, expect, it } from 'vitest';
import { newReportFields } from './opened-report.js';

describe('reading a new report', () => {
  it('gives no fields and says why when the extractor fails, instead of throwing (the case still opens)', () => {
    const broken = { text: null as unknown as string, subject: 'XSS', attachments: [] };
    const r = newReportFields(broken);
    expect(r.fields).toEqual({});
    expect(r.spam.likely).toBe(false);
    expect(r.failed).toMatch(/\S/);
  });

  it('reads an ordinary report with no failure', () => {
    const r = newReportFields({ text: 'Stored XSS in the search page of Acme 2.1.', subject: 'XSS', attachments: [] });
    expect(r.failed).toBeUndefined();
    expect(r.fields.vulnType?.value).toBe('cross-site scripting');
  });
});
