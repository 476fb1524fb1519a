/**
 * Decides what an opened message is, from facts about it and read-only lookups: a
 * redelivery, automatic mail (bounce, auto-reply, our own), a team command, a team
 * member's mail about a case, a follow-up on a case, or a new report (possibly linked
 * to a case it names but may not join); for a held message put back by `requeue`,
 * the same report or follow-up it was on arrival, continued. Pure: no I/O, so every
 * rule is tested in memory (decide.test.ts).
 *
 * Identity before trust: a message joins a case only when it threads to one of OUR
 * Message-IDs, or comes from the case's reporter and threads to their earlier mail or
 * names the tracking ID. Mail from a team address that is a command (process.ts
 * decides that once, isCommandMail) is never a report.
 */
import type { Automatic } from '../classify/automatic.js';

export interface MessageFacts {
  /** Outer Message-ID, normalised. */
  messageId: string | null;
  /** In-Reply-To and References, normalised. */
  thread: string[];
  /** Our own Message-IDs quoted anywhere in the raw bytes (a bounce's attached original). */
  namedOurIds: string[];
  automatic: Automatic | null;
  /** The envelope From address, if usable. */
  from: string | null;
  payloadHashes: string[];
  /** Tracking IDs named in the subjects (outer, then protected), in order. */
  trackingIds: string[];
  fromTeamMember: boolean;
  /** isCommandMail(): decided once, before verification, and only read here. */
  isCommand: boolean;
  undecryptable: boolean;
  /** Set when `requeue` put a held entry back: the case and message it made on arrival. */
  requeue?: { caseId: number; disposition: string; messageRowId: number | undefined } | undefined;
}

export interface Lookups {
  caseForInboundMessageId(messageId: string): number | undefined;
  caseForOurMessageIds(ids: string[]): number | undefined;
  caseForReporterThread(ids: string[], from: string): number | undefined;
  /** The first inbound message that carried one of these ciphertexts (other than `exceptMessageRowId`). */
  firstWithPayload(hashes: string[], exceptMessageRowId?: number): { caseId: number; from: string | null } | undefined;
  reporterOf(caseId: number): string | undefined;
  caseByTrackingId(trackingId: string): { id: number; reporter: string } | undefined;
}

/** For a requeued entry: the case and message row to continue instead of making new ones. */
export type Reopen = { caseId: number; messageRowId: number | undefined };

export type Decision =
  | { kind: 'duplicate'; caseId: number }
  | { kind: 'automatic'; automatic: Automatic; caseId: number | null }
  | { kind: 'unattributable' }
  | { kind: 'team_command' }
  | { kind: 'team_mail'; caseId: number }
  | { kind: 'followup'; caseId: number; reopen?: Reopen }
  | { kind: 'new'; relatedCaseId: number | null; replayOf?: number; reopen?: Reopen }
  | { kind: 'still_held'; caseId: number; disposition: string };

export function decide(f: MessageFacts, q: Lookups): Decision {
  if (f.requeue) return decideRequeued(f, f.requeue, q);
  if (f.messageId) {
    const dup = q.caseForInboundMessageId(f.messageId);
    if (dup !== undefined) return { kind: 'duplicate', caseId: dup };
  }
  if (f.automatic) return { kind: 'automatic', automatic: f.automatic, caseId: q.caseForOurMessageIds([...f.thread, ...f.namedOurIds]) ?? null };
  const from = f.from;
  if (!from || !from.includes('@')) return { kind: 'unattributable' };
  if (f.isCommand) return { kind: 'team_command' };
  // The same ciphertext again: from its sender it is a redelivery. From anyone else it
  // may be someone replaying a report they could not read, hoping we echo it (Efail's
  // reply oracle), or the real reporter whose mail an attacker sent first. So it is kept
  // as a new case linked to the first, both flagged; its reply names only the tracking ID.
  const first = q.firstWithPayload(f.payloadHashes);
  if (first) return first.from === from ? { kind: 'duplicate', caseId: first.caseId } : { kind: 'new', relatedCaseId: first.caseId, replayOf: first.caseId };
  // A team member answering our reminders, digests or notices is not the reporter
  // writing back: it must not restart a paused clock or add to the report.
  const viaOurs = q.caseForOurMessageIds(f.thread);
  if (viaOurs !== undefined)
    return f.fromTeamMember && q.reporterOf(viaOurs) !== from ? { kind: 'team_mail', caseId: viaOurs } : { kind: 'followup', caseId: viaOurs };
  const viaReporter = q.caseForReporterThread(f.thread, from);
  if (viaReporter !== undefined) return { kind: 'followup', caseId: viaReporter };
  for (const id of f.trackingIds) {
    const c = q.caseByTrackingId(id);
    if (!c) continue;
    if (c.reporter === from) return { kind: 'followup', caseId: c.id };
    if (f.fromTeamMember) return { kind: 'team_mail', caseId: c.id };
    return { kind: 'new', relatedCaseId: c.id };
  }
  return { kind: 'new', relatedCaseId: null };
}

/** A held message that `requeue` put back continues as what it was on arrival. */
function decideRequeued(f: MessageFacts, r: NonNullable<MessageFacts['requeue']>, q: Lookups): Decision {
  if (f.undecryptable) return { kind: 'still_held', caseId: r.caseId, disposition: r.disposition };
  const reopen = { caseId: r.caseId, messageRowId: r.messageRowId };
  if (r.disposition !== 'new_case') return { kind: 'followup', caseId: r.caseId, reopen };
  // Looked up past this message's own row: the same ciphertext, sent first by someone else.
  const first = q.firstWithPayload(f.payloadHashes, r.messageRowId);
  const replayOf = first && first.caseId !== r.caseId && first.from !== f.from ? first.caseId : undefined;
  return { kind: 'new', relatedCaseId: replayOf ?? null, ...(replayOf !== undefined ? { replayOf } : {}), reopen };
}
