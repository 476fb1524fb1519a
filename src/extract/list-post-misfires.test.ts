// Misfires an independent review found in the rules read off the mailing-list batches (42-44)
// on 2026-12-06, each pinned with the value a triager would write. The two patterns it found
// slow on hostile input (a placeholder path of "[", a Phrack heading then blanks) are timed
// in `npm run bench guards`, not here.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';
import { publication } from './publication.js';

const fields = extractedFields;
const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('a disclosure that has not happened is not public', () => {
  it('an entry under "Proposed disclosure timeline"', () => {
    const text = ['Proposed disclosure timeline:', '2024-03-01  Report sent to vendor', '2024-06-01  Full disclosure'].join('\n');
    expect(publication(text)?.public ?? false).toBe(false);
  });

  it('"Full disclosure on <a date>", "to the vendor security team", "via encrypted mail"', () => {
    for (const line of [
      '2024-02-01: Reported to Acme. Full disclosure on 2024-05-01.',
      '2024-02-12 - Full disclosure to the vendor security team',
      '2024-02-14: PGP keys exchanged, full disclosure via encrypted mail',
    ])
      expect(publication(line)?.public ?? false, line).toBe(false);
  });

  it('"as planned" that looks ahead', () => {
    expect(fields('Public disclosure as planned on 2024-06-01 works for me.').public).toBeUndefined();
    expect(publication('2024-05-20: vendor confirmed fix, coordinated disclosure as planned for 2024-06-01')?.public ?? false).toBe(false);
  });

  it("a mail's date alone above a title that names a coordinated disclosure", () => {
    const text = ['March 3, 2024', '', 'Coordinated disclosure: heap overflow in libfoo 1.4', '', 'Dear maintainers, I would like to publish in 90 days.'].join(
      '\n',
    );
    expect(fields(text).public).toBeUndefined();
    expect(fields(text).disclosureDate).toBe('+90d');
  });

  it("the reporter's plan for this report beats a quoted earlier advisory's release line", () => {
    const text = [
      'The earlier report (timeline below) was fixed in 2.0, but 2.1 regressed.',
      '2019-01-10 - reported',
      '2019-03-01 - Full Disclosure',
      '',
      'We intend to disclose this new issue on July 1, 2024.',
    ].join('\n');
    expect(fields(text).disclosureDate).toBe('2024-07-01');
    expect(fields(text).public).toBeUndefined();
  });
});

describe('dates read as the whole report writes them', () => {
  it("a timeline section's slash dates, by a day-first date above it", () => {
    const text = ['Reported: 25/10/2019', 'Disclosure Timeline:', '01/11/2019 - Vendor contacted', '05/12/2019 - Advisory published'].join('\n');
    expect(fields(text).disclosureDate).toBe('2019-12-05');
  });

  it('dashed dates in a month-first timeline', () => {
    const text = ['11-15-2019 - Reported to the vendor', '12-20-2019 - Vendor acknowledged', '01-06-2020 - Full Disclosure'].join('\n');
    expect(publication(text)).toMatchObject({ date: { value: '2020-01-06' }, public: true });
  });

  it("a timeline's planned entry when none says it went out", () => {
    expect(fields(['Disclosure Timeline:', '2024-03-01: Public disclosure (planned)'].join('\n')).disclosureDate).toBe('2024-03-01');
  });

  it('"Published at:" a package registry is where the package lives, not a disclosure', () => {
    expect(fields('Published at: https://www.npmjs.com/package/acme-parse\n\nThe parser reads past its buffer.').public).toBeUndefined();
  });
});

describe('places the new filters must keep', () => {
  it("one-part paths in a Python or Ruby PoC and in prose that says 'stopped'", () => {
    const python = [
      'import requests',
      'def upload():',
      '    requests.post(URL + "/upload")',
      'def install():',
      '    pass',
      'def login():',
      '    pass',
      'def a():',
      '    pass',
      'def b():',
      '    pass',
      'Then GET /install and /login.',
    ].join('\n');
    expect(places(python)).toEqual(expect.arrayContaining(['/install', '/login']));
    const prose = Array.from({ length: 5 }, (_, i) => `Step ${i + 1}: the service stopped.`).join('\n') + '\nThe /api and /graphql endpoints leak.';
    expect(places(prose)).toEqual(expect.arrayContaining(['/api', '/graphql']));
  });

  it('production files in test-named folders or with test-like names', () => {
    for (const p of ['/vendor/acme/tests/server.php', '/test/ping.cgi', 'providers/fips/self_test.c', 'src/main/java/com/acme/DataSourceConnectionTest.java'])
      expect(places(`The flaw is in ${p} as shipped.`), p).toEqual([p]);
  });

  it('endpoints whose last part has four hyphenated words', () => {
    for (const u of ['http://localhost/school/admin/edit-student-fee-details.php', 'https://target/api/export-all-user-data'])
      expect(places(`Open ${u} as any user.`), u).toEqual([u]);
  });
});

describe('names the new rules must keep', () => {
  it('a config file in a PoC is no advisory section', () => {
    const text = ['Acme fastqueue crate 0.4 reads past its buffer.', '', 'Cargo.toml:', '[package]', 'name = "poc"', 'version = "0.1.0"'].join('\n');
    expect(fields(text).component).not.toBe('name =');
  });

  it('a name in quotes after a platform word is the name', () => {
    expect(fields('Product: WordPress Plugin "Contact Form Builder"\n\nStored XSS in the form title.').component).toBe(
      'WordPress Plugin "Contact Form Builder"',
    );
  });

  it('an acronym that is not the name\'s own stays ("Microsoft Windows (MSDT)")', () => {
    expect(fields('Product: Microsoft Windows (MSDT)\n\nA URL protocol handler runs code.').component).toBe('Microsoft Windows (MSDT)');
  });

  it('a person beside a one-word firm, certificate, title or place is the person', () => {
    for (const line of ['# Exploit Author: Jane Roe, Synacktiv', '# Exploit Author: John Smith, OSCP', '# Exploit Author: Jane Roe, Berlin, Germany'])
      expect((fields(`# Exploit Title: Acme 1.0 - SQL Injection\n${line}\n\nThe id parameter is injectable.`).credit as { name: string }).name, line).toMatch(
        /^(?:Jane Roe|John Smith)$/,
      );
  });
});
