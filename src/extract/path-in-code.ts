/**
 * A path-shaped match that the text around it shows to be code or a payload, not a place in
 * the product: a regular expression literal ("alert(/XSS/)", "$r =~ /Client IP: (.*)/"), a
 * string cut out of quoted code, an escaped closing tag ("&lt;/textarea&gt;"), an SQL comment's
 * words ("select/*…*\/from/*…*\/table"), the file a payload's command reads, a program run with
 * its options or shown in a usage line. Pure; reads only a few characters either side of the
 * match (bounded slices of untrusted report text), so a text of many matches stays linear.
 */

/** Characters read before and after a match. */
const BEFORE = 40;
const AFTER = 12;

/** The match `raw` (cleaned to `v`) at `index` of `text`, read in its context. */
export function pathInCode(text: string, index: number, raw: string, v: string): boolean {
  const before = text.slice(Math.max(0, index - BEFORE), index);
  const after = text.slice(index + raw.length, index + raw.length + AFTER);
  // A file a command in the payload reads or writes ("$(cat /etc/passwd)", "`rm -rf /tmp/x`"): the attack's, not the product's place.
  if (/(?:\$\(|`)[ \t]{0,3}(?:cat|ls|rm|cp|mv|touch|chmod|head|tail|base64|curl|wget)[ \t]+(?:-\w+[ \t]+){0,3}$/.test(before)) return true;
  // A payload made only of escapes ("/%5C" of an open redirect) or a regular expression's flags ("…/>/gi"): no place.
  if (/^\/(?:%[0-9a-f]{2})+\/?$/i.test(v) || (/^\/[gimsuy]{1,6}$/.test(v) && /\S$/.test(before))) return true;
  // A path cut short by a null byte ("mydirpath=/etc/passwd%00"): the payload of an inclusion, not a place.
  if (/%00$/.test(v)) return true;
  // A regular expression given to a call ("alert(/XSS/)", "alert(/voodoo/.source)") or matched in Perl or
  // Ruby ("$r =~ /Client IP: (.*)/"): the payload's or the script's text, no path.
  const literal =
    /^\/[^/\s]{1,100}\/(?:[gimsuy]{0,6}|\.\w{1,20})$/.test(raw) &&
    /\b(?:alert|prompt|confirm|log|print|eval|match|test|replace|split|search|exec|RegExp)\([ \t]*$/.test(before);
  if (literal && /^[ \t]*[),.]/.test(after)) return true;
  if (/[=!]~[ \t]{0,3}$/.test(before)) return true;
  // A program run from its folder with options, anywhere in a line ("options: # ./proftpd -n -c …"), or in a
  // usage line ("Usage:  ./expl.py <local_ip>"): the reporter's tool.
  if (/^\.\//.test(v) && (/^[ \t]{1,4}--?[A-Za-z]/.test(after) || /\busage[ \t]*:[ \t]*$/i.test(before))) return true;
  // A string cut out of quoted code ("/include/help/en/help_" in '"/help_".$id.".php"'), or joined to a
  // PHP variable, call, array item or constant ("$mydirpath.'/module_icon.png'", '$config["homedir"]."/include/help/"'):
  // a fragment of a path the code builds. (A PoC's
  // 'target + "/wp-admin/admin-ajax.php"' is the endpoint it posts to, and stays.)
  if (v.endsWith('_') || /(?:\$\w{1,40}|[)\]]|\b[A-Z][A-Z\d_]{1,40})[ \t]{0,3}\.[ \t]{0,3}['"]$/.test(before)) return true;
  // Or a quoted string the code goes on to join something to ("'/reset/' + token", '"/include/help/".$lang'): a prefix.
  // PHP's join is "." then a variable or a string; JavaScript's "+" counts only with a join before the string too
  // ("'http://' + host + '/reset/' + token"): "fetch('/api/admin/users/' + id)" calls the endpoint, and a sentence's full
  // stop after a quoted path ("through the script '/admin/upload.php'.") joins nothing.
  if (/['"]$/.test(before) && (/^['"][ \t]{0,3}\.[ \t]{0,3}[$'"]/.test(after) || (/^['"][ \t]{0,3}\+/.test(after) && /\+[ \t]{0,3}['"]$/.test(before))))
    return true;
  // An escaped closing tag ("&lt;/textarea&gt;"), or an SQL comment's word ("/*&value=*/from/*", "*/table" after it).
  // ("*/api/v2/users/export*" is a path in Markdown's italics: it ends in no "/" of a "/*".)
  if (/&lt;$/.test(before) || (/(?<!\*)\*$/.test(before) && ((raw.endsWith('/') && after.startsWith('*')) || before.includes('/*')))) return true;
  return false;
}
