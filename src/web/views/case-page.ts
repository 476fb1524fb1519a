/**
 * One case: header, the team's action forms (views/case-actions.ts), report fields with
 * where each came from and what is missing, possible duplicates, deadlines with their
 * explanation, the thread oldest first (each message with its encryption, signature and
 * signer), attachments to download, outgoing mail and the event log. Every string from a
 * report is escaped text in a <pre> or a cell: never markup, never a link that loads.
 */
import type { CaseDetail } from '../../cases/store/queries.js';
import type { AttachmentInfo } from '../../cases/store/console.js';
import type { Deadline } from '../../deadlines/engine.js';
import { scoreCvss } from '../../extract/cvss.js';
import { fieldValueText } from '../../extract/field-text.js';
import { html, type Html } from '../html.js';
import { csrfInput, page, type PageUser } from '../layout.js';
import { caseActions } from './case-actions.js';
import { advisoryForm } from './advisory-form.js';

const when = (iso: string | Date | null | undefined): string =>
  iso ? (typeof iso === 'string' ? iso : iso.toISOString()).replace('T', ' ').slice(0, 16) : '-';

type Span = { start: number; end: number } | { attachment: string } | { header: 'subject' };
function source(s: Span): string {
  if ('attachment' in s) return `attachment ${s.attachment}`;
  if ('header' in s) return 'the subject';
  return `characters ${s.start}-${s.end} of the text`;
}

