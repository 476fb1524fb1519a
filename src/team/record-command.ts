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
import { acknowledge, addNote, assign, requestState, loadCase, replyToReporter, setCve, setEmbargo, setFlag, setSeverity, type ActionContext, type WorkflowCase } from '../cases/actions/actions.js';
import { resolveAssignee, severityFromCvss } from '../cases/model/lifecycle.js';
import { findTrackingIds } from '../cases/model/tracking-id.js';
import { SectriageError, describeError } from '../errors.js';
import { DEFAULTS } from '../limits.js';
import type { TeamMemberKey } from '../open/team-members.js';
import { enqueueMail } from '../cases/store/outbox.js';
import { normaliseMessageId, threadIds } from '../parse/parse.js';
import type { RecordContext } from '../pipeline/record.js';
import { finishSpool } from '../spool/spool.js';
import { parseCommands, type TeamCommand } from './parse-commands.js';
import type { Verdict } from './verify-command.js';

export function recordTeamCommand(ctx: RecordContext, member: TeamMemberKey, verdict: Verdict): number | null {
  const { db } = ctx;
  const from = ctx.opened.from?.address ?? member.email;
  const refuse = (reason: string, lines: string[], caseId: number | null = null, trackingId = ''): number | null => {
    db.prepare('INSERT INTO team_commands (spool_id, at, from_addr, member, signer_fingerprint, case_id, outcome, reason, commands) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      ctx.spool.id, ctx.now.toISOString(), from, member.name, verdict.ok ? verdict.fingerprint : null, caseId, 'rejected', reason, '[]',
    );
    ctx.log.warn({ spoolId: ctx.spool.id, member: member.name, reason }, 'team command mail refused');
    // A refusal goes to the member's own address (a forged From reaches the real member,
    // who learns of the attempt), at most DEFAULTS.commandRefusalReplyLimit a day.
    const since = new Date(ctx.now.getTime() - DEFAULTS.autoReplyPerSenderWindow).toISOString();
    const answered = (db.prepare("SELECT count(*) AS n FROM outbox WHERE kind = 'command_result' AND auto = 1 AND rcpt_to = ? AND created_at >= ?").get(member.email, since) as { n: number }).n;
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
  if (ids.length > 1) return refuse('ambiguous_case', ids.map((i) => `named: ${i}`));
  const c = ids[0] ? (db.prepare('SELECT * FROM cases WHERE tracking_id = ?').get(ids[0]) as WorkflowCase | undefined) : undefined;
  if (!c) return refuse('unknown_case', ids[0] ? [`no case ${ids[0]}`] : ['no tracking ID in the signed text']);
  const work = parsed.commands.filter((x) => x.name !== 'case');
  if (work.length === 0) return refuse('bad_command', ['no command besides /case'], c.id, c.tracking_id);

  if (db.prepare("SELECT 1 FROM team_commands WHERE signed_sha256 = ? AND outcome = 'accepted'").get(verdict.signedHash)) {
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
    done = db.transaction(() => work.map((cmd) => run(actx, c.tracking_id, cmd, ctx.config.team)))();
  } catch (e) {
    if (!(e instanceof SectriageError)) throw e;
    return refuse('bad_command', [e.message], c.id, c.tracking_id);
  }
  db.prepare('INSERT INTO team_commands (spool_id, at, from_addr, member, signer_fingerprint, case_id, outcome, reason, commands, signed_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)').run(
    ctx.spool.id, ctx.now.toISOString(), from, member.name, verdict.fingerprint, c.id, 'accepted', JSON.stringify(work.map((w) => w.name)), verdict.signedHash,
  );
  ctx.log.info({ spoolId: ctx.spool.id, member: member.name, caseId: c.id, commands: work.map((w) => w.name) }, 'team command mail carried out');
  reply(ctx, member, { accepted: true, lines: done, trackingId: c.tracking_id, caseId: c.id, auto: false });
  finishSpool(db, ctx.spool.id, { state: 'done', disposition: 'team_command', caseId: c.id, at: ctx.now });
  return c.id;
}

function run(ctx: ActionContext, trackingId: string, cmd: TeamCommand, team: Array<{ name: string }>): string {
  const c = loadCase(ctx.db, trackingId); // fresh: an earlier command may have changed it
  switch (cmd.name) {
    case 'ack':
      return acknowledge(ctx, c) ? 'acknowledged' : 'already acknowledged';
    case 'state': {
      const r = requestState(ctx, c, { to: cmd.to, ...(cmd.resolution ? { resolution: cmd.resolution } : {}), ...(cmd.duplicateOf ? { duplicateOf: cmd.duplicateOf } : {}) });
      return `state ${r.from} -> ${r.to}${cmd.resolution ? ` (${cmd.resolution})` : ''}`;
    }
    case 'assign': {
      const m = resolveAssignee(cmd.member, team);
      assign(ctx, c, m);
      return `assigned to ${m ?? 'nobody'}`;
    }
    case 'note':
      addNote(ctx, c, cmd.text);
      return 'note added';
    case 'severity':
      const severity = cmd.severity ?? (cmd.cvss ? severityFromCvss(cmd.cvss) : (c.severity as NonNullable<typeof cmd.severity> | null));
      setSeverity(ctx, c, severity, cmd.cvss);
      return `severity ${severity ?? '-'}${cmd.cvss ? ` (${cmd.cvss})` : ''}`;
    case 'cve':
      setCve(ctx, c, cmd.cve);
      return `CVE ${cmd.cve ?? 'removed'}`;
    case 'flag':
      return `${cmd.flag} ${setFlag(ctx, c, cmd.flag, cmd.value) ? (cmd.value ? 'set' : 'cleared') : 'unchanged'}`;
    case 'embargo':
      return `embargo ${setEmbargo(ctx, c, cmd.date) ? (cmd.date ?? 'lifted') : 'unchanged'}`;
    case 'reply': {
      const r = replyToReporter(ctx, c, cmd.text, { allowPlain: cmd.plain });
      return `reply to the reporter queued (${r.encrypted ? 'encrypted' : 'NOT encrypted'})`;
    }
    case 'case':
      return '';
  }
}

function reply(ctx: RecordContext, member: TeamMemberKey, r: { accepted: boolean; reason?: string; lines: string[]; trackingId: string; caseId: number | null; auto: boolean }): void {
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
  enqueueMail(ctx.db, { caseId: r.accepted ? r.caseId : null, kind: 'command_result', auto: r.auto, to: member.email, envelopeFrom: r.auto ? '' : ctx.teamAddress, params, at: ctx.now, domain: ctx.teamAddress.split('@')[1] as string });
}
