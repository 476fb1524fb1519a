// Misfires two independent reviews (2026-12-06, second and third of the day) found in the rules
// read off batches 45-47 and in the first review's fixes: each pins the review's input with what
// a triager writes, against the rule as it first stood. Cited URLs, paths read as code, a pasted
// document, credits, the impact sign, titles, a list's footer, products, set-ups and classes.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { findLocations } from './locations.js';
import { productFromSubject } from './product.js';
import { publication, releasedLine } from './publication.js';

const fields = extractedFields;
const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('a URL cited is a reference, a URL shown is a place', () => {
  it('keeps a file the report says anyone can download or read, and a link into the code a sentence offers', () => {
    expect(
      places('The full database backup of your shop can be downloaded from https://shop.acme-store.com/backups/db_2024.sql without any authentication.'),
    ).toEqual(['https://shop.acme-store.com/backups/db_2024.sql']);
    expect(places('Your Jenkins script console is available at https://ci.acme-corp.com/script without authentication')).toEqual([
      'https://ci.acme-corp.com/script',
    ]);
    expect(places('The vulnerable code can be found here: https://github.com/acme/webkit/blob/main/src/server/static.js#L42')).toEqual([
      'src/server/static.js',
    ]);
    // The product offered for download stays a reference.
    expect(places('The application can be downloaded from URL\nhttp://www.movabletype.com/download/.')).toEqual([]);
  });

  it('keeps a Markdown link whose words name an endpoint, and its plain repeat', () => {
    expect(
      places('The [avatar upload endpoint](https://files.acme.io/api/avatar) does not validate the type.\n\nPOST https://files.acme.io/api/avatar'),
    ).toEqual(['https://files.acme.io/api/avatar']);
  });

  it('reads "[1] URL" as a footnote only when the prose cites [1]; a numbered list of PoC URLs stays', () => {
    expect(places('Exploits:\n[1] http://www.acme-demo.com/acmecms/news.php?id=-1+union+select+1,2,3--\n')).toEqual([
      'http://www.acme-demo.com/acmecms/news.php?id=-1+union+select+1,2,3--',
    ]);
  });

  it("keeps a link into the product's code that a References section repeats", () => {
    const text =
      '### Details\nThe bug is in https://github.com/acme/webkit/blob/main/src/server/static.js#L42 which joins paths.\n### References\n- https://github.com/acme/webkit/blob/main/src/server/static.js#L42\n';
    expect(places(text)).toEqual(['src/server/static.js']);
  });

  it('closes a roman-numbered References section at the next roman-numbered heading', () => {
    const text =
      'II. REFERENCES\n\nhttp://www.acmecms.org/news/security-2009.html\n\nIII. PROOF OF CONCEPT\n\nhttp://www.acme-demo.com/acmecms/news.php?id=1\n';
    expect(places(text)).toEqual(['http://www.acme-demo.com/acmecms/news.php?id=1']);
  });
});

describe('paths that only look like code', () => {
  it('keeps a quoted path in prose, in a list and in a PoC that posts to it', () => {
    expect(places('The upload handler does not check the extension. "/admin/upload.php" accepts any file.')).toEqual(['/admin/upload.php']);
    expect(places('1. "/admin/edit_user.php"')).toEqual(['/admin/edit_user.php']);
    expect(places('r = requests.post(target + "/wp-admin/admin-ajax.php", data={})')).toEqual(['/wp-admin/admin-ajax.php']);
    // The product's code that joins a token to a prefix builds a path; the prefix is none.
    expect(places("'http://' + req.headers.host + '/reset/' + token")).toEqual([]);
  });

  it('keeps a path in Markdown italics and one an example line names', () => {
    expect(places('Vulnerable endpoint: */api/v2/users/export*')).toEqual(['/api/v2/users/export']);
    expect(places('Example: ./admin/config.php is world readable')).toEqual(['./admin/config.php']);
  });
});

