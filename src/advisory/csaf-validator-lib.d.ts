// Types for the parts of @secvisogram/csaf-validator-lib (plain JavaScript with JSDoc) that sectriage uses.
declare module '@secvisogram/csaf-validator-lib/validate.js' {
  export interface TestResult {
    name: string;
    isValid: boolean;
    errors: Array<{ message: string; instancePath: string }>;
    warnings: Array<{ message: string; instancePath: string }>;
    infos: Array<{ message: string; instancePath: string }>;
  }
  export type DocumentTest = (doc: unknown) => unknown;
  export default function validate(tests: DocumentTest[], doc: unknown): Promise<{ isValid: boolean; tests: TestResult[] }>;
}
declare module '@secvisogram/csaf-validator-lib/mandatoryTests.js' {
  const tests: Record<string, import('@secvisogram/csaf-validator-lib/validate.js').DocumentTest>;
  export = tests;
}
declare module '@secvisogram/csaf-validator-lib/schemaTests.js' {
  export const csaf_2_0_strict: import('@secvisogram/csaf-validator-lib/validate.js').DocumentTest;
}
declare module '@secvisogram/csaf-validator-lib/cwe.js' {
  export const weaknesses: ReadonlyArray<{ id: string; name: string }>;
}
