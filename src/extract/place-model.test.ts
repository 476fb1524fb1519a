import { describe, expect, it } from 'vitest';
import { extractReport } from './extract.js';
import { MAX_PLACES_JUDGED, type PlaceRow } from './place-model.js';
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

  it(`judges no more than ${MAX_PLACES_JUDGED} places of a report that names thousands`, () => {
    const text = `Vulnerable files:\n\n${Array.from({ length: 3000 }, (_, k) => `- /app/module${k}/index.php`).join('\n')}\n`;
    const t0 = performance.now();
    const r = extractReport({ text, subject: 'Many files' });
    expect(r.fields.locations?.value.length).toBeGreaterThan(0);
    expect(r.fields.locations!.value.length).toBeLessThanOrEqual(MAX_PLACES_JUDGED);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('hands every place with its features to a trainer instead of judging them', () => {
    let rows: PlaceRow[] = [];
    const r = extractReport({ text: xss, subject: 'Stored XSS in Acme CRM notes' }, { onPlaces: (x) => (rows = x) });
    expect(rows.map((x) => x.value)).toEqual(r.fields.locations?.value);
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((x) => x.features.length === PLACE_FEATURES.length)).toBe(true);
  });
});
