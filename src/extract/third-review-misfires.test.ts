// What an independent review of the 2026-12-07 scratch-set rules found (captured requests, item marks, a PoC section
// of words, payload signs, the fix a range gives, steps told in one sentence, names found in prose): each case
// misread before its mend.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { essentialRequest } from './http-request.js';

describe('a captured request, as a triager copies it', () => {
  it('keeps Content-Length beside Transfer-Encoding: the two disagreeing is the smuggling PoC', () => {
    const r = essentialRequest('POST / HTTP/1.1\nHost: v.example.com\nContent-Length: 13\nTransfer-Encoding: chunked\n\n0\n\nSMUGGLED');
    expect(r).toContain('Content-Length: 13');
    expect(r).toContain('Transfer-Encoding: chunked');
  });

  it("keeps a boilerplate header that carries the payload: Shellshock's function, a ReDoS run of commas", () => {
    expect(essentialRequest('GET /cgi-bin/status HTTP/1.1\nHost: h\nUser-Agent: () { :; }; echo; /bin/cat /etc/passwd')).toContain('User-Agent: () {');
    expect(essentialRequest(`GET / HTTP/1.1\nHost: h\nIf-None-Match: ${','.repeat(60)}x`)).toContain('If-None-Match: ,,,,');
  });

  it('keeps a body pasted without its blank line, and drops only a wrapped User-Agent', () => {
    const r = essentialRequest("POST /login.php HTTP/1.1\nHost: t\nContent-Length: 38\nusername=admin'+OR+'1'%3d'1&password=x");
    expect(r).toContain("username=admin'+OR+'1'%3d'1&password=x");
  });

  it('reads the headers of a capture pasted with a blank line after its request line, and one after a lead-in', () => {
    expect(essentialRequest('GET /api/v1/user/7 HTTP/1.1\n\nHost: localhost:8000\nUser-Agent: Mozilla/5.0\nAccept: application/json')).toBe(
      'GET /api/v1/user/7 HTTP/1.1\nHost: localhost:8000',
    );
    expect(essentialRequest('Make a request on this endpoint:\nPOST /signup HTTP/2\nHost: www.example.com\nAccept: */*\n\ncode=')).toBe(
      'Make a request on this endpoint:\nPOST /signup HTTP/2\nHost: www.example.com\n\ncode=',
    );
  });
});

describe('items marked with letters or hyphens', () => {
  it('keeps lettered sub-steps inside a numbered list', () => {
    const text =
      'I found a stored XSS.\n\n1. Log in as a normal user and open the wiki.\na. Click "New page".\nb. Enter any title.\n2. Paste the payload and save.\n3. Open the page as an administrator.\n';
    expect(extractedFields(text, 'Stored XSS in wiki pages').steps).toMatch(/^1\. Log in[\s\S]*3\. Open the page as an administrator\.$/);
  });

  it('reads no steps from a timeline of "14-Feb-2024 Vendor contacted" lines', () => {
    const text =
      'There is an SQL injection in /search.php.\n\nDisclosure timeline:\n14-Feb-2024 Vendor contacted\n15-Feb-2024 Vendor acknowledged the report\n16-Feb-2024 Patch released\n';
    expect(extractedFields(text, 'SQL injection in Acme Shop search').steps).toBeUndefined();
  });
});

