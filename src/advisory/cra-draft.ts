/**
 * Drafts the content of an EU CRA notification (Article 14(2)) from a case, for the team to
 * check, complete and file on the authorities' reporting platform (it has no public API
 * yet). Pure. Built from what the team recorded (advisory fields, CVSS, CVE, dates), never
 * from the reporter's text; what is missing is marked for the team to fill in. Sent only
 * encrypted (templates-deadlines.ts): it describes an unfixed, exploited vulnerability.
 */
import type { CraNotification } from '../cases/model/cra.js';
import { formatVersionRange } from '../cases/model/advisory.js';
import type { AdvisoryInput } from './types.js';

const fill = (what: string): string => `[to fill in: ${what}]`;

export function craDraft(which: CraNotification, a: AdvisoryInput, facts: { awareAt: string | null }): string[] {
  const product = a.product ? `${a.vendor ? `${a.vendor} ` : ''}${a.product}` : fill('the product (cases set --product)');
  const versions = a.affected.length ? a.affected.map(formatVersionRange).join('; ') : fill('affected versions (cases set --affected)');
  const severity = a.cvss ? `${a.cvss.severity} (CVSS ${a.cvss.version} ${a.cvss.score}: ${a.cvss.vector})` : fill('severity (cases set --cvss)');
  const nature = a.summary ?? fill('the nature of the vulnerability (cases set --summary)');
  const head = [
    `Manufacturer's reference: ${a.trackingId}${a.cve ? ` (${a.cve})` : ''}`,
    `Product: ${product}, versions ${versions}`,
    `Actively exploited: yes; the manufacturer became aware on ${facts.awareAt ?? fill('when')}`,
  ];
  if (which === 'early_warning')
    return [
      'EARLY WARNING of an actively exploited vulnerability (CRA Art. 14(2)(a))',
      ...head,
      `Member States where the product is made available: ${fill('where')}`,
      `Nature of the vulnerability (in brief): ${nature}`,
    ];
  if (which === 'notification')
    return [
      'VULNERABILITY NOTIFICATION (CRA Art. 14(2)(b))',
      ...head,
      `Nature of the exploit and of the vulnerability: ${nature}${a.cwe.length ? ` (${a.cwe.join(', ')})` : ''}`,
      `Corrective or mitigating measures taken: ${a.fixed ? `fixed in version ${a.fixed}` : fill('measures taken so far')}`,
      `Measures users can take: ${a.fixed ? `update to ${a.fixed} or later` : fill('workarounds')}`,
      `Severity: ${severity}`,
      `How sensitive the information notified is: ${fill('e.g. share with CSIRTs only until the fix is out')}`,
    ];
  return [
    'FINAL REPORT (CRA Art. 14(2)(c))',
    ...head,
    `Description of the vulnerability, its severity and impact: ${a.description ? a.description.replace(/\s+/g, ' ') : fill('the description (cases set --description-file)')}`,
    `Severity: ${severity}`,
    `Information on the malicious actor that exploited it, where available: ${fill('what is known')}`,
    `Security update or other corrective measures made available: ${a.fixed ? `version ${a.fixed}${a.dates.fixed ? `, released ${a.dates.fixed}` : ''}` : fill('the fix')}`,
    ...(a.references.length ? [`References: ${a.references.join(' ')}`] : []),
  ];
}
