/**
 * What a deadline is, and what the engine reads of an event: the types engine.ts computes
 * with and the CRA milestones (cra.ts) are made of, apart from both so neither imports
 * the other. Pure.
 */
import type { EventBody } from '../cases/model/events.js';
import type { DeadlineName } from '../policy/schema.js';

/** What the engine reads of an event: when, and its typed body (model/events.ts). */
export type EngineEvent = { at: string } & (EventBody | { type: 'unreadable'; data: unknown });

export type DeadlineState = 'met' | 'due' | 'overdue' | 'paused' | 'not_applicable' | 'waived';

export interface Deadline {
  milestone: DeadlineName;
  state: DeadlineState;
  /** When it is (or was) due; null when it never started (not_applicable before the clock). */
  due: Date | null;
  /** When it was satisfied, for 'met'. */
  metAt: Date | null;
  /** For 'met': satisfied after the due time. */
  late: boolean;
  /** When the team is reminded (due minus reminderLead); null without a lead. */
  remindAt: Date | null;
  /** For recurring milestones: the instant the current period started. */
  periodStart: Date | null;
  escalateTo: string[];
  /** How the due time was computed, one line per step. */
  steps: string[];
  /** For 'waived': the case was closed without what satisfies the milestone; when, and the resolution. */
  waived?: { at: Date; reason: string };
}

/** A deadline before anything is known of it: not applicable, nothing due, nothing met. */
export function notYetApplicable(milestone: DeadlineName, escalateTo: string[]): Deadline {
  return { milestone, state: 'not_applicable', due: null, metAt: null, late: false, remindAt: null, periodStart: null, escalateTo, steps: [] };
}
