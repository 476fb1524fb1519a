/**
 * Deadlines as of `now` for many cases at once, for the readers that show many (the
 * digest, `cases list --overdue`): the rows the sweep stored for each case whose rows
 * still hold at `now`, and computed from the events for the rest, so the answer is what
 * computeDeadlines gives and only the cost differs. The digest's SLA figures over the
 * closed cases whose rows hold are added up in SQL rather than loaded case by case.
 * Stored rows hold when:
 *  - the sweep need not look at the case yet (sweep_at unset or after `now`, wake.ts):
 *    nothing happened to it since, and no reminder, due time or dated event came;
 *  - no sweep ran at a later instant than `now` (a preview into the past computes all);
 *  - its policy is the one the sweep computed under (a fingerprint of the loaded policy:
 *    an edited policy file is computed afresh until the daemon sweeps with it);
 *  - no milestone is paused, where the reader needs due times: a running pause moves the
 *    due time with `now` (overdue milestones never run a pause, so the overdue list can
 *    take them as stored).
 * Input: our own rows; the policies as the caller loaded them.
 */
import { createHash } from 'node:crypto';
import { openCases } from '../cases/store/cases.js';
import { caseEvents } from '../cases/store/event-log.js';
import { possibleDuplicatesOf } from '../cases/store/case-list.js';
import type { Db } from '../db/open.js';
import { DAY, DEFAULTS } from '../limits.js';
import { MILESTONES, type Policy } from '../policy/schema.js';
import { SLA_MILESTONES, SLA_WINDOWS_DAYS, type DeadlineView, type DigestCase, type DigestSources, type SlaTally } from './digest.js';
import { computeDeadlines } from './engine.js';
import { storedSla } from './sla-days.js';
import { overdueMilestones, type OverdueMilestone } from './overdue.js';
import {
  digestCaseRows,
  digestSubject,
  loadDigestSubjects,
  openCaseIds,
  openCasePolicies,
  openCasesDueForSweep,
  pausedCaseIds,
  policiesReceivedSince,
  storedListRows,
  storedOverdue,
  sweepMarks,
  type DigestCaseRow,
  type SlaSelection,
  type StoredDeadline,
} from './store.js';

export interface DeadlineReader {
  db: Db;
  policyFor(name: string): Policy;
  now: Date;
}

/** A fingerprint of a policy as loaded: the sweep records it, readers compare theirs. */
export function policyHash(p: Policy): string {
  return createHash('sha256').update(JSON.stringify(p)).digest('hex').slice(0, 16);
}

/** Whether stored rows may be read at all as of `now`, and whether those of a policy were computed under the policy the reader has. */
function trust(r: DeadlineReader): { usable: boolean; nowIso: string; policyOk(name: string): boolean } {
  const marks = sweepMarks(r.db);
  const verdicts = new Map<string, boolean>();
  return {
    nowIso: r.now.toISOString(),
    usable: marks.latest !== null && r.now.getTime() >= Date.parse(marks.latest),
    policyOk(name) {
      let ok = verdicts.get(name);
      if (ok === undefined) {
        try {
          ok = marks.policies[name] === policyHash(r.policyFor(name));
        } catch {
          ok = false; // computing the case will say what is wrong with its policy
        }
        verdicts.set(name, ok);
      }
      return ok;
    },
  };
}

const rank = (m: string): number => MILESTONES.indexOf(m as (typeof MILESTONES)[number]);

function fromStored(rows: StoredDeadline[]): DeadlineView[] {
  return rows
    .map((d) => ({ milestone: d.milestone, state: d.state, due: d.due ? new Date(d.due) : null, metAt: d.metAt ? new Date(d.metAt) : null, late: d.late }))
    .sort((a, b) => rank(a.milestone) - rank(b.milestone));
}

type Trust = ReturnType<typeof trust>;

