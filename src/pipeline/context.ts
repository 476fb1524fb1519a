/**
 * What recording one opened message is given: the installation (config, policy,
 * keys, team), the instant, the spool entry and the opened message. The same
 * context serves a message's first arrival and its requeue.
 */
import type { AheadCandidates } from '../cases/store/duplicates.js';
import type { NewReportSketch } from '../extract/report-sketch.js';
import type { ExtractResult } from '../extract/types.js';
import type { ActionContext } from '../cases/actions/context.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { OpenedMessage } from '../open/open-message.js';
import type { TeamKeys } from '../open/team-keys.js';
import type { TeamMemberKey } from '../open/team-members.js';
import type { Policy } from '../policy/schema.js';
import type { SpoolRow } from '../spool/spool.js';

export interface RecordContext {
  db: Db;
  config: Config;
  policy: Policy;
  teamKeys: TeamKeys;
  teamAddress: string;
  log: Logger;
  now: Date;
  spool: SpoolRow;
  opened: OpenedMessage;
  /** The message's fields as a new report, when an open worker already read them (pure, so the same as reading them here). */
  newReportFields?: ExtractResult;
  /** Its duplicate sketch, made with those fields (extract/report-sketch.ts). */
  newReportSketch?: NewReportSketch;
  /** The possible duplicates the worker found among the cases of its snapshot (cases/store/duplicates.ts). */
  aheadDuplicates?: AheadCandidates;
  teamMembers?: TeamMemberKey[];
}

/** The pipeline acting on a case as the system, with this spool entry on each event. */
export function systemActions(ctx: RecordContext): ActionContext {
  return {
    db: ctx.db,
    now: ctx.now,
    actor: 'system',
    spoolId: ctx.spool.id,
    reporterNotices: ctx.policy.reporterNotices,
    teamAddress: ctx.teamAddress,
    timezone: ctx.config.timezone,
  };
}
