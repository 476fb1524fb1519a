/**
 * Builds the digest's content from computed deadlines: what is overdue (first), what
 * waits on acknowledgement or first response, status updates coming due, disclosure
 * dates in the next 14 days, new cases since the last digest, and SLA figures over 30
 * and 90 days. Pure: the caller passes the cases with their computed deadlines.
 */
import { milestoneLabel } from '../policy/load.js';
import type { MilestoneName } from '../policy/schema.js';
import type { DeadlineItem, DigestData, SlaFigures } from '../outbox/templates-deadlines.js';
import type { Deadline } from './engine.js';

import { DAY, DEFAULTS } from '../limits.js';

export const SLA_WINDOWS_DAYS = DEFAULTS.digestSlaWindowsDays;

export interface CaseDeadlines {
  trackingId: string;
  subject: string | null;
  state: string;
  receivedAt: Date;
  deadlines: Deadline[];
  /** Tracking IDs of open cases this one may duplicate (src/extract/similarity.ts). */
  possibleDuplicates?: string[];
}

function item(c: CaseDeadlines, d: Deadline): DeadlineItem {
  return {
    trackingId: c.trackingId,
    subject: c.subject,
    milestone: d.milestone,
    label: milestoneLabel(d.milestone),
    due: (d.due as Date).toISOString(),
    state: d.state,
  };
}

const byDue = (a: DeadlineItem, b: DeadlineItem): number => Date.parse(a.due) - Date.parse(b.due) || a.trackingId.localeCompare(b.trackingId);

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function slaFigures(cases: CaseDeadlines[], now: Date, days: number): SlaFigures {
  const inWindow = cases.filter((c) => c.receivedAt.getTime() >= now.getTime() - days * DAY && c.receivedAt.getTime() <= now.getTime());
  const took = (m: MilestoneName) =>
    inWindow.flatMap((c) => {
      const d = c.deadlines.find((x) => x.milestone === m);
      return d?.state === 'met' && d.metAt ? [d.metAt.getTime() - c.receivedAt.getTime()] : [];
    });
  const perMilestone: SlaFigures['perMilestone'] = [];
  for (const m of ['acknowledge', 'firstResponse', 'resolution', 'disclosure'] as MilestoneName[]) {
    let met = 0;
    let missed = 0;
    let any = false;
    for (const c of inWindow) {
      const d = c.deadlines.find((x) => x.milestone === m);
      if (!d) continue;
      any = true;
      if (d.state === 'met' && d.late) missed++;
      else if (d.state === 'met') met++;
      else if (d.state === 'overdue') missed++;
    }
    if (any) perMilestone.push({ milestone: m, label: milestoneLabel(m), met, missed });
  }
  return { days, cases: inWindow.length, medianAckMs: median(took('acknowledge')), medianFirstResponseMs: median(took('firstResponse')), perMilestone };
}

export function buildDigest(cases: CaseDeadlines[], now: Date, since: Date | null): DigestData {
  const open = cases.filter((c) => c.state !== 'closed');
  const all = open.flatMap((c) => c.deadlines.filter((d) => d.due).map((d) => ({ c, d })));
  const t = now.getTime();
  return {
    at: now.toISOString(),
    since: since?.toISOString() ?? null,
    newCases: cases
      .filter((c) => (!since || c.receivedAt.getTime() > since.getTime()) && c.receivedAt.getTime() <= t)
      .map((c) => ({
        trackingId: c.trackingId,
        subject: c.subject,
        receivedAt: c.receivedAt.toISOString(),
        state: c.state,
        ...(c.possibleDuplicates?.length ? { possibleDuplicates: c.possibleDuplicates } : {}),
      })),
    overdue: all
      .filter(({ d }) => d.state === 'overdue')
      .map(({ c, d }) => item(c, d))
      .sort(byDue),
    waiting: all
      .filter(({ d }) => (d.milestone === 'acknowledge' || d.milestone === 'firstResponse') && (d.state === 'due' || d.state === 'paused'))
      .map(({ c, d }) => item(c, d))
      .sort(byDue),
    statusUpdatesDue: all
      .filter(({ d }) => d.milestone === 'statusUpdate' && d.state === 'due' && (d.due as Date).getTime() <= t + DEFAULTS.digestStatusUpdateHorizon)
      .map(({ c, d }) => item(c, d))
      .sort(byDue),
    disclosures: all
      .filter(
        ({ d }) =>
          d.milestone === 'disclosure' && (d.state === 'due' || d.state === 'paused') && (d.due as Date).getTime() <= t + DEFAULTS.digestDisclosureHorizon,
      )
      .map(({ c, d }) => item(c, d))
      .sort(byDue),
    sla: SLA_WINDOWS_DAYS.map((days) => slaFigures(cases, now, days)),
  };
}
