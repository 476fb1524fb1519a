/**
 * The report's class of flaw from its words, when no labelled section gave one: the title's or
 * the Subject's class first (they name the main issue), then the prose's, then the CWE's; code
 * execution gives way to the cause its first sentences name. Pure; the input is report text and
 * its prose pieces (untrusted), read through vuln-types.ts.
 */
import { type Builder, set, span } from './builder.js';
import type { Piece } from './prose.js';
import type { ExtractInput } from './types.js';
import { canonicalVulnType, findCwes, findVulnTypes, vulnTypeForCwe } from './vuln-types.js';

/** Type: from the title/subject first (it names the main issue), then the text, then the CWE. */
export function vulnTypeOfText(b: Builder, input: ExtractInput, prose: Piece[], cwes: ReturnType<typeof findCwes>): void {
  if (b.fields.vulnType) return;
  const text = b.text;
  const t = b.fields.title ? canonicalVulnType(b.fields.title.value) : undefined;
  const s = input.subject ? canonicalVulnType(input.subject) : undefined;
  const hit = findVulnTypes(prose.map((p) => p.text).join('\n'), true)[0];
  const inText = hit ? findVulnTypes(text, true).find((h) => h.name === hit.name) : undefined;
  // A title that names only code execution ("Remote code execution vulnerability") gives way to the
  // cause the first sentence about it names ("the upload file parameter is vulnerable to remote code execution").
  const cause = (t ?? s) === 'remote code execution' ? causeOfExecution(prose) : undefined;
  if (cause) set(b, 'vulnType', cause.name, [span(cause.start, cause.end)]);
  else if (t) set(b, 'vulnType', t, b.fields.title!.sources);
  else if (s) set(b, 'vulnType', s, [{ header: 'subject' }]);
  else if (inText) set(b, 'vulnType', inText.name, [span(inText.index, inText.index + inText.length)]);
  else if (cwes[0] && vulnTypeForCwe(cwes[0].id)) set(b, 'vulnType', vulnTypeForCwe(cwes[0].id)!, [span(cwes[0].index, cwes[0].index + cwes[0].length)]);
}

/** The flaw that one of the first sentences naming code execution gives as its way in (the title's own line names none). */
function causeOfExecution(prose: Piece[]): { name: string; start: number; end: number } | undefined {
  const naming = prose.filter((p) => findVulnTypes(p.text).some((h) => h.name === 'remote code execution')).slice(0, CAUSE_SENTENCES);
  for (const p of naming) {
    const name = canonicalVulnType(p.text);
    if (name && name !== 'remote code execution') return { name, start: p.start, end: p.end };
  }
  return undefined;
}
/** Sentences naming code execution read for its cause: the report's opening ones, not a later aside. */
const CAUSE_SENTENCES = 3;
