// Links an Exploit-DB entry gives that are no place of the flaw, read off the tune part (batches 74-75): the header's
// "# Vulnerable Software: https://…/download/…" (the product's download), screenshots on an image host
// ("(https://prnt.sc/20e4y88)"), and the attack tool a step runs ("python sqlmap.py -r request.txt"). Beside each, the
// place the same entry does give.
import { describe, expect, it } from 'vitest';
import { findLocations } from './locations.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe("an advisory's links that are no place", () => {
  it('takes the "Vulnerable Software:" header line for the download it is', () => {
    expect(places('# Vulnerable Software: https://www.cotonti.com/download/siena_0919\n\nPOST /cotonti/admin.php?m=config HTTP/1.1')).toEqual([
      '/cotonti/admin.php',
    ]);
  });

  it('keeps a "Vulnerable URL:" as the place', () => {
    expect(places('Vulnerable URL: http://localhost/cms/admin/login.php')).toEqual(['http://localhost/cms/admin/login.php']);
  });

  it('takes no screenshot host for a place', () => {
    expect(places('the text grows to any font size. (https://prnt.sc/20e4y88) See also https://i.imgur.com/AbC123.png')).toEqual([]);
  });

  it('takes no attack tool a step runs for a place', () => {
    expect(places('4) command : python sqlmap.py -r request.txt -p Email --dbs\nThe Email field of /erms/forgetpassword.php is injectable.')).toEqual([
      '/erms/forgetpassword.php',
    ]);
  });
});

// Batch 79's insecure-permissions advisories (edb-48876, edb-48789): the reporter's session on a host prompt
// ("kali# cat addAdmin.c", "kali# i686-w64-mingw32-gcc addAdmin.c …"), a Windows prompt ("C:\net user … /add") and the
// command switch inside their PoC's code are the reporter's, no place of the product.
describe("a privilege escalation PoC's own files and switches", () => {
  it('takes no file from a host-prompt session, and no switch of a Windows command', () => {
    const text = [
      'C:\\net user lowpriv Password123! /add',
      'kali# cat addAdmin.c',
      'int main(void) { system("net localgroup Administrators placebo /add"); return 0; }',
      'kali# i686-w64-mingw32-gcc addAdmin.c -l ws2_32 -o Gw2-64.exe',
      'The launcher folder D:\\Games is writable; replace /opt/acme/bin/launcher.',
    ].join('\n');
    expect(places(text).sort()).toEqual(['/opt/acme/bin/launcher', 'D:\\Games']);
  });
});
