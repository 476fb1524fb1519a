/**
 * What a prose piece is besides a sentence: a heading alone on its line, or code pasted without a
 * fence. Neither is the value of a long-text field (impact, steps, …), though a heading still names
 * the class of its part. Pure; the input is a piece of report text (untrusted), matched by bounded
 * regexes.
 */
/**
 * Whether a piece is code pasted without a fence (a Java method between single backticks, a
 * line of PHP): two or more of its lines end as statements do ("{", "}", ";"), or its
 * brackets, braces and semicolons are more than a tenth of it. Such a piece tells no impact.
 */
export function mostlyCode(piece: string): boolean {
  const statementEnds = piece.match(/[{};][ \t]*(?:\n|$)/g)?.length ?? 0;
  const marks = piece.match(/[{}();=<>[\]]/g)?.length ?? 0;
  return statementEnds >= 2 || (piece.length >= 40 && marks / piece.length > 0.1);
}

/** A Markdown heading, a bold label or a boxed title ("+ Description +") on a line of its own, and nothing else: no value of a long-text field. */
export function isHeadingAlone(piece: string): boolean {
  // A heading that is a sentence ("**Any user can delete the accounts of other users.**", "### An attacker can take over
  // any account") still states something.
  return (
    HEADING_ALONE.test(piece) &&
    !/^\*\*.*[.!]\*\*$|^(?:\*\*|#{1,6}\s+)(?:an?\s+|any\s+|the\s+)?(?:attackers?|users?|adversar(?:y|ies)|anyone)\s+(?:can|could|may|might|will|is able)\b/i.test(
      piece,
    )
  );
}
const HEADING_ALONE = /^(?:#{1,6}[ \t][^\n]{0,200}|\*\*(?![^*\n]*:\/\/)[^*\n]{1,60}\*\*:?|\+[ \t]+[^+\n]{1,60}[ \t]+\+)$/;
