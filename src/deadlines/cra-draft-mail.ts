/**
 * The CRA notification a reminder or escalation of a CRA milestone carries: drafted from
 * the case's advisory input (advisory/cra-draft.ts) as of the sweep's instant. Reads only.
 */
import { craDraft } from '../advisory/cra-draft.js';
import { gatherAdvisory } from '../advisory/gather.js';
import { CRA_NOTIFICATIONS, type CraNotification } from '../cases/model/cra.js';
import type { CaseRow } from '../cases/store/cases.js';
import { caseEvents } from '../cases/store/event-log.js';
import type { Config } from '../config/load.js';
import type { Db } from '../db/open.js';
import type { Deadline } from './engine.js';

export function craDraftOf(deps: { db: Db; config: Pick<Config, 'advisory' | 'cve'>; now: Date }, c: CaseRow, d: Deadline): string[] | undefined {
  const which = d.milestone.replace(/^cra_/, '') as CraNotification;
  if (!d.milestone.startsWith('cra_') || !CRA_NOTIFICATIONS.includes(which)) return undefined;
  let awareAt: string | null = null;
  for (const e of caseEvents(deps.db, c.id)) if (e.type === 'flag_set' && e.data.flag === 'exploited') awareAt = e.data.value ? (awareAt ?? e.at) : null;
  return craDraft(which, gatherAdvisory(deps.db, c, deps.config, deps.now).input, { awareAt });
}
