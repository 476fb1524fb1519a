/**
 * An issue template's placeholder left as it was ("(paste logs here)", "<insert output
 * here>", "Add any other context about the problem here."), or a section that only offers
 * its content ("Request me this section if you need complete instruction."): the reporter
 * gave nothing there: a placeholder is neither a PoC (poc-fields.ts) nor a step
 * (imperative-steps.ts), an offer neither a step nor a section's value (section-fields.ts).
 * Pure; the input is one block or sentence of report text (untrusted), matched by bounded
 * regexes.
 */
const PLACEHOLDER = /^[\s(<[]{0,3}(?:paste|insert|add|put|enter|include|attach)\b[^\n]{0,60}\bhere\b[\s.)>\]]{0,3}$/i;

export function isTemplatePlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim());
}

/** Offered, not given: "Request me this section if you need …", "Available on request", "Will be provided upon request". */
const ON_REQUEST =
  /^\W*(?:(?:please[ \t]+)?(?:request|ask|contact|email|message|ping)[ \t]+(?:me|us)\b[^.\n]{0,60}?\b(?:if[ \t]+you[ \t]+(?:need|want|would[ \t]+like)|for[ \t]+(?:it|more|the[ \t]+(?:details|poc|code|exploit|steps)))|(?:(?:will|can|could)[ \t]+(?:be[ \t]+)?(?:provided?|shared?|sent|send)|(?:is[ \t]+|are[ \t]+)?available)[ \t]+(?:up)?on[ \t]+request)\b[^\n:=\/<>{}$`'"]{0,60}$/i;

/** A short text that only offers what it stands for, and holds nothing else (no command, path or code). */
export function isOnlyOffered(text: string): boolean {
  return text.length < 200 && ON_REQUEST.test(text.trim());
}
