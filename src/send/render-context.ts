/**
 * What rendering an outbox row needs (outbox/render.ts): our From, the team keys, and the
 * keys to encrypt to, looked up when a row is rendered: a reporter's pinned key from the
 * database (read-only is enough), a team member's from the config's team keyring. Built
 * the same way by the daemon and by the open workers that render a backlog's replies.
 */
import type * as openpgp from 'openpgp';
import { reporterKeyByFingerprint } from '../cases/store/reporter-keys.js';
import type { Db } from '../db/open.js';
import type { TeamKeys } from '../open/team-keys.js';
import type { TeamMemberKey } from '../open/team-members.js';
import type { RenderContext } from '../outbox/render.js';

export function renderContext(from: string, teamAddress: string, teamKeys: TeamKeys, teamMembers: TeamMemberKey[], db: Db): RenderContext {
  return {
    from,
    teamAddress,
    teamKeys,
    reporterKey: async (fpr): Promise<openpgp.PublicKey | undefined> =>
      (await reporterKeyByFingerprint(db, fpr)) ?? teamMembers.find((m) => m.fingerprint === fpr)?.key,
    memberKey: async (email) => teamMembers.find((m) => m.email === email.toLowerCase())?.key,
  };
}
