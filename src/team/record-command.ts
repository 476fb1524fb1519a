/**
 * Carries out (or refuses) the commands of a team member's mail, inside the
 * transaction that processes its spool entry. Accepted only when verify-command.ts
 * found a signature by the member's own key, the signed text names one case, the
 * same signed command was not carried out before, and every command line is valid
 * and allowed; then all commands run (as key:<fingerprint>, with this spool entry on
 * each event) and the member gets a confirmation. Otherwise nothing changes: the
 * refusal is logged (team_commands, the log) and answered with the reason. The
 * command text never reaches the log or a plain mail.
 */
import { runCaseCommand, type ActionContext } from '../cases/actions/index.js';
import { findTrackingIds } from '../cases/model/tracking-id.js';
import { getCase } from '../cases/store/cases.js';
import { recentCommandRefusals, enqueueMail } from '../cases/store/outbox.js';
import { logCommandMail, signedCommandSeen } from '../cases/store/team-commands.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import { SectriageError, describeError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import type { Logger } from '../log.js';
import type { OpenedMessage } from '../open/open-message.js';
import type { TeamMemberKey } from '../open/team-members.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import type { Policy } from '../policy/schema.js';
import { finishSpool, type SpoolRow } from '../spool/spool.js';
import { parseCommands, type TeamCommand } from './parse-commands.js';
import type { Verdict } from './verify-command.js';

/** What recording a command mail is given (the pipeline's record context satisfies it). */
export interface CommandMailContext {
  db: Db;
  config: Pick<Config, 'trackingPrefix' | 'team' | 'timezone'>;
  policy: Pick<Policy, 'reporterNotices'>;
  teamAddress: string;
  log: Logger;
  now: Date;
  spool: Pick<SpoolRow, 'id'>;
  opened: Pick<OpenedMessage, 'from' | 'outer' | 'failure'>;
}

export function recordTeamCommand(ctx: CommandMailContext, member: TeamMemberKey, verdict: Verdict): number | null {
  const { db } = ctx;
  const from = ctx.opened.from?.address ?? member.email;
  const refuse = (reason: string, lines: string[], caseId: number | null = null, trackingId = ''): number | null => {
    logCommandMail(db, {
      spoolId: ctx.spool.id,
      at: ctx.now,
      from,
      member: member.name,
      signerFingerprint: verdict.ok ? verdict.fingerprint : null,
      caseId,
      outcome: 'rejected',
      reason,
      commands: [],
      signedHash: null,
    });
    ctx.log.warn({ spoolId: ctx.spool.id, member: member.name, reason }, 'team command mail refused');
    // A refusal goes to the member's own address (a forged From reaches the real member,
    // who learns of the attempt), at most DEFAULTS.commandRefusalReplyLimit a day.
    const answered = recentCommandRefusals(db, member.email, new Date(ctx.now.getTime() - DEFAULTS.autoReplyPerSenderWindow));
    if (answered < DEFAULTS.commandRefusalReplyLimit) {
      reply(ctx, member, { accepted: false, reason, lines, trackingId, caseId, auto: true });
    }
    // A command we could not decrypt is held, with no case, so `requeue` runs it once the key is fixed.
    if (reason === 'undecryptable') {
      const holdReason = ctx.opened.failure ? describeError(ctx.opened.failure) : 'PGP_CORRUPT: undecryptable team mail';
      finishSpool(db, ctx.spool.id, { state: 'held', disposition: 'team_command', caseId: null, holdReason, at: ctx.now });
      return null;
    }
    finishSpool(db, ctx.spool.id, { state: 'done', disposition: 'team_command_refused', caseId, at: ctx.now });
    return caseId;
  };

  if (!verdict.ok) return refuse(verdict.reason, []);
  const parsed = parseCommands(verdict.text, ctx.config.trackingPrefix);
  if (parsed.errors.length) return refuse('bad_command', parsed.errors);

  // The case: a /case line, else the one tracking ID in the signed text. The Subject and
  // threading headers are not covered by the signature, so they cannot name the case.
  const named = parsed.commands.filter((c): c is Extract<TeamCommand, { name: 'case' }> => c.name === 'case').map((c) => c.trackingId);
  const ids = named.length ? [...new Set(named)] : findTrackingIds(verdict.text, ctx.config.trackingPrefix);
  if (ids.length > 1)
    return refuse(
      'ambiguous_case',
      ids.map((i) => `named: ${i}`),
    );
  const c = ids[0] ? getCase(db, ids[0]) : undefined;
  if (!c) return refuse('unknown_case', ids[0] ? [`no case ${ids[0]}`] : ['no tracking ID in the signed text']);
  const work = parsed.commands.filter((x): x is Exclude<TeamCommand, { name: 'case' }> => x.name !== 'case');
  if (work.length === 0) return refuse('bad_command', ['no command besides /case'], c.id, c.tracking_id);

  if (signedCommandSeen(db, verdict.signedHash)) {
    return refuse('replayed', [], c.id, c.tracking_id);
  }

  const actx: ActionContext = {
    db,
    now: ctx.now,
    actor: `key:${verdict.fingerprint}`,
    spoolId: ctx.spool.id,
    reporterNotices: ctx.policy.reporterNotices,
    teamAddress: ctx.teamAddress,
    timezone: ctx.config.timezone,
  };
  let done: string[];
  try {
    // A savepoint: if any command fails, none of them leaves a trace.
    done = db.transaction(() => work.map((cmd) => runCaseCommand(actx, c.tracking_id, cmd, { team: ctx.config.team })))();
  } catch (e) {
    if (!(e instanceof SectriageError)) throw e;
    return refuse('bad_command', [e.message], c.id, c.tracking_id);
  }
  logCommandMail(db, {
    spoolId: ctx.spool.id,
    at: ctx.now,
    from,
    member: member.name,
    signerFingerprint: verdict.fingerprint,
    caseId: c.id,
    outcome: 'accepted',
    reason: null,
    commands: work.map((w) => w.name),
    signedHash: verdict.signedHash,
  });
  ctx.log.info({ spoolId: ctx.spool.id, member: member.name, caseId: c.id, commands: work.map((w) => w.name) }, 'team command mail carried out');
  reply(ctx, member, { accepted: true, lines: done, trackingId: c.tracking_id, caseId: c.id, auto: false });
  finishSpool(db, ctx.spool.id, { state: 'done', disposition: 'team_command', caseId: c.id, at: ctx.now });
  return c.id;
}

function reply(
  ctx: CommandMailContext,
  member: TeamMemberKey,
  r: { accepted: boolean; reason?: string; lines: string[]; trackingId: string; caseId: number | null; auto: boolean },
): void {
  const o = ctx.opened.outer;
  const params = {
    kind: 'command_result' as const,
    accepted: r.accepted,
    ...(r.reason ? { reason: r.reason } : {}),
    lines: r.lines,
    trackingId: r.trackingId,
    to: member.email,
    toName: member.name,
    inReplyTo: normaliseMessageId(o.messageId) ?? null,
    references: threadIds(o),
    teamAddress: ctx.teamAddress,
    timezone: ctx.config.timezone,
    encryptTo: member.fingerprint ?? null,
  };
  // A refusal is kept off the case (no outbox row, no mail_sent event there): it changed nothing.
  enqueueMail(ctx.db, {
    caseId: r.accepted ? r.caseId : null,
    kind: 'command_result',
    auto: r.auto,
    to: member.email,
    envelopeFrom: r.auto ? '' : ctx.teamAddress,
    params,
    at: ctx.now,
    domain: ctx.teamAddress.split('@')[1] as string,
  });
}
