/**
 * What every domain action is given: the database (the caller's open write
 * transaction), the instant, WHO acts (the actor recorded on each event) and, for
 * emailed commands, the spool entry the command came in. Plus the helpers every
 * action shares: loading a case by tracking ID and appending its typed event.
 */
import type { Db } from '../../db/open.js';
import { SectriageError } from '../../errors.js';
import type { Actor, EventDataIn, EventType } from '../model/events.js';
import { getCase, type CaseRow } from '../store/cases.js';
import { appendEvent, type EventInput } from '../store/event-log.js';

export interface ActionContext {
  db: Db;
  now: Date;
  /** Who acts: cli:<unix user>, key:<fingerprint>, web:<member>, or system. */
  actor: Actor;
  /** The spool entry of the command mail, for emailed commands. */
  spoolId?: number | null;
  /** States the reporter is told about (policy reporterNotices). */
  reporterNotices: readonly string[];
  teamAddress: string;
  timezone: string;
}

export function loadCase(db: Db, trackingId: string): CaseRow {
  const c = getCase(db, trackingId.trim());
  if (!c) throw new SectriageError('CASE_NOT_FOUND', `no case ${trackingId}`);
  return c;
}

/** Appends the action's event, as the context's actor, in the caller's transaction; returns its id. */
export function event<K extends EventType>(ctx: ActionContext, caseId: number, type: K, data: EventDataIn<K>): number {
  return appendEvent(ctx.db, { caseId, at: ctx.now.toISOString(), actor: ctx.actor, spoolId: ctx.spoolId ?? null, type, data } as EventInput);
}

export const domainOf = (address: string): string => address.split('@')[1] as string;
