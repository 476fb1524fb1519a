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

const OUR_ID = /<sectriage\.\d+\.[0-9a-f]+@[^<>\s]+>/y;
const OUR_ID_START = Buffer.from('<sectriage.', 'latin1');
/** Longest of our Message-IDs looked for: ours are ~60 bytes; a longer match is no ID of ours. */
const OUR_ID_MAX = 1024;

/**
 * Our Message-IDs anywhere in the raw bytes, as /<sectriage\.\d+\.[0-9a-f]+@[^<>\s]+>/g finds
 * them in its latin1 text, but reading only the bytes at each "<sectriage." instead of turning
 * the whole message (70 MiB for a big PoC, issue 11) into one string.
 */
export function ourIdsIn(raw: Buffer): string[] {
  const found: string[] = [];
  for (let at = raw.indexOf(OUR_ID_START); at >= 0;) {
    const window = raw.toString('latin1', at, Math.min(raw.length, at + OUR_ID_MAX));
    OUR_ID.lastIndex = 0;
    const m = OUR_ID.exec(window);
    if (m) found.push(m[0]);
    at = raw.indexOf(OUR_ID_START, at + (m ? m[0].length : 1));
  }
  return found;
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
    namedOurIds: ourIdsIn(raw),
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
