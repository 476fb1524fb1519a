/**
 * The states a case moves through, its closing resolutions and its flags: the one
 * vocabulary shared by the CLI, emailed commands, the deadline engine and the digest.
 *
 * Events that other stages read (type → data), all appended with appendEvent:
 *   report_received   { trackingId, policy, ... }        the clock starts at its `at`
 *   mail_sent         { outboxId, kind, messageId }      kind 'ack' satisfies the
 *                                                        auto-acknowledgement; 'team_reply'
 *                                                        is a team reply to the reporter
 *   state_changed     { from, to, resolution?, duplicateOf?, note? }
 *   flag_set          { flag, value }                    flag in CASE_FLAGS; embargo value is an ISO date or null
 *   followup_received { ... }                            the reporter wrote again
 *   fields_extracted  { fields, missing, parts?, spamLikely?, duplicateCandidates? }  a new report was read into fields
 *   fields_updated    { fields, spoolId }                a follow-up supplied fields the case lacked
 */
export const CASE_STATES = ['received', 'needs_info', 'triaged', 'fixing', 'fix_released', 'disclosed', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/**
 * The states of a case the team still works: every state but closed. `cases list` shows
 * these unless told otherwise, as a tracker's list shows open issues: on a long-lived
 * inbox most cases are closed, and a list of all of them buries the live ones.
 */
export const ACTIVE_STATES: readonly CaseState[] = CASE_STATES.filter((s) => s !== 'closed');

/** While a case is in one of these states the policy clock is paused (waiting on the reporter). */
export const PAUSED_STATES: readonly CaseState[] = ['needs_info'];

export const RESOLUTIONS = ['resolved', 'duplicate', 'informative', 'not_applicable', 'spam', 'wont_fix', 'no_response'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

export const CASE_FLAGS = ['exploited', 'public', 'on_hold', 'embargo'] as const;
export type CaseFlag = (typeof CASE_FLAGS)[number];

export function isCaseState(s: string): s is CaseState {
  return (CASE_STATES as readonly string[]).includes(s);
}
