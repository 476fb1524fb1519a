/**
 * The per-sender cap on automatic replies (RFC 3834 §2), as it applies to the first
 * acknowledgement of a new report. The cap is loop protection: it used to drop the
 * acknowledgement of a researcher's sixth genuine report of the day. Now a distinct new
 * report from a sender that is not a machine (the caller has already checked
 * Auto-Submitted, list, bulk and Return-Path headers) is acknowledged past the cap, up
 * to a hard ceiling that still stops a loop; the team is told either way. Pure.
 */
export type CapDecision =
  /** Under the cap: reply as always. */
  | { reply: true; overCap: false }
  /** Past the cap, but a distinct new report: reply, and say so in the log. */
  | { reply: true; overCap: true }
  /** No reply: the same text again, or the hard ceiling. */
  | { reply: false; why: 'repeated_report' | 'hard_limit' };

export interface CapFacts {
  /** Automatic replies to this sender in the window. */
  recentReplies: number;
  /** Whether this report's text is new among the sender's reports in the window. */
  distinct: boolean;
  limit: number;
  hardLimit: number;
}

export function replyCap(f: CapFacts): CapDecision {
  if (f.recentReplies < f.limit) return { reply: true, overCap: false };
  if (f.recentReplies >= f.hardLimit) return { reply: false, why: 'hard_limit' };
  return f.distinct ? { reply: true, overCap: true } : { reply: false, why: 'repeated_report' };
}

/** A report's text as compared for "the same report again": case, spacing and quoting ignored. */
export function reportFingerprint(subject: string | null | undefined, text: string): string {
  const body = text
    .split('\n')
    .filter((l) => !/^\s*>/.test(l))
    .join(' ');
  return `${subject ?? ''} ${body}`.toLowerCase().replace(/\s+/g, ' ').trim();
}
