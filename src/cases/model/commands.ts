/**
 * What the team can do to a case, as data: the one command shape every front door
 * builds (the CLI from its options, signed mail from its /lines, the web console from
 * its forms) and hands to actions/run-command.ts. Values are already checked for form
 * (lifecycle.ts parsers); who may do it is the front door's business.
 */
import type { AdvisoryField } from './advisory.js';
import type { CraNotification } from './cra.js';
import type { Severity } from './lifecycle.js';
import type { CaseFlag, CaseState, Resolution } from './states.js';

export type CaseCommand =
  | { name: 'ack' }
  | { name: 'state'; to: CaseState | 'reopen'; reopenTo?: CaseState; resolution?: Resolution; duplicateOf?: string; note?: string }
  | { name: 'assign'; member: string }
  | { name: 'note'; text: string }
  | { name: 'severity'; severity?: Severity; cvss?: string }
  | { name: 'cve'; cve: string | null }
  | { name: 'flag'; flag: Exclude<CaseFlag, 'embargo'>; value: boolean }
  | { name: 'embargo'; date: string | null }
  | { name: 'reply'; text: string; plain: boolean }
  | { name: 'merge'; into: string; note?: string }
  | { name: 'advisory'; field: AdvisoryField; value: string | string[] | null }
  | { name: 'advisory-published'; url?: string }
  | { name: 'cra-notified'; notification: CraNotification };
