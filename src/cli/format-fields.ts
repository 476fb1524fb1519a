/**
 * The "Report fields" block of `sectriage cases show`: each field with its value and
 * where it came from, the CVSS score and severity, what the policy still misses,
 * several-vulnerabilities parts, the spam signal and duplicate candidates. Pure. Values
 * are reporter text: printed through safeText and cut to one screen line each.
 */
import type { ReportFieldsDetail } from '../cases/store/fields.js';
import { parseFieldEntry } from '../extract/completeness.js';
import { fieldValueText } from '../extract/field-text.js';
import type { Span } from '../extract/types.js';
import { FIELD_LABELS } from '../extract/types.js';
import { safeText } from './safe-text.js';

const MAX_VALUE_CHARS = 160;

function oneLine(s: string): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
}

export function formatSource(sources: Span[], messageNumber: number | undefined): string {
  return (
    sources
      .slice(0, 3)
      .map((s) => ('attachment' in s ? `attachment ${s.attachment}` : 'header' in s ? 'subject' : `message ${messageNumber ?? '?'} chars ${s.start}-${s.end}`))
      .join('; ') + (sources.length > 3 ? `; +${sources.length - 3} more` : '')
  );
}

function entryLabel(entry: string): string {
  return (parseFieldEntry(entry) ?? []).map((f) => FIELD_LABELS[f]).join(', or ') || entry;
}

/** messageNumbers: messages-table row id to its position (1-based) in the case's listing. */
export function formatReportFields(d: ReportFieldsDetail, messageNumbers: Map<number, number> = new Map()): string[] {
  if (!d.fields.length && !d.report) return [];
  const out = ['', 'Report fields:'];
  const width = Math.max(0, ...d.fields.map((f) => f.field.length));
  for (const f of d.fields) {
    out.push(`  ${f.field.padEnd(width)}  ${safeText(oneLine(fieldValueText(f.field, f.value)))}`);
    out.push(`  ${''.padEnd(width)}    from ${safeText(formatSource(f.sources, messageNumbers.get(f.messageId)))}`);
  }
  const r = d.report;
  if (r) {
    if (r.parts?.length) {
      out.push(`  SEVERAL VULNERABILITIES in one report (${r.parts.length}):`);
      for (const p of r.parts)
        out.push(
          `    - ${safeText(oneLine(p.title))}${p.vulnType ? ` [${p.vulnType}]` : ''}${p.cwe ? ` ${p.cwe}` : ''}${p.cvss ? ` CVSS ${p.cvss.score ?? '?'} ${p.cvss.severity ?? ''} ${safeText(p.cvss.vector)}`.trimEnd() : ''}`,
        );
    }
    if (r.spam.likely) out.push(`  LIKELY NOT A REPORT (spam score ${r.spam.score}): ${r.spam.reasons.join('; ')}`);
    out.push(`  Missing (required by the policy): ${r.missingRequired.length ? r.missingRequired.map(entryLabel).join('; ') : 'nothing'}`);
    if (r.missingHelpful.length) out.push(`  Missing (helpful): ${r.missingHelpful.map(entryLabel).join('; ')}`);
    out.push(`  Asked the reporter for: ${r.asked?.length ? r.asked.join(', ') : 'nothing'}`);
  }
  if (d.duplicates.length) {
    out.push('  Possible duplicates:');
    for (const c of d.duplicates)
      out.push(`    ${c.trackingId} (${c.state}) score ${c.score.toFixed(2)} [${c.reasons.join(', ')}] ${safeText(oneLine(c.subject ?? ''))}`);
  }
  return out;
}
