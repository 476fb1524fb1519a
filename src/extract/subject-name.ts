/**
 * A product named by the way a report writes it: the name an advisory's Subject opens with as
 * the actor of its sentence, and how the report spells a word inside its sentences (a name is
 * capitalised there, a common word is not). Pure; the Subject and text are untrusted and read
 * with bounded patterns over their first pages.
 */
import { canonicalVulnType } from './vuln-types.js';
import { isBoilerplate, isPackageName, MAX_TITLE_CHARS } from './product.js';

/**
 * What an advisory's title says its product does: "Dozzle uses …", "Graylog user session is
 * still usable …", "pnpm incorrectly parses …", "Mautic allows …" (GitHub's summaries open
 * with the package). A verb within three lower-case words of the first.
 */
const OPENING_NAME =
  /^\s*([A-Za-z][\w.+-]{1,40}?)(?:['’]s)?(?:[ \t]+[a-z][\w-]*){0,3}?[ \t]+(?:has|have|uses?|allows?|is|are|was|does|doesn['’]t|did|incorrectly|improperly|fails?|leaks?|exposes?|may|can|could|accepts?|lacks?|permits?|lets|enables?|stores?|logs?|sends?|discloses?|trusts?|ignores?|vulnerable)\b/;

/**
 * The first word of a Subject, when it opens the sentence as its actor (OPENING_NAME) and the
 * report writes it the same way inside a sentence ("In a multi-node Graylog cluster", "when
 * installed via pnpm"): a name, not the "Enabling" or "Anyone" a title also opens with. Not an
 * acronym alone ("RBAC Roles for etcd …": a kind of thing), a class of flaw or boilerplate.
 */
export function nameOpeningSubject(subject: string | null | undefined, text: string): string | undefined {
  const m = subject ? OPENING_NAME.exec(subject.slice(0, MAX_TITLE_CHARS)) : null;
  const name = m?.[1]?.replace(/[.-]+$/, '');
  if (!name || name.length < 2 || /^[A-Z\d]+$/.test(name) || isBoilerplate(name) || canonicalVulnType(name)) return undefined;
  // Its own spelling counts, lower case too: a title opens with a capital unless the name has none ("pnpm").
  return nameAsWritten(name, text, true) === name ? name : undefined;
}

/**
 * How the report writes a word inside a sentence (after a word or a comma on the same line,
 * not opening one), when it writes it as a name: capitalised ("when Tornado is deployed" for
 * a Subject's "in tornado"), as a package's, or (`asGiven`) exactly as given. A common word
 * is written in lower case inside sentences ("enabling authentication"), so it is not returned.
 */
export function nameAsWritten(name: string, text: string, asGiven = false): string | undefined {
  // One word: "uploaded SVG" is a phrase around a name, not one.
  if (!/^[\w.+-]+$/.test(name)) return undefined;
  const escaped = name.replace(/[.+]/g, (c) => `\\${c}`);
  let seen = 0;
  for (const m of text.slice(0, MAX_BODY_CHARS).matchAll(new RegExp(`[a-z,(][ \\t]+(${escaped})(?![\\w-])(?![ \\t]+${UI_NOUN})`, 'gi'))) {
    const written = m[1]!;
    if ((asGiven && written === name) || /^[A-Z]/.test(written) || isPackageName(written)) return written;
    // A common word is written this way many times over.
    if (++seen >= MAX_SPELLINGS) break;
  }
  return undefined;
}
/** What a capitalised word inside a sentence labels when it is the interface's, not a name: "the Search button". */
const UI_NOUN = String.raw`(?:button|field|tab|page|menu|link|option|box|icon|panel|section|dialog|form|screen|view|column|input)s?\b`;
/** Times a word is looked at inside sentences before it is taken for a common word. */
const MAX_SPELLINGS = 20;
/** Characters of the report searched for that name: the opening pages, where a report names what it is about. */
const MAX_BODY_CHARS = 20_000;
