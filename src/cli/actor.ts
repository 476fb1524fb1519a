/**
 * Who a CLI action is recorded as. Under `sudo -u sectriage` every member would be
 * `cli:sectriage`; the record needs the person. The order: `--as NAME` (checked
 * against the team list), else the person sudo names (SUDO_USER, which sudo sets and
 * the caller cannot choose without being that user), else the Unix user. A name that
 * is a team member's handle is written as that handle, so `cli:alice` and `web:alice`
 * are one person in the log. Input: the operator's --as text and the process
 * environment; --as is checked, never trusted.
 */
import { userInfo } from 'node:os';
import type { Actor } from '../cases/model/events.js';
import { SectriageError } from '../errors.js';

export interface ActorSources {
  /** The --as option, if given. */
  as?: string | undefined;
  /** The team members' handles (config team:). */
  team: ReadonlyArray<{ name: string }>;
  /** SUDO_USER, when the command runs under sudo. */
  sudoUser?: string | undefined;
  /** The Unix user the process runs as. */
  unixUser: string;
}

const memberNamed = (team: ActorSources['team'], name: string): string | undefined =>
  team.find((m) => m.name.toLowerCase() === name.trim().toLowerCase())?.name;

/** The actor a CLI action is recorded as; throws USAGE when --as names no member or contradicts sudo. */
export function resolveCliActor(s: ActorSources): Actor {
  // root's own sudo (sudo -i, then sudo again) says nothing about the person.
  const sudo = s.sudoUser && s.sudoUser !== 'root' ? s.sudoUser : undefined;
  if (s.as !== undefined) {
    const member = memberNamed(s.team, s.as);
    if (!member) {
      const names = s.team.map((m) => m.name).join(', ');
      throw new SectriageError('USAGE', `--as: "${s.as}" is not a team member (config team:${names ? `: ${names}` : ' is empty'})`);
    }
    // sudo already says who is typing: a member may not record an action as another.
    const sudoMember = sudo ? memberNamed(s.team, sudo) : undefined;
    if (sudoMember && sudoMember !== member) {
      throw new SectriageError('USAGE', `--as ${member}: sudo says you are ${sudoMember}; the record names who acted`);
    }
    return `cli:${member}`;
  }
  if (sudo) return `cli:${memberNamed(s.team, sudo) ?? sudo}`;
  return `cli:${memberNamed(s.team, s.unixUser) ?? s.unixUser}`;
}

/** The actor of this process's CLI action: --as, SUDO_USER or the Unix user (see resolveCliActor). */
export function cliActor(team: ActorSources['team'], as?: string, env: NodeJS.ProcessEnv = process.env): Actor {
  return resolveCliActor({ as, team, sudoUser: env.SUDO_USER, unixUser: userInfo().username });
}
