/**
 * The EU Cyber Resilience Act's notifications of an actively exploited vulnerability
 * (Article 14(2)): an early warning within 24 hours of becoming aware, a vulnerability
 * notification within 72 hours, and a final report within 14 days after a corrective
 * measure is available. A policy with `cra: true` owes them for a case flagged exploited
 * (deadlines/engine.ts); the team records each one made (`cases set --cra-notified`).
 */
import { SectriageError } from '../../errors.js';

export const CRA_NOTIFICATIONS = ['early_warning', 'notification', 'final_report'] as const;
export type CraNotification = (typeof CRA_NOTIFICATIONS)[number];

/** A notification's name as people type it: early_warning, early-warning, notification, final_report. */
export function parseCraNotification(s: string): CraNotification {
  const v = s.trim().toLowerCase().replace(/-/g, '_');
  if (!(CRA_NOTIFICATIONS as readonly string[]).includes(v))
    throw new SectriageError('USAGE', `unknown CRA notification "${s}": use one of ${CRA_NOTIFICATIONS.join(', ')}`);
  return v as CraNotification;
}

/** The milestone each notification meets. */
export const CRA_MILESTONES = { early_warning: 'cra_early_warning', notification: 'cra_notification', final_report: 'cra_final_report' } as const;
