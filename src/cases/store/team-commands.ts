/**
 * Every mail that looked like a team command, with what became of it (migration
 * 0004). Rejections change no case, so they are logged here (and answered), not in
 * the event log. Only our codes and the command names are stored, never command text.
 */
import type { Db } from '../../db/open.js';

export interface CommandLogEntry {
  spoolId: number;
  at: Date;
  from: string;
  member: string;
  signerFingerprint: string | null;
  caseId: number | null;
  outcome: 'accepted' | 'rejected';
  reason: string | null;
  commands: string[];
  signedHash: string | null;
}

export function logCommandMail(db: Db, e: CommandLogEntry): void {
  db.prepare(
    'INSERT INTO team_commands (spool_id, at, from_addr, member, signer_fingerprint, case_id, outcome, reason, commands, signed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(e.spoolId, e.at.toISOString(), e.from, e.member, e.signerFingerprint, e.caseId, e.outcome, e.reason, JSON.stringify(e.commands), e.signedHash);
}

/** Whether this signed content (signer and text) was already carried out: a replay. */
export function signedCommandSeen(db: Db, signedHash: string): boolean {
  return db.prepare("SELECT 1 FROM team_commands WHERE signed_sha256 = ? AND outcome = 'accepted'").get(signedHash) !== undefined;
}
