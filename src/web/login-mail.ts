/**
 * Mails a login link to a member through the outbox: rendered here with the same renderMail
 * every mail goes through (signed by the team key, encrypted to the member's key, which is
 * given as encryptTo so it is never sent plain), then written as an outbox row that holds
 * the encrypted bytes and params WITHOUT the link (outbox-rendered.ts), and sent by the
 * outbox's sender. The link itself is never logged nor stored in clear.
 */
import { randomBytes } from 'node:crypto';
import { enqueueRendered } from '../cases/store/outbox-rendered.js';
import type { TeamMember } from '../config/load.js';
import type { Db } from '../db/open.js';
import { SectriageError } from '../errors.js';
import { loadTeamMemberKeys, type TeamMemberKey } from '../open/team-members.js';
import { renderMail, type RenderContext } from '../outbox/render.js';
import type { LoginLinkParams } from '../outbox/templates-web.js';

export interface LoginMailDeps {
  db: Db;
  /** The render context (send/render-context.ts) with these member keys to encrypt to. */
  renderWith(memberKeys: TeamMemberKey[]): RenderContext;
  teamAddress: string;
  timezone: string;
  now(): Date;
  kickOutbox(): void;
}

export async function mailLoginLink(deps: LoginMailDeps, member: TeamMember, url: string, expiresAt: Date): Promise<number> {
  // The member's key as the config names it now (a member added since start-up has one too).
  const [key] = await loadTeamMemberKeys([member]);
  if (!key?.fingerprint) throw new SectriageError('KEY_UNREADABLE', `team member ${member.name} has no key to encrypt a login link to`);
  const at = deps.now();
  const messageId = `<sectriage.login.${randomBytes(9).toString('hex')}@${deps.teamAddress.split('@')[1] as string}>`;
  const params: LoginLinkParams = {
    kind: 'login_link',
    to: member.email,
    toName: member.name,
    encryptTo: key.fingerprint,
    teamAddress: deps.teamAddress,
    timezone: deps.timezone,
    member: member.name,
    expiresAt: expiresAt.toISOString(),
  };
  const raw = await renderMail({ ...params, url, messageId, date: at.toISOString() }, false, deps.renderWith([key]));
  const id = deps.db
    .transaction(() => enqueueRendered(deps.db, { kind: 'login_link', to: member.email, envelopeFrom: deps.teamAddress, messageId, params, raw, at }))
    .immediate();
  deps.kickOutbox();
  return id;
}
