/**
 * Decides what an opened message is: a redelivery, automatic mail (bounce,
 * auto-reply, our own), a follow-up on a case, or a new report (possibly linked to a
 * case it names but may not join). Identity before trust: a message joins a case only
 * when it threads to one of OUR Message-IDs, or comes from the case's reporter and
 * threads to their earlier mail or names the tracking ID. Mail with /commands from a
 * team member's address is a team command. Reads the database, writes nothing.
 */
import type { Db } from '../db/open.js';
import { automaticKind, type Automatic } from '../classify/automatic.js';
import { caseForInboundMessageId, caseForOurMessageIds, caseForReporterThread, getCase, messageWithPayload } from '../cases/store/cases.js';
import { findTrackingIds } from '../cases/model/tracking-id.js';
import type { OpenedMessage } from '../open/open-message.js';
import { hasCommands } from '../team/parse-commands.js';

export type Route =
  | { kind: 'duplicate'; caseId: number }
  | { kind: 'automatic'; automatic: Automatic; caseId: number | null }
  | { kind: 'unattributable' }
  | { kind: 'followup'; caseId: number }
  | { kind: 'team_command' }
  | { kind: 'team_mail'; caseId: number }
  | { kind: 'new'; relatedCaseId: number | null; replayOf?: number };

export function route(
  db: Db,
  opened: OpenedMessage,
  m: { messageId: string | null; thread: string[]; raw: Buffer; ourAddresses: string[]; trackingPrefix: string; teamAddresses?: string[] },
): Route {
  if (m.messageId) {
    const dup = caseForInboundMessageId(db, m.messageId);
    if (dup !== undefined) return { kind: 'duplicate', caseId: dup };
  }
  const automatic = automaticKind(opened.outer, m.ourAddresses);
  if (automatic) {
    // A bounce names our Message-ID in its attached original, not always in References.
    const named = m.raw.toString('latin1').match(/<sectriage\.\d+\.[0-9a-f]+@[^<>\s]+>/g) ?? [];
    return { kind: 'automatic', automatic, caseId: caseForOurMessageIds(db, [...m.thread, ...named]) ?? null };
  }
  const from = opened.from?.address;
  if (!from || !from.includes('@')) return { kind: 'unattributable' };
  // Commands from a team member's address: never a report, whether or not the
  // signature holds (team/verify-command.ts decides that, and refuses with a reason).
  // Mail from a team address that cannot be decrypted may be a command too: it is held
  // as one (and requeued as one), never filed as a report or a reporter's follow-up.
  const isTeam = m.teamAddresses?.includes(from) ?? false;
  if (isTeam && (hasCommands(`${opened.text}\n${opened.unencryptedText}`) || opened.encryption === 'undecryptable')) return { kind: 'team_command' };
  // The same ciphertext again: from its sender it is a redelivery. From anyone else it
  // may be someone replaying a report they could not read, hoping we echo it (Efail's
  // reply oracle), or the real reporter whose mail an attacker sent first. So it is kept
  // as a new case linked to the first, both flagged; its reply names only the tracking ID.
  {
    const first = messageWithPayload(db, opened.payloadHashes);
    if (first) return first.from_addr === from ? { kind: 'duplicate', caseId: first.case_id } : { kind: 'new', relatedCaseId: first.case_id, replayOf: first.case_id };
  }
  // A team member answering our reminders, digests or notices is not the reporter
  // writing back: it must not restart a paused clock or add to the report.
  const viaOurs = caseForOurMessageIds(db, m.thread);
  if (viaOurs !== undefined) return isTeam && getCase(db, viaOurs)?.reporter_email !== from ? { kind: 'team_mail', caseId: viaOurs } : { kind: 'followup', caseId: viaOurs };
  const viaReporter = caseForReporterThread(db, m.thread, from);
  if (viaReporter !== undefined) return { kind: 'followup', caseId: viaReporter };
  const named = findTrackingIds(`${opened.outer.subject ?? ''} ${opened.subject}`, m.trackingPrefix);
  for (const id of named) {
    const c = getCase(db, id);
    if (!c) continue;
    if (c.reporter_email === from) return { kind: 'followup', caseId: c.id };
    if (isTeam) return { kind: 'team_mail', caseId: c.id };
    return { kind: 'new', relatedCaseId: c.id };
  }
  return { kind: 'new', relatedCaseId: null };
}
