/**
 * The verb that makes a line a sentence rather than a title or heading: section-title.ts (a Summary
 * line that is a title) and multiple.ts (a '#' line that is a comment's sentence) read lines by it.
 * Pure data; matched against single lines of untrusted text.
 */
/** A verb of a sentence about the flaw ("A SQL injection vulnerability is found with …"): a title names it without one. */
export const SENTENCE_VERB =
  /\b(?:is|are|was|were|has|have|had|can|could|may|might|will|would|allows?|exists?|found|does|do|did|uses?|lets?|requires?|needs?|leads?|results?|causes?|makes?|gives?|gets?|triggers?)\b/i;
