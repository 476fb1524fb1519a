/**
 * The digest page: overdue, due this week, waiting on the team, and the SLA figures per
 * window with a met-vs-missed chart (views/chart.ts). Subjects are escaped text.
 */
import { digestTotal, type DeadlineItem, type DigestData, type DigestList } from '../../outbox/templates-deadlines.js';
import { html } from '../html.js';
import { page, type PageUser } from '../layout.js';
import type { ListRow } from './case-list.js';
import { metMissedChart } from './chart.js';

const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '-');
const days = (ms: number | null): string => (ms === null ? '-' : `${(ms / 86_400_000).toFixed(1)} d`);

function items(list: DeadlineItem[]) {
  return list.length
    ? html`<table>
        <tbody>
          ${list.map(
            (i) =>
              html`<tr>
                <td class="tid"><a href="/cases/${i.trackingId}">${i.trackingId}</a></td>
                <td>${i.label}</td>
                <td>${when(i.due)}</td>
                <td>${i.state}</td>
                <td>${i.subject ?? ''}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="muted">None.</p>`;
}

/** Where a cut list goes on: the case list shows every case, with its next due date. */
function more(d: DigestData, list: DigestList, shown: number, href: string) {
  const left = digestTotal(d, list) - shown;
  return left > 0 ? html`<p class="muted"><a href="${href}">${left} more in the case list</a></p>` : null;
}

export function digestPage(user: PageUser, d: DigestData, dueThisWeek: ListRow[]): string {
  return page(
    'Digest',
    user,
    html`<h1>Digest</h1>
      <p class="muted">As of ${when(d.at)} UTC.</p>
      <section>
        <h2>Overdue (${digestTotal(d, 'overdue')})</h2>
        ${items(d.overdue)} ${more(d, 'overdue', d.overdue.length, '/cases?overdue=1')}
      </section>
      <section>
        <h2>Due this week (${dueThisWeek.length})</h2>
        ${
          dueThisWeek.length
            ? html`<table>
                <tbody>
                  ${dueThisWeek.map(
                    (r) =>
                      html`<tr>
                        <td class="tid"><a href="/cases/${r.trackingId}">${r.trackingId}</a></td>
                        <td>${when(r.nextDue)}</td>
                        <td>${r.state}</td>
                        <td>${r.subject ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
            : html`<p class="muted">None.</p>`
        }
      </section>
      <section>
        <h2>Waiting on the team (${digestTotal(d, 'waiting')})</h2>
        ${items(d.waiting)} ${more(d, 'waiting', d.waiting.length, '/cases')}
      </section>
      ${d.sla.map(
        (s) =>
          html`<section>
            <h2>SLA, last ${s.days} days (${s.cases} cases)</h2>
            <p>Median time to acknowledge ${days(s.medianAckMs)}, to first response ${days(s.medianFirstResponseMs)}.</p>
            ${metMissedChart(
              s.perMilestone.map((m) => ({ label: m.label, met: m.met, missed: m.missed })),
              `Milestones met and missed, last ${s.days} days`,
            )}
            <table>
              <thead>
                <tr>
                  <th>Milestone</th>
                  <th>Met</th>
                  <th>Missed</th>
                </tr>
              </thead>
              <tbody>
                ${s.perMilestone.map(
                  (m) =>
                    html`<tr>
                      <td>${m.label}</td>
                      <td>${m.met}</td>
                      <td>${m.missed}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
          </section>`,
      )}`,
  );
}
