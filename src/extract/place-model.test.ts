import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { chosenPlaces, keptField, type PlaceRow } from './place-model.js';
import { PLACE_FEATURES } from './place-features.js';

const xss =
  'Hi team,\n\nThe notes endpoint stores HTML as is.\n\n## Steps to reproduce\n\n1. Log in and send:\n\nPOST /api/notes HTTP/1.1\nHost: crm.acme.com\n\n{"body":"<img src=x onerror=alert(1)>"}\n\n2. I minified the payload with https://gchq.github.io/CyberChef/#recipe=JavaScript_Minify\n3. Open https://crm.acme.com/notes/1 as another user: the script runs.\n';

describe('the place model thins the places the rules kept', () => {
  it('keeps the endpoint a request line sends to and drops the helper site the reporter used', () => {
    const r = extractReport({ text: xss, subject: 'Stored XSS in Acme CRM notes' });
    expect(r.fields.locations?.value).toContain('/api/notes');
    expect(r.fields.locations?.value).not.toContain('https://gchq.github.io/CyberChef/#recipe=JavaScript_Minify');
  });

  it('drops the sources of the places it drops, and keeps those of the places it keeps', () => {
    const r = extractReport({ text: xss, subject: 'Stored XSS in Acme CRM notes' });
    const spans = (r.fields.locations?.sources ?? []).flatMap((s) => ('start' in s ? [xss.slice(s.start, s.end)] : []));
    expect(spans).toContain('/api/notes');
    expect(spans.some((s) => s.includes('CyberChef'))).toBe(false);
  });

  it('never empties a list: a report that names one unlikely place keeps it', () => {
    const text = 'Hello,\n\n## Impact\n\nI minified the payload with https://gchq.github.io/CyberChef/#recipe=JavaScript_Minify and it still ran.\n';
    const r = extractReport({ text, subject: 'A problem' });
    expect(r.fields.locations?.value).toEqual(['https://gchq.github.io/CyberChef/#recipe=JavaScript_Minify']);
  });

  it('judges every place of a report that names thousands, and keeps the one the text says is vulnerable', () => {
    const dump = Array.from({ length: 3000 }, (_, k) => `[200] http://10.10.10.5/app/assets/page${k}.html`).join('\n');
    const text = `Unrestricted upload\n\nScan:\n\n${dump}\n\nThe vulnerable file is /app/admin/upload.php: it accepts .php files.\n`;
    const t0 = performance.now();
    const r = extractReport({ text, subject: 'Unrestricted upload in Acme Gallery' });
    expect(r.fields.locations?.value).toContain('/app/admin/upload.php');
    // A crash guard, not a speed target (those are in npm run bench): features are lookups, not scans of the text.
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('keeps the likeliest place of each issue of a report of several', () => {
    const text =
      'Hi security team,\n\nDuring an authorized test of our own instance I found three separate issues.\n\n## Issue 1: Stored XSS in ticket subject\n\nThe ticket subject is rendered unescaped in the agent queue view.\nImpact: session theft of agents.\n\n## Issue 2: IDOR on attachment download\n\nGET /attachments/{id} does not check that the attachment belongs to a ticket the user can see.\n\n## Issue 3: Missing rate limit on login\n\n/login accepts unlimited attempts; with no MFA this allows password spraying.\n\nLet me know if you need more details.\n';
    const r = extractReport({ text, subject: 'Three issues in HelpDeskly 7.2.0' });
    expect(r.multiple?.length).toBe(3);
    expect(r.fields.locations?.value).toEqual(['/attachments/{id}', '/login']);
  });

  it('keeps the page an SSRF report names beside the address it makes the server fetch', () => {
    const text =
      '## Summary\n\nThe webhook test fetches any URL.\n\n## Steps To Reproduce\n\n1. Open https://app.acme.com/settings/webhooks\n2. Enter http://169.254.169.254/latest/meta-data/ as the URL and click Test.\n\n## Impact\n\nCloud credentials leak.\n';
    expect(extractReport({ text, subject: 'SSRF in webhook test' }).fields.locations?.value).toContain('https://app.acme.com/settings/webhooks');
  });

  it('keeps every place a locations label lists, on one host as they are', () => {
    const text =
      'I found reflected XSS in several pages of your shop.\n\nAffected URLs:\nhttps://shop.acme.com/search\nhttps://shop.acme.com/catalog/filter\nhttps://shop.acme.com/help/faq\n\nThe q parameter is echoed unescaped.\n';
    expect(extractReport({ text, subject: 'Reflected XSS in Acme Shop' }).fields.locations?.value).toEqual([
      'https://shop.acme.com/search',
      'https://shop.acme.com/catalog/filter',
      'https://shop.acme.com/help/faq',
    ]);
  });

  it('keeps a place for each issue a summary list names, though all the places come after the list', () => {
    const text =
      'Hello,\n\nI found three issues in your customer portal:\n\n1. SQL injection in the order search\n2. Stored XSS in the profile page\n3. CSRF on the password change\n\nThe order search at https://portal.acme.com/orders/search concatenates the term into SQL.\n\nThe bio on https://portal.acme.com/account/profile is shown unescaped.\n\nThe form at https://portal.acme.com/account/password has no token.\n';
    const r = extractReport({ text, subject: 'Security issues in Acme Portal' });
    expect(r.multiple?.length).toBe(3);
    expect(r.fields.locations?.value).toHaveLength(3);
  });

  it("keeps the steps' pages near the likeliest when it is sure of none (a log-in page first)", () => {
    const text =
      'Stored XSS in the article title of FooBlog 2.0.\n\nSteps to reproduce:\n1. Log in to the admin panel: http://localhost:8080/admin/login\n2. Go to http://localhost:8080/admin/article/add and set the title to <script>alert(1)</script>, then save.\n3. Visit http://localhost:8080/article/1 and the payload fires.\n';
    expect(extractReport({ text, subject: 'Stored XSS in article title' }).fields.locations?.value).toContain('http://localhost:8080/admin/article/add');
  });

  it("drops a dropped place's own span and keeps a section's span that starts where it does", () => {
    const field = {
      value: ['/a.php', '/bb.php'],
      sources: [
        { start: 5, end: 40 },
        { start: 5, end: 11 },
        { start: 20, end: 27 },
      ],
    };
    const rows = [
      { value: '/a.php', index: 5 },
      { value: '/bb.php', index: 20 },
    ];
    expect(keptField(field, rows, [false, true])).toEqual({
      value: ['/bb.php'],
      sources: [
        { start: 5, end: 40 },
        { start: 20, end: 27 },
      ],
    });
    expect(keptField(field, rows, [true, true])).toBe(field);
  });

  it('keeps the likeliest place of the report and of each part, a part running from its heading to the next', () => {
    const rows = [{ index: 10 }, { index: 20 }, { index: 110 }, { index: 120 }];
    expect(chosenPlaces([0.9, 0.2, 0.1, 0.3], rows, [], 0.5)).toEqual([true, false, false, false]);
    expect(
      chosenPlaces(
        [0.9, 0.2, 0.1, 0.3],
        rows,
        [
          { start: 100, end: 105 },
          { start: 0, end: 5 },
        ],
        0.5,
      ),
    ).toEqual([true, false, false, true]);
  });

  it('hands every place with its features to a trainer instead of judging them', () => {
    let rows: PlaceRow[] = [];
    const r = extractReport({ text: xss, subject: 'Stored XSS in Acme CRM notes' }, { onPlaces: (x) => (rows = x) });
    expect(rows.map((x) => x.value)).toEqual(r.fields.locations?.value);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((x) => x.features.length === PLACE_FEATURES.length)).toBe(true);
  });
});