describe('a pasted document in a sentence', () => {
  it('blanks the document, not the prose around it', () => {
    const text =
      'Acme Portal 4.2.1 returns the contents of any file: GET /portal/view?page=../../../../etc/passwd returns\n<!DOCTYPE html><html><body>root:x:0:0:</body></html>\nAn attacker can read any file on the server.';
    const f = fields(text);
    expect(f.affectedVersions).toBe('4.2.1');
    expect(f.impact).toMatch(/read any file/);
  });
});

describe('credits', () => {
  it('keeps a hyphenated mailbox whole and files no role mailbox as a handle', () => {
    expect(fields('Credits: jean-pierre.dupont@orange.fr\n').credit).toEqual({ kind: 'handle', name: 'jean-pierre.dupont' });
    expect(fields('Credits: sp3ctr3-0day@gmail.com\n').credit).toEqual({ kind: 'handle', name: 'sp3ctr3-0day' });
    expect(fields('Credits: secalert@redhat.com\n').credit).not.toEqual({ kind: 'handle', name: 'secalert' });
  });

  it('takes no date, tool or class from "Found:", and the finder past an address or a firm', () => {
    expect(fields('AcmeCMS 2.1 SQL Injection\nFound: 15-Jan-2009\nAuthor: Jane Doe\n').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
    for (const v of ['XSS', 'internally', 'Fuzzing', 'v2.1', 'TBA']) expect(fields(`Found: ${v}\n`).credit, v).toBeUndefined();
    expect(fields('Discovered: SQL Injection\n').credit).toBeUndefined();
    expect(fields('Found: Jane Doe <jane@acme.org>\n').credit).toEqual({ kind: 'name', name: 'Jane Doe' });
  });
});

describe('the impact asked for and the title', () => {
  it('still asks for the impact of steps that only get a demo password', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    const text =
      '1. Get the username and password of the demo admin from the README and log in\n2. Open /admin/reports.php?sort=id\n3. The response is delayed by 5 seconds';
    expect(fieldsToAsk(missing, text).map((m) => m.entry)).toEqual(['impact']);
  });

  it('titles by a by-line that carries the finding, and by a Summary sentence that names the flaw', () => {
    expect(fields('Found by fuzzing: a heap buffer overflow in the GIF decoder of libacme 2.3.\n\nThe attached file crashes gifinfo.').title).toMatch(
      /heap buffer overflow/,
    );
    const summary = '### Summary\nThe image proxy at /api/fetch is an open SSRF into the internal network of the cluster.\n';
    expect(fields(summary, 'Bug bounty submission').title).toMatch(/open SSRF/);
  });
});

describe("a list's footer and an advisory sent to the vendor", () => {
  it('reads the Full-Disclosure footer only where it ends the post', () => {
    const pasted =
      'The fix for the old bug can be bypassed.\n\nThe old post:\nFull-Disclosure - We believe in it.\nCharter: http://lists.grok.org.uk/full-disclosure-charter.html\n\n' +
      'Bypass details follow.\n'.repeat(20);
    expect(fields(pasted).public).toBeUndefined();
  });

  it('takes no release from an advisory released to the vendor', () => {
    expect(releasedLine('2024-03-01: advisory ACME-2024-001 released to the vendor under embargo')).toBeUndefined();
    expect(publication('2024-03-01: advisory ACME-2024-001 released to the vendor under embargo')?.public).not.toBe(true);
  });
});

