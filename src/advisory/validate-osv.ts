/**
 * OSV validation against the official schema (draft 2020-12, vendored in schemas/), with
 * ajv's 2020 build and its formats (date-time). The schema is compiled once per process.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import schema from './schemas/osv-schema.json' with { type: 'json' };
import { ajvErrors, result, type Validation } from './validate-result.js';

let validator: ValidateFunction | undefined;

export function validateOsv(doc: unknown): Validation {
  if (!validator) {
    const ajv = new Ajv2020.default({ allErrors: true, strict: false });
    addFormats.default(ajv);
    validator = ajv.compile(schema);
  }
  return validator(doc) ? result([]) : result(ajvErrors(validator.errors));
}
