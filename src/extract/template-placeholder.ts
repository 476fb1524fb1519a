/**
 * An issue template's placeholder left as it was ("(paste logs here)", "<insert output
 * here>", "Add any other context about the problem here."): the reporter gave nothing
 * there, so it is neither a PoC (poc-fields.ts) nor a step (imperative-steps.ts). Pure;
 * the input is one block or sentence of report text (untrusted), matched by one bounded regex.
 */
const PLACEHOLDER = /^[\s(<[]{0,3}(?:paste|insert|add|put|enter|include|attach)\b[^\n]{0,60}\bhere\b[\s.)>\]]{0,3}$/i;

export function isTemplatePlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text.trim());
}
