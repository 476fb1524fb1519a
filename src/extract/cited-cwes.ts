/**
 * The CWEs reporters cite for a class of flaw besides its own (vuln-types.ts gives each class one:
 * CWE-79 for cross-site scripting), each with the class it files under: CWE-80, basic XSS, is
 * cross-site scripting; CWE-121 and CWE-122, stack and heap overflows, are buffer overflows. Data.
 */
export const CITED_CWES: ReadonlyArray<readonly [cwe: string, vulnType: string]> = [
  ['CWE-80', 'cross-site scripting'],
  ['CWE-77', 'command injection'],
  ['CWE-121', 'buffer overflow'],
  ['CWE-122', 'buffer overflow'],
  ['CWE-787', 'buffer overflow'],
  ['CWE-125', 'out-of-bounds read'],
  ['CWE-119', 'buffer overflow'],
  ['CWE-23', 'path traversal'],
  ['CWE-98', 'path traversal'],
  ['CWE-306', 'authentication bypass'],
  ['CWE-288', 'authentication bypass'],
  ['CWE-285', 'missing authorization'],
  ['CWE-863', 'missing authorization'],
  ['CWE-284', 'missing authorization'],
  ['CWE-1333', 'denial of service'],
  ['CWE-770', 'denial of service'],
  ['CWE-400', 'denial of service'],
  ['CWE-732', 'missing authorization'],
  ['CWE-359', 'information disclosure'],
  ['CWE-532', 'information disclosure'],
  ['CWE-208', 'cryptographic weakness'],
  ['CWE-326', 'cryptographic weakness'],
  ['CWE-95', 'remote code execution'],
  // Storing or logging secrets where others read them.
  ['CWE-256', 'information disclosure'],
  ['CWE-312', 'information disclosure'],
  ['CWE-538', 'information disclosure'],
];