function fieldsSection(d: CaseDetail): Html {
  const { fields, report, duplicates } = d.reportFields;
  const missing = [...(report?.missingRequired ?? []).map((m) => `${m} (required)`), ...(report?.missingHelpful ?? [])];
  return html`<section>
    <h2>Report fields</h2>
    ${
      fields.length
        ? html`<table class="fields">
            <tbody>
              ${fields.map(
                (f) =>
                  html`<tr>
                    <th>${f.label}</th>
                    <td>
                      <pre>${fieldValueText(f.field, f.value)}</pre>
                      <div class="muted">from message #${f.messageId}, ${f.sources.map((s) => source(s as Span)).join('; ')}</div>
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No fields were read from the report.</p>`
    }
    ${
      report?.parts?.length
        ? html`<h3>Several vulnerabilities in one report (${report.parts.length})</h3>
            <ul>
              ${report.parts.map(
                (p) =>
                  html`<li>
                    ${p.title}${p.vulnType ? ` [${p.vulnType}]` : ''}${p.cwe ? ` ${p.cwe}` : ''}${p.cvss ? ` CVSS ${p.cvss.score ?? '?'} ${p.cvss.severity ?? ''} ${p.cvss.vector}` : ''}
                  </li>`,
              )}
            </ul>`
        : null
    }
    <p><b>Missing:</b> ${missing.length ? missing.join(', ') : 'nothing the policy asks for'}</p>
    ${report?.spam.likely ? html`<p class="warn">Looks like spam (score ${report.spam.score}): ${report.spam.reasons.join('; ')}</p>` : null}
    <h3>Possible duplicates</h3>
    ${
      duplicates.length
        ? html`<ul>
            ${duplicates.map(
              (x) =>
                html`<li>
                  <a href="/cases/${x.trackingId}">${x.trackingId}</a> (${x.state}, score ${x.score.toFixed(2)}): ${x.subject ?? ''}
                  <span class="muted">${x.reasons.join('; ')}</span>
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">None found.</p>`
    }
  </section>`;
}

function deadlinesSection(ds: Deadline[]): Html {
  return html`<section>
    <h2>Deadlines</h2>
    <table class="deadlines">
      <tbody>
        ${ds.map(
          (x) =>
            html`<tr class="d-${x.state}">
              <th>${x.milestone}</th>
              <td>${x.state}${x.state === 'met' && x.late ? ' (late)' : ''}</td>
              <td>${when(x.due)}</td>
              <td>
                <details>
                  <summary>explain</summary>
                  <ul>
                    ${x.steps.map((s) => html`<li>${s}</li>`)}
                  </ul>
                  ${x.escalateTo.length ? html`<p>escalates to ${x.escalateTo.join(', ')}</p>` : null}
                </details>
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

function threadSection(d: CaseDetail, attachments: AttachmentInfo[]): Html {
  return html`<section>
    <h2>Thread</h2>
    ${d.messages.map((m) => {
      const files = attachments.filter((a) => a.messageRowId === m.id);
      const signer = m.signerFingerprint
        ? ` by ${String(m.signerFingerprint)}${m.signerUidMatchesFrom === false ? ' (its user ID is not the From address)' : ''}`
        : '';
      return html`<article class="msg ${m.direction === 'in' ? 'in' : 'out'}">
        <header>
          <b>${m.direction === 'in' ? 'from' : 'team reply from'} ${String(m.from ?? '?')}</b> · ${when(String(m.at))} ·
          <span class="enc e-${String(m.encryption)}">${String(m.encryption)}</span> · <span class="sig">signature ${String(m.signature)}${signer}</span>
        </header>
        ${m.subject ? html`<div class="subject">${String(m.subject)}</div>` : null}
        <pre class="body">${String(m.body ?? '')}</pre>
        ${
          m.unencryptedText
            ? html`<div class="warn">Not encrypted, unverified text beside it:</div>
                <pre class="body">${String(m.unencryptedText)}</pre>`
            : null
        }
        ${
          files.length
            ? html`<ul class="files">
                ${files.map(
                  (a) =>
                    html`<li>
                      <a href="/cases/${d.trackingId}/attachments/${a.id}" download>${a.filename ?? `attachment-${a.id}`}</a> ${a.size} bytes,
                      ${a.contentType ?? '?'}${a.encrypted ? ', was encrypted' : ''} <span class="muted">sha256 ${a.sha256}</span>
                    </li>`,
                )}
              </ul>`
            : null
        }
      </article>`;
    })}
    <h3>Mail we sent</h3>
    ${
      d.outbox.length
        ? html`<table>
            <tbody>
              ${d.outbox.map(
                (o) =>
                  html`<tr>
                    <td>${when(o.createdAt)}</td>
                    <td>${o.kind}</td>
                    <td>${o.to}</td>
                    <td>${o.state}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">None.</p>`
    }
  </section>`;
}

function eventsSection(d: CaseDetail): Html {
  return html`<section>
    <h2>Event log</h2>
    <table class="events">
      <tbody>
        ${d.events.map(
          (e) =>
            html`<tr>
              <td>${when(e.at)}</td>
              <td>${e.actor}</td>
              <td>${e.type}</td>
              <td><code>${JSON.stringify(e.data)}</code></td>
            </tr>`,
        )}
      </tbody>
    </table>
  </section>`;
}

export interface CasePageData {
  detail: CaseDetail;
  deadlines: Deadline[];
  attachments: AttachmentInfo[];
  team: string[];
  policyTitle: string;
  /** A result line or an error to show at the top. */
  notice?: { ok: boolean; text: string } | undefined;
}

export function casePage(user: PageUser, p: CasePageData): string {
  const d = p.detail;
  const w = d.workflow;
  const flags = [
    w.flags.exploited && 'exploited',
    w.flags.public && 'public',
    w.flags.onHold && 'on hold',
    w.flags.embargoUntil && `embargo until ${w.flags.embargoUntil}`,
  ].filter(Boolean) as string[];
  const head = html`<h1 class="tid">${d.trackingId}</h1>
    ${p.notice ? html`<p class="${p.notice.ok ? 'notice' : 'error'}">${p.notice.text}</p>` : null}
    <p class="subject big">${d.subject ?? '(no subject)'}</p>
    <dl class="facts">
      <dt>State</dt>
      <dd>
        <span class="state s-${d.state}">${d.state}</span
        >${w.resolution ? ` (${w.resolution})` : ''}${w.duplicateOf ? html` of <a href="/cases/${w.duplicateOf}">${w.duplicateOf}</a>` : null}
      </dd>
      <dt>Reporter</dt>
      <dd>${d.reporter.name ? `${d.reporter.name} <${d.reporter.email}>` : d.reporter.email}</dd>
      <dt>Assignee</dt>
      <dd>${w.assignee ?? 'nobody'}</dd>
      <dt>Severity</dt>
      <dd>${w.severity ?? '-'}${w.cvssVector ? ` (${w.cvssVector}, base score ${scoreCvss(w.cvssVector).score ?? '?'})` : ''}</dd>
      <dt>CVE</dt>
      <dd>${w.cve ?? '-'}</dd>
      <dt>Flags</dt>
      <dd>${flags.join(', ') || '-'}</dd>
      <dt>Policy</dt>
      <dd>${p.policyTitle} (${d.policy})</dd>
      <dt>Report</dt>
      <dd>${d.encryption}, signature ${d.signature}${d.signerFingerprint ? ` by ${d.signerFingerprint}` : ''}</dd>
      <dt>Acknowledged</dt>
      <dd>${when(w.acknowledgedAt)}</dd>
      ${
        d.relatedCase
          ? html`<dt>Related</dt>
              <dd><a href="/cases/${d.relatedCase}">${d.relatedCase}</a></dd>`
          : null
      }
    </dl>
    ${
      d.attentionItems.length
        ? html`<ul class="attention">
            ${d.attentionItems.map(
              (a) =>
                html`<li>
                  ${a.text}
                  <form method="post" action="/cases/${d.trackingId}/dismiss" class="inline">
                    ${csrfInput(user.csrf)}<input type="hidden" name="kind" value="${a.kind}" /><button>Done</button>
                  </form>
                </li>`,
            )}
          </ul>`
        : null
    }`;
  return page(
    d.trackingId,
    user,
    html`${head}${caseActions(user, d, p.team)}${advisoryForm(d, csrfInput(user.csrf))}${fieldsSection(d)}${deadlinesSection(p.deadlines)}${threadSection(d, p.attachments)}${eventsSection(d)}`,
  );
}
