/**
 * The facts decide() reads, taken from an opened message and its spool entry, and
 * the one rule of what is a team command mail. Pure.
 */
import { automaticKind } from '../classify/automatic.js';
import { findTrackingIds } from '../cases/model/tracking-id.js';
import type { OpenedMessage } from '../open/open-message.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import { hasCommands } from '../team/parse-commands.js';
import type { MessageFacts } from './decide.js';

/**
 * Whether a mail from a team member's address is a command mail: it holds /command
 * lines, or it could not be decrypted (then it may be one: it is held as a command and
 * requeued as one, never filed as a report or a reporter's follow-up). The ONLY place
 * this is decided: process.ts verifies exactly the mails this says yes to, and decide()
 * routes exactly those to the command path, so the two can never disagree.
 */
export function isCommandMail(opened: OpenedMessage, fromTeamMember: boolean): boolean {
  return fromTeamMember && (hasCommands(`${opened.text}\n${opened.unencryptedText}`) || opened.encryption === 'undecryptable');
}

export function messageFacts(
  opened: OpenedMessage,
  raw: Buffer,
  m: { ourAddresses: string[]; trackingPrefix: string; teamAddresses: string[]; isCommand: boolean; requeue?: MessageFacts['requeue'] },
): MessageFacts {
  const from = opened.from?.address ?? null;
  return {
    messageId: normaliseMessageId(opened.outer.messageId) ?? null,
    thread: threadIds(opened.outer),
    // A bounce names our Message-ID in its attached original, not always in References.
    namedOurIds: raw.toString('latin1').match(/<sectriage\.\d+\.[0-9a-f]+@[^<>\s]+>/g) ?? [],
    automatic: automaticKind(opened.outer, m.ourAddresses) ?? null,
    from,
    payloadHashes: opened.payloadHashes,
    trackingIds: findTrackingIds(`${opened.outer.subject ?? ''} ${opened.subject}`, m.trackingPrefix),
    fromTeamMember: from !== null && m.teamAddresses.includes(from),
    isCommand: m.isCommand,
    undecryptable: opened.encryption === 'undecryptable',
    requeue: m.requeue,
  };
}
