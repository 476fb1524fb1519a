/**
 * Tells the team of something on a case it must look at, by mail to every member
 * (encrypted to those whose key is configured) and as an attention item. Used when
 * someone who is not a case's reporter writes naming its tracking ID: the mail became
 * a new, linked case (pipeline/decide.ts) and this says so. No report text goes into
 * the notice.
 */
import { attentionText } from '../model/attention.js';
import { raiseAttention } from '../store/attention.js';
import { updateCase, type CaseRow } from '../store/cases.js';
import { enqueueMail } from '../store/outbox.js';
import { domainOf, event, type ActionContext } from './context.js';

export function tellTeamOfClaim(
  ctx: ActionContext,
  related: CaseRow,
  claim: { trackingId: string; claimant: string; eventId: number },
  team: ReadonlyArray<{ name: string; email: string; fingerprint: string | null }>,
): void {
  raiseAttention(
    ctx.db,
    related.id,
    { kind: 'tracking_id_claimed', text: attentionText.trackingIdClaimed(claim.claimant, claim.trackingId) },
    ctx.now,
    claim.eventId,
  );
  updateCase(ctx.db, related.id, ctx.now);
  for (const m of team) {
    enqueueMail(ctx.db, {
      caseId: related.id,
      kind: 'team_notice',
      auto: true,
      to: m.email,
      envelopeFrom: '',
      params: {
        kind: 'team_notice',
        notice: 'tracking_id_claimed',
        trackingId: related.tracking_id,
        newTrackingId: claim.trackingId,
        claimant: claim.claimant,
        to: m.email,
        toName: m.name,
        teamAddress: ctx.teamAddress,
        timezone: ctx.timezone,
        encryptTo: m.fingerprint,
      },
      at: ctx.now,
      domain: domainOf(ctx.teamAddress),
    });
  }
  event(ctx, related.id, 'team_notified', { about: 'tracking_id_claimed', newTrackingId: claim.trackingId, members: team.map((m) => m.name) });
}
