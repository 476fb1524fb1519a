// Path-shaped text that is code or a payload, read from the characters around it: each case
// is pinned through findLocations (the place list a triager reads) with the near miss beside it.
import { describe, expect, it } from 'vitest';
import { findLocations } from './locations.js';

const places = (text: string): string[] => findLocations(text).map((l) => l.value);

describe('paths that are code or a payload', () => {
  it('reads a regular expression matched in Perl or handed to a call as code, not a path', () => {
    expect(places('if($axg_response =~ /Client IP: (.*)/){')).toEqual([]);
    expect(places('errormessage=<iframe onload="alert(/voodoo/.source);">')).toEqual([]);
    // A path after an assignment is still one.
    expect(places('$path = /var/www/app/upload.php;')).toEqual(['/var/www/app/upload.php']);
  });

  it('takes a path cut short by a null byte for the payload it is', () => {
    expect(places('GET /xoops_lib/modules/protector/module_icon.php?mydirpath=/etc/passwd%00 HTTP/1.0')).toEqual([
      '/xoops_lib/modules/protector/module_icon.php',
    ]);
  });

  it("leaves out a string joined to code's variable, an escaped closing tag and an SQL comment's words", () => {
    expect(places("$icon_fullpath = $mydirpath.'/module_icon.png' ;")).toEqual([]);
    expect(places('<textarea name="about">I have been hacked&lt;/textarea&gt;')).toEqual([]);
    expect(places('value=select/*&value=*/1,2,3/*&value=*/from/*&value=*/table')).toEqual([]);
    // Bold around a path ("**/api/users**") is markup, not a comment.
    expect(places('The endpoint **/api/users/export** leaks data.')).toEqual(['/api/users/export']);
  });

  it("leaves out the reporter's script in a usage line, not a product's program named in prose", () => {
    expect(places('print ("Usage:  ./expl.py   <local_ip>  <serv_ip>")')).toEqual([]);
    expect(places('The installer ./setup.sh writes the key world-readable.')).toEqual(['./setup.sh']);
  });

  it("drops a diff's file mark written onto the file's name", () => {
    expect(places('\t---includes/registerglobals.inc.php\n\t+++includes/registerglobals.inc.php @@ 1088:1102')).toEqual(['includes/registerglobals.inc.php']);
  });
});
