/**
 * Tells the team of something on a case it must look at, by mail to every member
 * (encrypted to those whose key is configured) and as the case's attention line.
 * Used when someone who is not a case's reporter writes naming its tracking ID: the
 * mail becomes a new, linked case (pipeline/route.ts) and this says so. Runs inside
 * the transaction that records the new case. No report text goes into the notice.
 */
import { appendEvent } from '../cases/store/event-log.js';
import { touchCase } from '../cases/store/cases.js';
import { enqueueMail } from '../cases/store/outbox.js';
import type { RecordContext } from '../pipeline/record.js';

export function tellTeamOfClaim(ctx: RecordContext, related: { id: number; tracking_id: string }, newTrackingId: string, claimant: string): void {
  touchCase(ctx.db, related.id, ctx.now, { attention: `${claimant}, who is not the reporter, wrote naming this case: it became ${newTrackingId}` });
  const members = ctx.config.team;
  for (const m of members) {
    const fpr = ctx.teamMembers?.find((k) => k.email === m.email)?.fingerprint ?? null;
    enqueueMail(ctx.db, {
      caseId: related.id,
      kind: 'team_notice',
      auto: true,
      to: m.email,
      envelopeFrom: '',
      params: { kind: 'team_notice', notice: 'tracking_id_claimed', trackingId: related.tracking_id, newTrackingId, claimant, to: m.email, toName: m.name, teamAddress: ctx.teamAddress, timezone: ctx.config.timezone, encryptTo: fpr },
      at: ctx.now,
      domain: ctx.teamAddress.split('@')[1] as string,
    });
  }
  appendEvent(ctx.db, { caseId: related.id, at: ctx.now.toISOString(), actor: 'system', type: 'team_notified', data: { about: 'tracking_id_claimed', newTrackingId, members: members.map((m) => m.name) } });
}