/** The SLA counts of each window over the stored rows of the cases `q` selects (digest.ts slaTally, added up in SQL). */
function storedSlaTallies(db: Db, now: Date, q: Omit<SlaSelection, 'bounds'>): SlaTally[] {
  const windows = [...SLA_WINDOWS_DAYS].sort((a, b) => a - b);
  const got = storedSla(db, { ...q, bounds: windows.map((days) => new Date(now.getTime() - days * DAY)) }, SLA_MILESTONES, ['acknowledge', 'firstResponse']);
  return SLA_WINDOWS_DAYS.map((days) => {
    const i = windows.lastIndexOf(days);
    const tally: SlaTally = { days, cases: 0, milestones: {}, took: { acknowledge: [], firstResponse: [] } };
    for (const c of got.cases) if (c.w <= i) tally.cases += c.n;
    for (const m of got.counts) {
      if (m.w > i) continue;
      const t = (tally.milestones[m.milestone] ??= { met: 0, missed: 0, waived: 0 });
      t.met += m.met;
      t.missed += m.missed;
      t.waived += m.waived;
      if (m.milestone === 'acknowledge' || m.milestone === 'firstResponse') tally.took[m.milestone].push(...m.took);
    }
    return tally;
  });
}

/**
 * The cases the digest computes from their events, by id: all it considers (received
 * since `from`, or open) when no stored row can be trusted, else those whose rows do not
 * hold as of `now` (due for the sweep, or of a policy not the one they were computed
 * under among `policies`) or have a paused milestone.
 */
function casesToCompute(r: DeadlineReader, t: Trust, from: Date, policies: Iterable<string>): Map<number, DigestCaseRow> {
  const inScope = (c: DigestCaseRow): boolean => c.created_at >= from.toISOString() || c.state !== 'closed';
  const out = new Map<number, DigestCaseRow>();
  const add = (rows: DigestCaseRow[]): void => rows.filter(inScope).forEach((c) => out.set(c.id, c));
  if (!t.usable) {
    add(digestCaseRows(r.db, { receivedSince: from }));
    add(digestCaseRows(r.db, { open: true }));
    return out;
  }
  add(digestCaseRows(r.db, { dueForSweep: r.now }));
  for (const name of policies) if (!t.policyOk(name)) add(digestCaseRows(r.db, { policy: name, receivedSince: from }));
  add(digestCaseRows(r.db, { ids: pausedCaseIds(r.db) }));
  return out;
}

/** The cases for the list of new cases, in the order the digest lists them: those received within the windows, then older open ones. */
function newCaseRows(r: DeadlineReader, since: Date | null, from: Date): DigestCaseRow[] {
  if (since && since.getTime() > from.getTime()) return digestCaseRows(r.db, { receivedSince: since });
  const recent = digestCaseRows(r.db, { receivedSince: from });
  const seen = new Set(recent.map((c) => c.id));
  const older = digestCaseRows(r.db, { open: true }).filter((c) => !seen.has(c.id) && (!since || Date.parse(c.created_at) > since.getTime()));
  return [...recent, ...older];
}

/** The row behind each digest case fromRow made: what beforeSubjects reads the subjects and keys of. */
const rowOf = new WeakMap<DigestCase, DigestCaseRow>();

/** A case as the digest lists it; its subject is opened on first read, only for the cases a list shows. */
function fromRow(db: Db, c: DigestCaseRow, duplicates?: Map<number, string[]>): DigestCase {
  let subject: string | null | undefined;
  const out: DigestCase = {
    trackingId: c.tracking_id,
    get subject(): string | null {
      if (subject === undefined) subject = digestSubject(db, c);
      return subject;
    },
    state: c.state,
    receivedAt: new Date(c.created_at),
    ...(duplicates ? { possibleDuplicates: duplicates.get(c.id) ?? [] } : {}),
  };
  rowOf.set(out, c);
  return out;
}

/**
 * What the digest is built from as of `now` (digest.ts buildDigest), for new cases since
 * `since`: the cases received within the longest SLA window and the open ones. Those
 * whose stored rows do not hold come with their computed deadlines; the other open ones
 * with the rows the lists show; the SLA figures of all the others are added up in SQL.
 * One read transaction, so no sweep moves a case from one side to the other meanwhile.
 */
