// Steps told in one sentence of what is done and what follows, where a report has no list and no imperative:
// "By executing an HTTP POST request to …, the API key is reset", "If an attacker sets the p2c parameter …".
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe('an attack told as one sentence', () => {
  it('reads "By <doing> …, <what follows>" as the steps', () => {
    const text = 'Any logged-in user can reset it.\n\nBy executing an HTTP POST request to `/en/main/reset_api_key`, the API key of the grader is reset.';
    expect(extractedFields(text, 'Privilege escalation').steps).toBe(
      'By executing an HTTP POST request to `/en/main/reset_api_key`, the API key of the grader is reset.',
    );
  });

  it('reads "If an attacker sets …" as the steps', () => {
    const text = 'The decoder trusts the count.\n\nIf an attacker sets the p2c parameter in JWE to a very large number, it can cause a lot of computation.';
    expect(extractedFields(text, 'DoS').steps).toMatch(/^If an attacker sets the p2c parameter/);
  });

  it('reads no steps from a state ("If the attacker is logged in", "By default, …") or an aside in brackets', () => {
    expect(extractedFields('If the attacker is logged in, the page shows every invoice.', 'IDOR').steps).toBeUndefined();
    expect(extractedFields('By default, the server listens on all interfaces.', 'Exposure').steps).toBeUndefined();
    expect(extractedFields('The export runs formulas (if a user enters a malicious payload to the website).', 'CSV injection').steps).toBeUndefined();
  });
});
