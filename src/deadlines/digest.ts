/**
 * Builds the digest's content from computed deadlines: what is overdue (first), what
 * waits on acknowledgement or first response, status updates coming due, disclosure
 * dates in the next 14 days, new cases since the last digest, and SLA figures over 30
 * and 90 days. Pure: the caller passes the cases with their computed deadlines, and may
 * pass the SLA counts of further cases already added up (deadlines/current.ts reads those
 * of closed cases from the stored rows instead of loading thousands of them).
 */
import { milestoneLabel } from '../policy/load.js';
import type { MilestoneName } from '../policy/schema.js';
import type { DeadlineItem, DigestData, DigestList, SlaFigures } from '../outbox/templates-deadlines.js';
import type { Deadline } from './engine.js';

import { DAY, DEFAULTS } from '../limits.js';
import { ordinal } from '../util/ordinal.js';

export const SLA_WINDOWS_DAYS = DEFAULTS.digestSlaWindowsDays;
/** The milestones the SLA figures count. */
export const SLA_MILESTONES: readonly MilestoneName[] = ['acknowledge', 'firstResponse', 'resolution', 'disclosure'];

/** What the digest reads of a deadline (stored rows carry no more: deadlines/current.ts). */
export type DeadlineView = Pick<Deadline, 'milestone' | 'state' | 'due' | 'metAt' | 'late'>;

/** A case as the digest's list of new cases shows it. */
export interface DigestCase {
  trackingId: string;
  subject: string | null;
  state: string;
  receivedAt: Date;
  /** Tracking IDs of open cases this one may duplicate (src/extract/similarity.ts). */
  possibleDuplicates?: string[];
}

export interface CaseDeadlines extends DigestCase {
  deadlines: DeadlineView[];
}

/** What the SLA figures of one window count; tallies of different cases add up. */
export interface SlaTally {
  days: number;
  cases: number;
  /** Each milestone some case in the window has: met in time, and missed (met late, or overdue). */
  milestones: Partial<Record<MilestoneName, { met: number; missed: number; waived: number }>>;
  /** Time from the report to the acknowledgement and to the first response, where met, in ms. */
  took: { acknowledge: number[]; firstResponse: number[] };
}

export interface DigestSources {
  /** Cases with their deadlines: in the lists (the open ones) and counted in the SLA figures. */
  cases: CaseDeadlines[];
  /** Further open cases with the deadlines the lists show (due, overdue); their SLA counts are in `sla`. */
  listed?: CaseDeadlines[];
  /** The cases for the list of new cases (default: `cases`). */
  considered?: DigestCase[];
  /** SLA counts, per window, of the cases not in `cases`. */
  sla?: SlaTally[];
  /**
   * Called once with the cases whose subjects the digest will read, before it reads any:
   * a store that opens each subject from a sealed value fetches their keys in one query.
   */
  beforeSubjects?: (cases: readonly DigestCase[]) => void;
}

function item(c: CaseDeadlines, d: DeadlineView): DeadlineItem {
  return {
    trackingId: c.trackingId,
    subject: c.subject,
    milestone: d.milestone,
    label: milestoneLabel(d.milestone),
    due: (d.due as Date).toISOString(),
    state: d.state,
  };
}

interface Due {
  c: CaseDeadlines;
  d: DeadlineView;
  /** The due instant in ms: the comparator runs thousands of times, and item() writes the text only for those kept. */
  due: number;
}

const byDue = (a: Due, b: Due): number => (a.due < b.due ? -1 : a.due > b.due ? 1 : ordinal(a.c.trackingId, b.c.trackingId));

/**
 * The first `max` of `xs` by due time (then tracking ID), as the digest lists them. Only
 * those become items: an item reads its case's subject, which opens a sealed value.
 */