export function digestSources(r: DeadlineReader, since: Date | null): DigestSources {
  const from = new Date(r.now.getTime() - Math.max(...SLA_WINDOWS_DAYS) * DAY);
  return r.db.transaction((): DigestSources => {
    const t = trust(r);
    const open = t.usable ? digestCaseRows(r.db, { open: true }) : [];
    const names = new Set([...policiesReceivedSince(r.db, from), ...open.map((c) => c.policy)]);
    const compute = casesToCompute(r, t, from, names);
    const listed = open.filter((c) => !compute.has(c.id));
    // Status updates and disclosures show a few days ahead: no row due later can be in a list.
    const horizon = new Date(r.now.getTime() + Math.max(DEFAULTS.digestStatusUpdateHorizon, DEFAULTS.digestDisclosureHorizon));
    const rows = storedListRows(
      r.db,
      listed.map((c) => c.id),
      horizon,
    );
    const fresh = newCaseRows(r, since, from);
    const duplicates = possibleDuplicatesOf(
      r.db,
      fresh.map((c) => c.id),
    );
    const policies = [...names].filter((n) => t.policyOk(n));
    return {
      // Object.assign, not a spread: a spread would read (and open) every subject at once.
      cases: [...compute.values()].map((c) =>
        Object.assign(fromRow(r.db, c), { deadlines: computeDeadlines(caseEvents(r.db, c.id), r.policyFor(c.policy), r.now) }),
      ),
      // Only the cases with a row a list may show: the others add nothing to the lists.
      listed: listed.filter((c) => rows.has(c.id)).map((c) => Object.assign(fromRow(r.db, c), { deadlines: fromStored(rows.get(c.id) ?? []) })),
      considered: fresh.map((c) => fromRow(r.db, c, duplicates)),
      sla: t.usable
        ? storedSlaTallies(r.db, r.now, {
            until: r.now,
            now: r.now,
            policies,
            except: [...compute.keys()],
          })
        : [],
      // The subjects and keys of the few cases the digest lists, in one query each (a key missed alone reads a window of 256 around it).
      beforeSubjects: (cases) =>
        loadDigestSubjects(
          r.db,
          cases.flatMap((c) => rowOf.get(c) ?? []),
        ),
    };
  })();
}

/** The cases with a milestone past due and not met as of `now` (overdue.ts's reading), with those milestones, by case id. */
export function overdueCases(r: DeadlineReader): Map<number, OverdueMilestone[]> {
  return r.db.transaction(() => overdueIn(r))();
}

function overdueIn(r: DeadlineReader): Map<number, OverdueMilestone[]> {
  const t = trust(r);
  // Closed cases are never overdue, and an open case's rows change only through the sweep: these are the ones to compute.
  const toCompute = new Map<number, string>((t.usable ? openCasesDueForSweep(r.db, r.now) : openCases(r.db)).map((c) => [c.id, c.policy]));
  if (t.usable) for (const name of openCasePolicies(r.db)) if (!t.policyOk(name)) for (const c of openCaseIds(r.db, name)) toCompute.set(c.id, c.policy);
  const out = new Map<number, OverdueMilestone[]>();
  if (t.usable) {
    for (const d of storedOverdue(r.db)) {
      if (toCompute.has(d.caseId) || !(d.sweepAt === null || d.sweepAt > t.nowIso) || !d.due) continue;
      out.set(d.caseId, [...(out.get(d.caseId) ?? []), { milestone: d.milestone, due: d.due }]);
    }
    for (const list of out.values()) list.sort((a, b) => rank(a.milestone) - rank(b.milestone));
  }
  for (const [id, policy] of toCompute) {
    const due = overdueMilestones(r.policyFor(policy), caseEvents(r.db, id), r.now);
    if (due.length) out.set(id, due);
  }
  return out;
}
