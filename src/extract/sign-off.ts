/**
 * The name under a mail's sign-off ("Thanks,\nSimon", "Regards,\nPiyush Patil", "Best Regards.\n@doosec101"):
 * who wrote the report, which a triager credits when the text names no finder otherwise (the labelling
 * guide: sign-offs count). Read only in the writer's own part (before a quoted or forwarded mail, a
 * signature's "-- " line, outside code and quoted lines), the last sign-off there, and only a line right
 * under it that is a name or a handle alone. Pure; the text is the report (untrusted), read line by line
 * with anchored, bounded regexes on short lines only.
 */
import type { CreditValue } from './types.js';

/** Lines with text, from the end of the writer's part, among which a sign-off is looked for. */
const LAST_LINES = 12;
/** Characters: a sign-off or a name under it is a short line; a longer one is read as no sign-off (and never scanned). */
const MAX_LINE = 80;

const SIGN_OFF =
  /^[ \t]*(?:(?:(?:many|best|kind|warm|warmest|with best|with kind)[ \t]+)?(?:thanks|thank you|regards|wishes)(?:[ \t]+(?:again|a lot|in advance))?|best|cheers|sincerely|yours(?: truly| sincerely)?|br|thx|respectfully)[ \t]*(?:[,.!]+[ \t]*)?$/i;
/**
 * A person's name (one to four capitalised words, "McGregor" too, or a name in a script without capitals, "张伟"), or a
 * handle (one token with a letter, "@" dropped), alone on its line but for marks around it, a certification, an address
 * or a handle after it ("Simon.", "-Simon", "John Smith OSCP", "John Smith <john@acme.org>", "Jane Roe (@jroe)").
 */
const SIGNER =
  /^[ \t]*[-–—~]?[ \t]*(?:(\p{Lu}\p{Ll}{0,30}(?:\p{Lu}\p{Ll}{1,30})?(?:['’-]\p{L}{1,30})?(?: (?!(?:OSCP|OSCE|OSWE|CISSP|CEH|CISM|PhD|MSc|CSSLP)\b)\p{Lu}[\p{L}'’-]{0,30}\.?){0,3}|\p{Lo}{2,12}(?: \p{Lo}{1,12})?)|@?((?=[\p{L}\p{N}_.-]{0,39}\p{L})[\p{L}\p{N}_.-]{2,40}?))[.,!]?(?:[ \t]+(?:OSCP|OSCE|OSWE|CISSP|CEH|CISM|PhD|MSc|CSSLP))*(?:[ \t]+(?:<[^<>\s]{3,80}>|\(@?[\w.-]{2,40}\)|[\w.+-]{1,64}@[\w.-]{1,100}))?[ \t]*$/u;
/** Words that are no one's name under a sign-off: a team, a role, a closing phrase, a heading, a link's start. */
const NOT_A_SIGNER =
  /^(?:the|team|security|support|admin|administrator|sent|from|on|to|cc|regards|thanks|best|cheers|reporter|researcher|hacker|anonymous|anon|unknown|http|https|www|p\.?s\.?|happy|hacking|stay|keep|safe|founder|student|developer|pentester|penetration|tester|webmaster|sysadmin|whitehat|attacker|victim|bughunter|psirt|summary|vulnerability|description|details|impact|steps|corporation|foundation|maintainers|program|bounty|it|cto|ceo|cso|ciso|qa|devops)$|\b(?:team|security|support|inc|ltd|gmbh|llc|corp)\b/i;
/** Where the writer's own part ends: a reply's or forward's header, a quoted line, an Outlook separator, a signature's "-- ". */
const PART_END = /^(?:On\b.{0,200}\bwrote:[ \t]*$|-{2,}[ \t]*(?:Original|Forwarded) [Mm]essage[ \t]*-*|Begin forwarded message:|_{10,}[ \t]*$|-- ?$)/;
/** A version, a date or a file name is no handle ("v2.1", "01.03.2021", "poc.html"). */
const NOT_A_HANDLE = /^v?\d|\.\w{2,4}$|^[\d.-]+$/;

export function signOffCredit(text: string): { value: CreditValue; index: number; length: number } | undefined {
  const lines = ownLines(text);
  for (let i = lines.length - 2; i >= 0; i--) {
    if (!SIGN_OFF.test(lines[i]!.text)) continue;
    const next = lines[i + 1]!;
    const m = SIGNER.exec(next.text);
    const name = (m?.[1] ?? m?.[2])?.replace(/\.$/, '');
    if (!m || !name || name.split(' ').some((w) => NOT_A_SIGNER.test(w)) || (m[2] !== undefined && NOT_A_HANDLE.test(name))) return undefined;
    // Capitalised words are a name, one alone a first name ("Simon"); a token with digits, marks or no capital, or "@", a handle.
    const kind = m[1] !== undefined ? 'name' : 'handle';
    return { value: { kind, name }, index: next.start + next.text.indexOf(name), length: name.length };
  }
  return undefined;
}

/** The last LAST_LINES short lines with text of the writer's own part: before a quoted or forwarded mail or a signature
 *  separator, and outside fenced code and quoted ("> ") lines. A line too long to be a sign-off or a name is left out. */
function ownLines(text: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  let fenced = false;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_LINE + 1));
    if (PART_END.test(line)) break;
    if (/^[ \t]*(?:```|~~~)/.test(line)) fenced = !fenced;
    else if (!fenced && line.trim() && line.length <= MAX_LINE && !/^[ \t]*>/.test(line)) out.push({ text: line.replace(/\r$/, ''), start });
    start = end + 1;
  }
  return out.slice(-LAST_LINES);
}
