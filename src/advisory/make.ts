/**
 * Makes an advisory document in one format and validates it with the official tool
 * before anyone can write it; and checks a document from a file, whatever its format.
 * A case that lacks a required field fails with the fields to set (missing.ts); a
 * document that fails validation (a builder bug, or a value the schema refuses) fails
 * with the validator's errors. Either way no document comes back.
 */
import { SectriageError } from '../errors.js';
import { buildCsaf } from './csaf.js';
import { buildCveRecord } from './cve-record.js';
import { assertComplete } from './missing.js';
import { buildOsv } from './osv.js';
import type { AdvisoryFormat, AdvisoryInput } from './types.js';
import { validateCnaContainer, validateCveRecord } from './validate-cve.js';
import { validateOsv } from './validate-osv.js';
import type { Validation } from './validate-result.js';

export function buildAdvisory(format: AdvisoryFormat, a: AdvisoryInput): Record<string, unknown> {
  assertComplete(format, a);
  return format === 'csaf' ? buildCsaf(a) : format === 'osv' ? buildOsv(a) : buildCveRecord(a);
}

export async function validateAdvisory(format: AdvisoryFormat, doc: unknown): Promise<Validation> {
  // The CSAF tests take ~2 s to load (they compile their schemas): only when a CSAF document is checked.
  if (format === 'csaf') return (await import('./validate-csaf.js')).validateCsaf(doc);
  if (format === 'osv') return validateOsv(doc);
  const body = doc as { cnaContainer?: unknown; dataType?: unknown } | null;
  return body && typeof body === 'object' && 'cnaContainer' in body && !('dataType' in body) ? validateCnaContainer(body.cnaContainer) : validateCveRecord(doc);
}

/** The document, validated; throws ADVISORY_INCOMPLETE or ADVISORY_INVALID. */
export async function makeAdvisory(format: AdvisoryFormat, a: AdvisoryInput): Promise<Record<string, unknown>> {
  const doc = buildAdvisory(format, a);
  const v = await validateAdvisory(format, doc);
  if (!v.valid)
    throw new SectriageError(
      'ADVISORY_INVALID',
      `the ${format.toUpperCase()} document for ${a.trackingId} does not validate; nothing written:\n  ${v.errors.join('\n  ')}`,
    );
  return doc;
}

/** Which format a document is in, from its shape. */
export function detectFormat(doc: unknown): AdvisoryFormat | undefined {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  const d = doc as Record<string, unknown>;
  if (d.document && typeof d.document === 'object') return 'csaf';
  if (d.dataType === 'CVE_RECORD' || 'cnaContainer' in d) return 'cve';
  if ('id' in d && 'modified' in d) return 'osv';
  return undefined;
}
