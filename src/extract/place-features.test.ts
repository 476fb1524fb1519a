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
    expect(described).toMatchObject({ inDescriptionSection: 1, inImpactSection: 0, flawWordsNear: 1, outsideSections: 0 });
    expect(impact).toMatchObject({ inImpactSection: 1, payloadWord: 1 });
    expect(reference).toMatchObject({ inReferenceSection: 1 });
    expect(code).toMatchObject({ inCodeBlock: 1, payloadWord: 1 });
  });

  it('reads a place before any heading, a word for the vulnerable code before it and a file the title names', () => {
    const text = 'Report\n\nThe vulnerable code is in /modules/cart.php\n\n# Details\n\nnothing here\n';
    const [f] = featuresOf(text, ['/modules/cart.php'], 'SQL injection in cart.php');
    expect(f).toMatchObject({ outsideSections: 1, vulnerableLabel: 1, fileInTitle: 1 });
    expect(f!.position).toBeLessThan(0.5);
  });

  it('counts a mention only as a whole token: "/admin" is not named again inside "/admin/users/delete/5"', () => {
    const text = 'Log in to /admin and open http://demo.acme.org/admin/users/delete/5 or `/admin/users/delete/5`.';
    const [admin, deleting] = featuresOf(text, ['/admin', 'http://demo.acme.org/admin/users/delete/5']);
    expect(admin!.mentions).toBeCloseTo(Math.log1p(1));
    expect(deleting!.mentions).toBeCloseTo(Math.log1p(2));
  });

  it('counts mentions up to a bound, once over the text', () => {
    const [f] = featuresOf('/api/x '.repeat(100_000), ['/api/x']);
    expect(f!.mentions).toBeCloseTo(Math.log1p(20));
  });

  it('holds an inline label ("Impact: account takeover") to its own line, not the prose below it', () => {
    const text = 'Hi team,\nImpact: account takeover\n\nThe form https://id.acme.com/account/email does not ask for the password.\n';
    const [f] = featuresOf(text, ['https://id.acme.com/account/email']);
    expect(f).toMatchObject({ inImpactSection: 0, outsideSections: 1 });
  });

  it("reads the host behind user info, placeholder words as whole labels only, and no IP as a title's name", () => {
    const [auth, real, ip] = featuresOf(
      'GET http://admin:admin@192.168.0.1/goform/ping and https://shop.my-site.com/cart and http://192.168.100.200/x',
      ['http://admin:admin@192.168.0.1/goform/ping', 'https://shop.my-site.com/cart', 'http://192.168.100.200/x'],
      'Command injection in R100 router',
    );
    expect(auth).toMatchObject({ targetHost: 1, namedHost: 0 });
    expect(real).toMatchObject({ targetHost: 0, namedHost: 1 });
    expect(ip).toMatchObject({ hostInTitle: 0 });
  });

  it('names a host under a second-level suffix by its own label ("acme.co.uk" is acme, not co)', () => {
    const [f] = featuresOf('See https://shop.acme.co.uk/basket', ['https://shop.acme.co.uk/basket'], 'Stored XSS in the Acme basket (company report)');
    expect(f!.hostInTitle).toBe(1);
    const [g] = featuresOf('See https://shop.acme.co.uk/basket', ['https://shop.acme.co.uk/basket'], 'Comment form broken');
    expect(g!.hostInTitle).toBe(0);
  });

  it('reads a host and path written without a scheme as a URL, and "index.php/x" as a path', () => {
    const [bare, route] = featuresOf('at notes.acme.com/notes/shared?id=55 and index.php/meetings/edit', [
      'notes.acme.com/notes/shared?id=55',
      'index.php/meetings/edit',
    ]);
    expect(bare).toMatchObject({ url: 1, namedHost: 1, relativePath: 0 });
    expect(route).toMatchObject({ url: 0, relativePath: 1 });
  });

  it('reads depth and payload words off the path, not the query: "set_passwd.cgi" is no payload, "/etc/passwd" is', () => {
    const [deep, cgi, passwd, script] = featuresOf('x', ['/download?file=../../../../a/b/c', '/cgi-bin/set_passwd.cgi', '/etc/passwd', '/tmp/s.sh']);
    expect(deep!.depth).toBeCloseTo(1 / 6);
    expect(cgi!.payloadWord).toBe(0);
    expect(passwd!.payloadWord).toBe(1);
    expect(script).toMatchObject({ payloadWord: 1, sourceFile: 0 });
  });

  it("tells a form's action and a parameter's value from a place, and marks a place under a locations label", () => {
    const text =
      'Endpoint: https://api.acme.com/v1/orders/export\n\n<form action="https://acme.com/account/delete">\n\nGET /proxy?url=http://169.254.169.254/latest/ HTTP/1.1\n';
    const [labelled, action, value] = featuresOf(
      text,
      ['https://api.acme.com/v1/orders/export', 'https://acme.com/account/delete', 'http://169.254.169.254/latest/'],
      'SSRF and CSRF in Acme',
    );
    expect(labelled).toMatchObject({ labelledPlace: 1 });
    expect(action).toMatchObject({ formAction: 1, parameterValue: 0 });
    expect(value).toMatchObject({ parameterValue: 1 });
  });

  it("reads a place on the report's first line against the Subject alone, not against itself", () => {
    const [f] = featuresOf('Bug in /app/export.php please fix', ['/app/export.php'], 'A bug');
    expect(f!.fileInTitle).toBe(0);
  });

  it('gives a place the text never spells no position, line or section of another', () => {
    const ctx = { text: '## Impact\n\nbad', subject: '', sections: findSections('## Impact\n\nbad'), code: [] };
    const [row] = placeFeatures(ctx, [{ value: 'x.php', index: -1 }]);
    const f = Object.fromEntries(PLACE_FEATURES.map((n, j) => [n, row![j]]));
    expect(f).toMatchObject({ position: 0.5, inImpactSection: 0, requestLine: 0, inCodeBlock: 0 });
  });

  it('counts a route with placeholders and a file a permalink names, split at blanks and quotes only', () => {
    const text =
      'GET /api/users/{id}/profile and (see /api/users/{id}/profile) and "/api/users/{id}/profile".\nhttps://github.com/acme/app/blob/main/lib/auth.js#L12 and lib/auth.js';
    const [route, file] = featuresOf(text, ['/api/users/{id}/profile', 'lib/auth.js']);
    expect(route!.mentions).toBeCloseTo(Math.log1p(3));
    expect(file!.mentions).toBeCloseTo(Math.log1p(2));
  });

  it('marks a log-in page, a curl command as a request, and no "not vulnerable" as a label', () => {
    const text = 'Open http://localhost/admin/login first.\n$ curl -X PATCH http://localhost/api/settings\nThe page /help.php is not vulnerable.\n';
    const [login, settings, help] = featuresOf(text, ['http://localhost/admin/login', 'http://localhost/api/settings', '/help.php']);
    expect(login!.loginPage).toBe(1);
    expect(settings).toMatchObject({ requestLine: 1, loginPage: 0 });
    expect(help!.vulnerableLabel).toBe(0);
  });

  it('counts no siblings at the root, and reads counts only up to twenty', () => {
    const roots = featuresOf('/a.php /b.php functions.php', ['/a.php', '/b.php', 'functions.php']);
    expect(roots.map((r) => r.siblings)).toEqual([0, 0, 0]);
    const many = Array.from({ length: 50 }, (_, k) => `/app/p${k}.php`);
    const rows = featuresOf(many.join(' '), many);
    expect(rows[49]).toMatchObject({ siblings: Math.log1p(20), places: Math.log1p(20), rank: Math.log1p(20) });
  });

  it('gives each place its rank and the list its length', () => {
    const rows = featuresOf('a /x/a.php b /x/b.php c /x/c.php', ['/x/a.php', '/x/b.php', '/x/c.php']);
    expect(rows.map((r) => r.first)).toEqual([1, 0, 0]);
    expect(rows.map((r) => r.rank)).toEqual([0, Math.log1p(1), Math.log1p(2)]);
    expect(rows.every((r) => r.places === Math.log1p(3))).toBe(true);
  });
});
