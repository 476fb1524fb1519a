/**
 * Loads the public keys of the team members named in the config (`team:`). They
 * encrypt the mail sent to members (reminders, digests) and verify the signatures on
 * their emailed commands. Key files are operator-supplied and trusted for content,
 * but a key must carry a user ID with the member's address: a command is accepted
 * only when the signing key and the From address agree, so a mismatch here would
 * lock the member out, or worse, let one member's key speak for another.
 */
import { readFileSync } from 'node:fs';
import * as openpgp from 'openpgp';
import type { TeamMember } from '../config/load.js';
import { SectriageError } from '../errors.js';

export interface TeamMemberKey {
  name: string;
  email: string;
  /** Absent when the member has no publicKey in the config. */
  key?: openpgp.PublicKey;
  fingerprint?: string;
}

export function keyEmails(key: openpgp.Key): string[] {
  return key.users.map((u) => u.userID?.email?.toLowerCase()).filter((e): e is string => Boolean(e));
}

export async function loadTeamMemberKeys(team: TeamMember[]): Promise<TeamMemberKey[]> {
  const out: TeamMemberKey[] = [];
  for (const m of team) {
    if (!m.publicKey) {
      out.push({ name: m.name, email: m.email });
      continue;
    }
    let armored: string;
    try {
      armored = readFileSync(m.publicKey, 'utf8');
    } catch (cause) {
      throw new SectriageError('KEY_UNREADABLE', `cannot read the public key of team member ${m.name} (${m.publicKey}): ${(cause as Error).message}`, {
        cause,
      });
    }
    let key: openpgp.PublicKey;
    try {
      key = await openpgp.readKey({ armoredKey: armored });
    } catch (cause) {
      throw new SectriageError('KEY_UNREADABLE', `${m.publicKey} (team member ${m.name}) holds no readable OpenPGP public key: ${(cause as Error).message}`, {
        cause,
      });
    }
    if (key.isPrivate()) {
      throw new SectriageError(
        'KEY_UNREADABLE',
        `${m.publicKey} (team member ${m.name}) is a secret key: export only the public key (gpg --export --armor ${m.email})`,
      );
    }
    if (!keyEmails(key).includes(m.email)) {
      throw new SectriageError(
        'KEY_MISMATCH',
        `the key in ${m.publicKey} has no user ID with ${m.email} (team member ${m.name}): use the member's own key, or fix their email in the config`,
      );
    }
    out.push({ name: m.name, email: m.email, key, fingerprint: key.getFingerprint().toUpperCase() });
  }
  return out;
}
