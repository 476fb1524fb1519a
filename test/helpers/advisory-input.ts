/**
 * One fully-set case's advisory input with a fixed clock: the builders' tests and the
 * golden files in test/fixtures/advisories/ are made from it. Test data only (imported
 * by tests).
 */
import type { AdvisoryInput } from '../../src/advisory/types.js';

export function fullInput(over: Partial<AdvisoryInput> = {}): AdvisoryInput {
  return {
    trackingId: 'SEC-2026-7K3QD',
    summary: 'Stored XSS in the Example Server admin console',
    description:
      'The admin console of Example Server does not escape the name of an uploaded file before showing it in the file list. An authenticated user who can upload files can run script in the browser of an administrator who opens the list.',
    vendor: 'Example Corp',
    product: 'Example Server',
    affected: [{ introduced: '1.0.0', fixed: '1.2.3' }, { exact: '0.9.9' }],
    fixed: '1.2.3',
    cwe: ['CWE-79'],
    cvss: { vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N', version: '3.1', score: 5.4, severity: 'Medium' },
    cve: 'CVE-2026-12345',
    references: ['https://example.com/security/SEC-2026-7K3QD'],
    credits: ['Rita Reporter'],
    exploited: false,
    dates: { reported: '2026-03-02T09:15:00.000Z', fixed: '2026-04-10T12:00:00.000Z', published: '2026-04-14T08:00:00.000Z', now: '2026-04-14T08:00:00.000Z' },
    publisher: { name: 'Example Security Team', namespace: 'https://example.com', category: 'vendor' },
    osv: { idPrefix: 'x_' },
    cna: { orgId: '6b1ea2d4-5f0a-4b43-9d7c-2a7a2c1f3e11', shortName: 'example' },
    generator: { name: 'sectriage', version: '0.1.0' },
    ...over,
  };
}
