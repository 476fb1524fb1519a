// How disclosed HackerOne reports and oss-security posts read, found on a second scratch set of 40 of them never
// labelled nor added to the corpus (2026-12-07): advice under a remediation's sub-heading, a configuration that is the
// impact again, a Subject's "[product]" tag, a plugin named after its kind, an asset label's extra words, IP ranges,
// a class for a product, redaction marks for a PoC or a place.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';

describe('advice and conditions', () => {
  it('reads no steps from advice under a sub-heading of "Suggested Remediation"', () => {
    const text = [
      '## Summary',
      'Keys are not validated.',
      '',
      '## Suggested Remediation',
      '',
      '### Option A: Validate Key Format on the Blob Model',
      '',
      'Add a validation that rejects keys containing path traversal characters:',
    ].join('\n');
    expect(extractedFields(text, 'ActiveStorage path traversal').steps).toBeUndefined();
  });

  it('reads no configuration from the sentence read as the impact', () => {
    const text = 'The flaw is in _XkbSetCompatMap.\n\nThis may lead to local privilege escalation if the server is run as root.';
    const f = extractedFields(text, 'X.Org X server heap overflow');
    expect(f.impact).toMatch(/^This may lead to local privilege escalation/);
    expect(f.configuration).toBeUndefined();
  });
});

describe('names a Subject or a label gives', () => {
  it("names the product a Subject's tag gives in a package's form, when the text names it too", () => {
    const text = 'This issue is related to https://github.com/hyperledger/indy-node. POOL_UPGRADE runs a shell command.';
    expect(extractedFields(text, '[indy_node]POOL_UPGRADE command injection, Trustee Node can execute command').component).toBe('indy_node');
    expect(extractedFields('The search page reflects input.', '[xss] - XSS via filename').component).toBeUndefined();
    expect(extractedFields('The Acme portal reflects input.', '[SECURITY] XSS in the Acme portal').component).not.toBe('SECURITY');
  });

  it('names the plugin, not the platform, of "in wordpress plugin double-opt-in-for-download v2.0.8"', () => {
    expect(extractedFields('The plugin does not escape the id.', 'SQL injection in wordpress plugin double-opt-in-for-download v2.0.8').component).toBe(
      'double-opt-in-for-download',
    );
  });

  it("names the package of an asset label without its registry, its source's link or code marks", () => {
    const text = '**Asset:** `aws-cdk-lib` (npm package), source: https://github.com/aws/aws-cdk\n**Severity:** High\n';
    expect(extractedFields(text, 'OS Command Injection in NodejsFunction').component).toBe('aws-cdk-lib');
  });

  it('names no product "Business Logic Error" from a Subject that opens with the class', () => {
    expect(
      extractedFields('Omitting the code parameter completes the signup.', 'Business Logic Error – Bypass of OTP Verification on hover.com').component,
    ).not.toBe('Business Logic Error');
  });
});

describe('what is no version, PoC or place', () => {
  it('reads no versions from address ranges ("127.x.x.x, 192.168.x.x")', () => {
    const text = '### Affected versions\n127.x.x.x, 192.168.x.x, 10.x.x.x, 169.254.x.x\n';
    expect(extractedFields(text, 'SSRF via Game Export API').affectedVersions).toBeUndefined();
    expect(extractedFields('### Affected versions\n2.x and 3.1.x\n', 'XSS in Acme').affectedVersions).toBe('2.x, 3.1.x');
  });

  it('takes no PoC or place that is only redaction marks', () => {
    const text = '### PoC\n████████\n\n**Affected endpoint**\n\n██████████ HTTP██████2\nHost: ████████████\nTe: trailers\n';
    const f = extractedFields(text, 'IDOR: modify other users details');
    expect(f.poc).toBeUndefined();
    expect(f.locations).toBeUndefined();
  });
});

describe("a list post's acknowledgement and a hard-wrapped name", () => {
  it('credits the one thanked for the report in "We would like to thank @edef with the help of … for reporting"', () => {
    const text = '## Acknowledgement\n\n- We would like to thank @edef with the help of Sander (@sandydoo) for\nreporting the issues.\n';
    expect(extractedFields(text, 'Local privilege escalation in Lix and Nix').credit).toEqual({ kind: 'handle', name: '@edef' });
  });

  it('reads a name a line break cut ("the Nix\\ndaemon") as one name, said once', () => {
    const text = 'To exploit this issue, a local attacker needs access to talk to the Nix\ndaemon. All systems that allow it are affected.';
    expect(extractedFields(text, 'Local privilege escalation').component).toBe('Nix daemon');
  });
});
