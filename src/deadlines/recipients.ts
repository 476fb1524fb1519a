/**
 * Who gets a deadline mail. A policy's escalateTo names `team` (every member), a
 * member's name, a name from the config's `contacts:` map, or a plain address. A name
 * that resolves to nothing falls back to the whole team and says so (an escalation must
 * reach someone). Never the security@ address itself: that would feed our own mail back
 * into intake as a new report.
 */
import type { TeamMember } from '../config/load.js';

export interface Recipient {
  email: string;
  name: string | null;
  /** Set for team members: their configured key (if any) encrypts the mail. */
  member: boolean;
}

export function teamRecipients(team: TeamMember[], teamAddress: string): Recipient[] {
  return team.filter((m) => m.email !== teamAddress.toLowerCase()).map((m) => ({ email: m.email, name: m.name, member: true }));
}

export function resolveEscalation(
  targets: string[],
  team: TeamMember[],
  contacts: Record<string, string>,
  teamAddress: string,
): { recipients: Recipient[]; unresolved: string[] } {
  const out = new Map<string, Recipient>();
  const unresolved: string[] = [];
  const add = (email: string, name: string | null): void => {
    const e = email.toLowerCase();
    if (e === teamAddress.toLowerCase() || out.has(e)) return;
    const m = team.find((x) => x.email === e);
    out.set(e, m ? { email: e, name: m.name, member: true } : { email: e, name, member: false });
  };
  for (const t of targets) {
    if (t === 'team') for (const m of team) add(m.email, m.name);
    else if (team.some((m) => m.name === t)) add((team.find((m) => m.name === t) as TeamMember).email, t);
    else if (contacts[t]) add(contacts[t] as string, t);
    else if (/^[^@\s]+@[^@\s]+$/.test(t)) add(t, null);
    else unresolved.push(t);
  }
  if (unresolved.length) for (const m of team) add(m.email, m.name);
  return { recipients: [...out.values()], unresolved };
}
