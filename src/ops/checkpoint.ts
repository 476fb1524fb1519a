/**
 * A checkpoint of the event log: its head (cases/store/audit-head.ts) as text
 * clear-signed by the team key. Anyone holding the team's public key can check it with
 * gpg --verify and keep it off the host (a ticket, a wiki page, a daily mail); with it,
 * `audit verify --head` proves the log was not rewritten since. Input: our own head.
 */
import * as openpgp from 'openpgp';
import { formatAuditHead, type AuditHead } from '../cases/store/audit-head.js';

/** The clear-signed checkpoint text for `head`, made at `now`. */
export async function signedCheckpoint(head: AuditHead, key: openpgp.PrivateKey, now: Date): Promise<string> {
  const text = [
    'sectriage event log checkpoint',
    `At: ${now.toISOString()}`,
    `Events: ${head.count}`,
    `Head: ${formatAuditHead(head)}`,
    `Check: sectriage audit verify --head ${formatAuditHead(head)}`,
    '',
  ].join('\n');
  return openpgp.sign({ message: await openpgp.createCleartextMessage({ text }), signingKeys: key, date: now });
}
