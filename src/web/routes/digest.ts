/**
 * The digest's figures as a page: what is overdue, what falls due within a week, what waits
 * on acknowledgement or first response, and the SLA per milestone (met and missed, with a
 * server-rendered SVG chart), read the way the mailed digest reads them (deadlines/current.ts,
 * deadlines/digest.ts). Subjects are escaped text.
 */
import { buildDigest } from '../../deadlines/digest.js';
import { digestSources } from '../../deadlines/current.js';
import { DAY } from '../../limits.js';
import { requireMember } from '../auth.js';
import type { ConsoleApp, ConsoleDeps } from '../context.js';
import { listRows, pageUser } from './cases.js';
import { digestPage } from '../views/digest.js';

export function digestRoutes(app: ConsoleApp, deps: ConsoleDeps): void {
  app.get('/digest', requireMember(deps), (c) => {
    const now = deps.now();
    const data = buildDigest(digestSources({ db: deps.db, policyFor: deps.policyFor, now }, null), now, null);
    const weekEnd = new Date(now.getTime() + 7 * DAY).toISOString();
    const dueThisWeek = listRows(deps, now).filter((r) => !r.overdue && r.nextDue && r.nextDue <= weekEnd && r.state !== 'closed');
    return c.html(digestPage(pageUser(c), data, dueThisWeek));
  });
}
