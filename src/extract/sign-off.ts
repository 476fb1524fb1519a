/**
 * The name under a mail's sign-off ("Thanks,\nSimon", "Regards,\nPiyush Patil", "Best Regards.\n@doosec101"):
 * who wrote the report, which a triager credits when the text names no finder otherwise (the labelling
 * guide: sign-offs count). Read only near the end, and only a line that is a name or a handle alone.
 * Pure; the text is the report (untrusted), read line by line with anchored regexes.
 */
import type { CreditValue } from './types.js';

/** Lines with text, from the end, among which a sign-off is looked for: a signature's own lines come after it. */
const LAST_LINES = 12;
/** Lines with text between the sign-off and the name ("Thanks,\n\nSimon" has none; a blank line is no line). */
const NAME_WITHIN = 1;

const SIGN_OFF =
  /^[ \t>]*(?:(?:many|best|kind|warm|warmest|with best|with kind)[ \t]+)?(?:thanks|thank you|regards|wishes)(?:[ \t]+(?:again|a lot|in advance))?[ \t]*[,.!]*[ \t]*$|^[ \t>]*(?:best|cheers|sincerely|yours(?: truly| sincerely)?|br|thx|greetings|respectfully)[ \t]*[,.!]*[ \t]*$/i;
/** A person's name (one to four capitalised words) or a handle (one token, "@" dropped), alone on its line but for an
 *  address or a handle after it ("John Smith <john@acme.org>", "Jane Roe (@jroe)"). */
const SIGNER =
  /^[ \t>]*(?:(\p{Lu}[\p{Ll}'’-]{1,30}(?: \p{Lu}[\p{L}'’.-]{0,30}){0,3})|@?([\p{L}\p{N}_.-]{2,40}))(?:[ \t]+(?:<[^<>\s]{3,80}>|\(@?[\w.-]{2,40}\)|[\w.+-]{1,64}@[\w.-]{1,100}))?[ \t]*$/u;
/** Words that are no one's name under a sign-off: a team, a role, a closing phrase, a link's start. */
const NOT_A_SIGNER =
  /^(?:the|team|security|support|admin|sent|from|on|to|cc|regards|thanks|best|cheers|reporter|researcher|hacker|anonymous|http|https|www|p\.?s\.?)$|\b(?:team|security|support|inc|ltd|gmbh|llc|corp)\b/i;

export function signOffCredit(text: string): { value: CreditValue; index: number; length: number } | undefined {
  const lines: Array<{ text: string; start: number }> = [];
  for (let end = text.length; end > 0 && lines.length < LAST_LINES;) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (line.trim()) lines.unshift({ text: line, start });
    end = start - 1;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!SIGN_OFF.test(lines[i]!.text)) continue;
    for (const next of lines.slice(i + 1, i + 1 + NAME_WITHIN)) {
      const m = SIGNER.exec(next.text);
      const name = m?.[1] ?? m?.[2];
      if (!m || !name || name.split(' ').some((w) => NOT_A_SIGNER.test(w)) || NOT_A_SIGNER.test(name)) continue;
      // Capitalised words are a name, one alone a first name ("Simon"); a token with digits, marks or no capital, or "@", a handle.
      const kind = m[1] !== undefined ? 'name' : 'handle';
      return { value: { kind, name }, index: next.start + next.text.indexOf(name), length: name.length };
    }
  }
  return undefined;
}
