/**
 * Carries out a decision (decide.ts): every row the message makes, and its spool
 * entry's final state, inside the caller's one transaction. Returns the case it
 * concerns, if any.
 */
import type { TeamMemberKey } from '../open/team-members.js';
import { recordTeamCommand } from '../team/record-command.js';
import type { Verdict } from '../team/verify-command.js';
import type { RecordContext } from './context.js';
import type { Decision } from './decide.js';
import { recordFollowUp } from './record-followup.js';
import { recordAutomatic, recordDuplicate, recordStillHeld, recordTeamMail, recordUnattributable } from './record-other.js';
import { recordReport } from './record-report.js';

/** For a command mail: the member its From names, and what verifying its signature found. */
export interface CommandCheck {
  member: TeamMemberKey;
  verdict: Verdict;
}

export function apply(ctx: RecordContext, d: Decision, command: CommandCheck | undefined): number | null {
  switch (d.kind) {
    case 'duplicate':
      return recordDuplicate(ctx, d.caseId);
    case 'automatic':
      return recordAutomatic(ctx, d);
    case 'unattributable':
      return recordUnattributable(ctx);
    case 'followup':
      return recordFollowUp(ctx, d.caseId, d.reopen);
    case 'team_mail':
      return recordTeamMail(ctx, d.caseId);
    case 'team_command':
      // process.ts verified exactly the mails isCommandMail() named, which are the ones routed here.
      if (!command) throw new Error('a command mail reached apply() unverified');
      return recordTeamCommand(ctx, command.member, command.verdict);
    case 'new':
      return recordReport(ctx, d);
    case 'still_held':
      return recordStillHeld(ctx, d.caseId, d.disposition);
  }
}