function firstDue(xs: Due[], max: number): { kept: Due[]; total: number } {
  return { kept: [...xs].sort(byDue).slice(0, max), total: xs.length };
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  // A typed array sorts numbers natively: the 90-day window's times are thousands.
  const s = Float64Array.from(xs).sort();
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** A case counts in the window of `days` when it was received within it. */
export function inSlaWindow(receivedAt: Date, now: Date, days: number): boolean {
  return receivedAt.getTime() >= now.getTime() - days * DAY && receivedAt.getTime() <= now.getTime();
}

export function slaTally(cases: CaseDeadlines[], now: Date, days: number): SlaTally {
  const tally: SlaTally = { days, cases: 0, milestones: {}, took: { acknowledge: [], firstResponse: [] } };
  for (const c of cases) {
    if (!inSlaWindow(c.receivedAt, now, days)) continue;
    tally.cases++;
    for (const m of SLA_MILESTONES) {
      const d = c.deadlines.find((x) => x.milestone === m);
      if (!d) continue;
      const t = (tally.milestones[m] ??= { met: 0, missed: 0, waived: 0 });
      // Waived (closed without disclosing) is neither met nor missed: counted apart.
      if (d.state === 'waived') t.waived++;
      else if (d.state === 'met' && d.late) t.missed++;
      else if (d.state === 'met') t.met++;
      else if (d.state === 'overdue') t.missed++;
      if ((m === 'acknowledge' || m === 'firstResponse') && d.state === 'met' && d.metAt) tally.took[m].push(d.metAt.getTime() - c.receivedAt.getTime());
    }
  }
  return tally;
}

export function addTallies(a: SlaTally, b: SlaTally): SlaTally {
  const milestones = { ...a.milestones };
  for (const [m, t] of Object.entries(b.milestones) as Array<[MilestoneName, { met: number; missed: number; waived: number }]>) {
    const have = milestones[m];
    milestones[m] = have ? { met: have.met + t.met, missed: have.missed + t.missed, waived: have.waived + t.waived } : t;
  }
  return {
    days: a.days,
    cases: a.cases + b.cases,
    milestones,
    took: { acknowledge: [...a.took.acknowledge, ...b.took.acknowledge], firstResponse: [...a.took.firstResponse, ...b.took.firstResponse] },
  };
}

export function slaFromTally(t: SlaTally): SlaFigures {
  const perMilestone: SlaFigures['perMilestone'] = [];
  for (const m of SLA_MILESTONES) {
    const x = t.milestones[m];
    if (x) perMilestone.push({ milestone: m, label: milestoneLabel(m), met: x.met, missed: x.missed, waived: x.waived });
  }
  return { days: t.days, cases: t.cases, medianAckMs: median(t.took.acknowledge), medianFirstResponseMs: median(t.took.firstResponse), perMilestone };
}

export function slaFigures(cases: CaseDeadlines[], now: Date, days: number): SlaFigures {
  return slaFromTally(slaTally(cases, now, days));
}

type DeadlineList = Exclude<DigestList, 'held'>;

/**
 * The digest as of `now`. Each list of deadline items keeps its first `listMax` by due
 * time (the most overdue first); `totals` says how many a cut list had.
 */
export function buildDigest(from: CaseDeadlines[] | DigestSources, now: Date, since: Date | null, listMax: number = DEFAULTS.digestItemsListed): DigestData {
  const src: DigestSources = Array.isArray(from) ? { cases: from } : from;
  const open = [...src.cases, ...(src.listed ?? [])].filter((c) => c.state !== 'closed');
  const t = now.getTime();
  const keep: Record<DeadlineList, (d: DeadlineView) => boolean> = {
    cra: (d) => d.milestone.startsWith('cra_') && (d.state === 'due' || d.state === 'overdue'),
    overdue: (d) => d.state === 'overdue',
    waiting: (d) => (d.milestone === 'acknowledge' || d.milestone === 'firstResponse') && (d.state === 'due' || d.state === 'paused'),
    statusUpdatesDue: (d) => d.milestone === 'statusUpdate' && d.state === 'due' && (d.due as Date).getTime() <= t + DEFAULTS.digestStatusUpdateHorizon,
    disclosures: (d) =>
      d.milestone === 'disclosure' && (d.state === 'due' || d.state === 'paused') && (d.due as Date).getTime() <= t + DEFAULTS.digestDisclosureHorizon,
  };
  const names = Object.keys(keep) as DeadlineList[];
  const found = new Map(names.map((name) => [name, [] as Due[]]));
  for (const c of open)
    for (const d of c.deadlines) {
      if (!d.due) continue;
      for (const name of names) if (keep[name](d)) found.get(name)?.push({ c, d, due: d.due.getTime() });
    }
  const lists = new Map(names.map((name) => [name, firstDue(found.get(name) ?? [], listMax)]));
  const fresh = (src.considered ?? src.cases).filter((c) => (!since || c.receivedAt.getTime() > since.getTime()) && c.receivedAt.getTime() <= t);
  src.beforeSubjects?.([...[...lists.values()].flatMap((l) => l.kept.map(({ c }) => c)), ...fresh]);
  const totals: NonNullable<DigestData['totals']> = {};
  const items = (name: DeadlineList): DeadlineItem[] => {
    const { kept, total } = lists.get(name) as ReturnType<typeof firstDue>;
    if (total > kept.length) totals[name] = total;
    return kept.map(({ c, d }) => item(c, d));
  };
  const data: DigestData = {
    at: now.toISOString(),
    since: since?.toISOString() ?? null,
    newCases: fresh.map((c) => ({
      trackingId: c.trackingId,
      subject: c.subject,
      receivedAt: c.receivedAt.toISOString(),
      state: c.state,
      ...(c.possibleDuplicates?.length ? { possibleDuplicates: c.possibleDuplicates } : {}),
    })),
    cra: items('cra'),
    overdue: items('overdue'),
    waiting: items('waiting'),
    statusUpdatesDue: items('statusUpdatesDue'),
    disclosures: items('disclosures'),
    sla: SLA_WINDOWS_DAYS.map((days) => {
      const mine = slaTally(src.cases, now, days);
      const more = src.sla?.find((x) => x.days === days);
      return slaFromTally(more ? addTallies(mine, more) : mine);
    }),
  };
  return Object.keys(totals).length ? { ...data, totals } : data;
}
