/**
 * Mail from the team to a case's reporter: the fields every such mail shares
 * (threading under the case, the reporter's pinned key to encrypt to), and the team's
 * own reply. A reply without a key for the reporter is refused unless plain mail is
 * explicitly allowed: its text may quote the report.
 */
import { SectriageError } from '../../errors.js';
import type { TeamMailParams } from '../../outbox/templates-team.js';
import type { CaseRow } from '../store/cases.js';
import { caseThread, insertOutgoingText } from '../store/messages.js';
import { enqueueMail } from '../store/outbox.js';
import { pinnedFingerprint } from '../store/reporter-keys.js';
import { domainOf, event, type ActionContext } from './context.js';

export function reporterMailCommon(ctx: ActionContext, c: CaseRow) {
  const thread = caseThread(ctx.db, c.id);
  return {
    trackingId: c.tracking_id,
    to: c.reporter_email,
    toName: c.reporter_name,
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    teamAddress: ctx.teamAddress,
    timezone: ctx.timezone,
    encryptTo: pinnedFingerprint(ctx.db, c.reporter_email),
  };
}

/** A team member's reply to the reporter. Refuses plain mail unless allowed: the text may quote the report. */
export function replyToReporter(
  ctx: ActionContext,
  c: CaseRow,
  text: string,
  opts: { allowPlain: boolean },
): { outboxId: number; messageId: string; encrypted: boolean } {
  if (!text.trim()) throw new SectriageError('USAGE', 'the reply is empty');
  const common = reporterMailCommon(ctx, c);
  if (!common.encryptTo && !opts.allowPlain) {
    throw new SectriageError(
      'USAGE',
      `we hold no key for ${c.reporter_email}, so the reply would go unencrypted: send it anyway with --allow-plain (by mail: /reply-plain), or ask the reporter for their key`,
    );
  }
  const params: TeamMailParams = { kind: 'team_reply', text, ...common };
  const { id, messageId } = enqueueMail(ctx.db, {
    caseId: c.id,
    kind: 'team_reply',
    auto: false,
    to: c.reporter_email,
    envelopeFrom: ctx.teamAddress,
    params,
    at: ctx.now,
    domain: domainOf(ctx.teamAddress),
  });
  const encrypted = Boolean(common.encryptTo);
  insertOutgoingText(ctx.db, {
    caseId: c.id,
    spoolId: ctx.spoolId ?? null,
    outboxId: id,
    messageId,
    inReplyTo: common.inReplyTo,
    references: common.references,
    from: ctx.teamAddress,
    text,
    encrypted,
    at: ctx.now,
  });
  event(ctx, c.id, 'team_reply_queued', { outboxId: id, messageId, encrypted });
  return { outboxId: id, messageId, encrypted };
}
