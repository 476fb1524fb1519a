/**
 * CWE names, from the CWE list csaf-validator-lib carries (its mandatory test 6.1.11
 * checks a CSAF document's CWE name against the same list). CVE records and CSAF
 * documents name a CWE beside its id.
 */
import { weaknesses } from '@secvisogram/csaf-validator-lib/cwe.js';

let byId: Map<string, string> | undefined;

export function cweName(id: string): string | undefined {
  byId ??= new Map(weaknesses.map((w) => [w.id, w.name]));
  return byId.get(id);
}