describe('the third review of the day', () => {
  it('keeps a quoted path a sentence ends on, and the endpoint a PoC joins an id to', () => {
    expect(places("Any logged-in user can upload a .php file through the script '/admin/upload.php'.")).toContain('/admin/upload.php');
    expect(places('the stored XSS is in the page "/profile/edit".')).toEqual(['/profile/edit']);
    expect(places("fetch('/api/admin/users/' + victimId, { method: 'DELETE' })")).toEqual(['/api/admin/users/']);
  });

  it('files a product whose name opens with All, OR or Prior, and cuts "(all versions are affected)"', () => {
    expect(fields('Product: All-in-One WP Migration\n').component).toBe('All-in-One WP Migration');
    expect(fields('Software: Prior Authorization Portal\n').component).toBe('Prior Authorization Portal');
    expect(fields('Product: Acme CMS (all versions are affected)\n').component).toBe('Acme CMS');
  });

  it("keeps the Subject over a security product's blurb that names a class, and titles by a by-line only when it names the flaw", () => {
    expect(
      fields('### Summary\nDOMPurify is a DOM-only XSS sanitizer for HTML, MathML and SVG.\n', 'DOMPurify sanitizer bypass via nested template').title,
    ).toBe('DOMPurify sanitizer bypass via nested template');
    expect(
      fields('Discovered by Jane Doe (jane@acme-sec.org)\n\nA stored XSS in Acme CMS 2.1 allows any user to run script in the admin panel.').title,
    ).toMatch(/stored XSS/);
    expect(fields('Reported by the Acme Vulnerability Research Team.\n').title).toBeUndefined();
  });

  it('credits handles that start with a digit or hold a class under "Found:"', () => {
    for (const h of ['0xd3adb33f', '4ndr3w', 'xss-hunter']) expect(fields(`Found: ${h}\n`).credit, h).toEqual({ kind: 'handle', name: h });
  });

  it('does not ask for the impact of a reporter who says what the injection gives up', () => {
    const missing = missingFields(undefined, ['vulnType', 'component', 'steps', 'affectedVersions']).required;
    for (const t of [
      'With this SQL injection you can get the admin username and password hash.',
      'Anyone can dump the usernames and passwords of all members through news.php?id=1',
      'Get admin username and password:\nhttp://site/index.php?id=-1+union+select+1,2',
    ])
      expect(fieldsToAsk(missing, t), t).toEqual([]);
  });

  it('takes the default configuration a flaw holds in, and no "None, but …"', () => {
    expect(fields('The flaw is exploitable in the default configuration of Acme Server 3.0.\n').configuration).toMatch(/default configuration/);
    expect(fields('Configuration:\nNone, but PHP must have allow_url_include=On.\n').configuration).toMatch(/allow_url_include/);
  });

  it('cites a link to a document whose words name a page, and reads "[1]" in code as no citation', () => {
    expect(
      places(
        'Please see your [bug bounty page](https://www.acme.com/security/bug-bounty) and [API documentation](https://developer.acme.com/reference/users).',
      ),
    ).toEqual([]);
    const text = "Vulnerable URLs:\n[1] http://www.acme-shop.com/product.php?id=1'\n\nurl = sys.argv[1]\n";
    expect(places(text)).toContain('http://www.acme-shop.com/product.php?id=1');
  });

  it('keeps a URL the sentence says anyone can fetch, whatever it offers', () => {
    expect(places('The source code of the shop is available at https://shop.acme.com/.git/ without authentication.')).toEqual(['https://shop.acme.com/.git/']);
  });

  it('names a class glued to a URL in Chinese prose, and one a class page the report cites names, but none a blanked link makes up', () => {
    expect(fields('漏洞地址：http://localhost/cms/admin/index.php?m=content&c=search存在反射型xss漏洞').vulnType).toBe('cross-site scripting');
    expect(fields('There is no anti-forgery token.\nReference: https://owasp.org/www-community/attacks/csrf').vulnType).toBe('cross-site request forgery');
    expect(fields('Backend database: SQL https://www.microsoft.com/sql-server\nI noticed the backups are public.').vulnType).not.toBe('sql injection');
  });

  it("takes a Go module's name, not its host or owner", () => {
    expect(productFromSubject('Path traversal in github.com/gin-gonic/gin')).toBe('gin');
    expect(fields('The router joins the path unchecked.', 'Path traversal in github.com/gin-gonic/gin').component).not.toBe('gin-gonic');
  });

  it('reads an advisory released to the vendor and the public as released, and a footer followed by an appended PoC', () => {
    expect(releasedLine('2010-02-01 Advisory released to vendor and public')).toBeDefined();
    const post =
      'XSS in Acme.\n'.repeat(80) +
      'Full-Disclosure - We believe in it.\nCharter: http://lists.grok.org.uk/full-disclosure-charter.html\n' +
      '<poc line>\n'.repeat(20);
    expect(fields(post).public).toBe(true);
  });
});
