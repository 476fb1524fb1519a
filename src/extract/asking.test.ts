import { describe, expect, it } from 'vitest';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';

describe('asking the reporter for missing fields', () => {
  it('does not ask for versions when the report names one the extractor could not place', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'impact']).required;
    expect(missing.map((m) => m.entry)).toEqual(['affectedVersions']);
    expect(fieldsToAsk(missing, 'Seen on our build 2024-11 of the app, version unknown to me.')).toEqual([]);
  });

  it('asks only when no sentence speaks to the field', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps']).required;
    expect(fieldsToAsk(missing, 'A problem in the search form: type <svg onload=alert(1)> and press enter.').map((m) => m.entry)).toEqual([
      'affectedVersions',
      'impact',
    ]);
  });

  it('does not ask for the impact of a class of flaw whose gain goes without saying, nor the version of a report that names the commit it tested', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps']).required;
    expect(fieldsToAsk(missing, "Compro IP Camera - 'killps.cgi' Denial-of-Service (DoS)\nGET /cgi-bin/killps.cgi").map((m) => m.entry)).toEqual([
      'affectedVersions',
    ]);
    expect(fieldsToAsk(missing, 'A heap overflow crashes the parser. Tested on commit 765fbb8.').map((m) => m.entry)).toEqual([]);
  });

  it('does not ask for the impact of a report that says what an attacker gains', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    expect(fieldsToAsk(missing, 'An attacker can read any invoice.')).toEqual([]);
  });
});
