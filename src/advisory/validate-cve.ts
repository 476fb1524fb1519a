/**
 * CVE JSON 5.1 validation against the official bundled schema (draft-07, vendored in
 * schemas/), with ajv's default class: `unicodeRegExp: false`, since the schema's CPE
 * pattern escapes `"` (invalid under the u flag). A bare CNA container, or a publish
 * request body `{cnaContainer}`, is checked the way CVE Services checks it: inside a
 * record with the metadata the service adds (cve.controller.js submitCna).
 */
import AjvModule from 'ajv';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import schema from './schemas/CVE_JSON_5.1_bundled.json' with { type: 'json' };
import { ajvErrors, result, type Validation } from './validate-result.js';

let validator: ValidateFunction | undefined;

function compiled(): ValidateFunction {
  if (!validator) {
    const ajv = new AjvModule.default({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats.default(ajv);
    validator = ajv.compile(schema);
  }
  return validator;
}

export function validateCveRecord(doc: unknown): Validation {
  const v = compiled();
  if (v(doc)) return result([]);
  // The schema is a oneOf (published | rejected): report against the kind the record says it is.
  const state = (doc as { cveMetadata?: { state?: unknown } } | null)?.cveMetadata?.state;
  const other = state === 'PUBLISHED' ? /oneOf\/1\/|Rejected/ : state === 'REJECTED' ? /oneOf\/0\/|Published/ : null;
  const all = v.errors ?? [];
  const kept = other ? all.filter((e) => !other.test(e.schemaPath) && e.keyword !== 'oneOf') : all;
  return result(ajvErrors(kept.length ? kept : all));
}

/** A CNA container as CVE Services wraps it before validating (placeholder ids of the right form). */
export function validateCnaContainer(cnaContainer: unknown, cveId = 'CVE-1999-0001'): Validation {
  const orgId = '00000000-0000-4000-8000-000000000000';
  const at = '2000-01-01T00:00:00.000Z';
  const cna =
    cnaContainer && typeof cnaContainer === 'object'
      ? { ...(cnaContainer as object), providerMetadata: { orgId, shortName: 'placeholder', dateUpdated: at } }
      : cnaContainer;
  const r = validateCveRecord({
    dataType: 'CVE_RECORD',
    dataVersion: '5.1',
    cveMetadata: { cveId, assignerOrgId: orgId, assignerShortName: 'placeholder', state: 'PUBLISHED', dateReserved: at, datePublished: at, dateUpdated: at },
    containers: { cna },
  });
  return { valid: r.valid, errors: r.errors.map((e) => e.replace(/^\/containers\/cna/, '/cnaContainer')) };
}
