/**
 * A case's deadlines as text for `deadlines explain` and `cases show`: each milestone's
 * state, due time, reminder, escalation and the steps that computed it. Pure.
 */
import type { Deadline } from '../deadlines/engine.js';
import { formatWhen } from '../outbox/format-when.js';
import { milestoneLabel } from '../policy/load.js';

export function formatDeadlines(trackingId: string, policyTitle: string, ds: Deadline[], now: Date, tz: string): string {
  const lines = [`${trackingId}: deadlines under ${policyTitle}, as of ${formatWhen(now.toISOString(), tz)}`, ''];
  for (const d of ds) {
    const when = d.due ? formatWhen(d.due.toISOString(), tz) : '-';
    lines.push(`${milestoneLabel(d.milestone)} [${d.milestone}]: ${d.state.toUpperCase()}${d.state === 'met' && d.late ? ' (late)' : ''}`);
    lines.push(`  due:      ${when}`);
    if (d.remindAt) lines.push(`  reminder: ${formatWhen(d.remindAt.toISOString(), tz)}`);
    if (d.escalateTo.length) lines.push(`  escalate: ${d.escalateTo.join(', ')}`);
    for (const s of d.steps) lines.push(`  - ${s}`);
    lines.push('');
  }
  return lines.join('\n');
}
