import { describe, expect, it } from 'vitest';
import { codeBlocks } from './blocks.js';
import { PLACE_FEATURES, type PlaceFeature, placeFeatures } from './place-features.js';
import { findSections } from './sections.js';

/** The named features of each place, found where the text first names it. */
function featuresOf(text: string, places: string[], subject = ''): Array<Record<PlaceFeature, number>> {
  const ctx = { text, subject, sections: findSections(text), code: codeBlocks(text) };
  return placeFeatures(
    ctx,
    places.map((value) => ({ value, index: text.indexOf(value) })),
  ).map((row) => Object.fromEntries(PLACE_FEATURES.map((f, j) => [f, row[j]!])) as Record<PlaceFeature, number>);
}

describe('what the place model reads of a place', () => {
  it('tells a request to the target from a link to a helper site on another host', () => {
    const text =
      'Stored XSS in Acme CRM\n\n## Steps\n\n1. Send\n\nPOST https://crm.acme.com/api/notes?id=1 HTTP/1.1\n\n2. Minify the payload with https://gchq.github.io/CyberChef/\n';
    const [request, helper] = featuresOf(text, ['https://crm.acme.com/api/notes?id=1', 'https://gchq.github.io/CyberChef/'], 'Stored XSS in Acme CRM');
    expect(request).toMatchObject({ url: 1, namedHost: 1, hostInTitle: 1, query: 1, requestLine: 1, inStepsSection: 1, first: 1 });
    expect(helper).toMatchObject({ url: 1, namedHost: 1, hostInTitle: 0, query: 0, requestLine: 0, inStepsSection: 1, first: 0 });
  });

  it('reads a host on an IP, localhost or a placeholder as the target, and a bare root apart from a page', () => {
    const [ip, root, placeholder] = featuresOf('See http://192.168.0.1:8080/admin.cgi and http://localhost:3000 and http://[target]/x.php', [
      'http://192.168.0.1:8080/admin.cgi',
      'http://localhost:3000',
      'http://[target]/x.php',
    ]);
    expect(ip).toMatchObject({ targetHost: 1, namedHost: 0, url: 1, hostRoot: 0, webScript: 1 });
    expect(root).toMatchObject({ targetHost: 1, url: 0, hostRoot: 1 });
    expect(placeholder).toMatchObject({ targetHost: 1 });
  });

  it('tells the shapes of paths apart: a web script, a route, a source file, a bare name, a Windows path', () => {
    const text = 'Files: /admin/upload.php /api/v1/users src/lib/parse.c parse.h C:\\Program Files\\Acme\\acme.exe';
    const [script, route, source, bare, windows] = featuresOf(text, [
      '/admin/upload.php',
      '/api/v1/users',
      'src/lib/parse.c',
      'parse.h',
      'C:\\Program Files\\Acme\\acme.exe',
    ]);
    expect(script).toMatchObject({ absoluteFile: 1, webScript: 1, sourceFile: 0 });
    expect(route).toMatchObject({ absoluteRoute: 1, absoluteFile: 0, depth: 3 / 6 });
    expect(source).toMatchObject({ relativePath: 1, sourceFile: 1 });
    expect(bare).toMatchObject({ bareFile: 1, sourceFile: 1 });
    expect(windows).toMatchObject({ windowsPath: 1 });
  });

  it("reads the section a place stands in, a code block and a payload's file", () => {
    const text =
      'Summary\n=======\n\nThe flaw is in /lib/auth.php.\n\n## Impact\n\nAn attacker reads /etc/passwd.\n\n## References\n\n- https://vendor.example/news/1\n\n```\ncurl http://victim/poc.html\n```\n';
    const [described, impact, reference, code] = featuresOf(text, ['/lib/auth.php', '/etc/passwd', 'https://vendor.example/news/1', 'http://victim/poc.html']);
    expect(described).toMatchObject({ inDescriptionSection: 1, inImpactSection: 0, flawWordsNear: 1, beforeAnySection: 0 });
    expect(impact).toMatchObject({ inImpactSection: 1, payloadWord: 1 });
    expect(reference).toMatchObject({ inReferenceSection: 1 });
    expect(code).toMatchObject({ inCodeBlock: 1, payloadWord: 1 });
  });

  it('reads a place before any heading, a word for the vulnerable code before it and a file the title names', () => {
    const text = 'The vulnerable code is in /modules/cart.php\n\n# Details\n\nnothing here\n';
    const [f] = featuresOf(text, ['/modules/cart.php'], 'SQL injection in cart.php');
    expect(f).toMatchObject({ beforeAnySection: 1, vulnerableLabel: 1, fileInTitle: 1 });
    expect(f!.position).toBeLessThan(0.5);
  });

  it('counts mentions up to a bound, so that a place named a million times costs no more than twenty', () => {
    const text = '/api/x '.repeat(1_000_000);
    const t0 = performance.now();
    const [f] = featuresOf(text, ['/api/x']);
    expect(f!.mentions).toBeCloseTo(Math.log1p(20));
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('gives each place its rank and the list its length', () => {
    const rows = featuresOf('a /x/a.php b /x/b.php c /x/c.php', ['/x/a.php', '/x/b.php', '/x/c.php']);
    expect(rows.map((r) => r.first)).toEqual([1, 0, 0]);
    expect(rows.map((r) => r.rank)).toEqual([0, Math.log1p(1), Math.log1p(2)]);
    expect(rows.every((r) => r.places === Math.log1p(3))).toBe(true);
  });
});
