// Places a report gives as the requests it sends, read off the tune part (gh-seo-panel-207, gh-laravel-filemanager-843):
// a web script asked with its query ("settings.php?category=x%22…"), a host with its path written without a scheme
// ("mydomain.com/laravel-filemanager/download?file=../.."). Not a webshell called with its command, a Go import path or a
// bounty page named in passing; and a "Vulnerable parameter:" label names a parameter, which triagers do not list as a
// place (three tune labels), nor is a rule of underscores one.
import { describe, expect, it } from 'vitest';
import { extractedFields } from '../../test/helpers/extracted-fields.js';
import { findLocations } from './locations.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('a web script asked with its query', () => {
  it('is the place', () => {
    expect(places('2- Add below line at the end:\nsettings.php?category=x%22%20onmouseover%3dalert(1)\n')).toEqual(['settings.php']);
    expect(places('The id in index.php?id=1 is injectable.')).toEqual(['index.php']);
  });

  it('is not the webshell a reporter uploads and then calls', () => {
    expect(places('Then open shell.php?cmd=id to run commands.')).toEqual([]);
  });
});

describe('a host with its path, without a scheme', () => {
  it('is the place when it carries a query or is a test machine', () => {
    expect(places('go to: `mydomain.com/laravel-filemanager/download?working_dir=&file=../../etc/passwd`')).toEqual([
      'mydomain.com/laravel-filemanager/download?working_dir=&file=../../etc/passwd',
    ]);
    expect(places('Browse to 192.168.0.1:8080/cgi-bin/ping.cgi and press Run.')).toEqual(['192.168.0.1:8080/cgi-bin/ping.cgi']);
  });

  it('is not a Go import path, a page named in passing, nor a file name', () => {
    expect(places('It uses github.com/lestrrat-go/jwx/v2/jwa to verify.')).toEqual([]);
    expect(places('I also reported it through facebook.com/whitehat last year.')).toEqual([]);
    expect(places('The bundle config.js/app.py/ is built by make.')).not.toContain('config.js/app.py/');
  });

  it('stays fast on a long run of dotted labels', () => {
    const hostile = `${'a'.repeat(60)}.`.repeat(4000) + 'com';
    const t = Date.now();
    places(hostile);
    expect(Date.now() - t).toBeLessThan(2000);
  });
});

describe('labels that name no place', () => {
  it('takes a "Vulnerable parameter:" for no location, nor a rule of underscores', () => {
    const f = extractedFields('**Vulnerable parameter**: category\n___\n**Steps to Reproduce the Issue:**\n1- Login\n', 'XSS in category parameter');
    expect(f.locations).toBeUndefined();
  });
});

// An independent review (2026-12-07) of the rule as it first stood.
describe('requests that are not to the product', () => {
  it('takes no network range, webshell called with a command, or collector of the attacker', () => {
    expect(places('The SSRF filter blocks 10.0.0.0/8, 127.0.0.0/8 and 169.254.0.0/16 only.')).toEqual([]);
    expect(places('Request lol.php?c=id from the avatars folder.')).toEqual([]);
    expect(places('The payload sends document.cookie to my own cookie.php?c= logger and to steal.php?cookie=1.')).toEqual([]);
  });

  it("takes no signature's link or package with a query", () => {
    expect(places('Book a call: calendly.com/janeroe/30min?month=2024-05')).toEqual([]);
    expect(places('Install it with npm i socket.io/client?x=1 first.')).toEqual([]);
  });
});
