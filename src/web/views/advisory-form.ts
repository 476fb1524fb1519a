/**
 * The advisory a case will publish (issue 13), as one form: vendor, product, affected
 * ranges, fixed version, CWE, the team's summary and description, references, and the
 * "published" and CRA notification marks. It shows what is stored; the server turns the
 * whole form into advisory commands (an emptied field is cleared, an unchanged one makes
 * no event). Values are the team's own words, escaped like everything else.
 */
import { CRA_NOTIFICATIONS } from '../../cases/model/cra.js';
import type { CaseDetail } from '../../cases/store/queries.js';
import { html, type Html } from '../html.js';

export function advisoryForm(d: CaseDetail, csrf: Html): Html {
  const a = d.workflow.advisory;
  const lines = (xs: string[]): string => xs.join('\n');
  return html`<section class="advisory">
    <h2>Advisory</h2>
    <p class="muted">
      What <code>sectriage advisory ${d.trackingId} --format csaf|osv|cve</code> publishes. Written by the team: nothing here is copied from the report.
      ${a.publishedAt ? html`Published ${a.publishedAt.slice(0, 10)}.` : null}
    </p>
    <form method="post" action="/cases/${d.trackingId}/advisory" class="wide">
      ${csrf}
      <div class="grid">
        <label>Vendor <input name="vendor" value="${a.vendor ?? ''}" placeholder="from the config when empty" /></label>
        <label>Product <input name="product" value="${a.product ?? ''}" placeholder="from the config when empty" /></label>
        <label>Fixed in <input name="fixed" value="${a.fixed ?? ''}" placeholder="1.2.4" /></label>
        <label>CWE <input name="cwe" value="${a.cwe.join(', ')}" placeholder="79, 352" /></label>
      </div>
      <label>Affected versions, one range a line <textarea name="affected" rows="2" placeholder=">=1.0.0 <1.2.4">${lines(a.affected)}</textarea></label>
      <label>Summary <input name="summary" value="${a.summary ?? ''}" size="80" /></label>
      <label>Description <textarea name="description" rows="5">${a.description ?? ''}</textarea></label>
      <label>References, one URL a line <textarea name="references" rows="2">${lines(a.references)}</textarea></label>
      ${
        a.publishedAt
          ? null
          : html`<label class="check"><input type="checkbox" name="published" value="1" /> The advisory is public</label>
              <label>at <input name="publishedUrl" size="48" placeholder="https://example.com/security/advisories/..." /></label>`
      }
      <label
        >CRA notification made
        <select name="craNotified">
          <option value="">(none now)</option>
          ${CRA_NOTIFICATIONS.filter((n) => !a.craNotified[n]).map((n) => html`<option value="${n}">${n.replace(/_/g, ' ')}</option>`)}
        </select></label
      >
      <button>Save advisory</button>
    </form>
  </section>`;
}