describe('a PoC section of words', () => {
  const words = 'Log in as a normal employee, submit an expense report, then press Approve. It is approved without a manager.';
  it('keeps its words over a set-up block under another heading, or a configuration under Workarounds', () => {
    const env = `### PoC\n${words}\n\n### Environment\n\`\`\`\nOS: Ubuntu 22.04\nNode: 18.19.0\n\`\`\`\n`;
    expect(extractedFields(env, 'Users can approve their own expense reports').poc).toBe(words);
    const workaround = `### PoC\n${words}\n\n### Impact\nFraud.\n\n### Workarounds\nDisable it:\n\n\`\`\`yaml\napprovals:\n  self_service: false\n\`\`\`\n`;
    expect(extractedFields(workaround, 'Users can approve their own expense reports').poc).toBe(words);
  });

  it('takes no first item of a list under "PoC:" for the PoC', () => {
    const text =
      'Summary: Any editor can publish pages without review.\n\nPoC:\n1. Log in as an editor.\n2. Open a draft page and press Publish.\n3. The page goes live.\n';
    const f = extractedFields(text, 'Editors can bypass page review');
    expect(f.poc).toBeUndefined();
    expect(f.steps).toMatch(/^1\. Log in as an editor\./);
  });

  it('keeps a list with a CSV formula as the PoC', () => {
    const text = "### PoC\n1. Create a contact whose first name is =cmd|' /C calc'!A0\n2. Export the contacts list as CSV.\n";
    expect(extractedFields(text, 'CSV injection in contacts export').poc).toContain("=cmd|' /C calc'!A0");
  });
});

describe('payload signs in a page of its own', () => {
  it("reads no payload in the product's own dialog or handler", () => {
    const dialog = "The button is protected only by a client-side `confirm('Delete your account?')` dialog; the POST carries no CSRF token.";
    expect(extractedFields(dialog, 'CSRF on account deletion in Acme Portal').poc).toBeUndefined();
    const handler = 'The control is rendered as `<button class="btn-danger" onclick="deleteUser(42)">` and sends a GET without a token.';
    expect(extractedFields(handler, 'CSRF on user deletion').poc).toBeUndefined();
  });
});

describe('the fix, the steps and the product read in prose', () => {
  it('gives no fix from "< 1.4.0" when the advisory says none is patched', () => {
    expect(extractedFields('### Affected versions\n< 1.4.0\n\n### Patched versions\nNone\n', 'Prototype pollution').fixedVersion).toBeUndefined();
    expect(extractedFields('Affected versions: < 1.4.0\nPatched versions: no patch available\n', 'Prototype pollution').fixedVersion).toBeUndefined();
  });

  it("reads no steps from a workaround or a form's footer told as 'By …ing'", () => {
    const workaround =
      'libfoo 2.1 dereferences a NULL pointer.\n\nBy setting FOO_STRICT_HEADERS=1 in the environment, the vulnerable code path is skipped until a fix is released.';
    expect(extractedFields(workaround, 'NULL pointer dereference in libfoo').steps).toBeUndefined();
    const footer =
      'The session cookie is set without the Secure flag.\n\n--\nBy submitting this form, you agree to the Acme Disclosure Policy and Terms of Service.';
    expect(extractedFields(footer, 'Session cookie without Secure flag').steps).toBeUndefined();
  });

  it('names no product from where a secret was found, or from a format or office program a Subject opens with', () => {
    expect(extractedFields('While searching public code I found a hardcoded AWS access key in GitHub.', 'Leaked AWS credentials').component).toBeUndefined();
    expect(
      extractedFields('The contacts export of Acme CRM writes values unchanged; Excel runs them.', 'Excel executes formulas in exported contacts CSV')
        .component,
    ).toBe('Acme CRM');
    expect(
      extractedFields('Comments are rendered to HTML with raw script tags kept.', 'Markdown renders raw HTML in issue comments').component,
    ).toBeUndefined();
  });

  it('types "Anyone with … can … via IDOR" by the class it names', () => {
    expect(extractedFields('See below.', 'Anyone with an account can delete any post via IDOR in /api/posts').vulnType).toBe(
      'insecure direct object reference',
    );
  });

  it('runs a section past its colon only into code, not into an unrelated paragraph', () => {
    const text =
      'Impact:\nAn attacker can read the private notes of any other user.\nSome background on how I found it:\n\nI was testing the mobile app with a proxy.\n';
    expect(extractedFields(text, 'IDOR on private notes').impact).not.toContain('mobile app');
  });
});
