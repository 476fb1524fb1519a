/**
 * The forms a member acts on a case with: each posts to /cases/ID/<action> with the CSRF
 * token, and the server hands it to the domain actions. No script: a select and a button
 * each. A reply without a key for the reporter needs its confirmation box ticked.
 */
import { CASE_STATES, RESOLUTIONS } from '../../cases/model/states.js';
import type { CaseDetail } from '../../cases/store/queries.js';
import { html, type Html } from '../html.js';
import { csrfInput, type PageUser } from '../layout.js';

export function caseActions(user: PageUser, d: CaseDetail, team: string[]) {
  const w = d.workflow;
  const act = (name: string) => `/cases/${d.trackingId}/${name}`;
  const csrf = csrfInput(user.csrf);
  const pinned = d.reporterKeys.find((k) => k.status === 'pinned');
  return html`<section class="actions">
    <h2>Act</h2>
    <div class="grid">
      ${w.acknowledgedAt ? null : html`<form method="post" action="${act('acknowledge')}">${csrf}<button>Acknowledge</button></form>`}
      <form method="post" action="${act('assign')}">
        ${csrf}<label
          >Assign to
          <select name="member">
            <option value="none">nobody</option>
            ${team.map((n) => html`<option value="${n}" ${w.assignee === n ? html` selected` : null}>${n}</option>`)}
          </select></label
        >
        <button>Assign</button>
      </form>
      <form method="post" action="${act('state')}">
        ${csrf}<label
          >State
          <select name="state">
            ${CASE_STATES.map((s) => html`<option value="${s}" ${d.state === s ? html` selected` : null}>${s}</option>`)}
            <option value="reopen">reopen</option>
          </select></label
        >
        <label
          >Resolution
          <select name="resolution">
            <option value="">(closing only)</option>
            ${RESOLUTIONS.map((r) => html`<option value="${r}">${r}</option>`)}
          </select></label
        >
        <label>Duplicate of <input name="duplicateOf" size="16" placeholder="SEC-2026-XXXXX" /></label>
        <label>Note <input name="note" size="24" /></label> <button>Change state</button>
      </form>
      <form method="post" action="${act('severity')}">
        ${csrf}<label
          >CVSS vector <input name="cvss" size="44" value="${w.cvssVector ?? ''}" placeholder="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
        /></label>
        <label
          >or severity
          <select name="severity">
            <option value="">(from the vector)</option>
            ${['none', 'low', 'medium', 'high', 'critical'].map((s) => html`<option value="${s}">${s}</option>`)}
          </select></label
        >
        <button>Set severity</button>
      </form>
      <form method="post" action="${act('cve')}">
        ${csrf}<label>CVE <input name="cve" size="18" value="${w.cve ?? ''}" placeholder="CVE-2026-12345 or none" /></label> <button>Set CVE</button>
      </form>
      <form method="post" action="${act('flags')}">
        ${csrf}
        <label class="check"><input type="checkbox" name="exploited" value="1" ${w.flags.exploited ? html` checked` : null} /> exploited</label>
        <label class="check"><input type="checkbox" name="public" value="1" ${w.flags.public ? html` checked` : null} /> public</label>
        <label class="check"><input type="checkbox" name="on_hold" value="1" ${w.flags.onHold ? html` checked` : null} /> on hold</label>
        <button>Set flags</button>
      </form>
      <form method="post" action="${act('embargo')}">
        ${csrf}<label>Embargo until <input type="date" name="embargo" value="${w.flags.embargoUntil ?? ''}" /></label> <button>Set embargo</button>
      </form>
      <form method="post" action="${act('merge')}">
        ${csrf}<label>Duplicate of (merge into) <input name="into" size="16" placeholder="SEC-2026-XXXXX" required /></label> <button>Merge</button>
      </form>
      ${pinForm(d, csrf)}
    </div>
    ${textForms(d, csrf, pinned)}
  </section>`;
}

/** The note and the reply: free text, each its own form. */
function textForms(d: CaseDetail, csrf: Html, pinned: { fingerprint: string } | undefined) {
  const act = (name: string) => `/cases/${d.trackingId}/${name}`;
  return html`<form method="post" action="${act('note')}" class="wide">
      ${csrf}<label>Note for the team<textarea name="note" rows="3" required></textarea></label><button>Add note</button>
    </form>
    <form method="post" action="${act('reply')}" class="wide">
      ${csrf}<label>Reply to the reporter <textarea name="text" rows="6" required></textarea></label>
      ${
        pinned
          ? html`<p class="muted">Encrypted to ${pinned.fingerprint}.</p>`
          : html`<p class="warn">We hold no key for the reporter: the reply would go out in plain text.</p>
              <label class="check"><input type="checkbox" name="allowPlain" value="1" /> Send it unencrypted: it quotes nothing from the report</label>`
      }
      <button>Send reply</button>
    </form>`;
}

/** Pinning a key the reporter offered (one changed since the pinned one), when there is one. */
function pinForm(d: CaseDetail, csrf: Html) {
  const act = (name: string) => `/cases/${d.trackingId}/${name}`;
  const candidates = d.reporterKeys.filter((k) => k.status === 'candidate');
  return candidates.length
    ? html`<form method="post" action="${act('pin-key')}">
        ${csrf}<label
          >Pin reporter key
          <select name="fingerprint">
            ${candidates.map((k) => html`<option value="${k.fingerprint}">${k.fingerprint} (${k.source}, ${k.firstSeenAt.slice(0, 10)})</option>`)}
          </select></label
        >
        <button>Pin</button>
      </form>`
    : null;
}
