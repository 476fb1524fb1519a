// Misfires an independent review found in the second day's rules (the type vocabulary, the
// set-up list, the trigger sentence, the product of linked code, the place filters): each
// ordinary report here must keep the answer a triager would give.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';

const fields = extractedFields;
const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('the second day of narrow rules stays narrow', () => {
  it('types a report by its own class when its prose says what the flaw exposes or does not check', () => {
    const sqli = 'This bug exposes credentials stored in the database. The login form is vulnerable to SQL injection in the username field.';
    expect(fields(sqli, 'security@ report').vulnType).toBe('sql injection');
    const xss =
      'I found that the search page does not properly check permissions on the results and reflects the q parameter without encoding, which leads to reflected XSS.';
    expect(fields(xss, 'Vulnerability report').vulnType).toBe('cross-site scripting');
    expect(fields('The debug page is reachable.', 'github.com/acme/sdk may expose access_token in error message').vulnType).toBe('information disclosure');
  });

  it('types an algorithm confusion only of tokens or signatures, a symlink race not as a traversal, a command handler not as a command', () => {
    expect(
      fields("The parser's algorithm confusion between two hash tables causes a quadratic blowup and denial of service on large inputs.", 'Report').vulnType,
    ).toBe('denial of service');
    expect(
      fields('The installer writes /tmp/acme.log with a predictable name; a local user can plant a symlink attack pointing to /etc/shadow.', 'Report').vulnType,
    ).not.toBe('path traversal');
    expect(fields('Adding &amount=0 changes the amount.', 'HTTP parameter injection in the payment command handler').vulnType).not.toBe('command injection');
  });

  it('takes no set-up list from tool output, a package header, an affected-products list or a changelog', () => {
    expect(fields('$ stat /tmp/acme.log\n  Size: 12\tBlocks: 8\nDevice: 803h/2051d\tInode: 1234\tLinks: 1\n').configuration).toBeUndefined();
    expect(
      fields('POST /api/v2/orders HTTP/1.1\nHost: api.acme.com\nDevice: iPhone13,2\nAuthorization: Bearer eyJ\n\nChanging order_id returns other orders.')
        .configuration,
    ).toBeUndefined();
    expect(
      fields('Affected products:\n- AcmeVPN Client 4.2 for Windows\n- Operating system: all supported\n- AcmeVPN Client 4.1 for macOS\n').configuration,
    ).toBeUndefined();
    expect(fields('Release notes 3.2:\n- Browser: fixed zoom on Safari\n- OS: dropped Windows 7 support\n').configuration).toBeUndefined();
  });

  it("keeps a template's whole Desktop list, its Version item too", () => {
    const text =
      '**Desktop (please complete the following information):**\n - OS: macOS 14\n - Browser: Firefox\n - Version: 125\n\n**Additional context**\nNone';
    expect(fields(text, 'Stored XSS in note titles').configuration).toBe('- OS: macOS 14\n - Browser: Firefox\n - Version: 125');
  });

  it('keeps the instructions as the steps after "follow these steps:", a precondition or a passive "can be triggered by"', () => {
    const follow =
      'The page title is not escaped.\n\nTo reproduce this issue, follow these steps:\n\nLog in as a normal user.\nCreate a page titled <img src=x onerror=alert(1)>.\nOpen the page list as admin.';
    expect(fields(follow, 'Stored XSS in Acme Wiki').steps).toMatch(/^Log in as a normal user/);
    const needs =
      'To exploit this vulnerability, an attacker needs a low-privileged account.\n\nLog in as any user.\nSend GET /crm/search?q=1 and observe the delay.';
    expect(fields(needs, 'SQL injection in Acme CRM').steps).toMatch(/^Log in as any user/);
    const passive =
      'The server crash can be triggered by sending a header longer than 64 KB.\n\nStart the server with ./acme-server --port 8080.\nRun the script against it.';
    expect(fields(passive, 'Denial of service in acme-server').steps).toMatch(/^Start the server/);
    const accounts =
      'Hi team, I found an IDOR.\n\nIn order to reproduce the vulnerability please use two accounts.\n\nGo to https://shop.acme.com/orders/1001 with account A.\nChange the id to 1002.';
    expect(fields(accounts, 'IDOR on orders').steps).toMatch(/^Go to https:\/\/shop\.acme\.com\/orders\/1001/);
  });

  it("names the Subject's product before a library the report links into, and no reference or generic repository", () => {
    const lodash =
      'acme-config merges user JSON with lodash\'s merge, see https://github.com/lodash/lodash/blob/main/merge.js. Sending {"__proto__":{}} pollutes it.';
    expect(fields(lodash, 'Prototype pollution in acme-config').component).toBe('acme-config');
    expect(
      fields(
        'The login handler in https://github.com/acme/server/blob/main/src/auth.js#L42 compares tokens with ==. Any server is affected.',
        'Authentication bypass',
      ).component,
    ).not.toBe('server');
    const list = 'I used https://github.com/danielmiessler/SecLists/blob/master/Fuzzing/SQLi/Generic-SQLi.txt (SecLists) against /login.';
    expect(fields(list, 'SQL injection in login').component).not.toBe('SecLists');
  });

  it("keeps a header beside the reporter's harness, a place beside its diff's a/ and b/ copies, and a tested site's /support page", () => {
    expect(places('The overflow is in stb_image.h in stbi__load_gif_main. Compile this main.c with -fsanitize=address.')).toContain('stb_image.h');
    expect(places('The macro in lib/bytes.h reads past the end; lib/decoder.c uses it.')).toEqual(['lib/bytes.h', 'lib/decoder.c']);
    expect(places('The bug is in lib/send.js:\n--- a/lib/send.js\n+++ b/lib/send.js\n')).toContain('lib/send.js');
    expect(places('The contact form at https://shop.acmecorp.com/support reflects the name field.')).toEqual(['https://shop.acmecorp.com/support']);
  });
});
