// Ordinary reports that the narrow rules of the real-report batches must not misread: each
// case is a misfire an independent review found in a first version of one of those rules.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { findLocations } from './locations.js';
import type { FieldName } from './types.js';

const fields = extractedFields;
const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('narrow rules stay narrow', () => {
  it('types "arbitrary file read" as a traversal only when the report names no class of its own', () => {
    expect(fields('The parser resolves external entities.', 'Arbitrary file read via XXE in Acme').vulnType).toBe('xml external entity');
    expect(fields('The fetcher follows any URL.', 'Arbitrary file read via SSRF in Acme').vulnType).toBe('server-side request forgery');
  });

  it('takes a Windows source path whole, with a drive or a dotted folder', () => {
    for (const p of ['core\\Acme.Manager\\Controllers\\AuthController.cs', 'C:\\inetpub\\wwwroot\\App_Code\\Upload.cs']) {
      expect(places(`The check is missing in ${p} for every request.`)).toEqual([p]);
    }
  });

  it("keeps a repository's docs folder and an app's /api/docs/ page as places", () => {
    expect(places('See https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/docs/conf.py#L10 for the flaw.')).toEqual(['docs/conf.py']);
    expect(places('Open https://app.acme.com/api/docs/?url=javascript:alert(1) to run it.')).toEqual([
      expect.stringMatching(/^https:\/\/app\.acme\.com\/api\/docs\//),
    ]);
  });

  it("takes no severity or greeting before a Subject's colon for the product", () => {
    const text = 'There is an SQL injection in the login form of your Acme Portal.';
    for (const s of ['Critical: SQL injection', 'Hello: SQL injection', 'Bounty: SQL injection'])
      expect(fields(text, s).component).not.toMatch(/^(?:Critical|Hello|Bounty)$/);
  });

  it('reads an instruction that requests a path, and a PoC beside an offer, as given', () => {
    expect(fields('Log in as user A.\nRequest /api/v1/orders/2 for the details of user B.\n').steps).toMatch(/Request \/api\/v1\/orders\/2/);
    expect(fields('### PoC\nEmail me for the PoC, or run: curl -X POST http://t/api -d "id=1 OR 1=1"\n').poc).toMatch(/curl -X POST/);
  });

  it('keeps an impact sentence that reads "more" bytes, or whose writer says "you can see that" an attacker can act', () => {
    expect(fields('The parser will read more bytes than were allocated, which leads to a heap buffer overflow.').impact).toMatch(/heap buffer overflow/);
    expect(fields('As you can see that the attacker can read every user password hash.').impact).toMatch(/attacker can read/);
  });

  it('keeps an SSRF target named in a sentence as a place, not as a script setting', () => {
    expect(places('The endpoint /api/fetch takes url=http://127.0.0.1:6379 and connects to it.')).toContain('http://127.0.0.1:6379');
  });

  it('keeps a product whose name begins with "All-"', () => {
    expect(fields('The All-in-One WP Migration plugin lets any visitor download backups.').component).toBe('All-in-One WP Migration plugin');
  });

  it('reads no configuration from running the PoC, no steps from "triggered by anything", no step from a caption', () => {
    expect(fields('When running the PoC below, the server process dies with SIGSEGV.').configuration).toBeUndefined();
    expect(fields('It can be triggered by anything that calls foo_parse() with a long name.').steps).toBeUndefined();
    expect(fields('Request sent by browser:\n\n```\nGET /a HTTP/1.1\n```\n').steps).toBeUndefined();
  });

  it("spells a linked repository's name as prose does only when the prose capitalises it as a name", () => {
    const link = 'Seen at https://github.com/acme/file-upload/issues/1.';
    expect(fields(`${link}\nAn unrestricted file upload lets anyone run code.`).component).toBe('file-upload');
  });

  it('keeps a web route under /bin/ as a place, but not a shell', () => {
    expect(places('The servlet at /bin/querybuilder.json lists every page; the PoC runs under /bin/bash.')).toEqual(['/bin/querybuilder.json']);
  });
});

// The second review (2026-12-06, afternoon): misfires of the component convention, the steps
// and branch rules and the asking signs of that day, each pinned as found.
describe('the component, steps, branch and asking rules of the second review stay narrow', () => {
  const asked = (text: string, have: FieldName[]) => fieldsToAsk(missingFields(undefined, have).required, text).map((m) => m.entry);

  it('keeps the product named before a part: "The phpMyAdmin interface", "The Grafana decoder", a Subject\'s "PHP 8.3.1"', () => {
    expect(fields('The phpMyAdmin interface is vulnerable to CSRF on the settings form.').component).toBe('phpMyAdmin');
    expect(fields('The Grafana decoder crashes on a crafted PNG.').component).toBe('Grafana');
    expect(fields('Calling unserialize() on a crafted string frees the object twice.', 'Use-after-free in PHP 8.3.1').component).toBe('PHP');
    expect(fields('The keymaster 1.2 CLI prints the vault password.').component).toMatch(/^keymaster/);
    // A page's own title or a protocol's acronym before a part is still no product.
    expect(fields('Stored XSS in the About page: the bio is not escaped.').component).toBeUndefined();
  });

  it('takes a browser for the component when it is the product, not when it is where the report was tested', () => {
    expect(fields('A use-after-free in Chromium 120.0.6099 lets a web page run code in the renderer.', 'Security bug').component).toBe('Chromium');
    expect(fields('## Browsers Verified In:\n\nChrome Version 95.0.4638.69\n\nA regular user reads any profile.').component).toBeUndefined();
  });

  it("asks no steps of a URL with an underscore, no component of a bold package name, no type of reading other users' data", () => {
    expect(
      asked('The search reflects input unescaped: https://shop.acme.com/search_results?q=<b>hi</b>', ['vulnType', 'component', 'impact', 'affectedVersions']),
    ).toEqual([]);
    expect(asked('The **my_pkg** has a bug in version 1.2 that crashes the parser.', ['vulnType', 'steps', 'impact', 'affectedVersions'])).toEqual([]);
    expect(asked("Users can read other users' messages by changing the id.", ['component', 'steps', 'impact', 'affectedVersions'])).toEqual([]);
  });

  it('reads steps led by "Steps to verify the fix does not work", under a bold PoC heading below a Mitigation, and items that are URLs to visit', () => {
    expect(fields('Steps to verify the fix does not work:\n1. Log in as a user.\n2. Open /admin/users.\n').steps).toMatch(/^1\. Log in/);
    expect(fields('## Mitigation\nUpgrade to 2.1.\n\n**PoC**\n1. Log in as a user.\n2. Open /admin/users.\n').steps).toMatch(/^1\. Log in/);
    expect(fields('1) https://target/login then log in as any user\n2) https://target/search?q=<script>alert(1)</script>\n').steps).toMatch(
      /^1\) https:\/\/target\/login/,
    );
  });

  it('finds a branch named after a workflow\'s, and takes none from "branches"', () => {
    expect(fields('```yaml\n  with:\n    branch: gh-pages\n```\nLater, I tested on branch: develop and it still fails.').branch).toBe('develop');
    expect(fields('Protected branches can be bypassed by a force push.').branch).toBeUndefined();
  });

  it('types a file deletion through a symlink as no traversal', () => {
    expect(
      fields('The cleanup step follows a symlink the user planted and removes its target.', 'Arbitrary file deletion via symlink in acme-cli').vulnType,
    ).not.toBe('path traversal');
  });
});
