/**
 * What a case still lacks for an advisory in a format, each with the command that sets
 * it: the builders run only on a complete input, and the error names every gap at once.
 */
import { SectriageError } from '../errors.js';
import { cweName } from './cwe-names.js';
import type { AdvisoryFormat, AdvisoryInput } from './types.js';

export interface Missing {
  field: string;
  fix: string;
}

export function missingFor(format: AdvisoryFormat, a: AdvisoryInput): Missing[] {
  const id = a.trackingId;
  const out: Missing[] = [];
  const need = (ok: unknown, field: string, fix: string) => {
    if (!ok || (Array.isArray(ok) && !ok.length)) out.push({ field, fix });
  };
  need(a.summary, 'summary', `sectriage cases set ${id} --summary "one line written by the team"`);
  need(a.description, 'description', `sectriage cases set ${id} --description-file FILE`);
  need(a.vendor, 'vendor', `sectriage cases set ${id} --vendor NAME (or advisory.vendor in the config)`);
  need(a.product, 'product', `sectriage cases set ${id} --product NAME (or advisory.product in the config)`);
  need(a.affected, 'affected', `sectriage cases set ${id} --affected ">=1.0.0 <1.2.3"`);
  if (format === 'csaf') need(a.publisher, 'publisher', 'advisory.publisher {name, namespace} in the config');
  if (format === 'cve') {
    need(a.cve, 'cve', `sectriage cve reserve ${id}, or sectriage cases set ${id} --cve CVE-YYYY-NNNN`);
    need(a.references, 'references', `sectriage cases set ${id} --reference https://... (a CVE record needs at least one)`);
    need(a.cna, 'cna', 'cve: {orgShortName, orgId, user, apiKeyFile} in the config (the record names its assigner)');
  }
  return out;
}

/** Throws ADVISORY_INCOMPLETE naming each missing field and how to set it. */
export function assertComplete(format: AdvisoryFormat, a: AdvisoryInput): void {
  const m = missingFor(format, a);
  if (!m.length) return;
  throw new SectriageError(
    'ADVISORY_INCOMPLETE',
    `${a.trackingId} cannot make its ${format.toUpperCase()} advisory yet; missing:\n${m.map((x) => `  ${x.field}: ${x.fix}`).join('\n')}`,
  );
}

/** What a format leaves out of the case, for the team to know (printed, never an error). */
export function notesFor(format: AdvisoryFormat, a: AdvisoryInput): string[] {
  const out: string[] = [];
  if (a.cvss?.version === '4.0' && format === 'csaf') out.push('CSAF 2.0 has no place for a CVSS 4.0 vector: the document carries no score');
  if (a.cvss?.version === '4.0' && format === 'cve')
    out.push('the CVE JSON 5.1 bundled schema refuses every cvssV4_0 metric (baseScore is required but not allowed): the record carries no score');
  if (a.cvss?.version === '3.0' && format === 'osv') out.push('OSV takes CVSS 3.1 or 4.0 vectors: the 3.0 vector is left out');
  if (format === 'osv' && !a.osv.ecosystem) out.push('no advisory.osvEcosystem in the config: affected[] names no package, only the vendor and product');
  const unknown = a.cwe.filter((id) => !cweName(id));
  if (unknown.length && format !== 'osv')
    out.push(`${unknown.join(', ')} not in the CWE list this version knows: named by id only${format === 'csaf' ? ' (CSAF: left out)' : ''}`);
  return out;
}
