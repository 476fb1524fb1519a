// When a pasted or forwarded advisory says it was published: its timeline's release
// line, its date header, or a page that opens with its date; never a plan or a permission.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { publication, releasedLine } from './publication.js';

const at = (text: string) => {
  const p = publication(text);
  return p && { date: p.date.value, public: p.public, quoted: text.slice(p.date.index, p.date.index + p.date.length) };
};

describe('publication of an advisory', () => {
  it('takes the timeline line that made it public, the last one', () => {
    expect(at('Timeline\n2021-10-01 Vendor notified\n2021-11-20 Fix released\n2021-12-06 Advisory published\n')).toEqual({
      date: '2021-12-06',
      public: true,
      quoted: '2021-12-06',
    });
    expect(at('28/05/2020: Advisory released')).toMatchObject({ date: '2020-05-28', public: true });
    expect(at('Jul 13, 2017 - Public release of advisory')).toMatchObject({ date: '2017-07-13', public: true });
    expect(at('2018–10–08: Public report')).toMatchObject({ date: '2018-10-08', public: true });
  });

  it("reads a GitHub Security Lab timeline's own ways of saying it went out", () => {
    expect(at('- 2021-03-19: Issue reported to maintainers.\n- 2021-08-12: Published as per our disclosure policy.')).toMatchObject({
      date: '2021-08-12',
      public: true,
    });
    expect(at('- 04/14/2021: Publication as per our disclosure policy.')).toMatchObject({ date: '2021-04-14', public: true });
    expect(at('- 2021-05-21: Unsafe deserialization advisory is published')).toMatchObject({ date: '2021-05-21', public: true });
    expect(at('- 2021-08-16: Report is made public in Eclipse system.')).toMatchObject({ date: '2021-08-16', public: true });
    expect(at('- 2020-04-30: Sourcegraph issued a GitHub security advisory and notified all affected users.')).toMatchObject({
      date: '2020-04-30',
      public: true,
    });
    expect(at('- 2020-11-01: Vendor publishes an advisory')).toMatchObject({ date: '2020-11-01', public: true });
  });

  it('does not read an advisory shared for review, or a report sent to the maintainers, as published', () => {
    expect(at('- 2021-05-02: Vendor released the advisory draft to us for review')).toBeUndefined();
    expect(at('- 2021-05-02: Maintainers published an advisory to the reporters for comment')).toBeUndefined();
    expect(at('- 2021-05-02: Report was released to the maintainers')).toBeUndefined();
    expect(at('- 2021-05-02: Publication as per our disclosure policy is planned')).toBeUndefined();
  });

  it('does not take a plan or a permission to publish for the publication', () => {
    expect(at('Jul 13, 2017 - Vendor replied allowing to publish the vulnerabilities')).toBeUndefined();
    expect(at('2018-06-29: Agreements with the vendor to publish the advisory')).toBeUndefined();
  });

  it("reads an Exploit-DB header's date, whatever its format, and a 'Disclosed to public' header", () => {
    expect(at('# Exploit Title: Foo 1.2 - SQL Injection\n# Date: 14-08-2022\n# Exploit Author: A B')).toMatchObject({ date: '2022-08-14', public: false });
    expect(at('# Exploit Title: x\n# Date: May 31, 2022')).toMatchObject({ date: '2022-05-31' });
    expect(at('Affected Product: FUDforum 3.0.6\nDisclosed to public: 11/10/2016\n')).toMatchObject({ date: '2016-11-10', public: true });
  });

  it('reads a page that opens with its date alone, and nothing from a date in the middle of prose', () => {
    expect(at('July 27, 2020\n\nGHSL-2020-071: Template injection in Lithium CMS')).toMatchObject({ date: '2020-07-27', public: false });
    expect(at('I found this on March 3, 2024 while testing the login form.')).toBeUndefined();
  });

  it('reads a header "Disclosure:" with several dates as public on the last, and a planned one as a date only', () => {
    expect(at('>> Multiple vulnerabilities in Acme OpsCenter\nDisclosure: 27/09/2014 (#1 and #2), 09/11/2014 (#3 and #4)\n')).toMatchObject({
      date: '2014-11-09',
      public: true,
    });
    expect(at('Disclosure: 2031-03-01 (planned, if you agree)\n')).toMatchObject({ date: '2031-03-01', public: false });
  });

  it("takes a timeline entry that disclosed the advisory as public even without a whole date, but not the timeline's heading", () => {
    const timeline = '[+] Timeline\n\nSept 2010: Confirmation that the fix will be released\nNov 2010: Disclosure of this advisory\n';
    expect(releasedLine(timeline)).toBeDefined();
    expect(extractReport({ text: timeline, subject: null }).fields.public?.value).toBe(true);
    expect(releasedLine('## Coordinated Disclosure Timeline\n\n- 04/15/2020: Report sent to vendor\n')).toBeUndefined();
    expect(releasedLine('Nov 2030: Disclosure of this advisory (planned)\n')).toBeUndefined();
  });

  it('reads a copy that names the list it came from ("From Full Disclosure: …") as public', () => {
    const text = 'From Full Disclosure: http://seclists.org/fulldisclosure/2009/Nov/221\n\nAcme Browser 1.1 Remote Array Overrun\n';
    expect(extractReport({ text, subject: null }).fields.public?.value).toBe(true);
  });

  it("reads an old archive's footer as the entry's date, not as public, and a Bugtraq post's date as public", () => {
    expect(at('http://[site]/cat.php?catid=-1%20union%20select%201\n\n# milw0rm.com [2006-06-03]')).toMatchObject({ date: '2006-06-03', public: false });
    expect(at("# Originally from Jane Doe's advisory,\n# posted to Bugtraq on April 9, 2001.\n")).toMatchObject({ date: '2001-04-09', public: true });
  });

  it('takes the last date only on a disclosure line: a publication date with its update is the first', () => {
    expect(at('Published: 2020-01-10 (updated 2021-03-01)\n')).toMatchObject({ date: '2020-01-10' });
    expect(at('Disclosure: 2020-01-10 (part 1), 2021-03-01 (part 2)\n')).toMatchObject({ date: '2021-03-01', public: true });
  });
});
