/**
 * The read pages: the case list and one case. Showing a case (or handing out one of its
 * attachments) is recorded first as a case_viewed event by the member (the domain action
 * recordCaseView), so the log says who saw a report. Path parameters are untrusted: a
 * tracking ID must have the form of one, an attachment id be digits AND belong to that
 * case; the bytes go out as application/octet-stream attachments, never rendered inline.
 */
import type { Context } from 'hono';
import { loadCase, recordCaseView, searchCases, type ActionContext } from '../../cases/actions/index.js';
import { listCases } from '../../cases/store/case-list.js';
import { caseAttachment, caseAttachments, caseFacts, countsByState } from '../../cases/store/console.js';
import { caseEvents } from '../../cases/store/event-log.js';
import { attachmentContent } from '../../cases/store/messages.js';
import { caseDetail } from '../../cases/store/queries.js';
import { computeDeadlines, type Deadline } from '../../deadlines/engine.js';
import { DEFAULTS } from '../../limits.js';
import { requireMember } from '../auth.js';
import { applyListQuery, parseListQuery } from '../case-filter.js';
import type { ConsoleApp, ConsoleDeps, ConsoleEnv } from '../context.js';
import type { PageUser } from '../layout.js';
import { caseListPage, type ListRow } from '../views/case-list.js';
import { casePage } from '../views/case-page.js';

/** SEC-2026-7K3QD: a prefix, a year and Crockford base32. Anything else is not looked up. */
export const TRACKING_ID = /^[A-Z][A-Z0-9]{1,9}-\d{4}-[0-9A-HJKMNP-TV-Z]{3,12}$/;

export function actionContext(deps: ConsoleDeps, member: string, now: Date): ActionContext {
  return {
    db: deps.db,
    now,
    actor: `web:${member}`,
    reporterNotices: deps.policy.reporterNotices,
    teamAddress: deps.teamAddress,
    timezone: deps.timezone,
  };
}

export const pageUser = (c: Context<ConsoleEnv>): PageUser => ({ name: c.get('member').name, csrf: c.get('session').csrfSecret });

function nextDue(ds: Deadline[]): { nextDue: string | null; overdue: boolean } {
  const open = ds.filter((d) => (d.state === 'due' || d.state === 'overdue') && d.due);
  const first = open.map((d) => (d.due as Date).toISOString()).sort()[0] ?? null;
  return { nextDue: first, overdue: ds.some((d) => d.state === 'overdue') };
}

export function listRows(deps: ConsoleDeps, now: Date): ListRow[] {
  const facts = caseFacts(deps.db);
  return listCases(deps.db).map((item) => {
    const f = facts.get(item.trackingId);
    // A closed case has nothing coming due: its events are not read (most cases of a long-lived team are closed).
    const deadlines = f && f.state !== 'closed' ? computeDeadlines(caseEvents(deps.db, f.id), deps.policyFor(f.policy), now) : [];
    return {
      ...item,
      policy: f?.policy ?? '',
      flags: f?.flags ?? { exploited: false, public: false, onHold: false, embargo: false },
      ...nextDue(deadlines),
    };
  });
}

/** Renders one case for `member`, recording the view; `notice`: the outcome of an action just taken. */
export function renderCase(deps: ConsoleDeps, c: Context<ConsoleEnv>, id: string, notice?: { ok: boolean; text: string }, status: 200 | 400 = 200) {
  const now = deps.now();
  const member = c.get('member').name;
  const data = deps.db
    .transaction(() => {
      const row = loadCase(deps.db, id);
      recordCaseView(actionContext(deps, member, now), row, 'case');
      const policy = deps.policyFor(row.policy);
      return {
        detail: caseDetail(deps.db, row),
        deadlines: computeDeadlines(caseEvents(deps.db, row.id), policy, now),
        attachments: caseAttachments(deps.db, row.id),
        policyTitle: policy.title,
      };
    })
    .immediate();
  return c.html(casePage(pageUser(c), { ...data, team: deps.team().map((m) => m.name), notice }), status);
}

export function caseRoutes(app: ConsoleApp, deps: ConsoleDeps): void {
  const auth = requireMember(deps);

  app.get('/', auth, (c) => {
    const now = deps.now();
    const all = listRows(deps, now);
    const policies = [...new Set(all.map((r) => r.policy))].sort();
    const team = deps.team().map((m) => m.name);
    const q = parseListQuery((n) => c.req.query(n), team, policies);
    // A search reads decrypted content: each case it finds records that this member saw it.
    const query = q.q;
    const found = query
      ? deps.db
          .transaction(() => new Set(searchCases(actionContext(deps, c.get('member').name, now), query, DEFAULTS.webListMaxCases).map((h) => h.trackingId)))
          .immediate()
      : undefined;
    const rows = applyListQuery(all, q, found).slice(0, DEFAULTS.webListMaxCases);
    return c.html(caseListPage(pageUser(c), rows, countsByState(deps.db), q, team, policies));
  });

  app.get('/cases/:id', auth, (c) => {
    const id = c.req.param('id');
    if (!TRACKING_ID.test(id) || !caseFacts(deps.db).has(id)) return c.text('No such case.', 404);
    const done = c.req.query('done');
    return renderCase(deps, c, id, done ? { ok: true, text: DONE[done] ?? 'Done.' } : undefined);
  });

  app.get('/cases/:id/attachments/:att', auth, (c) => {
    const id = c.req.param('id');
    const att = c.req.param('att');
    if (!TRACKING_ID.test(id) || !/^\d{1,15}$/.test(att)) return c.text('No such attachment.', 404);
    const now = deps.now();
    const found = deps.db
      .transaction(() => {
        const f = caseFacts(deps.db).get(id);
        const a = f && caseAttachment(deps.db, f.id, Number(att));
        if (!f || !a) return undefined;
        recordCaseView(actionContext(deps, c.get('member').name, now), loadCase(deps.db, id), 'attachment', a.id);
        return { a, bytes: attachmentContent(deps.db, a.id) };
      })
      .immediate();
    if (!found?.bytes) return c.text('No such attachment.', 404);
    // The name only as a hint, reduced to safe characters; the bytes never rendered by the browser.
    const name = (found.a.filename ?? `attachment-${found.a.id}`).replace(/[^\w.-]+/g, '_').slice(0, 100) || `attachment-${found.a.id}`;
    return c.body(new Uint8Array(found.bytes), 200, {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Content-Length': String(found.bytes.length),
    });
  });
}

/** The result lines an action's redirect may name (?done=...): fixed text, nothing reflected. */
export const DONE: Record<string, string> = {
  acknowledge: 'Acknowledged.',
  assign: 'Assignment changed.',
  state: 'State changed.',
  severity: 'Severity set.',
  cve: 'CVE set.',
  flags: 'Flags set.',
  embargo: 'Embargo set.',
  note: 'Note added.',
  reply: 'Reply queued; it is being sent.',
  merge: 'Merged.',
  advisory: 'Advisory saved.',
  'pin-key': 'Reporter key pinned.',
  dismiss: 'Attention item cleared.',
};
