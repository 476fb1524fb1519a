/**
 * CSAF 2.0 validation with @secvisogram/csaf-validator-lib: its strict CSAF 2.0 schema and
 * the specification's mandatory tests (section 6.1). Not the optional or informative
 * tests: some fetch URLs, one needs hunspell. The library's `validate` runs the tests it is
 * given: only the library's own functions, fixed here (its validateStrict checks that, at
 * the cost of loading the optional and informative tests too: ~6 s of a CLI start).
 */
import validate from '@secvisogram/csaf-validator-lib/validate.js';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import { result, type Validation } from './validate-result.js';

export async function validateCsaf(doc: unknown): Promise<Validation> {
  const r = await validate([csaf_2_0_strict, ...Object.values(mandatory)], doc);
  if (r.isValid) return result([]);
  const errors = r.tests
    .filter((t) => !t.isValid)
    .flatMap((t) => (t.errors.length ? t.errors : [{ instancePath: '/', message: 'failed' }]).map((e) => `${t.name} ${e.instancePath || '/'}: ${e.message}`));
  return result(errors);
}
