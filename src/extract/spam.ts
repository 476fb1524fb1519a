/**
 * Is this mail a security report at all? Counts marketing and bounty-begging
 * markers against the security content the extractor found. A signal for the team
 * (shown on the case), never a reason to drop mail: every message still becomes a case.
 */

const MARKETING =
  /\b(?:seo|backlinks?|guest post(?:ing)?|web ?design(?:ing)?|(?:first|top) page of google|google ranking|digital marketing|marketing services?|lead generation|special offer|discount|casino|betting|crypto(?:currency)? (?:investment|trading)|forex|investment opportunit\w+|loan|viagra|cialis|unsubscribe|dear (?:sir|madam|sir\/madam|website owner|business owner)|business proposal|our (?:agency|company) (?:can|offers?|provides?)|increase (?:your )?(?:traffic|sales)|wordpress (?:development|maintenance) services?|app development services?|free (?:quote|audit|consultation)|hire (?:us|me)|outsourc\w+|pricing plans?|per month|limited time)\b/gi;
const BEG = /\b(?:bug bounty|bounty program|reward|paid|payment|compensat\w+|how much (?:will|would|do) you pay|financial)\b/gi;
const VAGUE =
  /\b(?:found (?:a |some |several )?(?:critical |serious |severe )?(?:vulnerabilit(?:y|ies)|bugs?|issues?|security (?:issue|flaw)s?) (?:in|on) your (?:website|site|domain|system)|before i (?:share|disclose|send) (?:the )?details)\b/gi;

export function spamSignal(text: string, securityFieldCount: number): { likely: boolean; score: number; reasons: string[] } {
  const reasons: string[] = [];
  const marketing = new Set([...text.matchAll(MARKETING)].map((m) => m[0].toLowerCase())).size;
  const beg = [...text.matchAll(BEG)].length;
  const vague = [...text.matchAll(VAGUE)].length;
  if (marketing) reasons.push(`marketing words (${marketing})`);
  if (beg && securityFieldCount < 2) reasons.push('asks about payment without technical detail');
  if (vague && securityFieldCount < 2) reasons.push('claims a vulnerability without naming it');
  if (securityFieldCount === 0) reasons.push('no security content found');
  // One marketing word can be the subject of a real report (an unsubscribe link bug); two cannot.
  const score =
    (marketing >= 2 ? marketing * 2 : marketing) +
    (beg && securityFieldCount < 2 ? 2 : 0) +
    (vague && securityFieldCount < 2 ? 1 : 0) +
    (securityFieldCount === 0 ? 1 : 0) -
    securityFieldCount * 2;
  return { likely: score >= 3, score, reasons };
}
