/**
 * The case list page: counts per state, the filter form (a GET form: no state changes),
 * and one row per case with its tracking ID first. Subjects and reporters come from
 * reports and are escaped text (html.ts); nothing is a link except our own case pages.
 */
import { CASE_STATES } from '../../cases/model/states.js';
import type { ListQuery, ListedCase } from '../case-filter.js';
import { html } from '../html.js';
import { page, type PageUser } from '../layout.js';

export interface ListRow extends ListedCase {
  subject: string | null;
  reporter: string;
  severity?: string | null | undefined;
  attention: string | null;
}

const when = (iso: string | null): string => (iso ? iso.replace('T', ' ').slice(0, 16) : '-');

function option(value: string, label: string, selected: boolean) {
  return html`<option value="${value}" ${selected ? html` selected` : null}>${label}</option>`;
}

export function caseListPage(user: PageUser, rows: ListRow[], counts: Map<string, number>, q: ListQuery, team: string[], policies: string[]): string {
  const countsBar = html`<ul class="counts">
    ${CASE_STATES.map(
      (s) =>
        html`<li>
          <a href="/?state=${s}" class="${q.state === s ? 'on' : ''}">${s.replace('_', ' ')} <b>${counts.get(s) ?? 0}</b></a>
        </li>`,
    )}
  </ul>`;
  const filters = html`<form method="get" action="/" class="filters">
    <input type="search" name="q" value="${q.q ?? ''}" placeholder="words in the reports" aria-label="search" />
    <select name="state" aria-label="state">
      ${option('', 'any state', !q.state)}${CASE_STATES.map((s) => option(s, s, q.state === s))}
    </select>
    <select name="assignee" aria-label="assignee">
      ${option('', 'anyone', !q.assignee)}${option('none', 'unassigned', q.assignee === 'none')}${team.map((n) => option(n, n, q.assignee === n))}
    </select>
    <select name="flag" aria-label="flag">
      ${option('', 'any flag', !q.flag)}${['exploited', 'public', 'onHold', 'embargo'].map((f) => option(f, f, q.flag === f))}
    </select>
    <select name="policy" aria-label="policy">
      ${option('', 'any policy', !q.policy)}${policies.map((p) => option(p, p, q.policy === p))}
    </select>
    <label class="check"><input type="checkbox" name="overdue" value="1" ${q.overdue ? html` checked` : null} /> overdue</label>
    <select name="sort" aria-label="sort">
      ${option('due', 'by due time', q.sort === 'due')}${option('received', 'newest first', q.sort === 'received')}
    </select>
    <button>Filter</button>
  </form>`;
  const table = rows.length
    ? html`<table class="cases">
        <thead>
          <tr>
            <th>Case</th>
            <th>State</th>
            <th>Subject</th>
            <th>Reporter</th>
            <th>Assignee</th>
            <th>Next due</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr class="${r.overdue ? 'overdue' : ''}">
                <td class="tid"><a href="/cases/${r.trackingId}">${r.trackingId}</a></td>
                <td>
                  <span class="state s-${r.state}">${r.state.replace('_', ' ')}</span>${r.severity ? html` <span class="sev">${r.severity}</span>` : null}
                </td>
                <td class="subject">${r.subject ?? '(no subject)'}${r.attention ? html`<div class="attention">${r.attention}</div>` : null}</td>
                <td>${r.reporter}</td>
                <td>${r.assignee ?? '-'}</td>
                <td>${when(r.nextDue)}${r.overdue ? html` <b class="late">overdue</b>` : null}</td>
              </tr>`,
          )}
        </tbody>
      </table>`
    : html`<p class="muted">No case matches.</p>`;
  return page(
    'Cases',
    user,
    html`<h1>Cases</h1>
      ${countsBar}${filters}${table}`,
  );
}
