/**
 * Runs one CaseCommand (model/commands.ts) on a case and says, in one line, what it
 * did: the single entry point the CLI, signed mail commands and the web console share,
 * so the three can never disagree on what a command means. Runs inside the caller's
 * transaction; throws SectriageError('USAGE') with what is allowed when it is not.
 */
import type { CaseCommand } from '../model/commands.js';
import { resolveAssignee } from '../model/lifecycle.js';
import { caseEvents, lastEventId } from '../store/event-log.js';
import { loadCase, type ActionContext } from './context.js';
import { markAdvisoryPublished, recordCraNotified, setAdvisoryField } from './advisory.js';
import { mergeInto } from './merge.js';
import { replyToReporter } from './reporter-mail.js';
import { changeState } from './state.js';
import { acknowledge, addNote, assign, setCve, setEmbargo, setFlag, setSeverity } from './workflow.js';

export interface CommandEnv {
  /** The team (config team:), for assignments. */
  team: ReadonlyArray<{ name: string }>;
}

export function runCaseCommand(ctx: ActionContext, trackingId: string, cmd: CaseCommand, env: CommandEnv): string {
  const c = loadCase(ctx.db, trackingId); // fresh: an earlier command of the same mail may have changed it
  const before = lastEventId(ctx.db);
  switch (cmd.name) {
    case 'ack':
      return acknowledge(ctx, c) ? 'acknowledged' : `already acknowledged at ${c.acknowledged_at}`;
    case 'state': {
      // Closing as a duplicate is a merge: the reporter is credited on the other case.
      if (cmd.to === 'closed' && cmd.resolution === 'duplicate' && cmd.duplicateOf)
        return runCaseCommand(ctx, trackingId, { name: 'merge', into: cmd.duplicateOf, ...(cmd.note ? { note: cmd.note } : {}) }, env);
      const r = changeState(ctx, c, cmd);
      return `${r.from} -> ${r.to}${cmd.resolution ? ` (${cmd.resolution})` : ''}${noticeSuffix(ctx, c.id, before)}`;
    }
    case 'merge': {
      const target = loadCase(ctx.db, cmd.into);
      mergeInto(ctx, c, target, cmd.note);
      return `closed as a duplicate of ${target.tracking_id}; ${c.reporter_email} credited there${noticeSuffix(ctx, c.id, before)}`;
    }
    case 'assign': {
      const member = resolveAssignee(cmd.member, [...env.team]);
      assign(ctx, c, member);
      return `assigned to ${member ?? 'nobody'}`;
    }
    case 'note':
      addNote(ctx, c, cmd.text);
      return 'note added';
    case 'severity': {
      const severity = setSeverity(ctx, c, cmd);
      return `severity ${severity ?? '-'}${cmd.cvss ? ` (${cmd.cvss})` : ''}`;
    }
    case 'cve':
      setCve(ctx, c, cmd.cve);
      return `CVE ${cmd.cve ?? 'none'}`;
    case 'flag':
      return `${cmd.flag} ${setFlag(ctx, c, cmd.flag, cmd.value) ? (cmd.value ? 'set' : 'cleared') : cmd.value ? 'already set' : 'already clear'}`;
    case 'embargo':
      return `embargo ${setEmbargo(ctx, c, cmd.date) ? (cmd.date ?? 'lifted') : 'unchanged'}`;
    case 'advisory': {
      const shown =
        cmd.field === 'description' && cmd.value !== null ? 'set' : Array.isArray(cmd.value) ? cmd.value.join(', ') || 'none' : (cmd.value ?? 'none');
      return `${cmd.field} ${setAdvisoryField(ctx, c, cmd.field, cmd.value) ? shown : 'unchanged'}`;
    }
    case 'advisory-published':
      return markAdvisoryPublished(ctx, c, cmd.url) ? 'advisory marked published' : 'advisory already marked published';
    case 'cra-notified':
      return `CRA ${cmd.notification.replace('_', ' ')} ${recordCraNotified(ctx, c, cmd.notification) ? 'recorded as made' : 'already recorded'}`;
    case 'reply': {
      const r = replyToReporter(ctx, c, cmd.text, { allowPlain: cmd.plain });
      return `reply to ${c.reporter_email} queued as outbox row ${r.outboxId} (${r.encrypted ? 'encrypted' : 'NOT encrypted'}); the daemon sends it`;
    }
  }
}

/** Whether the change told the reporter, and how: read from the events it made. */
function noticeSuffix(ctx: ActionContext, caseId: number, sinceEventId: number): string {
  const q = caseEvents(ctx.db, caseId, sinceEventId).find((e) => e.type === 'reporter_notice_queued');
  if (q?.type !== 'reporter_notice_queued') return '';
  return q.data.encrypted ? ' (the reporter is told, encrypted)' : ' (the reporter is told, in plain mail: we hold no key for them)';
}
