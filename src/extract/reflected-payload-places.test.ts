// A reflected-XSS report's URL carries its payload glued onto the path ("https://itsyou.online/error%3CBODY%20ONLOAD=…",
// ".../discoveries/import%22onmouseover%3d…"), read off the tune part (gh-identityserver-272, edb-50651, ghsl-2020-336):
// the place is the page before the payload. A path keeps what is its own (a percent-encoded space or slash), and a
// query keeps what its parameters carry.
import { describe, expect, it } from 'vitest';
import { findLocations } from './locations.js';
import { cleanLocation } from './url-text.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('a payload glued onto a path', () => {
  it('is cut off at its encoded quote or angle bracket', () => {
    expect(cleanLocation('https://itsyou.online/error%3CBODY%20ONLOAD=%22alert(window.cookies)%22%3E')).toBe('https://itsyou.online/error');
    expect(cleanLocation('http://localhost/open-audit/index.php/discoveries/import%22onmouseover%3d%22alert(1)')).toBe(
      'http://localhost/open-audit/index.php/discoveries/import',
    );
    // An apostrophe is a name's ("O%27Reilly"), reviewed 2026-12-07: the path keeps it.
    expect(cleanLocation('https://wiki.acme.org/wiki/Talk:O%27Reilly_Media')).toBe('https://wiki.acme.org/wiki/Talk:O%27Reilly_Media');
    expect(cleanLocation('https://shop.acme.com/brands/levi%27s/jeans?page=2')).toBe('https://shop.acme.com/brands/levi%27s/jeans?page=2');
  });

  it('reads the page as the place in a report', () => {
    expect(places('Open https://quarry.example.org/api/preferences/get/%3Cimg%20src=0%20onerror=alert(0)%3E and the alert fires.')).toEqual([
      'https://quarry.example.org/api/preferences/get/',
    ]);
  });

  it("keeps a path's own encoded characters, and a query's payload", () => {
    expect(cleanLocation('https://host/files/My%20Report%2Fdraft.pdf')).toBe('https://host/files/My%20Report%2Fdraft.pdf');
    expect(cleanLocation('http://localhost:8888/search?keyword=%22%3E%3Cimg+src%3D1%3E')).toBe('http://localhost:8888/search?keyword=%22%3E%3Cimg+src%3D1%3E');
  });
});
