// Misfires an independent review (2026-12-06, second of the day) found in the rules read off
// batches 45-47: each pins the review's input with what a triager writes, against the rule as
// it first stood. Cited URLs, paths read as code, a pasted document, credits, the impact sign,
// titles and a list's footer.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { fieldsToAsk } from './asking.js';
import { missingFields } from './completeness.js';
import { findLocations } from './locations.js';
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
