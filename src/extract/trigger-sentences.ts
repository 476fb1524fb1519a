/**
 * The sentences that tell how a flaw is set off, where a report has no list of steps and no imperative: "can be
 * triggered by sending …", "To reproduce the issue, …", "By executing a POST request to …, the key is reset", "If an
 * attacker sets …". prose-fields.ts reads the steps from them. Pure; the patterns are matched against one sentence of
 * report text (untrusted) each, bounded.
 */

/**
 * The sentence that tells the attack as what is done and what follows: "By executing an HTTP POST request to
 * `/en/main/reset_api_key`, the API key is reset", "If an attacker sets the p2c parameter to a very large number, …".
 * An action on something, not a state ("If the attacker is logged in", "By default, …").
 */
const ATTACKER_ACTS =
  /^[\s>*•-]*(?:by\s+(?:simply\s+|just\s+)?(?:sending|executing|issuing|adding|appending|browsing|visiting|navigating|uploading|setting|changing|modifying|submitting|requesting|calling|injecting|crafting|creating|entering|inserting|opening|clicking|replacing|tampering)\b[^.\n]{3,160},|(?:if|when|once)\s+(?:an?\s+|the\s+)?(?:attacker|user|adversary|malicious\s+(?:user|actor))\s+(?:sends|sets|submits|uploads|creates|visits|opens|adds|changes|modifies|enters|inserts|injects|crafts|requests|calls|clicks|posts|comments)\b)/i;
/**
 * A sentence that says what sets the flaw off, by an action ("The user can trigger an infinite
 * loop by creating a symlink", "can be triggered by repeatedly sending the following response",
 * "To trigger the vulnerability, …"): not who can ("can be triggered by any user").
 */
export const TRIGGERED_BY = new RegExp(
  String.raw`\b(?:(?:can|could|may|might|is|are)\s+(?:be\s+)?(?:easily\s+)?(?:triggered|reproduced)|can\s+(?:easily\s+)?trigger)\b[^.\n]{0,120}?\bby\s+(?:\w+ly\s+)?(?!(?:any|some|no|every)thing\b)\w+ing\b|^\W*(?:in order\s+)?to\s+(?:trigger|reproduce|exploit)\s+(?:the|this)\s+(?:vulnerability|issue|bug|crash|flaw)\b|^\W*for\s+(?:a|the)\s+(?:proof[\s-]of[\s-]concept|poc)\b|${ATTACKER_ACTS.source}`,
  'i',
);

/** A sentence about the form or the policy a report was sent with, or a workaround: no attack. */
export const NOT_AN_ATTACK = /\byou agree\b|\b(?:terms of (?:service|use)|privacy policy|disclosure policy)\b|\buntil a (?:fix|patch)\b/i;

/** A trigger sentence that opens on the exploit and says what is done. */
export const LEADS_THE_STEPS = /^\W*(?:(?:in order\s+)?to\s+(?:trigger|reproduce|exploit)|for\s+(?:a|the)\s+(?:proof|poc))/i;
/** One that only leads in: to a list ("follow these steps:"), a video, or a precondition ("needs a low-privileged account", "please use two accounts"). */
export const ONLY_LEADS_IN =
  /:\s*$|\bfollow(?:ing)?\s+(?:these\s+|the\s+)?steps\b|\b(?:see|watch)\s+the\s+attached\b|\b(?:needs?|requires?|must\s+have)\s+(?:a|an|to\s+(?:have|be))\b|\b(?:please\s+)?(?:use|have|prepare|set\s+up)\s+(?:two|2|three|3|several|multiple)\s+(?:accounts|users|browsers|sessions)\b|\byou\s+(?:will\s+)?need\b/i;
